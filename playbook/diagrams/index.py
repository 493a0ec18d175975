"""Look-ups over the raw (unescaped) profile that the diagrams share, computed once.

The catalog in ``playbook.plan.catalog`` indexes the Markdown-escaped copy of the profile that
templates see; a diagram escapes for XML itself, so it needs the text as written. Role
pages draw small diagrams for one role each, so every question here is answered from an
index, never by scanning all roles again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from playbook.profile.model import Kpi, Profile, Role


@dataclass
class ProfileIndex:
    """Indexes over one raw profile; lists keep the profile's order."""

    profile: Profile
    roles_by_id: dict[str, Role] = field(default_factory=dict)
    facing_by_stage: dict[str, list[Role]] = field(default_factory=dict)
    behind_by_stage: dict[str, list[Role]] = field(default_factory=dict)
    direct_reports: dict[str, list[Role]] = field(default_factory=dict)
    departments: dict[str, list[Role]] = field(default_factory=dict)
    owners_by_kpi: dict[str, list[Role]] = field(default_factory=dict)

    def owners(self, kpi: Kpi) -> list[Role]:
        return self.owners_by_kpi.get(kpi.id, [])


def index_profile(profile: Profile) -> ProfileIndex:
    """Index a validated profile (raw text, as loaded)."""
    index = ProfileIndex(profile)
    facing: dict[str, list[Role]] = defaultdict(list)
    behind: dict[str, list[Role]] = defaultdict(list)
    reports: dict[str, list[Role]] = defaultdict(list)
    departments: dict[str, list[Role]] = defaultdict(list)
    owners: dict[str, list[Role]] = defaultdict(list)
    for role in profile.roles:
        index.roles_by_id[role.id] = role
        for stage_id in role.touchpoints:
            (facing if role.meets_customers_at(stage_id) else behind)[stage_id].append(role)
        if role.reports_to:
            reports[role.reports_to].append(role)
        departments[role.department].append(role)
        for kpi_id in role.kpis:
            owners[kpi_id].append(role)
    index.facing_by_stage = dict(facing)
    index.behind_by_stage = dict(behind)
    index.direct_reports = dict(reports)
    index.departments = dict(departments)
    for kpi in profile.kpis:
        # The owner the profile names is the owner; the roles that list the KPI only
        # stand in when it names none (as on the KPI page: Catalog.kpi_owners).
        if kpi.owner in index.roles_by_id:
            owners[kpi.id] = [index.roles_by_id[kpi.owner]]
    index.owners_by_kpi = dict(owners)
    return index
