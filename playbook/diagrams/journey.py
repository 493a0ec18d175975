"""The journey map: the stages in order, with two swimlanes under them.

The upper lane holds the roles that meet the customer at a stage, the lower lane the roles
that shape it behind the scenes. Beyond ``ROLE_LIMIT`` roles a box stands for a department
(with its number of roles, linking to the department in the roles directory), and a cell
shows at most ``CELL_LIMIT`` boxes. A role page shows the same lanes with its own stages
highlighted: with its colleagues' names in a small organisation, with counts in a big one,
so that a role page stays small whatever the size of the organisation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from playbook.diagrams.index import ProfileIndex, department_target
from playbook.diagrams.svg import (
    FONT_SIZE,
    LINE_HEIGHT,
    PADDING,
    Box,
    Canvas,
    Href,
    box_height,
    draw_box,
    figure,
    fits,
    resolve_words,
    svg_document,
    wrap,
)
from playbook.profile import JourneyStage, Role
from playbook.words.translations import N_

ROLE_LIMIT = 60
"""Above this many roles the journey map shows departments instead of roles."""
ROLE_PAGE_LIMIT = 24
"""Up to this many roles a role page's map names its colleagues; above, it counts them."""
CELL_LIMIT = 12
"""Most boxes in one cell; the rest are summed up in a last box."""

COLUMN = 188
GAP = 14
MARGIN = 8
BOX_GAP = 6
LANE_LABEL = 26

WORDS = {  # English, as gettext message ids; see resolve_words
    "title": N_("%(Customer)s journey map"),
    "role_title": N_("Where the {role} shapes the %(customer)s journey"),
    "description": N_(
        "The {count} stages of the %(customer)s journey from left to right. Under each stage, "
        "the upper lane shows the roles that meet the %(customer)s there and the lower lane the "
        "roles that shape it behind the scenes. The same information is written out on "
        "this page."
    ),
    "aggregated": N_(
        "There are too many roles to name them all: each box is a department, with the "
        "number of its roles at that stage."
    ),
    "role_description": N_(
        "The {count} stages of the %(customer)s journey from left to right; the stages this "
        "role shapes are highlighted. The upper lane is for roles that meet the %(customer)s, "
        "the lower lane for roles that work behind the scenes."
    ),
    "caption": N_(
        "Who shapes each stage of the %(customer)s journey. On a narrow screen, scroll sideways "
        "to see every stage."
    ),
    "role_caption": N_(
        "The highlighted stages are the ones this role shapes. On a narrow screen, scroll "
        "sideways to see every stage."
    ),
    "facing": N_("Meet the %(customer)s here"),
    "behind": N_("Shape it behind the scenes"),
    "nobody": N_("Nobody yet"),
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
        here = facing == role.customer_facing and stage.id in role.touchpoints
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
        boxes.append(Box(department, href(department_target(department)), note))
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
    inner = COLUMN - 2 * PADDING
    lanes = [
        (
            words["facing"],
            [cells(stage, index.facing_by_stage.get(stage.id, []), True) for stage in stages],
        ),
        (
            words["behind"],
            [cells(stage, index.behind_by_stage.get(stage.id, []), False) for stage in stages],
        ),
    ]
    stage_boxes = [
        Box(
            words["stage"].format(number=number, name=stage.name),
            stage_target(stage),
            css="pb-stage pb-self" if stage.id in highlight else "pb-stage",
        )
        for number, stage in enumerate(stages, start=1)
    ]
    header = max(box_height(box, COLUMN, 3) for box in stage_boxes)
    width = 2 * MARGIN + len(stages) * COLUMN + (len(stages) - 1) * GAP
    lane_heights = [
        LANE_LABEL + max(_stack_height(column, inner) for column in columns) + PADDING
        for _, columns in lanes
    ]
    height = MARGIN + header + GAP + sum(lane_heights) + GAP + MARGIN

    canvas = Canvas()
    lane_tops = [
        MARGIN + header + GAP + sum(lane_heights[:number]) + number * GAP for number in range(2)
    ]
    for top, lane_height in zip(lane_tops, lane_heights, strict=True):
        canvas.rect(MARGIN, top, width - 2 * MARGIN, lane_height, "pb-lane")
    for number, stage in enumerate(stages):
        if stage.id in highlight:  # painted over the lanes, under the boxes
            x = MARGIN + number * (COLUMN + GAP)
            canvas.rect(x - 4, MARGIN - 4, COLUMN + 8, height - 2 * MARGIN + 8, "pb-column-self")
    for number, box in enumerate(stage_boxes):
        x = MARGIN + number * (COLUMN + GAP)
        draw_box(canvas, box, x, MARGIN, COLUMN, 3, min_height=header)
        if number:  # an arrow from the previous stage
            middle = MARGIN + header / 2
            canvas.path(f"M{x - GAP + 3} {middle - 5}l{GAP - 7} 5l{7 - GAP} 5", "pb-arrow")
    for (label, columns), top in zip(lanes, lane_tops, strict=True):
        label_lines, _ = wrap(label, fits(FONT_SIZE, width - 4 * PADDING), 1)
        canvas.lines(MARGIN + PADDING, top + LINE_HEIGHT + 2, label_lines, "pb-lane-label")
        for number, boxes in enumerate(columns):
            x = MARGIN + number * (COLUMN + GAP) + PADDING
            cell_y = top + LANE_LABEL
            if not boxes:
                canvas.lines(x, cell_y + FONT_SIZE, [words["nobody"]], "pb-note")
            for box in boxes:
                cell_y += draw_box(canvas, box, x, cell_y, inner) + BOX_GAP
    svg = svg_document(
        canvas, width=width, height=height, dom_id=dom_id, title=title, description=description
    )
    return figure(svg, dom_id=dom_id, caption=caption, kind="journey")


def _stack_height(boxes: list[Box], width: int) -> int:
    if not boxes:
        return LINE_HEIGHT
    return sum(box_height(box, width) for box in boxes) + BOX_GAP * (len(boxes) - 1)
