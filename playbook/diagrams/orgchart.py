"""The organisation chart: the reporting tree from ``reports_to``, drawn as an outline.

Each role is a box under its manager, indented one step, with a line from the manager: the
chart grows downwards rather than sideways, so it stays readable on a phone and on paper
however wide the organisation is. Roles without a manager are at the top. Customer-facing
roles have a thick border and say so in their box. Beyond ``ROLE_LIMIT`` roles the chart
shows departments (with their numbers of roles), arranged by where each department's
senior roles report. A role page shows its manager, itself and its direct reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from playbook.diagrams.index import ProfileIndex
from playbook.diagrams.svg import (
    Box,
    Canvas,
    Href,
    box_height,
    draw_box,
    figure,
    resolve_words,
    svg_document,
)
from playbook.plan.urls import department_source
from playbook.profile.model import Role
from playbook.words.translations import N_

ROLE_LIMIT = 60
"""Above this many roles the chart shows departments instead of roles."""
REPORTS_LIMIT = 12
"""Most direct reports drawn on a role page; the rest are summed up in a last box."""

INDENT = 28
BOX_WIDTH = 240
ROW_GAP = 8
MARGIN = 8

WORDS = {  # English, as gettext message ids; see resolve_words
    "title": N_("Organisation chart"),
    "description": N_(
        "The reporting lines of all {count} roles. Roles without a manager are at the top; "
        "every other role is indented under the role it reports to. Each box links to the "
        "role's page and says whether the role meets %(customers)s."
    ),
    "department_title": N_("Organisation chart by department"),
    "department_description": N_(
        "There are too many roles to draw them all: each of the {count} boxes is a "
        "department with its number of roles, placed under the department its most senior "
        "roles report to. Each box links to the department in the list below."
    ),
    "caption": N_(
        "Who reports to whom. %(Customer)s-facing roles have a thick border. The list of roles "
        "by department below has the same roles in words."
    ),
    "role_title": N_("Reporting lines of the {role}"),
    "role_description": N_(
        "The {role} with the role it reports to above it and the roles that report to it "
        "below it. Each box links to that role's page."
    ),
    "role_caption": N_("The role this one reports to, this role and the roles that report to it."),
    # A role with only a manager, or only reports: the caption names what is drawn.
    "role_description_up": N_(
        "The {role} with the role it reports to above it. Each box links to that role's page."
    ),
    "role_caption_up": N_("The role this one reports to, and this role."),
    "role_description_down": N_(
        "The {role} with the roles that report to it below it. Each box links to that role's page."
    ),
    "role_caption_down": N_("This role and the roles that report to it."),
    "facing": N_("%(Customer)s-facing · {department}"),
    "behind": N_("Behind the scenes · {department}"),
    "department_note_one": N_("1 role, {facing} %(customer)s-facing"),
    "department_note_other": N_("{count} roles, {facing} %(customer)s-facing"),
    "you": N_("This role · {department}"),
    "more_reports": N_("and {count} more roles"),
}


@dataclass(frozen=True)
class _Row:
    depth: int
    box: Box
    parent: int | None  # index of the parent's row


def org_chart(index: ProfileIndex, href: Href, words: dict[str, str] | None = None) -> str:
    """The roles directory's chart: every role under its manager, or departments at scale."""
    words = words or resolve_words(WORDS)
    roles = index.profile.roles
    if len(roles) > ROLE_LIMIT:
        rows = _department_rows(index, href, words)
        title = words["department_title"]
        description = words["department_description"].format(count=len(rows))
    else:
        rows = _role_rows(index, href, words)
        title = words["title"]
        description = words["description"].format(count=len(roles))
    return _draw(rows, "pb-org-chart", title, description, words["caption"])


def role_orgchart(
    index: ProfileIndex, role_id: str, href: Href, words: dict[str, str] | None = None
) -> str:
    """A role page's chart: its manager, the role itself and its direct reports."""
    words = words or resolve_words(WORDS)
    role = index.roles_by_id[role_id]
    manager = index.roles_by_id.get(role.reports_to) if role.reports_to else None
    reports = index.direct_reports.get(role.id, [])
    if manager is None and not reports:
        return ""
    rows: list[_Row] = []
    if manager is not None:
        rows.append(_Row(0, _role_box(manager, href, words), None))
    own = Box(role.title, None, words["you"].format(department=role.department), _css(role, True))
    rows.append(_Row(len(rows), own, 0 if manager else None))
    parent = len(rows) - 1
    shown = reports if len(reports) <= REPORTS_LIMIT else reports[: REPORTS_LIMIT - 1]
    rows += [_Row(parent + 1, _role_box(report, href, words), parent) for report in shown]
    if len(shown) < len(reports):
        more = words["more_reports"].format(count=len(reports) - len(shown))
        rows.append(_Row(parent + 1, Box(more, href("roles/index.md")), parent))
    title = words["role_title"].format(role=role.title)
    drawn = "" if manager and reports else "_up" if manager else "_down"
    description = words[f"role_description{drawn}"].format(role=role.title)
    return _draw(rows, "pb-role-orgchart", title, description, words[f"role_caption{drawn}"])


def _css(role: Role, own: bool = False) -> str:
    classes = ["pb-facing"] if role.customer_facing else []
    if own:
        classes.append("pb-self")
    return " ".join(classes)


def _role_box(role: Role, href: Href, words: dict[str, str]) -> Box:
    note = words["facing" if role.customer_facing else "behind"].format(department=role.department)
    return Box(role.title, href(f"roles/{role.id}.md"), note, _css(role))


def _role_rows(index: ProfileIndex, href: Href, words: dict[str, str]) -> list[_Row]:
    roles = index.profile.roles
    roots = [
        role for role in roles if not role.reports_to or role.reports_to not in index.roles_by_id
    ]
    children = {key: [role.id for role in value] for key, value in index.direct_reports.items()}
    order = _outline([role.id for role in roots], children, [role.id for role in roles])
    rows: list[_Row] = []
    for depth, role_id, parent in order:
        rows.append(_Row(depth, _role_box(index.roles_by_id[role_id], href, words), parent))
    return rows


def _department_rows(index: ProfileIndex, href: Href, words: dict[str, str]) -> list[_Row]:
    departments = index.departments
    parent_of: dict[str, str] = {}
    for name, members in departments.items():
        outside = Counter(
            index.roles_by_id[role.reports_to].department
            for role in members
            if role.reports_to
            and role.reports_to in index.roles_by_id
            and index.roles_by_id[role.reports_to].department != name
        )
        has_top_role = any(not role.reports_to for role in members)
        if outside and not has_top_role:
            parent_of[name] = max(outside.items(), key=lambda item: (item[1], item[0]))[0]
    names = sorted(departments, key=str.lower)
    children: dict[str, list[str]] = {}
    for name in names:
        if name in parent_of:
            children.setdefault(parent_of[name], []).append(name)
    roots = [name for name in names if name not in parent_of]
    rows: list[_Row] = []
    for depth, name, parent in _outline(roots, children, names):
        members = departments[name]
        facing = sum(1 for role in members if role.customer_facing)
        key = "department_note_one" if len(members) == 1 else "department_note_other"
        note = words[key].format(count=len(members), facing=facing)
        rows.append(_Row(depth, Box(name, href(department_source(name)), note), parent))
    return rows


def _outline(
    roots: list[str], children: dict[str, list[str]], every: list[str]
) -> list[tuple[int, str, int | None]]:
    """Depth-first order of a forest: (depth, key, row of the parent).

    Iterative, so a long reporting chain cannot exhaust the stack; anything not reached
    from a root (a loop between departments) starts a tree of its own.
    """
    order: list[tuple[int, str, int | None]] = []
    seen: set[str] = set()
    for start in [*roots, *every]:
        if start in seen:
            continue
        stack: list[tuple[int, str, int | None]] = [(0, start, None)]
        while stack:
            depth, key, parent = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            order.append((depth, key, parent))
            row = len(order) - 1
            for child in reversed(children.get(key, [])):
                if child not in seen:
                    stack.append((depth + 1, child, row))
    return order


def _draw(rows: list[_Row], dom_id: str, title: str, description: str, caption: str) -> str:
    canvas = Canvas()
    tops: list[int] = []
    heights: list[int] = []
    y = MARGIN
    for row in rows:
        tops.append(y)
        heights.append(box_height(row.box, BOX_WIDTH))
        y += heights[-1] + ROW_GAP
    for number, row in enumerate(rows):  # lines first, so the boxes cover their ends
        if row.parent is None:
            continue
        parent_x = MARGIN + rows[row.parent].depth * INDENT + INDENT // 2
        parent_bottom = tops[row.parent] + heights[row.parent]
        middle = tops[number] + heights[number] // 2
        child_x = MARGIN + row.depth * INDENT
        canvas.path(f"M{parent_x} {parent_bottom}V{middle}H{child_x}")
    for number, row in enumerate(rows):
        draw_box(canvas, row.box, MARGIN + row.depth * INDENT, tops[number], BOX_WIDTH)
    depth = max(row.depth for row in rows)
    width = 2 * MARGIN + depth * INDENT + BOX_WIDTH
    svg = svg_document(
        canvas,
        width=width,
        height=y - ROW_GAP + MARGIN,
        dom_id=dom_id,
        title=title,
        description=description,
    )
    return figure(svg, dom_id=dom_id, caption=caption, kind="orgchart")
