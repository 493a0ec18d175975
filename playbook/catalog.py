"""Look-ups across a profile, computed once per build.

Templates ask questions like "which roles shape this journey stage?" or "who reports
to this role?". Answering them by scanning every role on every page would make a
build quadratic in the number of roles, so the answers are indexed here once.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from playbook.profile import (
    FeedbackChannel,
    JourneyStage,
    Kpi,
    OnboardingPhase,
    Profile,
    RecognitionProgram,
    Role,
    Value,
)


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

    def role_activities(self, role: Role) -> dict[str, list[str]]:
        """Role-specific onboarding activities, keyed by phase id."""
        activities: dict[str, list[str]] = defaultdict(list)
        for item in role.onboarding:
            activities[item.phase].append(item.activity)
        return activities

    def role_stages(self, role: Role) -> list[JourneyStage]:
        """The journey stages a role shapes, in journey order."""
        return [stage for stage in self.profile.journey if stage.id in role.touchpoints]

    def role_kpis(self, role: Role) -> list[Kpi]:
        """The KPIs a role owns, in the order the role lists them."""
        return [self.kpis_by_id[kpi_id] for kpi_id in role.kpis]

    def role_programs(self, role: Role) -> list[RecognitionProgram]:
        """Recognition programs this role can earn: those open to all and those that
        celebrate a value the role puts into action or one of its KPIs reflects."""
        relevant = set(role.values_in_action)
        for kpi_id in role.kpis:
            relevant.update(self.kpis_by_id[kpi_id].values)
        return [
            program
            for program in self.profile.recognition.programs
            if not program.values or relevant.intersection(program.values)
        ]

    def customer_facing_count(self) -> int:
        return sum(1 for role in self.profile.roles if role.customer_facing)


def build_catalog(profile: Profile, default_phases: list[OnboardingPhase]) -> Catalog:
    """Index a (possibly escaped) profile; default_phases stand in for missing onboarding."""
    phases = profile.onboarding.phases if profile.onboarding else default_phases
    catalog = Catalog(profile, phases, uses_default_onboarding=profile.onboarding is None)
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
