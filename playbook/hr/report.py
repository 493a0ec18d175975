"""The reports of ``playbook diff``: for a terminal, for a pull request, for tools.

Every report has the same parts in the same order: what changed, who to re-brief,
names that changed (nothing to re-brief), what was removed, the pages whose text
changes, and the addresses that will stop working. Items are named as HR knows them,
with the id in brackets: ``Gentle care [gentle]``. The Markdown report escapes every
profile text the way the site does (``playbook.plan.escaping``), so text pasted into a pull
request stays text.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

from playbook.hr.diff import Change, ChangedPage, LostAddress, ProfileDiff
from playbook.plan.escaping import inline_markdown

KIND_WORDS = {"added": "added", "removed": "removed", "changed": "changed", "renamed": "new id"}
# Sections compared as one whole: their changes have no id worth showing.
WHOLE_SECTIONS = {"organisation", "leadership", "onboarding", "principles"}
LINE_WORDS = {"was": "was:", "now": "now:", "added": "added:", "removed": "removed:"}
PAGE_WORDS = {"changed": "", "added": " (new page)", "removed": " (removed)"}
# Every part of a profile but the changelog is compared item by item: pages that change
# with no item changed show a changelog entry.
CHANGELOG_ONLY = "the changelog only"
PAGE_LIMIT = 40
"""At most this many pages are named in the text and Markdown reports (JSON: all)."""


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _keep_working(lost: LostAddress, text: Callable[[str], str], code: Callable[[str], str]) -> str:
    """What keeps an old address working, as a sentence."""
    if lost.new_id is None:
        return (
            f"the {lost.section} is removed; if another {lost.section} takes over its work, "
            f"add {code(lost.entry)} to that {lost.section} and the address leads there"
        )
    return (
        f"the page is now {code(lost.new_address or '')}; add {code(lost.entry)} to the "
        f"{lost.section} {text(lost.new_name or lost.new_id)} [{text(lost.new_id)}] "
        "and the old address leads there"
    )


def _headline(change: Change, text: Callable[[str], str]) -> str:
    label = f"{change.section[:1].upper()}{change.section[1:]}"
    if change.item_id in WHOLE_SECTIONS:
        return f"{label}: {KIND_WORDS[change.kind]}"
    subject = f"{label} {text(change.name)} [{text(change.item_id)}]"
    if change.kind == "renamed":
        return f"{subject}: new id (was [{text(change.old_id or '')}])"
    return f"{subject}: {KIND_WORDS[change.kind]}"


def _whom(diff: ProfileDiff) -> str:
    """Whom to re-brief, counted: "everyone", "everyone and 2 roles", "2 roles"."""
    roles = _count(len(diff.rebrief), "role")
    if not diff.everyone:
        return roles
    return f"everyone and {roles}" if diff.rebrief else "everyone"


def _summary(diff: ProfileDiff) -> str:
    return (
        f"{_count(len(diff.changes), 'change')}; "
        f"re-brief {_whom(diff)}; "
        f"{_count(len(diff.lost_addresses), 'address', 'addresses')} will stop working"
    )


def _page(page: ChangedPage, text: Callable[[str], str], code: Callable[[str], str]) -> str:
    return f"{text(page.title)}: {code('/' + page.url)}{PAGE_WORDS[page.kind]}"


def _pages(diff: ProfileDiff, text: Callable[[str], str], code: Callable[[str], str]) -> list[str]:
    """The pages that change, one line each, at most PAGE_LIMIT and how many more."""
    pages = diff.changed_pages or []
    lines = [_page(page, text, code) for page in pages[:PAGE_LIMIT]]
    if len(pages) > PAGE_LIMIT:
        more = len(pages) - PAGE_LIMIT
        lines.append(f"and {_count(more, 'more page')} (--format json lists them all)")
    return lines


def _unchanged(diff: ProfileDiff) -> bool:
    return not diff.changes and not diff.changed_pages


def render_text(diff: ProfileDiff) -> str:
    """A report for people in a terminal."""
    if _unchanged(diff):
        return f"No changes between {diff.old_name} and {diff.new_name}."

    def plain(value: str) -> str:
        return value

    lines = [f"Changes from {diff.old_name} to {diff.new_name}: {_summary(diff)}.", ""]
    lines.append("What changed")
    if not diff.changes:
        lines.append(f"  {CHANGELOG_ONLY}")
    for change in diff.changes:
        lines.append(f"  {_headline(change, plain)}")
        for item in change.fields:
            lines.append(f"    {item.label}:")
            lines.extend(f"      {LINE_WORDS[line.kind]} {line.text}" for line in item.lines)
    lines += ["", f"Who to re-brief ({_whom(diff)})"]
    lines += [f"  Everyone: {'; '.join(diff.everyone)}"] if diff.everyone else []
    lines += [f"  {e.title} [{e.role_id}]: {'; '.join(e.reasons)}" for e in diff.rebrief]
    if not diff.everyone and not diff.rebrief:
        lines.append("  nobody")
    if diff.name_changes:
        lines += ["", "Names changed (nothing to re-brief; every page shows the new name)"]
        lines += [
            f"  {n.section} [{n.item_id}]: '{n.old_name}' is now '{n.new_name}'"
            for n in diff.name_changes
        ]
    if diff.removed:
        lines += ["", "Removed"]
        lines += [f"  {c.section} {c.name} [{c.item_id}]" for c in diff.removed]
    if diff.changed_pages:
        lines += ["", f"Pages that change ({len(diff.changed_pages)})"]
        lines += [f"  {line}" for line in _pages(diff, plain, plain)]
    if diff.lost_addresses:
        lines += ["", "Addresses that will stop working"]
        for lost in diff.lost_addresses:
            lines.append(f"  {lost.address}: {_keep_working(lost, plain, plain)}")
    return "\n".join(lines)


def render_markdown(diff: ProfileDiff) -> str:
    """A report for a changelog entry or a pull-request description; profile text escaped."""
    md = inline_markdown
    old, new = md(diff.old_name), md(diff.new_name)
    if _unchanged(diff):
        return f"No changes between {old} and {new}."
    lines = [f"## Playbook changes: {old} → {new}", "", f"{_summary(diff)}.", ""]
    lines += ["### What changed", ""]
    if not diff.changes:
        lines.append(f"- {CHANGELOG_ONLY}")
    for change in diff.changes:
        lines.append(f"- **{_headline(change, md)}**")
        for item in change.fields:
            lines.append(f"    - {md(item.label)}:")
            lines.extend(
                f"        - {LINE_WORDS[line.kind]} {md(line.text)}" for line in item.lines
            )
    lines += ["", f"### Who to re-brief ({_whom(diff)})", ""]
    lines += [f"- **Everyone**: {md('; '.join(diff.everyone))}"] if diff.everyone else []
    lines += [
        f"- **{md(e.title)} [{md(e.role_id)}]**: {md('; '.join(e.reasons))}" for e in diff.rebrief
    ]
    if not diff.everyone and not diff.rebrief:
        lines.append("Nobody.")
    if diff.name_changes:
        lines += ["", "### Names changed (nothing to re-brief)", ""]
        lines += [
            f"- {md(n.section)} [{md(n.item_id)}]: {md(n.old_name)} is now **{md(n.new_name)}**"
            for n in diff.name_changes
        ]
    if diff.removed:
        lines += ["", "### Removed", ""]
        lines += [f"- {md(c.section)} {md(c.name)} [{md(c.item_id)}]" for c in diff.removed]
    if diff.changed_pages:
        lines += ["", f"### Pages that change ({len(diff.changed_pages)})", ""]
        lines += [f"- {line}" for line in _pages(diff, md, _code)]
    if diff.lost_addresses:
        lines += ["", "### Addresses that will stop working", ""]
        for lost in diff.lost_addresses:
            lines.append(f"- `{lost.address}`: {_keep_working(lost, md, _code)}")
    return "\n".join(lines)


def _code(text: str) -> str:
    # Ids are slugs and addresses are built from them: no backtick can occur.
    return f"`{text}`"


def render_json(diff: ProfileDiff) -> str:
    """A report for tools: every part of the diff, with the roles to re-brief by id and
    ``pages``, the addresses of exactly the pages whose text changes."""
    data = dataclasses.asdict(diff)
    for change in data["changes"]:
        del change["pages"]  # the pages that show an item, not those whose text changes
    data["affected_roles"] = diff.affected_roles
    data["pages"] = diff.pages
    for entry, lost in zip(data["lost_addresses"], diff.lost_addresses, strict=True):
        entry.update(entry=lost.entry, new_address=lost.new_address)
    return json.dumps(data, indent=2, ensure_ascii=False)
