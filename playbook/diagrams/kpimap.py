"""The value -> KPI -> customer outcome map.

Drawn twice, each fitting its column without scrolling. The wide drawing (a desktop) has
three columns, read from left to right: the values, the KPIs (each with who owns it), and
the customer outcome each KPI serves, on the KPI's own row; a line joins each value to the
KPIs that reflect it. The narrow drawing (a phone) gives each KPI a block of its own: the
KPI, the values it reflects and the outcome it serves, one under the other. KPIs are few
even in a big organisation; owners are named up to ``OWNERS_SHOWN`` and counted beyond.
"""

from __future__ import annotations

from playbook.diagrams.index import ProfileIndex
from playbook.diagrams.svg import (
    FONT_SIZE,
    PADDING,
    SMALL_FONT_SIZE,
    SMALL_LINE_HEIGHT,
    Box,
    Canvas,
    Href,
    box_height,
    draw_box,
    draw_grid,
    figure,
    fits,
    plain,
    resolve_words,
    svg_document,
    wrap,
)
from playbook.profile.model import Kpi, Value
from playbook.words.translations import N_

# A KPI's row: the KPI, its box, its outcome's box, the row's top and its height.
_KpiRow = tuple[Kpi, Box, Box, int, int]

OWNERS_SHOWN = 2
# The wide drawing: 680 px, inside the 688 px content column of a 1280 px window.
VALUE_WIDTH = 140
KPI_WIDTH = 200
OUTCOME_WIDTH = 252
GUTTER = 36
ROW_GAP = 10
MARGIN = 8
HEADING = 28
LINES = 6
"""Most lines of a name or an outcome in its box (longer ones end in "…", whole as a tooltip)."""
# The narrow drawing, for a phone's column (328 px on a 360 px phone).
NARROW_WIDTH = 320
CHIP_GAP = 6
BLOCK_GAP = 16

WORDS = {  # English, as gettext message ids; see resolve_words
    "title": N_("Values, KPIs and the %(customer)s outcomes they serve"),
    "description": N_(
        "Three columns from left to right: our {values} values, our {kpis} KPIs with the "
        "roles that own them, and the %(customer)s outcome each KPI serves. A line joins each "
        "value to the KPIs that reflect it. The same information is in the table and the "
        "sections of this page."
    ),
    "caption": N_(
        "Which values each KPI reflects, who owns it and which outcome for %(customers)s it serves."
    ),
    "values": N_("Values"),
    "kpis": N_("KPIs and who owns them"),
    "outcomes": N_("%(Customer)s outcomes"),
    "owned_by": N_("Owned by {names}"),
    "owned_by_more": N_("Owned by {names} and {count} more"),
    "no_owner": N_("No owner yet"),
    "reflects": N_("Values it reflects"),
    "serves": N_("Outcome for %(customers)s"),
}


def kpi_map(index: ProfileIndex, href: Href, words: dict[str, str] | None = None) -> str:
    """The map for the KPIs page; empty when the profile has no KPIs."""
    words = words or resolve_words(WORDS)
    profile = index.profile
    if not profile.kpis:
        return ""
    kpi_x = MARGIN + VALUE_WIDTH + GUTTER
    outcome_x = kpi_x + KPI_WIDTH + GUTTER
    width = outcome_x + OUTCOME_WIDTH + MARGIN

    kpi_rows: list[_KpiRow] = []
    y = MARGIN + HEADING
    for kpi in profile.kpis:
        kpi_box = Box(kpi.name, href(f"kpis.md#kpi-{kpi.id}"), _owners(index, kpi.id, words))
        outcome = Box(plain(kpi.customer_outcome), css="pb-outcome")
        height = max(
            box_height(kpi_box, KPI_WIDTH, LINES), box_height(outcome, OUTCOME_WIDTH, LINES)
        )
        kpi_rows.append((kpi, kpi_box, outcome, y, height))
        y += height + ROW_GAP
    kpis_bottom = y - ROW_GAP

    value_boxes = [Box(value.name, href(f"values/{value.id}.md")) for value in profile.values]
    value_tops, values_bottom = _place_values(profile.values, value_boxes, kpi_rows)
    value_middles = {
        value.id: top + box_height(box, VALUE_WIDTH, LINES) / 2
        for value, box, top in zip(profile.values, value_boxes, value_tops, strict=True)
    }
    height = max(kpis_bottom, values_bottom) + MARGIN

    canvas = Canvas()
    for text, x in (
        (words["values"], MARGIN),
        (words["kpis"], kpi_x),
        (words["outcomes"], outcome_x),
    ):
        canvas.lines(x, MARGIN + FONT_SIZE + 2, [text], "pb-lane-label")
    for kpi, _, _, top, row_height in kpi_rows:  # lines first, under the boxes
        middle = top + row_height / 2
        for value_id in kpi.values:
            start = value_middles.get(value_id)
            if start is None:
                continue
            left = MARGIN + VALUE_WIDTH
            bend = GUTTER / 2
            canvas.path(
                f"M{left:g} {start:g}C{left + bend:g} {start:g} {kpi_x - bend:g} {middle:g}"
                f" {kpi_x:g} {middle:g}"
            )
        arrow_end = outcome_x - 2
        canvas.path(f"M{kpi_x + KPI_WIDTH:g} {middle:g}H{arrow_end:g}")
        canvas.path(f"M{arrow_end - 7:g} {middle - 5:g}l7 5l-7 5", "pb-arrow")
    for box, top in zip(value_boxes, value_tops, strict=True):
        draw_box(canvas, box, MARGIN, top, VALUE_WIDTH, LINES)
    for _, kpi_box, outcome, top, row_height in kpi_rows:
        draw_box(canvas, kpi_box, kpi_x, top, KPI_WIDTH, LINES, min_height=row_height)
        draw_box(canvas, outcome, outcome_x, top, OUTCOME_WIDTH, LINES, min_height=row_height)
    description = words["description"].format(values=len(profile.values), kpis=len(profile.kpis))
    svg = {"dom_id": "pb-kpi-map", "title": words["title"], "description": description}
    wide = svg_document(canvas, width=width, height=height, variant="wide", **svg)
    values = dict(zip((value.id for value in profile.values), value_boxes, strict=True))
    narrow = _narrow(kpi_rows, values, words, svg)
    return figure(wide + narrow, dom_id="pb-kpi-map", caption=words["caption"], kind="kpimap")


def _narrow(
    kpi_rows: list[_KpiRow], values: dict[str, Box], words: dict[str, str], svg: dict[str, str]
) -> str:
    """The phone's drawing: for each KPI, its box, and under it in a band the values it
    reflects (side by side) and the outcome it serves."""
    inner = NARROW_WIDTH - 2 * MARGIN - 2 * PADDING
    canvas = Canvas()
    top = MARGIN
    for kpi, kpi_box, outcome, _, _ in kpi_rows:
        header = Box(kpi_box.label, kpi_box.href, kpi_box.note, "pb-stage")
        top += draw_box(canvas, header, MARGIN, top, NARROW_WIDTH - 2 * MARGIN, LINES) + CHIP_GAP
        chips = [values[value_id] for value_id in kpi.values if value_id in values]
        parts: list[tuple[str, list[Box], int]] = []
        if chips:
            parts.append((words["reflects"], chips, 2))
        parts.append((words["serves"], [outcome], 1))
        band = Canvas()
        y = top + PADDING
        for label, boxes, across in parts:
            lines, _ = wrap(label, fits(SMALL_FONT_SIZE, inner), 2)
            band.lines(MARGIN + PADDING, y + SMALL_FONT_SIZE, lines, "pb-note", SMALL_LINE_HEIGHT)
            y += len(lines) * SMALL_LINE_HEIGHT + 4
            y += draw_grid(band, boxes, MARGIN + PADDING, y, inner, across, CHIP_GAP, LINES)
            y += PADDING
        canvas.rect(MARGIN, top, NARROW_WIDTH - 2 * MARGIN, y - top, "pb-lane")
        canvas.parts.extend(band.parts)
        top = y + BLOCK_GAP
    height = top - BLOCK_GAP + MARGIN
    return svg_document(canvas, width=NARROW_WIDTH, height=height, variant="narrow", **svg)


def _place_values(
    values: list[Value], boxes: list[Box], kpi_rows: list[_KpiRow]
) -> tuple[list[float], float]:
    """Each value beside the middle of the KPIs that reflect it, in the profile's order and
    without overlapping; a value no KPI reflects goes just below the one before it."""
    middles: dict[str, list[float]] = {}
    for kpi, _, _, top, row_height in kpi_rows:
        for value_id in kpi.values:
            middles.setdefault(value_id, []).append(top + row_height / 2)
    tops = []
    next_free = float(MARGIN + HEADING)
    for value, box in zip(values, boxes, strict=True):
        height = box_height(box, VALUE_WIDTH, LINES)
        wanted = middles.get(value.id)
        ideal = sum(wanted) / len(wanted) - height / 2 if wanted else next_free
        top = max(ideal, next_free)
        tops.append(top)
        next_free = top + height + ROW_GAP
    return tops, next_free - ROW_GAP


def _owners(index: ProfileIndex, kpi_id: str, words: dict[str, str]) -> str:
    owners = index.owners_by_kpi.get(kpi_id, [])
    if not owners:
        return words["no_owner"]
    names = ", ".join(role.title for role in owners[:OWNERS_SHOWN])
    if len(owners) <= OWNERS_SHOWN:
        return words["owned_by"].format(names=names)
    return words["owned_by_more"].format(names=names, count=len(owners) - OWNERS_SHOWN)
