"""The org profile (schema_version 1): pydantic models and ``load_profile``.

Each field is declared once here, with a description; the JSON Schema
(``playbook schema``) and the reference docs are generated from these models.
The loader keeps every scalar as the text the person wrote, so the few
non-text fields (booleans, the schema version, dates) convert it here and say
exactly what they expected.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
_JINJA_OPENERS = ("{{", "{%", "{#")


def _parse_flag(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("true", "false"):
            return word == "true"
        raise ValueError(f"must be true or false (got '{value}')")
    return value


def _parse_integer(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
        return int(value)
    return value


def _parse_date(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{value}' is not a real calendar date") from None
    return value


REVIEW_UNITS = {"day": 1, "week": 7, "month": 0, "year": 0}
"""Units a review interval may use; months and years count on the calendar, not in days."""
REVIEW_WORDS = {
    "weekly": (1, "week"),
    "fortnightly": (2, "week"),
    "monthly": (1, "month"),
    "quarterly": (3, "month"),
    "half-yearly": (6, "month"),
    "twice a year": (6, "month"),
    "yearly": (1, "year"),
    "annually": (1, "year"),
    "annual": (1, "year"),
}
_INTERVAL = re.compile(r"(?:every\s+)?(\d{1,3})\s*(day|week|month|year)s?", re.IGNORECASE)


def parse_review_interval(text: str) -> tuple[int, str] | None:
    """'6 months' -> (6, 'month'); 'quarterly' -> (3, 'month'); None when not understood."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in REVIEW_WORDS:
        return REVIEW_WORDS[cleaned]
    match = _INTERVAL.fullmatch(cleaned)
    if match and int(match.group(1)) > 0:
        return int(match.group(1)), match.group(2).lower()
    return None


def _check_review_interval(value: str) -> str:
    if parse_review_interval(value) is None:
        raise ValueError(
            f"'{value}' is not a review interval; write a number and a unit "
            "('6 months', '2 weeks', '1 year') or monthly, quarterly or yearly"
        )
    return value


def _check_schema_version(value: int) -> int:
    if value != 1:
        raise ValueError(f"schema_version {value} is not supported; this playbook reads 1")
    return value


_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)
# Bidirectional overrides and zero-width characters make text display differently from
# what it holds; C0/C1 controls are invisible. YAML escapes ("\x02") can carry them.
# Left-to-right and right-to-left marks (U+200E, U+200F) are allowed in text: mixed
# Hebrew or Arabic and Latin text needs them to display in the right order.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
    "\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
# Names are compared and shown in navigation and titles: no invisible marks at all.
_DIRECTION_MARKS = re.compile("[\u200e\u200f]")


def check_text(value: str) -> str:
    """Text may hold any visible characters, but no invisible controls."""
    match = _INVISIBLE.search(value)
    if match:
        raise ValueError(f"contains the invisible character U+{ord(match.group(0)):04X}; remove it")
    return value


def check_name(value: str) -> str:
    """Names appear in page titles and navigation; '<', '>' and '&' are shown literally
    there, but Jinja openers and character references would be ambiguous."""
    check_text(value)
    mark = _DIRECTION_MARKS.search(value)
    if mark:
        raise ValueError(
            f"contains the invisible character U+{ord(mark.group(0)):04X}; remove it "
            "(names are compared and sorted, where invisible marks make equal names differ)"
        )
    if "\n" in value or "\r" in value:
        raise ValueError("a name must fit on one line")
    if _ENTITY.search(value):
        raise ValueError(
            "a name cannot contain HTML character references such as '&lt;'; "
            "write the character itself"
        )
    for opener in _JINJA_OPENERS:
        if opener in value:
            raise ValueError(f"a name cannot contain '{opener}'; it appears in page titles")
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
    AfterValidator(check_name),
]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    AfterValidator(check_text),
]
Flag = Annotated[bool, BeforeValidator(_parse_flag)]
IsoDate = Annotated[dt.date, BeforeValidator(_parse_date)]
ReviewInterval = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=40),
    AfterValidator(_check_review_interval),
]
Headcount = Annotated[int, BeforeValidator(_parse_integer), Field(ge=1, le=1_000_000)]


def _check_confirm_address(value: str) -> str:
    if not re.fullmatch(r"(mailto:[^\s<>\"]+@[^\s<>\"]+|https://[^\s<>\"]+)", value):
        raise ValueError(
            f"'{value}' is not a mailto: address or an https:// form address "
            "(e.g. 'mailto:people@example.org')"
        )
    return value


ConfirmAddress = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(_check_confirm_address),
]


class Model(BaseModel):
    """Base for every profile section: unknown keys are errors, objects are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _texts(description: str, minimum: int = 0) -> Any:
    return Field(default_factory=list, description=description, min_length=minimum)


HEX_COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"


class Reviewed(Model):
    """Who keeps a part of the playbook true, and when it was last checked."""

    owner: Slug | None = Field(
        None, description="Id of the role that keeps this part of the playbook true."
    )
    last_reviewed: IsoDate | None = Field(
        None, description="When it was last checked against reality, YYYY-MM-DD."
    )
    review_every: ReviewInterval | None = Field(
        None,
        description="How often it is due for review: a number and a unit ('6 months', "
        "'1 year') or monthly, quarterly or yearly; default: the organisation's.",
    )


class CustomerTerm(Model):
    singular: Name = Field(description="One of the people served, e.g. patient, guest, member.")
    plural: Name = Field(description="Several of them, e.g. patients, guests, members.")


GENDERS = ("masculine", "feminine", "neuter")
NUMBERS = ("singular", "plural")


class NameGrammar(Model):
    """How the organisation's name behaves in a sentence of the playbook's language.

    Without it, sentences use the name bare after a preposition ("bei Acme", "chez Acme",
    "en Acme"); with it, a name that takes an article gets it, in the case and contraction
    the sentence needs ("bei den Stadtwerken", "à l'Hôtel", "en la Red").
    """

    article: Flag = Field(
        description="Whether the name takes the definite article in running text: true for "
        "'die Stadtwerke Nordheim', 'la Médiathèque', 'la Red Municipal'; false for a name "
        "used bare, such as 'Acme'."
    )
    gender: Literal[GENDERS] | None = Field(  # type: ignore[valid-type]
        None,
        description="The grammatical gender of the name's head noun: masculine, feminine or "
        "neuter (German 'das Klinikum'; French and Spanish read neuter as masculine). "
        "Needed when article is true.",
    )
    number: Literal[NUMBERS] = Field(  # type: ignore[valid-type]
        "singular",
        description="singular, or plural for a name such as 'die Stadtwerke' or "
        "'los Servicios Sociales'.",
    )
    dative: Name | None = Field(
        None,
        description="German only: the name as it reads after a dative article when it "
        "changes ('Stadtwerken Nordheim' after 'bei den'); default the name itself.",
    )
    elision: Flag | None = Field(
        None,
        description="French only: whether the article is elided before the name ('l'Hôtel'); "
        "default: when the name starts with a vowel or h.",
    )

    @model_validator(mode="after")
    def _gender_with_article(self) -> NameGrammar:
        if self.article and self.gender is None:
            raise ValueError(
                "a name with an article needs its gender too: add 'gender: masculine', "
                "'gender: feminine' or 'gender: neuter'"
            )
        return self


class CustomerTermGrammar(Model):
    """Forms of ``organisation.customer_term`` a catalogue cannot make from it."""

    compound: Name | None = Field(
        None,
        description="German only: the customer word as the first part of a compound noun, "
        "e.g. 'Patienten' (Patientenreise, Patientenfeedback), 'Gäste' (Gästereise); "
        "without it the German titles phrase around the word ('Die Reise als Patient').",
    )


class Grammar(Model):
    """Optional grammar of the profile's own words, for languages that inflect them."""

    name: NameGrammar | None = Field(
        None, description="How the organisation's name takes an article (de, fr, es)."
    )
    customer_term: CustomerTermGrammar | None = Field(
        None, description="Forms of organisation.customer_term the text cannot derive (de)."
    )


class Brand(Model):
    colour: Annotated[str, StringConstraints(strip_whitespace=True, pattern=HEX_COLOUR_PATTERN)] | (
        None
    ) = Field(None, description="The site's primary colour, written as #RRGGBB.")
    logo: Text | None = Field(
        None, description="Path of the logo image file, relative to the profile."
    )


class Organisation(Reviewed):
    name: Name = Field(description="The organisation's name, as staff say it.")
    mission: Text = Field(description="Why the organisation exists, in one or two sentences.")
    vision: Text | None = Field(None, description="Where it is heading.")
    customers: Text = Field(description="Who the customers are, in one or two sentences.")
    promise: Text | None = Field(None, description="The customer value proposition.")
    language: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = (
        Field("en", description="BCP 47 language tag of the playbook text, e.g. 'en' or 'de-CH'.")
    )
    customer_term: CustomerTerm | None = Field(
        None,
        description="What the organisation calls the people it serves; "
        "default customer / customers.",
    )
    grammar: Grammar | None = Field(
        None,
        description="Optional: how the name behaves in German, French or Spanish sentences; "
        "without it the text phrases around what it does not know.",
    )
    brand: Brand | None = Field(None, description="The site's look: primary colour and logo.")
    confirmations_to: ConfirmAddress | None = Field(
        None,
        description="Where readers may send their 'I have read this' confirmations: a mailto: "
        "address or the https address of a form. Without it, confirmations stay in the "
        "reader's browser.",
    )

    @model_validator(mode="after")
    def _customer_grammar_needs_a_term(self) -> Organisation:
        if self.grammar and self.grammar.customer_term and self.customer_term is None:
            raise ValueError(
                "grammar.customer_term gives forms of organisation.customer_term, which is "
                "not set; add customer_term (singular, plural) or remove "
                "grammar.customer_term"
            )
        return self


class Behaviours(Model):
    everyone: list[Text] = Field(
        description="Observable behaviours expected of everyone.", min_length=1
    )
    leaders: list[Text] = _texts("Extra behaviours expected of people who lead others.")
    departments: dict[Name, list[Text]] = Field(
        default_factory=dict,
        description="Behaviours for one department only, keyed by a department some role "
        "belongs to.",
    )
    roles: dict[Slug, list[Text]] = Field(
        default_factory=dict,
        description="Behaviours for the named roles only, keyed by role id (the field crew, "
        "not the schedulers of the same department).",
    )


class Value(Reviewed):
    id: Slug = Field(description="Stable id used in URLs and references.")
    name: Name = Field(description="The value's name.")
    summary: Text = Field(description="What the value means, in one or two sentences.")
    why_it_matters: Text | None = Field(None, description="Why customers feel this value.")
    behaviours: Behaviours = Field(description="Observable behaviours that show the value.")
    anti_behaviours: list[Text] = _texts("Behaviours that undermine the value.")
    interview_questions: list[Text] = _texts("Interview questions that screen for the value.")
    recognition_examples: list[Text] = _texts("Examples of behaviour that deserves recognition.")
    former_ids: list[Slug] = _texts(
        "Earlier ids of this value; their old addresses (/values/<id>/) redirect to its page."
    )


class JourneyStage(Model):
    id: Slug = Field(description="Stable id used in URLs and references.")
    name: Name = Field(description="The stage's name, e.g. Discover, Buy, Get help.")
    customer_goal: Text = Field(description="What the customer is trying to do at this stage.")
    moments_that_matter: list[Text] = _texts("Moments at this stage that make or break trust.")


class Decision(Model):
    decision: Text = Field(description="A decision this role makes often.")
    customer_question: Text = Field(description="The customer question to ask before deciding.")


class RoleOnboarding(Model):
    phase: Slug = Field(description="Id of the onboarding phase this activity belongs to.")
    activity: Text = Field(description="What a new person in this role does in that phase.")


class Role(Reviewed):
    id: Slug = Field(description="Stable id used in URLs and references.")
    title: Name = Field(description="The role's title.")
    department: Name = Field(description="The department the role belongs to.")
    customer_facing: Flag = Field(description="Whether the role talks with customers directly.")
    customer_position: Text = Field(description="How this role's work reaches the customer.")
    touchpoints: list[Slug] = _texts("Ids of the journey stages this role shapes.")
    behind_the_scenes: list[Slug] = _texts(
        "Of a customer-facing role's touchpoints, the stages it shapes without meeting the "
        "customer (a nurse who meets owners at check-in but not in surgery)."
    )
    decisions: list[Decision] = _texts("Typical decisions and the customer question for each.")
    kpis: list[Slug] = _texts("Ids of the KPIs this role owns or moves.")
    values_in_action: dict[Slug, list[Text]] = Field(
        default_factory=dict,
        description="Role-specific behaviours, keyed by value id.",
    )
    onboarding: list[RoleOnboarding] = _texts("Role-specific additions to the onboarding plan.")
    reports_to: Slug | None = Field(None, description="Id of the role this role reports to.")
    former_ids: list[Slug] = _texts(
        "Earlier ids of this role; their old addresses (/roles/<id>/) redirect to its page."
    )
    headcount: Headcount | None = Field(
        None,
        description="How many people hold this role (a team of six engineers is one role "
        "with headcount 6); unknown when absent.",
    )

    def meets_customers_at(self, stage_id: str) -> bool:
        """Whether people in this role meet the customer at a journey stage: a
        customer-facing role does on its touchpoints, except those marked as behind the
        scenes."""
        return (
            self.customer_facing
            and stage_id in self.touchpoints
            and stage_id not in self.behind_the_scenes
        )


class Kpi(Reviewed):
    id: Slug = Field(description="Stable id used in URLs and references.")
    name: Name = Field(description="The KPI's name.")
    definition: Text = Field(description="How the KPI is measured.")
    customer_outcome: Text = Field(description="The customer result this KPI serves.")
    target: Text | None = Field(None, description="The target, e.g. '>= 60'.")
    cadence: Text | None = Field(None, description="How often it is reviewed, e.g. weekly.")
    values: list[Slug] = _texts("Ids of the values this KPI reflects.")


class Ritual(Model):
    name: Name = Field(description="The ritual's name, e.g. Monday customer huddle.")
    cadence: Text = Field(description="How often it happens.")
    purpose: Text | None = Field(None, description="What it is for.")
    attendees: list[Name] = _texts(
        "Who takes part: role ids, department names, or the keywords 'everyone' and "
        "'leaders' (a role id or department wins over a keyword of the same spelling)."
    )


class Leadership(Model):
    behaviours: list[Text] = _texts("Leadership behaviours specific to this organisation.")
    rituals: list[Ritual] = _texts("Communication and feedback cadences leaders run.")


class Activity(Model):
    do: Text = Field(description="What happens, e.g. 'Send the welcome email'.")
    who: Name | None = Field(
        None, description="Who does it, e.g. new hire, manager, buddy, HR; default the owner."
    )


# Tags of the two forms of an onboarding activity; error locations leave them out.
ACTIVITY_FORMS = ("plain-text", "do-who")


def _activity_form(value: Any) -> str:
    return ACTIVITY_FORMS[1] if isinstance(value, dict | Activity) else ACTIVITY_FORMS[0]


ActivityItem = Annotated[
    Annotated[Text, Tag(ACTIVITY_FORMS[0])] | Annotated[Activity, Tag(ACTIVITY_FORMS[1])],
    Discriminator(_activity_form),
]


class OnboardingPhase(Model):
    id: Slug = Field(description="Stable id, e.g. day-1, week-1, day-30.")
    name: Name = Field(description="The phase's name.")
    goals: list[Text] = _texts("What the new hire should have achieved by the end.")
    activities: list[ActivityItem] = _texts(
        "What happens in this phase: text, or {do, who} to say who does it "
        "(default: the phase owner)."
    )
    owner: Text | None = Field(None, description="Who makes it happen, e.g. manager, buddy, HR.")
    applies_to: list[Name] = _texts(
        "Whom the phase is for: role ids, department names, or the keywords 'everyone' and "
        "'leaders' (default: everyone). A role that adds its own activities to a phase "
        "always has it."
    )


class Onboarding(Model):
    phases: list[OnboardingPhase] = Field(
        description="The onboarding phases, in order.", min_length=1
    )


class RecognitionProgram(Model):
    id: Slug = Field(description="Stable id used in references.")
    name: Name = Field(description="The program's name.")
    cadence: Text | None = Field(None, description="How often recognition is given.")
    who_can_nominate: Text | None = Field(None, description="Who can nominate someone.")
    criteria: Text = Field(description="What earns recognition.")
    reward: Text | None = Field(None, description="What the recognised person receives.")
    values: list[Slug] = _texts("Ids of the values this program celebrates.")


class Recognition(Model):
    principles: list[Text] = _texts("Principles for giving recognition.")
    programs: list[RecognitionProgram] = _texts("Recognition programs.")


class FeedbackChannel(Model):
    id: Slug = Field(description="Stable id used in references.")
    name: Name = Field(description="The channel, e.g. post-purchase survey, customer panel.")
    cadence: Text | None = Field(None, description="How often feedback is collected.")
    owner: Slug | None = Field(None, description="Id of the role that owns the channel.")
    shared_with: Text | None = Field(None, description="Who hears what customers say.")
    action: Text | None = Field(None, description="What happens with what is heard.")


class ChangelogEntry(Model):
    date: IsoDate = Field(description="When the change was made, YYYY-MM-DD.")
    summary: Text = Field(description="What changed, for the people who read the playbook.")


LINT_RULES = (
    "stage-unowned",
    "role-no-touchpoints",
    "role-no-kpis",
    "kpi-unowned",
    "value-no-leader-behaviours",
    "value-not-in-action",
    "value-no-interview-questions",
    "value-no-recognition",
    "channel-no-action",
    "redirect-lost",
    "channel-no-cadence",
    "channel-no-audience",
    "kpi-no-target",
    "duplicate-value-name",
    "init-placeholder",
    "behaviour-names-other-department",
    "review-overdue",
    "review-no-owner",
    "ritual-no-calendar",
)
LintRule = Literal[LINT_RULES]  # type: ignore[valid-type]


class LintIgnore(Model):
    rule: LintRule = Field(description="The lint rule to silence, e.g. role-no-kpis.")
    id: Slug = Field(description="Id of the value, role, KPI, stage or channel it applies to.")
    reason: Text = Field(description="Why the gap is accepted; shown to reviewers.")


class Lint(Model):
    ignore: list[LintIgnore] = _texts("Culture-coverage findings accepted on purpose.")


class Profile(Model):
    """An organisation's profile: everything the playbook is generated from."""

    model_config = ConfigDict(
        title="Org profile",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    schema_version: Annotated[
        int, BeforeValidator(_parse_integer), AfterValidator(_check_schema_version)
    ] = Field(description="Version of the profile format; must be 1.")
    organisation: Organisation = Field(description="Who the organisation is and whom it serves.")
    values: list[Value] = Field(
        description="The organisation's values, 1 to 20.", min_length=1, max_length=20
    )
    journey: list[JourneyStage] = _texts("The customer journey, stage by stage, in order.")
    roles: list[Role] = Field(
        description="Every role, each with its customer position.", min_length=1
    )
    kpis: list[Kpi] = _texts("KPIs, each tied to a customer outcome.")
    leadership: Leadership = Field(
        default_factory=Leadership, description="What leaders model and the rituals they run."
    )
    onboarding: Onboarding | None = Field(
        None, description="Onboarding phases; a sensible default plan is used when absent."
    )
    recognition: Recognition = Field(
        default_factory=Recognition, description="How customer-centric behaviour is recognised."
    )
    feedback_channels: list[FeedbackChannel] = _texts("Customer feedback loops.")
    changelog: list[ChangelogEntry] = _texts("Changes to the playbook, newest first.")
    lint: Lint = Field(
        default_factory=Lint, description="Settings for 'playbook lint' (accepted gaps)."
    )


def profile_json_schema() -> dict[str, Any]:
    """The JSON Schema of the profile, for editors and other tools."""
    schema = Profile.model_json_schema()
    schema["properties"]["schema_version"]["const"] = 1
    return schema
