"""The parts of a profile comparison: sections, changes, re-brief entries, lost addresses.

Also the two steps that come before comparing fields: a profile as plain data per
section (``ProfileSide``), and matching items that were given a new id (``match_renames``,
``with_new_ids``), so that a renamed id is one change, not a removal and an addition.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from playbook.plan.catalog import Catalog, build_catalog
from playbook.plan.urls import item_address
from playbook.profile.checks import default_onboarding
from playbook.profile.model import Profile

# The sections compared item by item, with the word for one item (where each item is
# shown comes from playbook.plan.urls.item_address).
SECTIONS = [
    ("values", "value"),
    ("roles", "role"),
    ("kpis", "KPI"),
    ("journey", "journey stage"),
    ("programs", "recognition program"),
    ("feedback_channels", "feedback channel"),
]
# Sections compared as one whole: (section key, label, pages that show it).
WHOLE_SECTIONS = [
    ("organisation", "organisation", [""]),
    ("leadership", "leadership", ["leadership/"]),
    ("onboarding", "onboarding plan", ["onboarding/"]),
    ("principles", "recognition principles", ["recognition/"]),
]
# Fields of a value by whom they concern (the rules are in playbook.hr.briefing).
VALUE_MEANING = ("summary", "why_it_matters")
"""What a value means: everyone."""
VALUE_HIRING = ("interview_questions", "anti_behaviours")
"""What the people who hire screen for (questions, red flags): the roles others report to."""
DEPARTMENT_FIELD = "behaviours.departments."
ROLE_FIELD = "behaviours.roles."
"""Field paths of a value's behaviours for one department or role, followed by its key."""
NOBODYS_NEWS = ("name", "former_ids", "owner", "last_reviewed", "review_every")
"""Fields whose change re-briefs nobody: names (listed as name changes), old ids, and
who looks after an item and when it was last reviewed."""

# Two items with different ids whose other fields are at least this similar are
# reported as one renamed item rather than a removal and an addition.
RENAME_SIMILARITY = 0.6

# Fields that hold ids of other items, and the section those ids belong to.
REFERENCES = {
    "touchpoints": "journey",
    "behind_the_scenes": "journey",
    "kpis": "kpis",
    "reports_to": "roles",
    "values": "values",
    "owner": "roles",
    "phase": "phases",
}
FIELD_LABELS = {
    "behaviours.everyone": "behaviours for everyone",
    "behaviours.leaders": "behaviours for leaders",
    "why_it_matters": "why it matters",
    "anti_behaviours": "behaviours that undermine it",
    "interview_questions": "interview questions",
    "recognition_examples": "recognition examples",
    "customer_position": "customer position",
    "customer_facing": "customer-facing",
    "touchpoints": "journey stages",
    "behind_the_scenes": "stages shaped behind the scenes",
    "applies_to": "for whom",
    "kpis": "KPIs",
    "values_in_action": "values in action",
    "reports_to": "reports to",
    "former_ids": "former ids",
    "customer_goal": "customer goal",
    "moments_that_matter": "moments that matter",
    "customer_outcome": "customer outcome",
    "who_can_nominate": "who can nominate",
    "shared_with": "shared with",
    "phases": "phases",
}


@dataclass
class Line:
    """One readable line of a field change: kind is "was", "now", "added" or "removed"."""

    kind: str
    text: str


@dataclass
class FieldChange:
    """One field of an item, old and new, as readable lines."""

    field: str
    label: str
    lines: list[Line]


@dataclass
class Change:
    """One item added, removed, renamed (new id) or changed.

    ``pages`` are the pages that show the item: a superset of the pages whose text
    changes (git-history dating uses them; ``ProfileDiff.changed_pages`` is exact).
    """

    section: str
    kind: str
    item_id: str
    name: str
    old_id: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


@dataclass
class ChangedPage:
    """A page whose text differs between the two profiles' playbooks.

    ``url`` is relative to the site root ("" for the home page, "roles/nurse/");
    ``kind`` is "changed", "added" or "removed".
    """

    url: str
    title: str
    kind: str


@dataclass
class Rebrief:
    """A role to re-brief and why (each reason a short sentence)."""

    role_id: str
    title: str
    reasons: list[str]


@dataclass
class NameChange:
    """An item whose name (or title) changed, and nothing its readers act on."""

    section: str
    item_id: str
    old_name: str
    new_name: str


@dataclass
class LostAddress:
    """A page address that stops working, and what keeps it working."""

    address: str
    section: str
    old_id: str
    new_id: str | None
    new_name: str | None

    @property
    def entry(self) -> str:
        """The profile entry that keeps the address working."""
        return f"former_ids: [{self.old_id}]"

    @property
    def new_address(self) -> str | None:
        """Where the page is now, if it still exists under a new id."""
        if self.new_id is None:
            return None
        return "/" + item_address(self.address.split("/")[1], self.new_id)


@dataclass
class ProfileDiff:
    """A comparison of two profiles.

    Attributes:
        everyone: reasons to re-brief every person (said once, not role by role).
        rebrief: the roles to re-brief for reasons of their own.
        changed_pages: the pages whose text differs, found by rendering both sides;
            None when the comparison did not render them.
    """

    old_name: str
    new_name: str
    changes: list[Change]
    rebrief: list[Rebrief]
    name_changes: list[NameChange]
    lost_addresses: list[LostAddress]
    everyone: list[str] = field(default_factory=list)
    changed_pages: list[ChangedPage] | None = None

    @property
    def affected_roles(self) -> list[str]:
        """Ids of the roles to re-brief, in profile order."""
        return [entry.role_id for entry in self.rebrief]

    @property
    def removed(self) -> list[Change]:
        return [change for change in self.changes if change.kind == "removed"]

    @property
    def pages(self) -> list[str]:
        """The addresses of the pages whose text differs when both sides were rendered;
        otherwise every page that shows a changed item (a superset), first seen first."""
        if self.changed_pages is not None:
            return [page.url for page in self.changed_pages]
        return list(dict.fromkeys(page for change in self.changes for page in change.pages))


class ProfileSide:
    """One profile as plain data: items by id per section, names, and who leads whom."""

    def __init__(self, profile: Profile) -> None:
        data = profile.model_dump(mode="json", exclude={"changelog", "lint", "schema_version"})
        self.profile = profile
        self.items: dict[str, dict[str, dict[str, Any]]] = {}
        for section, _ in SECTIONS:
            raw = data["recognition"]["programs"] if section == "programs" else data[section]
            self.items[section] = {item["id"]: item for item in raw}
        self.default_phases = default_onboarding().phases
        phases = profile.onboarding.phases if profile.onboarding else self.default_phases
        self.items["phases"] = {phase.id: phase.model_dump(mode="json") for phase in phases}
        self.whole = {
            "organisation": data["organisation"],
            "leadership": data["leadership"],
            "onboarding": {"phases": [phase.model_dump(mode="json") for phase in phases]},
            "principles": {"principles": data["recognition"]["principles"]},
        }
        self.role_ids = [role.id for role in profile.roles]
        self.managers = {role.id: role.reports_to for role in profile.roles}
        self.leaders = [r for r in self.role_ids if r in set(self.managers.values())]

    @cached_property
    def catalog(self) -> Catalog:
        """The look-ups the pages are built with (who earns which program, ...)."""
        return build_catalog(self.profile, self.default_phases)

    def name(self, section: str, item_id: str) -> str | None:
        item = self.items.get(section, {}).get(item_id)
        if item is None:
            return None
        return item.get("name") or item.get("title") or item_id


# --- renames -------------------------------------------------------------------------------


def match_renames(before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """Pairs (old id -> new id) that are one item under a new id.

    An item that lists the old id in ``former_ids`` is that item for certain; otherwise
    a removed and an added item whose other fields are similar enough are paired.
    """
    removed = [item_id for item_id in before if item_id not in after]
    added = [item_id for item_id in after if item_id not in before]
    renames: dict[str, str] = {}
    for new_id in added:
        for old_id in after[new_id].get("former_ids", []):
            if old_id in removed and old_id not in renames:
                renames[old_id] = new_id
    scored = []
    for old_id in removed:
        old_text = _comparable(before[old_id])
        for new_id in added:
            ratio = difflib.SequenceMatcher(None, old_text, _comparable(after[new_id])).ratio()
            if ratio >= RENAME_SIMILARITY:
                scored.append((ratio, old_id, new_id))
    for _, old_id, new_id in sorted(scored, reverse=True):
        if old_id not in renames and new_id not in renames.values():
            renames[old_id] = new_id
    return renames


def _comparable(item: dict[str, Any]) -> str:
    data = {key: value for key, value in item.items() if key not in ("id", "former_ids")}
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def with_new_ids(
    side: ProfileSide, renames: dict[str, dict[str, str]]
) -> dict[str, dict[str, Any]]:
    """The old side's items keyed by their new ids, references renamed too."""
    result = {}
    for section, _ in SECTIONS:
        moved = renames[section]
        result[section] = {
            moved.get(item_id, item_id): rename_references(item, renames)
            | {"id": moved.get(item_id, item_id)}
            for item_id, item in side.items[section].items()
        }
    return result


def rename_references(data: Any, renames: dict[str, dict[str, str]], key: str = "") -> Any:
    """A copy of data in which ids of renamed items are replaced by their new ids."""
    section = REFERENCES.get(key)
    if isinstance(data, dict):
        if key == "values_in_action":
            values = renames.get("values", {})
            return {values.get(name, name): items for name, items in data.items()}
        return {name: rename_references(value, renames, name) for name, value in data.items()}
    if isinstance(data, list):
        return [rename_references(item, renames, key) for item in data]
    if section and isinstance(data, str):
        return renames.get(section, {}).get(data, data)
    return data
