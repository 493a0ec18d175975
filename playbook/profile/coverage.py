"""How far a profile ties the culture to the customer, computed once.

`playbook lint` turns each gap into a finding; the culture-health page shows the same counts
as evidence ("3 of our roles are linked to a stage of the journey"). Both read this, so the
page and the lint can never disagree. Gaps are positions in the profile's own lists, so a
finding can point at the line that needs the fix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from playbook.profile.model import Profile


@dataclass(frozen=True)
class Coverage:
    """The gaps of one profile, as indexes into its lists (profile order)."""

    unowned_stages: tuple[int, ...]
    """Journey stages no role shapes."""
    roles_without_stage: tuple[int, ...]
    """Roles on no journey stage (only when the profile has a journey)."""
    roles_without_kpis: tuple[int, ...]
    unowned_kpis: tuple[int, ...]
    """KPIs no role lists among its own."""
    values_without_leader_behaviours: tuple[int, ...]
    values_not_in_action: tuple[int, ...]
    """Values no role says it puts into action (values_in_action)."""
    values_without_questions: tuple[int, ...]
    values_without_examples: tuple[int, ...]
    """Values with no recognition examples."""
    values_not_recognised: tuple[int, ...]
    """Values no recognition programme celebrates."""
    channels_without_action: tuple[int, ...]
    roles: int
    customer_facing: int
    kpis: int
    values: int
    channels: int

    @property
    def roles_on_journey(self) -> int:
        """How many roles shape at least one journey stage."""
        return self.roles - len(self.roles_without_stage)

    @property
    def owned_kpis(self) -> int:
        return self.kpis - len(self.unowned_kpis)

    @property
    def channels_with_action(self) -> int:
        return self.channels - len(self.channels_without_action)

    @property
    def values_with_questions(self) -> int:
        return self.values - len(self.values_without_questions)

    @property
    def values_with_examples(self) -> int:
        return self.values - len(self.values_without_examples)


def coverage_of(profile: Profile) -> Coverage:
    """The coverage gaps of a validated profile (raw or escaped: only ids and emptiness count)."""
    owned_stages = {stage for role in profile.roles for stage in role.touchpoints}
    owned_kpis = {kpi for role in profile.roles for kpi in role.kpis}
    in_action = {value for role in profile.roles for value in role.values_in_action}
    recognised = {value for program in profile.recognition.programs for value in program.values}

    def where(items: Sequence[Any], missing: Callable[[Any], bool]) -> tuple[int, ...]:
        return tuple(index for index, item in enumerate(items) if missing(item))

    return Coverage(
        unowned_stages=where(profile.journey, lambda stage: stage.id not in owned_stages),
        roles_without_stage=where(
            profile.roles, lambda role: bool(profile.journey) and not role.touchpoints
        ),
        roles_without_kpis=where(profile.roles, lambda role: not role.kpis),
        unowned_kpis=where(profile.kpis, lambda kpi: kpi.id not in owned_kpis),
        values_without_leader_behaviours=where(
            profile.values, lambda value: not value.behaviours.leaders
        ),
        values_not_in_action=where(profile.values, lambda value: value.id not in in_action),
        values_without_questions=where(profile.values, lambda value: not value.interview_questions),
        values_without_examples=where(profile.values, lambda value: not value.recognition_examples),
        values_not_recognised=where(profile.values, lambda value: value.id not in recognised),
        channels_without_action=where(
            profile.feedback_channels, lambda channel: not channel.action
        ),
        roles=len(profile.roles),
        customer_facing=sum(1 for role in profile.roles if role.customer_facing),
        kpis=len(profile.kpis),
        values=len(profile.values),
        channels=len(profile.feedback_channels),
    )
