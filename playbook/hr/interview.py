"""``playbook init --interactive``: the questions a small organisation answers for a first
useful playbook.

It asks for the organisation (name, mission, customers), its values (each with what it
means and one thing everyone does), its roles (department, whether they meet customers,
and how their work reaches the customer), the customer journey (stages, what the
customer wants at each, which roles shape it) and one KPI with the customer outcome it
serves. Names are checked as the profile checks them and duplicates are refused on the
spot. Nothing is invented: what was not asked for is left out, so ``playbook lint``
points at it, rather than written as filler that looks like real content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import click

from playbook.profile import check_name, check_text

MAX_VALUES = 20
# Ids that cannot name a page: the overview pages, and names Windows reserves for devices.
RESERVED_IDS = {"index", "con", "prn", "aux", "nul"} | {
    f"{device}{number}" for device in ("com", "lpt") for number in range(1, 10)
}


@dataclass
class RoleAnswer:
    id: str
    title: str
    department: str
    customer_facing: bool
    customer_position: str
    touchpoints: list[str] = field(default_factory=list)
    kpis: list[str] = field(default_factory=list)


@dataclass
class StageAnswer:
    id: str
    name: str
    customer_goal: str


@dataclass
class KpiAnswer:
    id: str
    name: str
    definition: str
    customer_outcome: str


@dataclass
class InterviewAnswers:
    """Everything typed in, ready for the interactive profile template."""

    name: str
    mission: str
    customers: str
    values: list[Any]
    roles: list[RoleAnswer]
    journey: list[StageAnswer]
    kpis: list[KpiAnswer]


class Interview:
    """Asks the questions through click; ``prompt``/``confirm`` may be replaced in tests."""

    def __init__(
        self,
        prompt: Callable[..., Any] = click.prompt,
        confirm: Callable[..., bool] = click.confirm,
        say: Callable[[str], None] = click.echo,
    ) -> None:
        self.prompt, self.confirm, self.say = prompt, confirm, say

    def run(self) -> InterviewAnswers:
        """Ask every question; raises click.Abort at the end of input (Ctrl-D)."""
        from playbook.scaffold import ValueAnswer, slugify

        self.say(
            "A few questions for a first playbook. Answers can be changed later in org_config.yml."
        )
        name = self.prompt("Organisation name", value_proc=_name)
        mission = self.prompt("Mission, in one or two sentences", value_proc=_text)
        customers = self.prompt("Who are your customers? One or two sentences", value_proc=_text)

        self.say(
            "\nValues: what people can see everyone do. Press Enter on an empty name to finish."
        )
        values: list[ValueAnswer] = []
        for value_name in self._names("Value name", minimum=1, maximum=MAX_VALUES):
            summary = self.prompt(f"What does '{value_name}' mean? One sentence", value_proc=_text)
            behaviour = self.prompt(
                f"One thing everyone does that shows '{value_name}'", value_proc=_text
            )
            values.append(
                ValueAnswer(slugify(value_name), value_name, summary, None, [behaviour], [])
            )

        self.say(
            "\nRoles: every role, customer-facing or not. Press Enter on an empty title to finish."
        )
        roles: list[RoleAnswer] = []
        for title in self._names("Role title", minimum=1):
            department = self.prompt(f"Department of '{title}'", value_proc=_name)
            facing = self.confirm(f"Do people in '{title}' talk with customers directly?")
            position = self.prompt(
                f"How does the work of '{title}' reach the customer? One sentence",
                value_proc=_text,
            )
            roles.append(RoleAnswer(slugify(title), title, department, facing, position))

        self.say(
            "\nThe customer journey, in order (e.g. Discover, Buy, Get help). Empty to finish."
        )
        journey: list[StageAnswer] = []
        for stage_name in self._names("Journey stage", minimum=0):
            goal = self.prompt(
                f"What is the customer trying to do at '{stage_name}'?", value_proc=_text
            )
            journey.append(StageAnswer(slugify(stage_name), stage_name, goal))
            for role in self._pick_roles(f"Which roles shape '{stage_name}'?", roles):
                role.touchpoints.append(journey[-1].id)

        self.say("\nOne KPI that shows customers are better off (empty name to skip).")
        kpis: list[KpiAnswer] = []
        kpi_name = self.prompt("KPI name", default="", show_default=False, value_proc=_optional)
        if kpi_name:
            definition = self.prompt(f"How is '{kpi_name}' measured?", value_proc=_text)
            outcome = self.prompt(
                f"Which customer result does '{kpi_name}' serve?", value_proc=_text
            )
            kpis.append(KpiAnswer(slugify(kpi_name), kpi_name, definition, outcome))
            for role in self._pick_roles(f"Which roles own or move '{kpi_name}'?", roles):
                role.kpis.append(kpis[-1].id)
        return InterviewAnswers(name, mission, customers, values, roles, journey, kpis)

    def _names(self, question: str, *, minimum: int, maximum: int | None = None) -> Iterator[str]:
        """Names typed one per prompt until an empty one, each yielded as soon as it is
        typed (so its own questions come next); duplicates are refused."""
        from playbook.scaffold import slugify

        names: list[str] = []
        while maximum is None or len(names) < maximum:
            text = self.prompt(
                f"{question} {len(names) + 1}", default="", show_default=False, value_proc=_optional
            )
            if not text:
                if len(names) >= minimum:
                    break
                self.say(f"Give at least {minimum}.")
                continue
            if slugify(text) in RESERVED_IDS:
                self.say(f"'{text}' would take an address the playbook needs; give another name.")
                continue
            clash = next((n for n in names if slugify(n) == slugify(text)), None)
            if clash is not None:
                self.say(f"'{text}' is already there (as '{clash}'); give another name.")
                continue
            names.append(text)
            yield text

    def _pick_roles(self, question: str, roles: list[RoleAnswer]) -> list[RoleAnswer]:
        by_title = {role.title.casefold(): role for role in roles}
        titles = ", ".join(role.title for role in roles)
        while True:
            text = self.prompt(
                f"{question} Titles separated by commas ({titles}), or empty",
                default="",
                show_default=False,
            )
            wanted = [part.strip() for part in text.split(",") if part.strip()]
            unknown = [part for part in wanted if part.casefold() not in by_title]
            if not unknown:
                titles = dict.fromkeys(part.casefold() for part in wanted)
                return [by_title[title] for title in titles]
            self.say(f"No role is called {', '.join(repr(u) for u in unknown)}; try again.")


def _name(text: str) -> str:
    try:
        value = check_name(text.strip())
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    if not value:
        raise click.BadParameter("an answer is needed")
    return value


def _optional(text: str) -> str:
    return _name(text) if text.strip() else ""


def _text(text: str) -> str:
    value = " ".join(text.split())
    if not value:
        raise click.BadParameter("an answer is needed")
    try:
        return check_text(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
