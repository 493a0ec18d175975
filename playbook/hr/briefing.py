"""Whom a change concerns: field-by-field lines, re-brief reasons, names and addresses.

The re-brief rules speak HR's language, each with its reason:

- what a value means (summary, why it matters), its behaviours for everyone, a new or
  removed value and the onboarding plan concern **everyone** (said once, not as a list
  of every role);
- a value's behaviours for one department concern that department's roles and their
  managers; behaviours for named roles concern those roles and their managers;
- interview questions and behaviours that undermine a value (the red flags to look
  for) concern **whoever hires**: the roles others report to (in a profile where nobody
  reports to anyone, everyone, for whoever hires); recognition examples concern the
  roles others report to, as the people who recognise others;
- a role's own fields concern that role and its manager; a KPI, a journey stage, a
  program or a channel concerns the roles that hold, shape, earn or own it.

A change of name alone is reported as a name change; who looks after an item and when
it was last reviewed (``owner``, ``last_reviewed``, ``review_every``) are nobody's news.
"""

from __future__ import annotations

from typing import Any

from playbook.hr.changeset import (
    DEPARTMENT_FIELD,
    FIELD_LABELS,
    NOBODYS_NEWS,
    REFERENCES,
    ROLE_FIELD,
    VALUE_HIRING,
    VALUE_MEANING,
    Change,
    FieldChange,
    Line,
    LostAddress,
    NameChange,
    ProfileSide,
)
from playbook.plan.pages import OVERVIEW_SOURCES, pages_showing
from playbook.plan.urls import ITEM_FOLDERS, item_address, page_url


class ChangeReport:
    """Collects changes, re-brief reasons, name changes and lost addresses."""

    def __init__(
        self, before: ProfileSide, after: ProfileSide, renames: dict[str, dict[str, str]]
    ) -> None:
        self.before, self.after, self.renames = before, after, renames
        self.changes: list[Change] = []
        self.reasons: dict[str, list[str]] = {}
        self.everyone: list[str] = []
        self.name_changes: list[NameChange] = []
        self.lost: list[LostAddress] = []

    def brief_everyone(self, reason: str) -> None:
        """A reason to re-brief every person of the organisation (said once)."""
        if reason not in self.everyone:
            self.everyone.append(reason)

    def brief_with_managers(self, role_ids: list[str], reason: str, managers_reason: str) -> None:
        """Re-brief roles, and the managers of those roles for the second reason."""
        self.brief(role_ids, reason)
        managers = [self.after.managers.get(role_id) for role_id in role_ids]
        self.brief([m for m in managers if m not in role_ids], managers_reason)

    def brief(self, role_ids: list[str | None], reason: str) -> None:
        for role_id in role_ids:
            if role_id in self.after.managers:
                reasons = self.reasons.setdefault(role_id, [])
                if reason not in reasons:
                    reasons.append(reason)

    def label(self, section: str, item_id: str, side: ProfileSide | None = None) -> str:
        name = (side or self.after).name(section, item_id) or self.before.name(section, item_id)
        return f"{name} [{item_id}]"

    def compare_section(
        self, section: str, label: str, old_items: dict[str, dict[str, Any]]
    ) -> None:
        new_items = self.after.items[section]
        old_ids = {new: old for old, new in self.renames[section].items()}
        for item_id, item in new_items.items():
            previous = old_items.get(item_id)
            name = self.after.name(section, item_id) or item_id
            if previous is None:
                self._added(section, label, item_id, item)
                continue
            fields = self.field_changes(previous, item)
            old_id = old_ids.get(item_id)
            if old_id is None and not fields:
                continue
            kind = "renamed" if old_id else "changed"
            pages = [item_address(section, item_id), *self._pages_showing(section, item_id)]
            change = Change(label, kind, item_id, name, old_id, fields, pages)
            self.changes.append(change)
            if old_id:
                self._moved(section, label, old_id, item)
            self._briefs_for_change(section, label, item_id, fields, previous, item)
        for old_id in self.before.items[section]:
            if old_id in self.renames[section]:
                continue
            if old_id not in new_items:
                self._removed(section, label, old_id)

    def whole_changed(
        self, section: str, label: str, pages: list[str], fields: list[FieldChange]
    ) -> None:
        everyone = self.after.role_ids
        names = {"organisation": self.after.profile.organisation.name}
        name = names.get(section, label[:1].upper() + label[1:])
        shown = list(pages)
        if section == "leadership":
            self.brief(self.after.leaders, f"the leadership playbook changed ({_fields(fields)})")
        if section == "onboarding":
            shown += [item_address("roles", role_id) for role_id in everyone]
            self.brief_everyone(f"the onboarding plan changed ({_fields(fields)})")
        if section == "organisation" and any(item.field == "name" for item in fields):
            shown += [item_address("roles", role_id) for role_id in everyone]
        self.changes.append(Change(label, "changed", section, name, fields=fields, pages=shown))

    # --- one item ----------------------------------------------------------------------

    def _added(self, section: str, label: str, item_id: str, item: dict[str, Any]) -> None:
        pages = [item_address(section, item_id), *self._pages_showing(section, item_id)]
        self.changes.append(
            Change(
                label, "added", item_id, self.after.name(section, item_id) or item_id, pages=pages
            )
        )
        subject = self.label(section, item_id)
        if section == "values":
            self.brief_everyone(f"new value {subject}")
        elif section == "roles":
            self.brief([item.get("reports_to")], f"new direct report {subject}")
        elif section == "programs":
            self.brief(self._program_roles(item_id), f"new recognition program {subject}")
        elif section == "feedback_channels":
            self.brief([item.get("owner")], f"now owns the feedback channel {subject}")

    def _removed(self, section: str, label: str, old_id: str) -> None:
        name = self.before.name(section, old_id) or old_id
        item = self.before.items[section][old_id]
        overview = [page_url(src, directory_urls=True) for src in OVERVIEW_SOURCES[section]]
        pages = [item_address(section, old_id), *overview]
        self.changes.append(Change(label, "removed", old_id, name, pages=pages))
        subject = f"{name} [{old_id}]"
        if section == "values":
            self.brief_everyone(f"the value {subject} was removed")
        elif section == "roles":
            manager = self.renames["roles"].get(item.get("reports_to"), item.get("reports_to"))
            self.brief([manager], f"the direct report {subject} was removed")
        if section in ITEM_FOLDERS:
            self.lost.append(
                LostAddress("/" + item_address(section, old_id), label, old_id, None, None)
            )

    def _moved(self, section: str, label: str, old_id: str, item: dict[str, Any]) -> None:
        if section not in ITEM_FOLDERS or old_id in item.get("former_ids", []):
            return
        new_id = item["id"]
        self.lost.append(
            LostAddress(
                "/" + item_address(section, old_id),
                label,
                old_id,
                new_id,
                self.after.name(section, new_id),
            )
        )

    def _briefs_for_change(
        self,
        section: str,
        label: str,
        item_id: str,
        fields: list[FieldChange],
        previous: dict[str, Any],
        item: dict[str, Any],
    ) -> None:
        subject = self.label(section, item_id)
        changed = {change.field for change in fields}
        if "name" in changed or "title" in changed:
            old_name = previous.get("name") or previous.get("title") or item_id
            new_name = item.get("name") or item.get("title") or item_id
            self.name_changes.append(NameChange(label, item_id, old_name, new_name))
        substantive = [c for c in fields if c.field not in NOBODYS_NEWS]
        if not substantive:
            return
        what = _fields(substantive)
        if section == "values":
            self._briefs_for_value(subject, substantive)
        elif section == "roles":
            own = [c for c in substantive if c.field != "title"] or substantive
            reason = f"their role {subject} changed ({_fields(own)})"
            self.brief([item_id], reason)
            manager = item.get("reports_to")
            self.brief([manager], f"their direct report {subject} changed ({_fields(own)})")
            if previous.get("reports_to") != manager:
                self.brief([previous.get("reports_to")], f"{subject} no longer reports to them")
        elif section == "kpis":
            holders = [r for r in self.after.role_ids if item_id in self._role(r)["kpis"]]
            self.brief(holders, f"the KPI {subject} changed ({what})")
        elif section == "journey":
            holders = [r for r in self.after.role_ids if item_id in self._role(r)["touchpoints"]]
            self.brief(holders, f"the journey stage {subject} changed ({what})")
        elif section == "programs":
            self.brief(self._program_roles(item_id), f"the recognition program {subject} changed")
        elif section == "feedback_channels":
            self.brief([item.get("owner")], f"the feedback channel {subject} changed ({what})")
            if previous.get("owner") != item.get("owner"):
                self.brief([item.get("owner")], f"now owns the feedback channel {subject}")

    def _briefs_for_value(self, subject: str, fields: list[FieldChange]) -> None:
        """Whom a changed value concerns, field by field (see the module's rules)."""
        meaning = [c for c in fields if c.field in VALUE_MEANING]
        if meaning:
            self.brief_everyone(f"{subject}: what it means changed ({_fields(meaning)})")
        hiring = [c for c in fields if c.field in VALUE_HIRING]
        if hiring and self.after.leaders:
            self.brief(self.after.leaders, f"{subject}: {_fields(hiring)} changed (they hire)")
        elif hiring:  # nobody leads others in the profile: whoever hires is told with everyone
            self.brief_everyone(f"{subject}: {_fields(hiring)} changed (for whoever hires)")
        examples = [c for c in fields if c.field == "recognition_examples"]
        if examples:
            self.brief(
                self.after.leaders, f"{subject}: recognition examples changed (they recognise)"
            )
        for change in fields:
            if change.field == "behaviours.everyone":
                self.brief_everyone(f"{subject}: behaviours for everyone changed")
            elif change.field == "behaviours.leaders":
                self.brief(self.after.leaders, f"{subject}: behaviours for leaders changed")
            elif change.field.startswith(DEPARTMENT_FIELD):
                department = change.field.removeprefix(DEPARTMENT_FIELD)
                members = [
                    role_id
                    for role_id in self.after.role_ids
                    if self._role(role_id)["department"] == department
                ]
                self.brief_with_managers(
                    members,
                    f"{subject}: behaviours for the {department} department changed",
                    f"{subject}: behaviours for their direct reports' department "
                    f"({department}) changed",
                )
            elif change.field.startswith(ROLE_FIELD):
                role_id = change.field.removeprefix(ROLE_FIELD)
                if role_id not in self.after.managers:
                    continue
                self.brief_with_managers(
                    [role_id],
                    f"{subject}: behaviours for their role changed",
                    f"{subject}: behaviours for their direct report "
                    f"{self.label('roles', role_id)} changed",
                )

    def _role(self, role_id: str) -> dict[str, Any]:
        return self.after.items["roles"][role_id]

    def _program_roles(self, program_id: str) -> list[str]:
        """The roles whose page lists the program as one they can earn."""
        catalog = self.after.catalog
        return [
            role.id
            for role in catalog.profile.roles
            if any(program.id == program_id for program in catalog.role_programs(role))
        ]

    def _pages_showing(self, section: str, item_id: str) -> list[str]:
        """Overview pages and role pages that show an item of the new profile."""
        sources = pages_showing(self.after.catalog, section, item_id)
        return [page_url(src_path, directory_urls=True) for src_path in sources]

    # --- fields ------------------------------------------------------------------------

    def field_changes(self, old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
        """Changed fields, nested fields flattened ("behaviours.everyone"), as lines."""
        changes: list[FieldChange] = []
        self._walk(old, new, "", changes)
        return changes

    def _walk(self, old: Any, new: Any, path: str, out: list[FieldChange]) -> None:
        if old == new:
            return
        key = path.rsplit(".", 1)[-1]
        if path in (DEPARTMENT_FIELD[:-1], ROLE_FIELD[:-1]):
            for name in dict.fromkeys([*(old or {}), *(new or {})]):
                lines = self._list_lines((old or {}).get(name) or [], (new or {}).get(name) or [])
                if not lines:
                    continue
                if path == DEPARTMENT_FIELD[:-1]:
                    label = f"behaviours for the {name} department"
                else:
                    label = f"behaviours for {self.label('roles', name)}"
                out.append(FieldChange(f"{path}.{name}", label, lines))
            return
        if key == "values_in_action" and isinstance(old, dict) and isinstance(new, dict):
            for value_id in dict.fromkeys([*old, *new]):
                lines = self._list_lines(old.get(value_id) or [], new.get(value_id) or [])
                if lines:
                    subject = self.label("values", value_id)
                    out.append(FieldChange(f"{path}.{value_id}", f"{subject} in action", lines))
            return
        if isinstance(old, dict) or isinstance(new, dict):
            old_dict, new_dict = old or {}, new or {}
            for name in dict.fromkeys([*old_dict, *new_dict]):
                if name != "id":
                    child = f"{path}.{name}" if path else name
                    self._walk(old_dict.get(name), new_dict.get(name), child, out)
            return
        if isinstance(old, list) or isinstance(new, list):
            lines = self._list_lines(old or [], new or [], REFERENCES.get(key))
        else:
            lines = [
                Line("was", self._scalar(old, REFERENCES.get(key))),
                Line("now", self._scalar(new, REFERENCES.get(key))),
            ]
        if lines:
            out.append(FieldChange(path, _label(path), lines))

    def _list_lines(self, old: list[Any], new: list[Any], section: str | None = None) -> list[Line]:
        old_texts = [self._text(item, section) for item in old]
        new_texts = [self._text(item, section) for item in new]
        lines = [Line("removed", text) for text in old_texts if text not in new_texts]
        lines += [Line("added", text) for text in new_texts if text not in old_texts]
        if not lines and old_texts != new_texts:
            lines = [Line("was", ", ".join(old_texts)), Line("now", ", ".join(new_texts))]
        return lines

    def _text(self, item: Any, section: str | None) -> str:
        if isinstance(item, dict):
            parts = []
            for name, value in item.items():
                if value in (None, [], {}):
                    continue
                text = (
                    self._text(value, REFERENCES.get(name))
                    if not isinstance(value, list)
                    else (", ".join(self._text(part, REFERENCES.get(name)) for part in value))
                )
                parts.append(f"{_label(name)}: {text}")
            return "; ".join(parts)
        return self._scalar(item, section)

    def _scalar(self, value: Any, section: str | None) -> str:
        if value is None:
            return "(none)"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if section is not None and isinstance(value, str):
            return self.label(section, value)
        return str(value)


def _fields(fields: list[FieldChange]) -> str:
    return ", ".join(dict.fromkeys(change.label for change in fields))


def _label(path: str) -> str:
    if path in FIELD_LABELS:
        return FIELD_LABELS[path]
    last = path.rsplit(".", 1)[-1]
    return FIELD_LABELS.get(last, last.replace("_", " "))
