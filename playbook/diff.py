"""What changed between two profiles, and whom each change affects.

HR regenerates the playbook whenever values, roles or KPIs change, and then has to
re-brief the people concerned. ``diff_profiles`` lists every item added, removed,
renamed or changed (field by field, old and new text) and, for each change, the
roles whose pages or work it touches.
"""

from __future__ import annotations

import difflib
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook.checks import validate_loaded
from playbook.errors import ProjectError
from playbook.loader import parse_yaml_bytes, read_yaml_file
from playbook.profile import Profile

# (section attribute, label, page URL pattern) for the sections compared item by item.
SECTIONS = [
    ("values", "value", "values/{id}/"),
    ("roles", "role", "roles/{id}/"),
    ("kpis", "KPI", "kpis/#kpi-{id}"),
    ("journey", "journey stage", "journey/#stage-{id}"),
    ("programs", "recognition program", "recognition/#program-{id}"),
    ("feedback_channels", "feedback channel", "feedback/#channel-{id}"),
]

# Two items with different ids whose other fields are at least this similar are
# reported as one renamed item rather than a removal and an addition.
RENAME_SIMILARITY = 0.6


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class Change:
    """One item added, removed, renamed or changed."""

    section: str
    kind: str  # "added", "removed", "renamed" or "changed"
    item_id: str
    name: str
    old_id: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    affected_roles: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


@dataclass
class ProfileDiff:
    old_name: str
    new_name: str
    changes: list[Change]

    @property
    def affected_roles(self) -> list[str]:
        """Every role touched by at least one change, in first-seen order."""
        roles = (role for change in self.changes for role in change.affected_roles)
        return list(dict.fromkeys(roles))


def load_revision(spec: str, cwd: Path | None = None) -> tuple[Profile, str]:
    """Load a profile from a file path or from ``git:REV[:PATH]``."""
    if spec.startswith("git:"):
        revision, _, path = spec[4:].partition(":")
        path = path or "org_config.yml"
        try:
            result = subprocess.run(
                ["git", "show", f"{revision}:./{path}"],
                cwd=cwd,
                capture_output=True,
                check=False,
            )
        except FileNotFoundError:
            raise ProjectError(f"{spec}: git is not installed") from None
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ProjectError(f"{spec}: {detail[-1] if detail else 'git show failed'}")
        name = f"{revision}:{path}"
        return validate_loaded(parse_yaml_bytes(result.stdout, name)), name
    return validate_loaded(read_yaml_file(Path(spec))), spec


def diff_profiles(
    old: Profile, new: Profile, old_name: str = "old", new_name: str = "new"
) -> ProfileDiff:
    """Compare two profiles section by section."""
    changes: list[Change] = []
    org_fields = _field_changes(old.organisation, new.organisation)
    if org_fields:
        changes.append(
            Change(
                "organisation",
                "changed",
                "organisation",
                new.organisation.name,
                fields=org_fields,
                affected_roles=[r.id for r in new.roles],
                pages=[""],
            )
        )
    for attribute, label, page in SECTIONS:
        before, after = _items(old, attribute), _items(new, attribute)
        changes.extend(_section_changes(label, page, before, after, old, new))
    for attribute in ("leadership", "onboarding"):
        fields = _field_changes(getattr(old, attribute), getattr(new, attribute))
        if fields:
            roles = _leader_roles(new) if attribute == "leadership" else [r.id for r in new.roles]
            changes.append(
                Change(
                    attribute,
                    "changed",
                    attribute,
                    attribute.capitalize(),
                    fields=fields,
                    affected_roles=roles,
                    pages=[f"{attribute}/"],
                )
            )
    return ProfileDiff(old_name, new_name, changes)


def _items(profile: Profile, attribute: str) -> dict[str, Any]:
    items = profile.recognition.programs if attribute == "programs" else getattr(profile, attribute)
    return {item.id: item for item in items}


def _section_changes(
    label: str, page: str, before: dict[str, Any], after: dict[str, Any], old: Profile, new: Profile
) -> list[Change]:
    removed = [item_id for item_id in before if item_id not in after]
    added = [item_id for item_id in after if item_id not in before]
    renames = _match_renames(before, after, removed, added)
    changes = []
    for item_id, item in after.items():
        old_id = renames.get(item_id)
        previous = before.get(item_id) if old_id is None else before[old_id]
        if previous is None:
            kind, fields = "added", []
        else:
            fields = _field_changes(previous, item)
            if old_id is not None:
                kind = "renamed"
            elif fields:
                kind = "changed"
            else:
                continue
        roles = _affected(label, item_id, new)
        if old_id is not None and label != "role":
            roles = list(dict.fromkeys([*_affected(label, old_id, old), *roles]))
        changes.append(
            Change(
                label, kind, item_id, _name(item), old_id, fields, roles, [page.format(id=item_id)]
            )
        )
    for item_id in removed:
        if item_id in renames.values():
            continue
        changes.append(
            Change(
                label,
                "removed",
                item_id,
                _name(before[item_id]),
                affected_roles=_affected(label, item_id, old),
                pages=[page.format(id=item_id)],
            )
        )
    return changes


def _match_renames(
    before: dict[str, Any], after: dict[str, Any], removed: list[str], added: list[str]
) -> dict[str, str]:
    """Pairs of (new id -> old id) whose content is similar enough to be one item."""
    scored = []
    for old_id in removed:
        old_text = _comparable(before[old_id])
        for new_id in added:
            ratio = difflib.SequenceMatcher(None, old_text, _comparable(after[new_id])).ratio()
            if ratio >= RENAME_SIMILARITY:
                scored.append((ratio, old_id, new_id))
    renames: dict[str, str] = {}
    for _, old_id, new_id in sorted(scored, reverse=True):
        if new_id not in renames and old_id not in renames.values():
            renames[new_id] = old_id
    return renames


def _comparable(item: Any) -> str:
    data = item.model_dump(mode="json", exclude={"id"})
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _field_changes(old: Any, new: Any) -> list[FieldChange]:
    before = old.model_dump(mode="json", exclude={"id"}) if old is not None else {}
    after = new.model_dump(mode="json", exclude={"id"}) if new is not None else {}
    return [
        FieldChange(name, before.get(name), after.get(name))
        for name in dict.fromkeys([*before, *after])
        if before.get(name) != after.get(name)
    ]


def _name(item: Any) -> str:
    return getattr(item, "name", None) or getattr(item, "title", None) or item.id


def _leader_roles(profile: Profile) -> list[str]:
    managers = {role.reports_to for role in profile.roles if role.reports_to}
    return [role.id for role in profile.roles if role.id in managers]


def _affected(label: str, item_id: str, profile: Profile) -> list[str]:
    """Roles to re-brief when an item changes, looked up in the profile that has it."""
    roles = profile.roles
    if label == "value":
        kpis = {kpi.id for kpi in profile.kpis if item_id in kpi.values}
        return [r.id for r in roles if item_id in r.values_in_action or kpis & set(r.kpis)]
    if label == "role":
        return [item_id]
    if label == "KPI":
        return [r.id for r in roles if item_id in r.kpis]
    if label == "journey stage":
        return [r.id for r in roles if item_id in r.touchpoints]
    if label == "recognition program":
        program = next(p for p in profile.recognition.programs if p.id == item_id)
        if not program.values:
            return [r.id for r in roles]
        return [r.id for r in roles if set(program.values) & set(r.values_in_action)]
    if label == "feedback channel":
        channel = next(c for c in profile.feedback_channels if c.id == item_id)
        return [channel.owner] if channel.owner else []
    return []


# --- reports -----------------------------------------------------------------------------


def render_text(diff: ProfileDiff) -> str:
    """A report for people in a terminal."""
    if not diff.changes:
        return f"no changes between {diff.old_name} and {diff.new_name}"
    roles = diff.affected_roles
    lines = [
        f"{diff.old_name} -> {diff.new_name}: {len(diff.changes)} change"
        f"{'s' if len(diff.changes) != 1 else ''}, {len(roles)} role"
        f"{'s' if len(roles) != 1 else ''} to re-brief",
        "",
    ]
    for change in diff.changes:
        lines.append(_headline(change))
        for item in change.fields:
            lines.append(f"  {item.field}:")
            lines.extend(f"    {line}" for line in _field_lines(item.old, item.new))
        if change.affected_roles:
            lines.append(f"  affects: {', '.join(change.affected_roles)}")
        lines.append(f"  pages: {', '.join('/' + page for page in change.pages)}")
        lines.append("")
    lines.append(f"roles to re-brief: {', '.join(roles) if roles else 'none'}")
    return "\n".join(lines)


def render_markdown(diff: ProfileDiff) -> str:
    """A report for a changelog entry or a pull-request description."""
    if not diff.changes:
        return f"No changes between `{diff.old_name}` and `{diff.new_name}`."
    lines = [f"## Playbook changes: `{diff.old_name}` → `{diff.new_name}`", ""]
    for change in diff.changes:
        lines.append(f"### {_headline(change)}")
        lines.append("")
        if change.fields:
            lines += ["| Field | Before | After |", "| --- | --- | --- |"]
            for item in change.fields:
                lines.append(f"| `{item.field}` | {_cell(item.old)} | {_cell(item.new)} |")
            lines.append("")
        if change.affected_roles:
            lines += [f"Affects: {', '.join(f'`{r}`' for r in change.affected_roles)}", ""]
    roles = diff.affected_roles
    lines.append(
        f"**Roles to re-brief ({len(roles)}):** "
        + (", ".join(f"`{role}`" for role in roles) if roles else "none")
    )
    return "\n".join(lines)


def render_json(diff: ProfileDiff) -> str:
    """A report for tools."""
    import dataclasses

    data = dataclasses.asdict(diff)
    data["affected_roles"] = diff.affected_roles
    return json.dumps(data, indent=2, ensure_ascii=False)


def _headline(change: Change) -> str:
    subject = f"{change.section} '{change.item_id}' ({change.name})"
    if change.kind == "renamed":
        return f"{subject} renamed from '{change.old_id}'"
    return f"{subject} {change.kind}"


def _field_lines(old: Any, new: Any) -> list[str]:
    if _is_text_list(old) and _is_text_list(new):
        return [f"- {item}" for item in old if item not in new] + [
            f"+ {item}" for item in new if item not in old
        ]
    return [f"- {_plain(old)}", f"+ {_plain(new)}"]


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _plain(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        # Optional parts left empty (e.g. behaviours.departments) are noise in a change.
        value = {key: item for key, item in value.items() if item not in ({}, [], None)}
    return json.dumps(value, ensure_ascii=False)


def _cell(value: Any) -> str:
    text = _plain(value)
    if _is_text_list(value):
        text = "<br>".join(value) if value else "(none)"
    return text.replace("|", "\\|").replace("\n", " ")
