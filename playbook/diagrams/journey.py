"""The journey map: the stages in order, with two swimlanes under them.

The upper lane holds the roles that meet the customer at a stage, the lower lane the roles
that shape it behind the scenes. It is drawn twice, both fitting their column without
scrolling: a wide drawing for a desktop, with the stages in rows of up to four, and a
narrow one for a phone, a stage to a row; the style sheet shows the one that fits. A lane
with no role in it in a row of stages is left out. Beyond ``ROLE_LIMIT`` roles a box
stands for a department (with its number of roles, linking to the department in the roles
directory), and a cell shows at most ``CELL_LIMIT`` boxes. A role page shows the same
lanes with its own stages highlighted: with its colleagues' names in a small organisation,
with counts in a big one, so that a role page stays small whatever the size of the
organisation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from playbook.diagrams.index import ProfileIndex
from playbook.diagrams.svg import (
    FONT_SIZE,
    LINE_HEIGHT,
    PADDING,
    Box,
    Canvas,
    Href,
    box_height,
    draw_box,
    draw_grid,
    figure,
    fits,
    grid_height,
    resolve_words,
    svg_document,
    wrap,
)
from playbook.plan.urls import department_source
from playbook.profile.model import JourneyStage, Role
from playbook.words.translations import N_

ROLE_LIMIT = 60
"""Above this many roles the journey map shows departments instead of roles."""
ROLE_PAGE_LIMIT = 24
"""Up to this many roles a role page's map names its colleagues; above, it counts them."""
CELL_LIMIT = 12
"""Most boxes in one cell; the rest are summed up in a last box."""

VARIANTS = {"wide": (680, 4), "narrow": (320, 1)}
"""The two drawings, their widths and the most stages in a row: "wide" fits Material's
content column on a desktop (688 px in a 1280 px window) without scaling, "narrow" a
phone's (328 px on a 360 px phone, 358 px on a 390 px one); the style sheet shows the wide
one where the column has room for it, the narrow one elsewhere."""
MIN_COLUMN = 150
"""The narrowest a stage's column may be: stages beyond what fit in a row go to the next."""
MIN_BOX = 140
"""The narrowest a role's box may be: a wide column holds several boxes side by side."""
GAP = 14
ROW_GAP = 22
MARGIN = 8
BOX_GAP = 6
BOX_LINES = 5
"""Most lines of a role's name in its box: enough for the longest real titles (a longer name
ends in "…" and shows whole as a tooltip and in the page's text)."""

WORDS = {  # English, as gettext message ids; see resolve_words
    "title": N_("%(Customer)s journey map"),
    "role_title": N_("Where the {role} shapes the %(customer)s journey"),
    "description": N_(
        "The {count} stages of the %(customer)s journey in order, left to right and row by "
        "row. Under each stage, the upper lane shows the roles that meet the %(customer)s "
        "there and the lower lane the roles that shape it behind the scenes; where the profile "
        "names no role, the lane is empty or left out. The same information is written out "
        "on this page."
    ),
    "aggregated": N_(
        "There are too many roles to name them all: each box is a department, with the "
        "number of its roles at that stage."
    ),
    "role_description": N_(
        "The {count} stages of the %(customer)s journey in order, left to right and row by "
        "row; the stages this role shapes are highlighted. The upper lane is for roles that "
        "meet the %(customer)s, the lower lane for roles that work behind the scenes."
    ),
    "caption": N_(
        "Who shapes each stage of the %(customer)s journey: the roles that meet the "
        "%(customers)s, and under them the roles that work behind the scenes."
    ),
    "role_caption": N_("The highlighted stages are the ones this role shapes."),
    "facing": N_("Meet the %(customer)s here"),
    "behind": N_("Shape it behind the scenes"),
    "stage": N_("{number}. {name}"),
    "roles_one": N_("1 role"),
    "roles_other": N_("{count} roles"),
    "others_one": N_("1 other role"),
    "others_other": N_("{count} other roles"),
    "more_departments": N_("and {count} more departments"),
    "you": N_("This role"),
}

# The boxes of one cell: (stage, the roles in the lane there, whether the lane is the
# customer-facing one) -> boxes.
Cells = Callable[[JourneyStage, list[Role], bool], list[Box]]


def journey_map(index: ProfileIndex, href: Href, words: dict[str, str] | None = None) -> str:
    """The journey page's map: every stage, every role (or department) in its lane."""
    words = words or resolve_words(WORDS)
    stages = index.profile.journey
    if not stages:
        return ""
    aggregated = len(index.profile.roles) > ROLE_LIMIT

    def cells(stage: JourneyStage, roles: list[Role], facing: bool) -> list[Box]:
        if aggregated:
            return _department_boxes(roles, href, words)
        return _capped(
            [Box(role.title, href(f"roles/{role.id}.md")) for role in roles], href, words
        )

    description = words["description"].format(count=len(stages))
    if aggregated:
        description += " " + words["aggregated"]
    return _draw(
        index,
        cells,
        href,
        words,
        dom_id="pb-journey-map",
        title=words["title"],
        description=description,
        caption=words["caption"],
        highlight=set(),
        stage_target=lambda stage: f"#stage-{stage.id}",
    )


def role_journey(
    index: ProfileIndex, role_id: str, href: Href, words: dict[str, str] | None = None
) -> str:
    """A role page's map: the same lanes, this role's stages and box highlighted."""
    words = words or resolve_words(WORDS)
    stages = index.profile.journey
    role = index.roles_by_id[role_id]
    if not stages or not role.touchpoints:
        return ""
    named = len(index.profile.roles) <= ROLE_PAGE_LIMIT

    def cells(stage: JourneyStage, roles: list[Role], facing: bool) -> list[Box]:
        if named:
            boxes = [
                Box(role.title, None, words["you"], "pb-self")
                if other.id == role_id
                else Box(other.title, href(f"roles/{other.id}.md"))
                for other in roles
            ]
            return _capped(boxes, href, words)
        boxes = []
        # Counted, not searched: a role page must not scan every role of the stage.
        here = stage.id in role.touchpoints and facing == role.meets_customers_at(stage.id)
        others = len(roles) - here
        if here:
            boxes.append(Box(role.title, None, words["you"], "pb-self"))
        if others:
            kind = "others" if boxes else "roles"  # "3 other roles" next to this role's box
            key = f"{kind}_one" if others == 1 else f"{kind}_other"
            label = words[key].format(count=others)
            boxes.append(Box(label, href(f"journey.md#stage-{stage.id}")))
        return boxes

    return _draw(
        index,
        cells,
        href,
        words,
        dom_id="pb-role-journey",
        title=words["role_title"].format(role=role.title),
        description=words["role_description"].format(count=len(stages)),
        caption=words["role_caption"],
        highlight=set(role.touchpoints),
        stage_target=lambda stage: href(f"journey.md#stage-{stage.id}"),
    )


def _capped(boxes: list[Box], href: Href, words: dict[str, str]) -> list[Box]:
    if len(boxes) <= CELL_LIMIT:
        return boxes
    rest = len(boxes) - (CELL_LIMIT - 1)
    key = "others_one" if rest == 1 else "others_other"
    return [*boxes[: CELL_LIMIT - 1], Box(words[key].format(count=rest), href("roles/index.md"))]


def _department_boxes(roles: list[Role], href: Href, words: dict[str, str]) -> list[Box]:
    counts = Counter(role.department for role in roles)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))
    boxes = []
    for department, count in ordered[: CELL_LIMIT - 1 if len(ordered) > CELL_LIMIT else None]:
        note = words["roles_one" if count == 1 else "roles_other"].format(count=count)
        boxes.append(Box(department, href(department_source(department)), note))
    if len(ordered) > CELL_LIMIT:
        rest = len(ordered) - (CELL_LIMIT - 1)
        label = words["more_departments"].format(count=rest)
        boxes.append(Box(label, href("roles/index.md")))
    return boxes


def _draw(
    index: ProfileIndex,
    cells: Cells,
    href: Href,
    words: dict[str, str],
    *,
    dom_id: str,
    title: str,
    description: str,
    caption: str,
    highlight: set[str],
    stage_target: Callable[[JourneyStage], str],
) -> str:
    stages = index.profile.journey
    stage_boxes = [
        Box(
            words["stage"].format(number=number, name=stage.name),
            stage_target(stage),
            css="pb-stage pb-self" if stage.id in highlight else "pb-stage",
        )
        for number, stage in enumerate(stages, start=1)
    ]
    columns = [
        _Column(
            stage.id in highlight,
            box,
            (
                cells(stage, index.facing_by_stage.get(stage.id, []), True),
                cells(stage, index.behind_by_stage.get(stage.id, []), False),
            ),
        )
        for stage, box in zip(stages, stage_boxes, strict=True)
    ]
    lane_labels = (words["facing"], words["behind"])
    svgs = "".join(
        _draw_rows(
            columns,
            lane_labels,
            width,
            most,
            svg={"dom_id": dom_id, "title": title, "description": description},
            variant=variant,
        )
        for variant, (width, most) in VARIANTS.items()
    )
    return figure(svgs, dom_id=dom_id, caption=caption, kind="journey")


@dataclass(frozen=True)
class _Column:
    """One stage: whether it is highlighted, its header box and the boxes of its two lanes."""

    highlighted: bool
    header: Box
    lanes: tuple[list[Box], list[Box]]


def _per_row(stages: int, width: int, most: int) -> int:
    """How many stages share a row: up to ``most``, as many as fit at ``MIN_COLUMN`` pixels,
    spread evenly over the rows (7 stages at four a row make rows of 4 and 3, not 4, 2
    and 1)."""
    most = max(1, min(most, (width - 2 * MARGIN + GAP) // (MIN_COLUMN + GAP)))
    rows = -(-stages // most)
    return -(-stages // rows)


def _draw_rows(
    columns: list[_Column],
    lane_labels: tuple[str, str],
    width: int,
    most: int,
    *,
    svg: dict[str, str],
    variant: str,
) -> str:
    """One drawing ``width`` pixels wide: the stages in rows, each row with its stages'
    headers and, under them, the lanes that have someone in them in that row."""
    per_row = _per_row(len(columns), width, most)
    column = (width - 2 * MARGIN - (per_row - 1) * GAP) // per_row
    inner = column - 2 * PADDING
    boxes_across = max(1, (inner + BOX_GAP) // (MIN_BOX + BOX_GAP))
    label_lines = [
        wrap(label, fits(FONT_SIZE, width - 2 * MARGIN - 2 * PADDING), 2)[0]
        for label in lane_labels
    ]
    canvas = Canvas()
    top = MARGIN
    for start in range(0, len(columns), per_row):
        row = columns[start : start + per_row]
        header = max(box_height(item.header, column, 4) for item in row)
        lanes = []
        for lane, lines in enumerate(label_lines):
            heights = [
                grid_height(item.lanes[lane], inner, boxes_across, BOX_GAP, BOX_LINES)
                for item in row
            ]
            if max(heights):  # a lane nobody is in, in this row, is left out
                label_height = len(lines) * LINE_HEIGHT + PADDING
                lanes.append((lane, lines, label_height, label_height + max(heights) + PADDING))
        row_height = header + sum(GAP + lane_height for *_, lane_height in lanes)
        lane_tops = []
        lane_top = top + header + GAP
        for *_, lane_height in lanes:
            lane_tops.append(lane_top)
            canvas.rect(MARGIN, lane_top, width - 2 * MARGIN, lane_height, "pb-lane")
            lane_top += lane_height + GAP
        for number, item in enumerate(row):  # painted over the lanes, under the boxes
            if item.highlighted:
                x = MARGIN + number * (column + GAP)
                canvas.rect(x - 4, top - 4, column + 8, row_height + 8, "pb-column-self")
        for (lane, lines, label_height, _), lane_top in zip(lanes, lane_tops, strict=True):
            baseline = lane_top + PADDING + FONT_SIZE - 1
            canvas.lines(MARGIN + PADDING, baseline, lines, "pb-lane-label")
            for number, item in enumerate(row):
                x = MARGIN + number * (column + GAP) + PADDING
                y = lane_top + label_height
                draw_grid(canvas, item.lanes[lane], x, y, inner, boxes_across, BOX_GAP, BOX_LINES)
        for number, item in enumerate(row):
            x = MARGIN + number * (column + GAP)
            draw_box(canvas, item.header, x, top, column, 4, min_height=header)
            if number:  # an arrow from the previous stage
                middle = top + header / 2
                canvas.path(f"M{x - GAP + 3} {middle - 5}l{GAP - 7} 5l{7 - GAP} 5", "pb-arrow")
        top += row_height + ROW_GAP
    height = top - ROW_GAP + MARGIN
    return svg_document(canvas, width=width, height=height, variant=variant, **svg)
