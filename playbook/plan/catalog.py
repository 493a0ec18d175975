"""Look-ups across a profile, computed once per build.

Templates ask questions like "which roles shape this journey stage?" or "who reports
to this role?". Answering them by scanning every role on every page would make a
build quadratic in the number of roles, so the answers are indexed here once.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from playbook.hr.reviews import Review, opted_in, reviews
from playbook.profile.coverage import Coverage, coverage_of
from playbook.profile.model import (
    Activity,
    FeedbackChannel,
    JourneyStage,
    Kpi,
    OnboardingPhase,
    Profile,
    RecognitionProgram,
    Ritual,
    Role,
    Value,
)

# Who counts as the new hire in an activity's `who` (compared in lower case), in the
# languages playbook ships: the profile's own words and the default plan's translations.
_NEW_HIRE = re.compile(
    r"^(new\b|you$|yourself$|newcomer|starter|joiner|trainee|hire$"  # English
    r"|neu|sie selbst$|du selbst$"  # German: neue Mitarbeitende, Neueinsteiger
    r"|nouve|recrue|vous(-même)?$"  # French: nouvelle recrue, nouveau collègue
    r"|persona nueva|nuev|tú$|ti mism)"  # Spanish: persona nueva, nueva incorporación
)
# Who counts as the new hire's manager (a role without a manager has nobody in that part).
_MANAGER = re.compile(
    r"manager|line lead|supervisor|führungskraft|vorgesetzt|responsable|jef[ea]|gerente"
    r"|encargad",
    re.IGNORECASE,
)
# A behaviour written as a prohibition ("Never ...", "Do not ..."), in the shipped languages.
_PROHIBITION = re.compile(
    r"\s*(never|don't|do not|no |avoid|stop |nie\b|niemals|kein|nicht|ne |n'|jamais|évitez"
    r"|nunca|no |evita)",
    re.IGNORECASE,
)
_PEOPLE_TEAM = re.compile(r"\b(hr|human resources|people|personnel)\b", re.IGNORECASE)

# Ritual kinds, judged from the ritual's name and purpose (first match wins).
RITUAL_KINDS = (
    # English, then German, French and Spanish words for the same kind of meeting.
    (
        "one-to-one",
        r"one[- ]to[- ]ones?\b|one[- ]on[- ]ones?\b|1[:-]1|1-(?:to|on)-1|check[- ]in"
        r"|coaching|mentor|appraisal|performance review|mitarbeitergespräch|jahresgespräch"
        r"|entretien annuel|entretien professionnel|evaluación del desempeño"
        r"|einzelgespräch|mitarbeitergespräch|entretien individuel|tête-à-tête"
        r"|reunión individual|uno a uno",
    ),
    (
        "huddle",
        r"huddle|stand[- ]?up|briefing|handover|shift start|daily"
        r"|frühbesprechung|morgenrunde|schichtübergabe|point du matin|point d'équipe|^point\b"
        r"|relève|reunión diaria|reunión de la mañana|cambio de turno",
    ),
    (
        "all-hands",
        r"town ?hall|all[- ]hands|all[- ]staff|assembly|plenary"
        r"|betriebsversammlung|vollversammlung|réunion générale|plénière|asamblea"
        r"|reunión general",
    ),
    (
        "on-the-floor",
        r"on the floor|shift|gemba|walk|visit|shadow|ride[- ]along"
        r"|rundgang|hospitation|vor ort|visite|tournée|terrain|visita|recorrido",
    ),
    (
        "review",
        r"review|retro|panel|forum|board|committee|council|meeting"
        r"|rückblick|besprechung|runde|réunion|revue|comité|reunión|consejo",
    ),
)


@dataclass(frozen=True)
class Step:
    """One onboarding activity with the person who does it."""

    text: str
    who: str | None
    for_role: bool = False

    @property
    def by_manager(self) -> bool:
        """Whether the new hire's manager does this step."""
        return self.who is not None and bool(_MANAGER.search(self.who))


@dataclass(frozen=True)
class PhaseSteps:
    """What happens in one onboarding phase for one new hire.

    `own` are the new hire's steps (`who` names them, or the role adds the step); `others`
    are steps the profile gives to someone else by name; `arranged` are the steps that
    name nobody, which the phase owner makes happen (their `who` is the owner, or None
    when the phase has none). Who carries out an unnamed step is not known, so pages say
    who arranges it rather than who does it.
    """

    phase: OnboardingPhase
    own: list[Step]
    others: list[Step]
    arranged: list[Step] = field(default_factory=list)

    @property
    def helpers(self) -> list[Step]:
        """Steps in someone else's hands: named ones, then those the owner arranges."""
        return [*self.others, *self.arranged]


@dataclass(frozen=True)
class RoleOnboarding:
    """One role's view of the onboarding plan, ready for its page."""

    phases: list[OnboardingPhase]
    """The phases this role goes through."""
    own_steps: list[PhaseSteps]
    """The phases to which the role adds steps of its own (their `own` holds them)."""
    helpers: dict[str, list[OnboardingPhase]]
    """Who does something for the new person, and in which phases, in plan order."""


@dataclass(frozen=True)
class RoleDecision:
    """A decision together with the role that makes it (for the decision guide)."""

    role: Role
    decision: str
    customer_question: str


@dataclass
class Catalog:
    """Indexes over one profile; every list keeps the profile's order unless noted."""

    profile: Profile
    phases: list[OnboardingPhase]
    uses_default_onboarding: bool
    values_by_id: dict[str, Value] = field(default_factory=dict)
    roles_by_id: dict[str, Role] = field(default_factory=dict)
    kpis_by_id: dict[str, Kpi] = field(default_factory=dict)
    departments: dict[str, list[Role]] = field(default_factory=dict)
    roles_by_stage: dict[str, list[Role]] = field(default_factory=lambda: defaultdict(list))
    roles_by_kpi: dict[str, list[Role]] = field(default_factory=lambda: defaultdict(list))
    roles_by_value: dict[str, list[Role]] = field(default_factory=lambda: defaultdict(list))
    kpis_by_value: dict[str, list[Kpi]] = field(default_factory=lambda: defaultdict(list))
    programs_by_value: dict[str, list[RecognitionProgram]] = field(
        default_factory=lambda: defaultdict(list)
    )
    direct_reports: dict[str, list[Role]] = field(default_factory=lambda: defaultdict(list))
    channels_by_owner: dict[str, list[FeedbackChannel]] = field(
        default_factory=lambda: defaultdict(list)
    )
    decisions: list[RoleDecision] = field(default_factory=list)
    reviews: dict[int, Review] = field(default_factory=dict)
    coverage: Coverage | None = None
    """The profile's coverage gaps, the same `playbook lint` reports."""
    _sharers_by_stages: dict[tuple[str, ...], list[list[Role]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @functools.cached_property
    def role_order(self) -> dict[str, int]:
        """Each role's position in the profile, by id (made once, not on every role page)."""
        return {role.id: index for index, role in enumerate(self.profile.roles)}

    @functools.cached_property
    def facing_by_stage(self) -> dict[str, list[Role]]:
        """The roles that meet the customer at each stage (stage id -> roles, in the
        profile's order); made once, since every role page asks about its stages."""
        return {
            stage_id: [role for role in roles if role.meets_customers_at(stage_id)]
            for stage_id, roles in self.roles_by_stage.items()
        }

    def role_activities(self, role: Role) -> dict[str, list[str]]:
        """Role-specific onboarding activities, keyed by phase id."""
        activities: dict[str, list[str]] = defaultdict(list)
        for item in role.onboarding:
            activities[item.phase].append(item.activity)
        return activities

    def phase_steps(self, phase: OnboardingPhase, role: Role | None = None) -> PhaseSteps:
        """A phase's activities split into the new hire's own steps, what others are
        named to do, and what the phase owner arranges.

        An activity without `who` belongs to the phase owner (when the owner is the new
        hire, it is their own step); a role's own additions are always the new hire's.
        """
        own, others, arranged = [], [], []
        for activity in phase.activities:
            named = activity.who if isinstance(activity, Activity) else None
            text = activity.do if isinstance(activity, Activity) else activity
            if named:
                (own if is_new_hire(named) else others).append(Step(text, named))
            else:
                (own if is_new_hire(phase.owner) else arranged).append(Step(text, phase.owner))
        if role is not None:
            own += [Step(text, None, True) for text in self.role_activities(role).get(phase.id, [])]
        return PhaseSteps(phase, own, others, arranged)

    def values_named(self, value_ids: list[str]) -> list[Value]:
        """The values with these ids, in the order given."""
        return [self.values_by_id[value_id] for value_id in value_ids]

    def recognition_examples(self) -> list[tuple[str, Value]]:
        """Every value's recognition examples with their value, in profile order."""
        return [
            (example, value)
            for value in self.profile.values
            for example in value.recognition_examples
        ]

    def role_onboarding(self, role: Role) -> RoleOnboarding:
        """The plan as a role's page shows it: its phases, its own added steps, and who
        does something for the new person when. A role with no manager has nobody in
        the manager's part, and a role is never listed as helping itself."""
        phases = self.role_phases(role)
        has_manager = bool(role.reports_to)
        own_steps: list[PhaseSteps] = []
        helpers: dict[str, list[OnboardingPhase]] = {}
        for phase in phases:
            steps = self.phase_steps(phase, role)
            if any(step.for_role for step in steps.own):
                own_steps.append(
                    PhaseSteps(phase, [step for step in steps.own if step.for_role], [])
                )
            for step in steps.helpers:
                if not step.who or (step.by_manager and not has_manager):
                    continue
                if step.who.lower() == role.title.lower():
                    continue
                shown = helpers.setdefault(step.who, [])
                if phase not in shown:
                    shown.append(phase)
        return RoleOnboarding(phases, own_steps, helpers)

    def phase_roles(self, phase: OnboardingPhase) -> list[Role] | None:
        """The roles an onboarding phase is for, in profile order; None when it is for
        everyone (the profile names nobody)."""
        return self.group_roles(phase.applies_to) if phase.applies_to else None

    def role_phases(self, role: Role) -> list[OnboardingPhase]:
        """The onboarding phases a role goes through: those for everyone, those that name
        the role (by id, department or keyword) and those the role adds steps to."""
        added = self.role_activities(role)
        return [
            phase
            for phase in self.phases
            if phase.id in added or role in (self.phase_roles(phase) or [role])
        ]

    def value_behaviours(self, role: Role) -> list[tuple[Value, list[str]]]:
        """What each value asks of this role beyond everyone's behaviours, value by value:
        the role's own values in action, the behaviours named for the role and those of
        its department (only values that ask something of it)."""
        result = []
        for value in self.profile.values:
            asked = [
                *role.values_in_action.get(value.id, []),
                *value.behaviours.roles.get(role.id, []),
                *value.behaviours.departments.get(role.department, []),
            ]
            if asked:
                result.append((value, asked))
        return result

    def role_moments(self, role: Role) -> list[JourneyStage]:
        """The role's journey stages that have moments that matter."""
        return [stage for stage in self.role_stages(role) if stage.moments_that_matter]

    def immersion_hosts(self, role: Role, limit: int = 3) -> list[Role]:
        """Up to `limit` customer-facing colleagues who work on this role's stages, the
        most relevant first: most stages shared, then closest in the reporting line, then
        the same department (the profile's order only breaks ties)."""
        order = self.role_order

        def relevance(other: Role) -> tuple[bool, bool, int]:
            near = other.id == role.reports_to or other.reports_to in (role.id, role.reports_to)
            return (not near, other.department != role.department, order[other.id])

        hosts: list[Role] = []
        # Colleagues sharing more stages always come first, so only the groups that fill
        # the places are ranked further (at 1,000 roles a group holds hundreds).
        for group in self._stage_sharers(tuple(role.touchpoints)):
            others = [other for other in group if other.id != role.id]
            hosts += heapq.nsmallest(limit - len(hosts), others, key=relevance)
            if len(hosts) >= limit:
                break
        return hosts

    def _stage_sharers(self, stage_ids: tuple[str, ...]) -> list[list[Role]]:
        """The customer-facing roles at any of these stages, grouped by how many of them
        they work on (most first); kept, since roles that share their stages ask the same
        question."""
        if (known := self._sharers_by_stages.get(stage_ids)) is not None:
            return known
        shared: dict[str, int] = defaultdict(int)
        roles: dict[str, Role] = {}
        for stage_id in stage_ids:
            for other in self.facing_by_stage.get(stage_id, []):
                shared[other.id] += 1
                roles[other.id] = other
        groups: dict[int, list[Role]] = defaultdict(list)
        for other_id, other in roles.items():
            groups[shared[other_id]].append(other)
        sharers = [groups[count] for count in sorted(groups, reverse=True)]
        self._sharers_by_stages[stage_ids] = sharers
        return sharers

    def named_behaviours(self, value: Value, role: Role) -> list[str]:
        """What a value asks of one role by name: its values in action and the behaviours
        the value names for it (department behaviours are listed with the value)."""
        return [*role.values_in_action.get(value.id, []), *value.behaviours.roles.get(role.id, [])]

    def hiring_example(self) -> RoleDecision | None:
        """A decision to show interviewers as an example, from a role that is hired often:
        customer-facing roles without reports first, then the largest teams."""
        if not self.decisions:
            return None

        def how_typical(item: RoleDecision) -> tuple[bool, bool, int]:
            role = item.role
            return (not role.customer_facing, self.is_leader(role), -(role.headcount or 1))

        return min(self.decisions, key=how_typical)

    def leader_check(self, value: Value) -> str | None:
        """The one behaviour a leader scores themselves on for a value: the first leader
        behaviour that describes something to do (a prohibition cannot be scored from
        rarely to consistently); None when there is none (everyone's behaviours may be
        addressed to the leaders themselves: "report a delay to the duty manager")."""
        for behaviour in value.behaviours.leaders:
            if not _PROHIBITION.match(behaviour):
                return behaviour
        return None

    def kpi_owners(self, kpi: Kpi) -> list[Role]:
        """The roles that own a KPI: the owner the profile names, else the roles that list
        it (a role measured on a KPI is not its owner when the profile names another)."""
        if kpi.owner in self.roles_by_id:
            return [self.roles_by_id[kpi.owner]]
        return self.roles_by_kpi.get(kpi.id, [])

    def review(self, item: object) -> Review | None:
        """Who keeps an item (the organisation, a value, role or KPI) true, and when it was
        reviewed and is due; None when the profile says neither."""
        if not self.reviews:
            self.reviews = {id(review.item): review for review in reviews(self.profile)}
        review = self.reviews.get(id(item))
        if review is None or not (review.owner or review.last_reviewed):
            return None
        return review

    def review_schedule(self) -> list[Review]:
        """Every reviewed or owned part of the playbook, for whoever looks after it: by
        owner, then overdue first, then by due date; empty unless reviews are tracked."""
        if not opted_in(self.profile):
            return []
        tracked = [
            review for review in reviews(self.profile) if review.owner or review.last_reviewed
        ]
        never = dt.date.max
        return sorted(
            tracked,
            key=lambda review: (
                review.owner.title.lower() if review.owner else "",
                not review.overdue,
                review.next_due or never,
            ),
        )

    def is_leader(self, role: Role) -> bool:
        """Whether people report to this role (it leads others)."""
        return bool(self.direct_reports.get(role.id))

    def ritual_roles(self, ritual: Ritual) -> list[Role] | None:
        """The roles that take part in a ritual, in profile order; None when the profile
        does not say who attends."""
        if not ritual.attendees:
            return None
        return self.group_roles(ritual.attendees)

    def group_roles(self, names: list[str]) -> list[Role]:
        """The roles a list of role ids, department names and the keywords 'everyone' and
        'leaders' stands for, in profile order (a role id or department wins over a
        keyword of the same spelling)."""
        chosen: set[str] = set()
        for name in names:
            keyword = self.attendee_keyword(name)
            if keyword == "everyone":
                chosen.update(self.roles_by_id)
            elif keyword == "leaders":
                chosen.update(other.id for other in self.profile.roles if self.is_leader(other))
            elif name in self.roles_by_id:
                chosen.add(name)
            elif name in self.departments:
                chosen.update(other.id for other in self.departments[name])
        return [other for other in self.profile.roles if other.id in chosen]

    def attendee_keyword(self, name: str) -> str | None:
        """'everyone' or 'leaders' when a name of a group is that keyword; None for a role
        id, a department name (which win over a keyword of the same spelling) or nothing."""
        if name in ("everyone", "leaders") and name not in self.roles_by_id:
            return None if name in self.departments else name
        return None

    def ritual_is_for_everyone(self, ritual: Ritual) -> bool:
        """Whether the profile says every role takes part."""
        attending = self.ritual_roles(ritual)
        return attending is not None and len(attending) == len(self.profile.roles)

    def ritual_has_customer_facing(self, ritual: Ritual) -> bool | None:
        """Whether someone who works with customers directly takes part (None: unknown)."""
        attending = self.ritual_roles(ritual)
        if attending is None:
            return None
        return any(other.customer_facing for other in attending)

    def role_rituals(self, role: Role) -> list[Ritual]:
        """The rituals the profile says this role takes part in."""
        return [
            ritual
            for ritual in self.profile.leadership.rituals
            if role in (self.ritual_roles(ritual) or [])
        ]

    def open_rituals(self) -> list[Ritual]:
        """Rituals the profile says everyone attends, other than private conversations
        (one-to-ones, appraisals): the ones a buddy takes a new hire to."""
        return [ritual for ritual in self.team_rituals() if self.ritual_is_for_everyone(ritual)]

    def team_rituals(self) -> list[Ritual]:
        """Rituals where a team gathers: not private conversations (one-to-ones,
        appraisals), and not ones the profile says only one role attends."""
        gathered = []
        for ritual in self.profile.leadership.rituals:
            if ritual_kind(ritual) == "one-to-one":
                continue
            attending = self.ritual_roles(ritual)
            if attending is not None and len(attending) == 1 and attending[0].headcount == 1:
                continue
            gathered.append(ritual)
        return gathered

    def reports_headcount(self, role: Role) -> int | None:
        """How many people report to the person in this role, when the profile says it for
        every report; None when several people hold the role, since the profile does not say
        how its reports are split between them (three site managers do not lead sixteen
        people each)."""
        if role.headcount is not None and role.headcount > 1:
            return None
        return self._reports_total(role)

    def leads_many(self, role: Role) -> bool:
        """Whether each person in this role leads more than eight people on average, when
        the profile gives every headcount (their reports are then met in small groups
        first)."""
        total = self._reports_total(role)
        return total is not None and role.headcount is not None and total > 8 * role.headcount

    def _reports_total(self, role: Role) -> int | None:
        """How many people hold the roles that report to this one, when the profile gives
        every one of their headcounts."""
        reports = self.direct_reports.get(role.id, [])
        if not reports or any(other.headcount is None for other in reports):
            return None
        return sum(other.headcount or 0 for other in reports)

    def has_people_team(self) -> bool:
        """Whether the organisation has an HR or people function someone can turn to."""
        if any(_PEOPLE_TEAM.search(role.department) for role in self.profile.roles):
            return True
        if self.uses_default_onboarding:
            return False
        for phase in self.phases:
            whos = [phase.owner or ""] + [
                activity.who or ""
                for activity in phase.activities
                if isinstance(activity, Activity)
            ]
            if any(_PEOPLE_TEAM.search(who) for who in whos):
                return True
        return False

    def ritual_kind(self, ritual: Ritual) -> str:
        return ritual_kind(ritual)

    def stage_lanes(self, stage: JourneyStage) -> tuple[list[Role], list[Role]]:
        """The roles that shape a stage: those who meet the customer there, and those
        whose work the customer feels there without meeting them."""
        roles = self.roles_by_stage.get(stage.id, [])
        facing = [role for role in roles if role.meets_customers_at(stage.id)]
        # Split by the same test, not by ``role not in facing``: comparing pydantic models
        # field by field made this quadratic (a second per stage at 1,000 roles).
        return facing, [role for role in roles if not role.meets_customers_at(stage.id)]

    def role_stages(self, role: Role) -> list[JourneyStage]:
        """The journey stages a role shapes, in journey order."""
        return [stage for stage in self.profile.journey if stage.id in role.touchpoints]

    def role_kpis(self, role: Role) -> list[Kpi]:
        """The KPIs a role owns, in the order the role lists them."""
        return [self.kpis_by_id[kpi_id] for kpi_id in role.kpis]

    def role_programs(self, role: Role) -> list[RecognitionProgram]:
        """Recognition programs this role can earn: those open to all and those that
        celebrate a value the role puts into action or one of its KPIs reflects."""
        relevant = {value.id for value, _ in self.value_behaviours(role)}
        for kpi_id in role.kpis:
            relevant.update(self.kpis_by_id[kpi_id].values)
        return [
            program
            for program in self.profile.recognition.programs
            if not program.values or relevant.intersection(program.values)
        ]

    def customer_facing_count(self) -> int:
        return sum(1 for role in self.profile.roles if role.customer_facing)

    def worked_examples(self) -> list[RoleDecision]:
        """Up to three decisions to walk through the decision checklist, each from a
        different role: a customer-facing role's first, then one made behind the scenes,
        then any other (for the decision guide)."""
        picked: list[RoleDecision] = []
        seen: set[str] = set()

        def pick(wanted: Callable[[RoleDecision], bool], up_to: int) -> None:
            for item in self.decisions:
                if len(picked) < up_to and item.role.id not in seen and wanted(item):
                    picked.append(item)
                    seen.add(item.role.id)

        pick(lambda item: item.role.customer_facing, 1)
        pick(lambda item: not item.role.customer_facing, 2)
        pick(lambda item: True, 3)
        return picked

    def shared_kpis(self) -> list[Kpi]:
        """The KPIs some role moves, those most roles move first (ties in profile order)."""
        moved = [kpi for kpi in self.profile.kpis if self.roles_by_kpi.get(kpi.id)]
        return sorted(moved, key=lambda kpi: len(self.roles_by_kpi[kpi.id]), reverse=True)


def is_new_hire(who: str | None) -> bool:
    """Whether an activity's `who` names the new hire themselves."""
    return bool(who) and bool(_NEW_HIRE.match(who.strip().lower()))  # type: ignore[union-attr]


def ritual_kind(ritual: Ritual) -> str:
    """What kind of ritual this is, from its name and purpose (not its cadence)."""
    for kind, pattern in RITUAL_KINDS:
        if re.search(pattern, ritual.name, re.IGNORECASE):
            return kind
    for kind, pattern in RITUAL_KINDS:
        if re.search(pattern, ritual.purpose or "", re.IGNORECASE):
            return kind
    return "other"


def build_catalog(profile: Profile, default_phases: list[OnboardingPhase]) -> Catalog:
    """Index a (possibly escaped) profile; default_phases stand in for missing onboarding."""
    phases = profile.onboarding.phases if profile.onboarding else default_phases
    catalog = Catalog(profile, phases, uses_default_onboarding=profile.onboarding is None)
    catalog.coverage = coverage_of(profile)
    catalog.values_by_id = {value.id: value for value in profile.values}
    catalog.roles_by_id = {role.id: role for role in profile.roles}
    catalog.kpis_by_id = {kpi.id: kpi for kpi in profile.kpis}

    departments: dict[str, list[Role]] = defaultdict(list)
    for role in profile.roles:
        departments[role.department].append(role)
        for stage_id in role.touchpoints:
            catalog.roles_by_stage[stage_id].append(role)
        for kpi_id in role.kpis:
            catalog.roles_by_kpi[kpi_id].append(role)
        for value_id in role.values_in_action:
            catalog.roles_by_value[value_id].append(role)
        for value in profile.values:
            named = role.id in value.behaviours.roles
            if named and role not in catalog.roles_by_value[value.id]:
                catalog.roles_by_value[value.id].append(role)
        if role.reports_to:
            catalog.direct_reports[role.reports_to].append(role)
        for decision in role.decisions:
            catalog.decisions.append(
                RoleDecision(role, decision.decision, decision.customer_question)
            )
    catalog.departments = {
        name: sorted(roles, key=lambda role: role.title.lower())
        for name, roles in sorted(departments.items(), key=lambda item: item[0].lower())
    }
    for kpi in profile.kpis:
        for value_id in kpi.values:
            catalog.kpis_by_value[value_id].append(kpi)
    for program in profile.recognition.programs:
        for value_id in program.values:
            catalog.programs_by_value[value_id].append(program)
    for channel in profile.feedback_channels:
        if channel.owner:
            catalog.channels_by_owner[channel.owner].append(channel)
    # Plain dicts from here on: a template asking for a missing key must get nothing
    # back rather than silently growing the index.
    for name in (
        "roles_by_stage",
        "roles_by_kpi",
        "roles_by_value",
        "kpis_by_value",
        "programs_by_value",
        "direct_reports",
        "channels_by_owner",
    ):
        setattr(catalog, name, dict(getattr(catalog, name)))
    return catalog
