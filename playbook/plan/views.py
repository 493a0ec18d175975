"""View models of the guide pages whose templates used to compute: finished lists and sentences.

A template reads as prose: it words what it is given and never builds a list, picks an
item or counts. The culture health check's areas with the evidence for each, the owners of
the feedback channels and the leadership self-assessment's lines are worked out here, from
the escaped profile and its catalog, in the playbook's language. The counts come from
``playbook.profile.coverage``, the same gaps ``playbook lint`` reports, so the page and the
lint never disagree. Nothing here knows about a site engine: templates reach these through
the ``view(name)`` macro (``playbook.engines.macros``).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from playbook.plan.assessment_texts import (
    ASSESSMENT_WORDS,
    LEADER_ASSESSMENT_WORDS,
    LEADER_LEVELS,
    LEADER_NEXT_STEPS,
    LEADER_SCRIPT_WORDS,
    SCRIPT_WORDS,
)
from playbook.plan.catalog import Catalog, ritual_kind
from playbook.plan.health_texts import ASPECTS, DIMENSIONS, AreaText
from playbook.profile.coverage import coverage_of
from playbook.profile.model import FeedbackChannel, Profile, Value
from playbook.words.phrases import Nn_, PeopleServed, join_items
from playbook.words.translations import N_

Link = Callable[[Any], str]
"""A Markdown link to the page that shows a profile item (the ``link`` macro)."""


@dataclass(frozen=True)
class Words:
    """The playbook's language as a view model needs it: its translations and the words
    for the people it serves.

    A text is filled in the way the templates' ``_()`` fills it (new-style gettext: the
    translation, then ``%`` with the placeholders), and every text may name the people
    served (``%(customer)s``, ``%(Customers)s``...), so a sentence made here reads exactly
    as it did when a template made it.
    """

    translations: gettext.NullTranslations
    served: PeopleServed
    language: str = "en"
    """The playbook's language code, for lists joined as its sentences join them."""

    def forms(self) -> dict[str, str]:
        served = self.served
        return {
            "customer": served.singular,
            "customers": served.plural,
            "Customer": served.capital_singular,
            "Customers": served.capital_plural,
        }

    def text(self, message: str, **variables: object) -> str:
        """A message (marked with ``N_``) in the playbook's language, filled in."""
        return self.translations.gettext(message) % {**self.forms(), **variables}

    def count(self, forms: tuple[str, str], number: int, **variables: object) -> str:
        """A singular/plural pair (marked with ``Nn_``) for `number`, filled in (``%(num)s``
        is the number)."""
        singular, plural = forms
        translated = self.translations.ngettext(singular, plural, number)
        return translated % {**self.forms(), "num": number, **variables}

    def share(self, part: int, whole: int, every: str, none: str, some: tuple[str, str]) -> str:
        """One of three sentences about how many of a whole do something: `every` (all of
        them), `none`, or `some` counted (a singular/plural pair for `part`, which may name
        the whole as ``%(total)s``: "6 of our 7 roles", never "the others" for one)."""
        if part == whole:
            return self.text(every)
        if part == 0:
            return self.text(none)
        return self.count(some, part, total=whole)


# --- the culture health check ---------------------------------------------------------


class Area(TypedDict):
    """One area of the check as the self-assessment partial reads it (a mapping, since
    the partial also takes the leadership page's areas)."""

    id: str
    name: str
    prompt: str
    levels: list[str]
    next: list[str]
    evidence: str | None
    """What to look at here: what this profile says about the area, or None."""


@dataclass(frozen=True)
class HealthCheck:
    """The culture-health page: its areas, each with this profile's evidence, and the
    self-assessment form's settings and texts."""

    dimensions: list[Area]
    aspects: list[Area]
    assessment: dict[str, Any]


def health_check(profile: Profile, catalog: Catalog, words: Words, link: Link) -> HealthCheck:
    """The culture-health page of an escaped profile, in the playbook's language."""
    evidence = health_evidence(profile, catalog, words)

    def area(text: AreaText) -> Area:
        return {
            "id": text.id,
            "name": words.text(text.name),
            "prompt": words.text(text.prompt),
            "levels": [words.text(level) for level in text.levels],
            "next": [words.text(step) for step in text.next_steps],
            "evidence": evidence.get(text.id),
        }

    assessment = {
        "id": "culture-health",
        "show_next": True,
        "next_label": words.text(N_("Next step:")),
        "example_label": "",
        "words": {
            **_translated(ASSESSMENT_WORDS, words),
            "script": _translated(SCRIPT_WORDS, words),
        },
    }
    return HealthCheck(
        [area(text) for text in DIMENSIONS], [area(text) for text in ASPECTS], assessment
    )


def _translated(texts: Mapping[str, str], words: Words) -> dict[str, str]:
    return {key: words.text(message) for key, message in texts.items()}


def health_evidence(profile: Profile, catalog: Catalog, words: Words) -> dict[str, str]:
    """What to look at in each area, from what the profile sets up, by area id.

    An area gets evidence only when the profile says something about it: a profile without
    a journey has nothing to say about roles on the journey.
    """
    coverage = catalog.coverage or coverage_of(profile)
    total, facing = coverage.roles, coverage.customer_facing
    rituals = len(profile.leadership.rituals)
    evidence: dict[str, str] = {}

    if profile.journey:
        linked = words.share(
            coverage.roles_on_journey,
            total,
            N_("Every role is linked to at least one stage of the [journey](journey.md)."),
            N_("No role is linked to a stage of the [journey](journey.md) yet."),
            Nn_(
                "%(num)s of our %(total)s roles is linked to a stage of the [journey](journey.md).",
                "%(num)s of our %(total)s roles are linked to a stage of the "
                "[journey](journey.md).",
            ),
        )
        known = words.text(
            N_(
                "A link on paper is not the same as knowing it: ask five people in different teams "
                "how their work reaches %(customers)s, and compare their answers with their role "
                "pages."
            )
        )
        evidence["collective-focus"] = f"{linked} {known}"

    if profile.feedback_channels:
        heard = words.share(
            coverage.channels_with_action,
            coverage.channels,
            N_("Every one of our [feedback channels](feedback.md) has an agreed action."),
            N_("None of our [feedback channels](feedback.md) has an agreed action yet."),
            Nn_(
                "%(num)s of our %(total)s [feedback channels](feedback.md) has an agreed action.",
                "%(num)s of our %(total)s [feedback channels](feedback.md) have an agreed action.",
            ),
        )
        if total > facing:
            behind = words.text(
                N_("What do the people who never meet %(customers)s hear from them?")
            )
            heard = f"{heard} {behind}"
        evidence["external-orientation"] = heard

    if rituals:
        evidence["change-and-innovation"] = words.count(
            Nn_(
                "Look at the actions agreed in our [leadership ritual]"
                "(leadership.md#rituals-and-cadences) last quarter. How many became changes "
                "%(customers)s noticed, and how long did each take?",
                "Look at the actions agreed in our [leadership rituals]"
                "(leadership.md#rituals-and-cadences) last quarter. How many became changes "
                "%(customers)s noticed, and how long did each take?",
            ),
            rituals,
        )

    questioned = coverage.values_with_questions
    if questioned == coverage.values:
        hiring = words.text(
            N_("Every value has interview questions in the [hiring guide](hiring.md).")
        )
    elif questioned == 0:
        hiring = words.text(N_("No value has its own interview questions yet."))
    else:
        hiring = words.text(
            N_("Some of our values have their own interview questions and some do not yet.")
        )
    wall = words.text(
        N_("Values that never appear in hiring, onboarding or recognition are values on a wall.")
    )
    evidence["shared-beliefs"] = f"{hiring} {wall}"

    if profile.leadership.behaviours or rituals:
        evidence["mandate"] = words.text(
            N_(
                "Compare what the [leadership playbook](leadership.md) asks of leaders with what "
                "they did last quarter. Score what happens, not what is written."
            )
        )
    if profile.organisation.vision:
        evidence["think-big"] = words.text(
            N_(
                "Our big ambition is: *%(vision)s* Which small step this quarter brought it "
                "visibly closer?"
            ),
            vision=profile.organisation.vision,
        )
    if total > facing:
        if facing == 0:
            evidence["clicks"] = words.text(
                N_(
                    "None of our roles works with %(customers)s directly, so for everyone the "
                    "moment has to be created on purpose."
                )
            )
        else:
            evidence["clicks"] = words.text(
                N_(
                    "For the people in roles behind the scenes, the moment has to be created on "
                    "purpose."
                )
            )
    if profile.recognition.programs:
        evidence["shared-success"] = words.text(
            N_(
                "Who received [recognition](recognition.md) last year, and which teams never "
                "appear?"
            )
        )
    if profile.kpis:
        evidence["data-and-people"] = words.count(
            Nn_(
                "Did our [KPI](kpis.md) lead to a change in how people work last quarter?",
                "Which of our [KPIs](kpis.md) led to a change in how people work last quarter?",
            ),
            len(profile.kpis),
        )
    if catalog.decisions:
        evidence["daily-decisions"] = words.text(
            N_(
                "Pick three decisions made last month from the [decision guide](decisions.md) and "
                "check whether the question was really asked."
            )
        )
    return evidence


# --- the feedback page ----------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackPage:
    """The feedback page: the channels whose loop is not closed yet, who owns which
    channel, and the review ritual where unfunded fixes go (None: whoever sets priorities)."""

    without_owner: list[FeedbackChannel]
    without_action: list[FeedbackChannel]
    without_cadence: list[FeedbackChannel]
    owners: list[str]
    """"the [Owner](link) for Channel and Channel", one per owner, in the order of their
    first channel."""
    review_ritual: str | None


def feedback_page(profile: Profile, catalog: Catalog, words: Words, link: Link) -> FeedbackPage:
    """The feedback page of an escaped profile; `link` links a role to its page."""
    channels = profile.feedback_channels
    coverage = catalog.coverage or coverage_of(profile)
    channels_by_owner: dict[str, list[str]] = {}
    for channel in channels:
        if channel.owner:
            channels_by_owner.setdefault(channel.owner, []).append(channel.name)
    owners = [
        words.text(
            N_("the %(owner)s for %(channel)s"),
            owner=link(catalog.roles_by_id[owner]),
            channel=join_items(names, "and", words.language),
        )
        for owner, names in channels_by_owner.items()
    ]
    reviews = [ritual for ritual in profile.leadership.rituals if ritual_kind(ritual) == "review"]
    # Unfunded fixes go to a review the leaders (or everyone) attend, before one whose
    # attendees the profile leaves open, before one team's own review.
    reviews.sort(key=lambda ritual: _review_reach(ritual.attendees, catalog))
    return FeedbackPage(
        without_owner=[channel for channel in channels if not channel.owner],
        without_action=[channels[index] for index in coverage.channels_without_action],
        without_cadence=[channel for channel in channels if not channel.cadence],
        owners=owners,
        review_ritual=reviews[0].name if reviews else None,
    )


def _review_reach(attendees: list[str], catalog: Catalog) -> int:
    """0 for a meeting of the leaders or of everyone, 1 when nobody is named, else 2."""
    if any(catalog.attendee_keyword(name) for name in attendees):
        return 0
    return 1 if not attendees else 2


# --- the leadership page --------------------------------------------------------------


@dataclass(frozen=True)
class LeadershipPage:
    """The leadership page's self-assessment: a line per value (its leaders' behaviour, or
    a line that holds for any value), the lines that hold across all values, and the
    form's settings and texts."""

    value_areas: list[tuple[Value, list[dict[str, Any]]]]
    across_values: list[str]
    across_areas: list[dict[str, Any]]
    assessment: dict[str, Any]


def leadership_page(profile: Profile, catalog: Catalog, words: Words, link: Link) -> LeadershipPage:
    """The leadership page of an escaped profile: a line on rituals only when it has some."""
    lines = [
        words.text(
            N_(
                "How many hours did I spend with %(customers)s, or listening to them, and did my "
                "team know?"
            )
        ),
        words.text(
            N_(
                "Which piece of bad %(customer)s feedback did I share with my team, and what "
                "changed because of it?"
            )
        ),
        words.text(N_("Which decision did I change after asking how it affects %(customers)s?")),
        words.text(
            N_(
                "Whom did I recognise for %(customer)s-centred work, and did I name the value it "
                "showed?"
            )
        ),
    ]
    if profile.leadership.rituals:
        lines.append(
            words.text(
                N_("Did every one of our rituals happen, with %(customers)s first on the agenda?")
            )
        )
    levels = [words.text(level) if level else "" for level in LEADER_LEVELS]
    steps = [words.text(step) for step in LEADER_NEXT_STEPS]

    def area(area_id: str, name: str, label: str) -> dict[str, Any]:
        return {"id": area_id, "name": name, "label": label, "levels": levels, "next": steps}

    anywhere = N_(
        "Live this value where my team can see it, with %(customers)s or on a problem of theirs."
    )
    value_areas = [
        (value, [area(f"{value.id}-1", catalog.leader_check(value) or words.text(anywhere),
                      f"{value.name} 1")])
        for value in profile.values
    ]  # fmt: skip
    across = [
        area(f"all-{number}", line, words.text(N_("All values %(number)s"), number=number))
        for number, line in enumerate(lines, start=1)
    ]
    assessment = {
        "id": "leadership",
        "show_next": False,
        "steps": steps,
        "next_label": words.text(N_("Next step:")),
        "example_label": words.text(N_("An example from this quarter")),
        "words": {
            **_translated(LEADER_ASSESSMENT_WORDS, words),
            "script": _translated(LEADER_SCRIPT_WORDS, words),
        },
    }
    return LeadershipPage(value_areas, lines, across, assessment)


VIEWS: dict[str, Callable[[Profile, Catalog, Words, Link], Any]] = {
    "culture-health": health_check,
    "feedback": feedback_page,
    "leadership": leadership_page,
}
"""The view models templates ask for by name: ``{% set check = view("culture-health") %}``."""
