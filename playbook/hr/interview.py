"""``playbook init --interactive``: the questions a small organisation answers for a first
useful playbook.

It asks for the organisation (name, the playbook's language, what it calls the people it
serves, mission, who they are), its values (each with what it means and one thing
everyone does), its roles (department, whether they meet customers, and how their work
reaches the customer), the customer journey (stages, what the customer wants at each,
which roles shape it) and one KPI with the customer outcome it serves. Later questions
use the organisation's own word for its customers. Names are checked as the profile
checks them and duplicates are refused on the spot. An answer that is not UTF-8 text (a
terminal set to another encoding) is refused as it is typed and asked again, so no answer
given before it is lost. Nothing is invented: what was not asked for is left out, so
``playbook lint`` points at it, rather than written as filler that looks like real content.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import click
from anyascii import anyascii

from playbook.profile.model import check_name, check_text
from playbook.words.translations import select_language

MAX_VALUES = 20
LANGUAGES = ("en", "en-US", "de", "fr", "es")
"""The languages the playbook is written in (organisation.language)."""
# Ids that cannot name a page: the overview pages, and names Windows reserves for devices.
RESERVED_IDS = {"index", "con", "prn", "aux", "nul"} | {
    f"{device}{number}" for device in ("com", "lpt") for number in range(1, 10)
}


def slugify(text: str) -> str:
    """A valid id from a name, its letters written in ASCII rather than dropped.

    'Own it!' -> 'own-it', 'Qualität zuerst' -> 'qualitat-zuerst', 'Größe' -> 'grosse',
    'Ærlighed' -> 'aerlighed'. anyascii transliterates every script (Python-Markdown's
    ``toc.slugify`` drops letters Unicode does not decompose, such as ß, æ and ø); ids
    match ``^[a-z0-9][a-z0-9-]{0,63}$``.
    """
    ascii_text = anyascii(text).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:64].strip("-")
    return slug or "value"


@dataclass
class ValueAnswer:
    """A value as written into the new profile."""

    id: str
    name: str
    summary: str
    why: str | None
    everyone: list[str]
    leaders: list[str]
    anti: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


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
    language: str = "en"
    customer_singular: str = "customer"
    customer_plural: str = "customers"


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
        self.say(
            "A few questions for a first playbook. Answers can be changed later in org_config.yml."
        )
        name = self._ask("Organisation name", value_proc=_name)
        language = self._ask(
            f"Language of the playbook ({', '.join(LANGUAGES)})",
            default="en",
            value_proc=_language,
        )
        default_singular, default_plural = _default_terms(language)
        singular = self._ask(
            "What do you call one of the people you serve (e.g. customer, patient, guest, member)?",
            default=default_singular,
            value_proc=_name,
        )
        plural_guess = _plural_guess(singular, language, default_singular, default_plural)
        plural = self._ask(
            f"And several of them (the plural of '{singular}')?",
            value_proc=_name,
            **({"default": plural_guess} if plural_guess else {}),
        )
        mission = self._ask("Mission, in one or two sentences", value_proc=_text)
        customers = self._ask(f"Who are your {plural}? One or two sentences", value_proc=_text)

        self.say(
            "\nValues: what people can see everyone do. Press Enter on an empty name to finish."
        )
        values: list[ValueAnswer] = []
        for value_name in self._names("Value name", minimum=1, maximum=MAX_VALUES):
            summary = self._ask(f"What does '{value_name}' mean? One sentence", value_proc=_text)
            behaviour = self._ask(
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
            department = self._ask(f"Department of '{title}'", value_proc=_name)
            facing = self._ask(
                f"Do people in '{title}' talk with {plural} directly?", ask=self.confirm
            )
            position = self._ask(
                f"How does the work of '{title}' reach {plural}? One sentence",
                value_proc=_text,
            )
            roles.append(RoleAnswer(slugify(title), title, department, facing, position))

        self.say(
            "\nThe customer journey, in order (e.g. Discover, Buy, Get help). Empty to finish."
        )
        journey: list[StageAnswer] = []
        for stage_name in self._names("Journey stage", minimum=0):
            goal = self._ask(f"What are {plural} trying to do at '{stage_name}'?", value_proc=_text)
            journey.append(StageAnswer(slugify(stage_name), stage_name, goal))
            for role in self._pick_roles(f"Which roles shape '{stage_name}'?", roles):
                role.touchpoints.append(journey[-1].id)

        self.say(f"\nOne KPI that shows {plural} are better off (empty name to skip).")
        kpis: list[KpiAnswer] = []
        kpi_name = self._ask("KPI name", default="", show_default=False, value_proc=_optional)
        if kpi_name:
            definition = self._ask(f"How is '{kpi_name}' measured?", value_proc=_text)
            outcome = self._ask(
                f"Which result for {plural} does '{kpi_name}' serve?", value_proc=_text
            )
            kpis.append(KpiAnswer(slugify(kpi_name), kpi_name, definition, outcome))
            for role in self._pick_roles(f"Which roles own or move '{kpi_name}'?", roles):
                role.kpis.append(kpis[-1].id)
        return InterviewAnswers(
            name, mission, customers, values, roles, journey, kpis, language, singular, plural
        )

    def _ask(self, question: str, *, ask: Callable[..., Any] | None = None, **options: Any) -> Any:
        """One question, asked again until the answer is text: an answer whose bytes are
        not UTF-8 gets a sentence saying so instead of ending the interview."""
        ask = ask or self.prompt
        value_proc = options.pop("value_proc", None)
        if ask is self.prompt:
            options["value_proc"] = (
                (lambda text: value_proc(_utf8(text))) if value_proc is not None else _utf8
            )
        while True:
            try:
                return ask(question, **options)
            except UnicodeDecodeError:
                self.say(f"Error: {_NOT_UTF8}")

    def _names(self, question: str, *, minimum: int, maximum: int | None = None) -> Iterator[str]:
        """Names typed one per prompt until an empty one, each yielded as soon as it is
        typed (so its own questions come next); duplicates are refused."""
        names: list[str] = []
        while maximum is None or len(names) < maximum:
            text = self._ask(
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
            text = self._ask(
                f"{question} Titles separated by commas ({titles}), or empty",
                default="",
                show_default=False,
                value_proc=_utf8,
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


_NOT_UTF8 = (
    "that answer is not UTF-8 text (is the terminal set to another encoding?); "
    "please type it again."
)


def _utf8(text: str) -> str:
    """The answer, unless it holds bytes that were not UTF-8 (read as lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise click.BadParameter(_NOT_UTF8) from None
    return text


def _language(text: str) -> str:
    by_key = {code.casefold(): code for code in LANGUAGES}
    code = by_key.get(text.strip().replace("_", "-").casefold())
    if code is None:
        raise click.BadParameter(f"choose one of {', '.join(LANGUAGES)}")
    return code


def _default_terms(language: str) -> tuple[str, str]:
    """ "customer" and "customers" in the playbook's language (its own catalogue)."""
    gettext = select_language(language).translations.gettext
    return gettext("customer"), gettext("customers")


def _plural_guess(singular: str, language: str, default_singular: str, default_plural: str) -> str:
    """A plural to offer as the default, or "" when no simple rule of the language is
    safe (then it is typed): patient -> patients, client -> clients, cliente -> clientes."""
    if singular.casefold() == default_singular.casefold():
        return default_plural
    if " " in singular or not singular.isalpha():
        return ""
    lower, base = singular.casefold(), language.split("-")[0]
    if base == "en":
        if lower.endswith(("s", "x", "z", "ch", "sh")):
            return singular + "es"
        if lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u"):
            return singular[:-1] + "ies"
        return singular + "s"
    if base == "fr":
        if lower.endswith(("s", "x", "z")):
            return singular
        return singular + ("x" if lower.endswith(("eau", "eu")) else "s")
    if base == "es":
        if lower.endswith(("a", "e", "o")):
            return singular + "s"
        return "" if lower.endswith(("s", "x", "z")) else singular + "es"
    if base == "de" and lower.endswith("e"):
        return singular + "n"  # Kunde -> Kunden, Klientin and Gast are typed
    return ""
