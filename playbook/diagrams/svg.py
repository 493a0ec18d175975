"""Small SVG toolkit shared by the diagrams: boxes, links, text wrapping, the page wrapper.

Everything written here is escaped here: callers pass raw profile text (never the
Markdown-escaped copy the templates see), and each name is escaped exactly once, as XML.
Colours are CSS classes (``pb-*``) styled in ``playbook.css`` through custom properties, so
light mode, dark mode and print each get their own palette without a second drawing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

Gettext = Callable[[str], str]

Href = Callable[[str], str]
"""Turns a target such as ``roles/x.md`` or ``journey.md#stage-buy`` into a link (an
``href``) relative to the page the diagram is placed on."""

FONT_SIZE = 13
SMALL_FONT_SIZE = 11
LINE_HEIGHT = 16
SMALL_LINE_HEIGHT = 14
PADDING = 8
# Average advance of a character in the system sans-serif fonts, as a share of the font
# size; generous, so that text stays inside its box in wide fonts too.
_CHAR_WIDTH = 0.55

_MARKDOWN_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*(?:\([^()]*\)[^()]*)*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def text(value: str) -> str:
    """Text for an XML text node."""
    return escape(value, quote=False)


def attribute(value: str) -> str:
    """Text for a double-quoted XML attribute."""
    return escape(value, quote=True)


def plain(value: str) -> str:
    """Profile text (which may use inline Markdown) as the words a reader sees."""
    value = _MARKDOWN_LINK.sub(lambda match: match.group(1), value)
    value = _EMPHASIS.sub(lambda match: match.group(2), value)
    return " ".join(value.split())


def fits(font_size: int, width: float) -> int:
    """How many characters fit on a line of ``width`` pixels."""
    return max(4, int(width / (font_size * _CHAR_WIDTH)))


def wrap(value: str, width: int, max_lines: int) -> tuple[list[str], bool]:
    """Words broken into at most ``max_lines`` lines of ``width`` characters.

    Returns the lines and whether text had to be cut (the last line then ends in "…").
    """
    lines, cut = _wrap(value, width, max_lines)
    return list(lines), cut


@functools.lru_cache(maxsize=8192)
def _wrap(value: str, width: int, max_lines: int) -> tuple[tuple[str, ...], bool]:
    # The same names are measured again on every role page of a build: remember them.
    lines: list[str] = []
    current = ""
    for word in value.split():
        while len(word) > width:  # a word longer than the line is broken
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return tuple(lines or [""]), False
    kept = lines[:max_lines]
    kept[-1] = kept[-1][: width - 1].rstrip() + "…"
    return tuple(kept), True


@dataclass
class Canvas:
    """The elements of one drawing, in painting order."""

    parts: list[str] = field(default_factory=list)

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def rect(self, x: float, y: float, width: float, height: float, css: str) -> None:
        self.add(
            f'<rect class="{css}" x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}"'
            ' rx="4"/>'
        )

    def lines(
        self,
        x: float,
        y: float,
        lines: list[str],
        css: str = "pb-label",
        line_height: int = LINE_HEIGHT,
    ) -> None:
        """Lines of text whose first baseline is at ``y``."""
        if len(lines) == 1:
            self.add(f'<text class="{css}" x="{x:g}" y="{y:g}">{text(lines[0])}</text>')
            return
        # A space between the lines keeps the words apart when the text is read (aloud) as
        # one; it is a tspan of its own so that a link's underline does not run under it.
        spans = "<tspan> </tspan>".join(
            f'<tspan class="pb-text-line" x="{x:g}" dy="{0 if number == 0 else line_height}">'
            f"{text(line)}</tspan>"
            for number, line in enumerate(lines)
        )
        self.add(f'<text class="{css} pb-lines" y="{y:g}">{spans}</text>')

    def path(self, d: str, css: str = "pb-line") -> None:
        self.add(f'<path class="{css}" d="{d}"/>')


@dataclass(frozen=True)
class Box:
    """A labelled box, optionally a link.

    Attributes:
        label: the main text (raw; escaped when drawn).
        href: the link, already relative to the page; None for a box that is not a link.
        note: a second, smaller line (department, counts, owners).
        css: extra classes, e.g. ``pb-self`` for the reader's own role.
    """

    label: str
    href: str | None = None
    note: str = ""
    css: str = ""


@functools.lru_cache(maxsize=16384)
def box_height(box: Box, width: float, max_lines: int = 2) -> int:
    """The height a box needs at ``width`` pixels (remembered, like ``_box_markup``)."""
    label_lines, _ = wrap(box.label, fits(FONT_SIZE, width - 2 * PADDING), max_lines)
    height = PADDING * 2 + len(label_lines) * LINE_HEIGHT - (LINE_HEIGHT - FONT_SIZE)
    if box.note:
        note_lines, _ = wrap(box.note, fits(SMALL_FONT_SIZE, width - 2 * PADDING), max_lines)
        height += len(note_lines) * SMALL_LINE_HEIGHT + 2
    return height


def draw_box(
    canvas: Canvas,
    box: Box,
    x: float,
    y: float,
    width: float,
    max_lines: int = 2,
    *,
    min_height: int = 0,
) -> int:
    """Draw a box with its top left corner at (x, y); return its height.

    A cut label keeps its full text as the box's tooltip and accessible name.
    """
    markup, height = _box_markup(box, x, y, width, max_lines, min_height)
    canvas.add(markup)
    return height


@functools.lru_cache(maxsize=16384)
def _box_markup(
    box: Box, x: float, y: float, width: float, max_lines: int, min_height: int
) -> tuple[str, int]:
    # Role pages draw the same boxes (stage headers, "3 other roles") in the same places:
    # a box's markup depends on nothing else, so it is made once.
    label_lines, cut = wrap(box.label, fits(FONT_SIZE, width - 2 * PADDING), max_lines)
    note_lines: list[str] = []
    if box.note:
        note_lines, note_cut = wrap(box.note, fits(SMALL_FONT_SIZE, width - 2 * PADDING), max_lines)
        cut = cut or note_cut
    height = max(min_height, box_height(box, width, max_lines))
    classes = " ".join(part for part in ("pb-box", box.css) if part)
    inner = Canvas()
    if cut:
        full = f"{box.label} ({box.note})" if box.note else box.label
        inner.add(f"<title>{text(full)}</title>")
    inner.rect(x, y, width, height, classes)
    baseline = y + PADDING + FONT_SIZE - 2
    inner.lines(x + PADDING, baseline, label_lines)
    if note_lines:
        note_y = baseline + (len(label_lines) - 1) * LINE_HEIGHT + SMALL_LINE_HEIGHT + 2
        inner.lines(x + PADDING, note_y, note_lines, "pb-note", SMALL_LINE_HEIGHT)
    body = "".join(inner.parts)
    if box.href is None:
        return f"<g>{body}</g>", height
    return f'<a href="{attribute(box.href)}">{body}</a>', height


def _grid_rows(boxes: list[Box], columns: int) -> list[list[Box]]:
    return [boxes[start : start + columns] for start in range(0, len(boxes), columns)]


def grid_height(boxes: list[Box], width: float, columns: int, gap: int, max_lines: int = 2) -> int:
    """The height of ``boxes`` laid out ``columns`` to a row across ``width`` pixels."""
    if not boxes:
        return 0
    box_width = (width - (columns - 1) * gap) / columns
    rows = _grid_rows(boxes, columns)
    heights = [max(box_height(box, box_width, max_lines) for box in row) for row in rows]
    return sum(heights) + gap * (len(rows) - 1)


def draw_grid(
    canvas: Canvas,
    boxes: list[Box],
    x: float,
    y: float,
    width: float,
    columns: int,
    gap: int,
    max_lines: int = 2,
) -> int:
    """Draw ``boxes`` left to right, ``columns`` to a row, the boxes of a row equally tall;
    return the height used."""
    box_width = (width - (columns - 1) * gap) / columns
    top = y
    for row in _grid_rows(boxes, columns):
        row_height = max(box_height(box, box_width, max_lines) for box in row)
        for number, box in enumerate(row):
            left = x + number * (box_width + gap)
            draw_box(canvas, box, left, top, box_width, max_lines, min_height=row_height)
        top += row_height + gap
    return int(top - gap - y) if boxes else 0


def svg_document(
    canvas: Canvas,
    *,
    width: float,
    height: float,
    dom_id: str,
    title: str,
    description: str,
    variant: str = "",
) -> str:
    """The drawing as an ``<svg>`` element, named by its title and described by its desc.

    It is a labelled group rather than role="img": an image's content is hidden from
    assistive technology, and the boxes are links a reader must be able to reach. A
    diagram drawn twice (``variant`` "wide" for a desktop column, "narrow" for a phone)
    gives each drawing its own ids and a class the style sheet shows or hides it by.
    """
    css = f"pb-svg pb-svg--{variant}" if variant else "pb-svg"
    ids = f"{dom_id}-{variant}" if variant else dom_id
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css}" role="group"'
        f' width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}"'
        f' aria-labelledby="{ids}-title" aria-describedby="{ids}-desc">'
        f'<title id="{ids}-title">{text(title)}</title>'
        f'<desc id="{ids}-desc">{text(description)}</desc>' + "".join(canvas.parts) + "</svg>"
    )


def figure(svg: str, *, dom_id: str, caption: str, kind: str) -> str:
    """The HTML placed in the page: the drawing (or its wide and narrow drawings, of which
    the style sheet shows the one that fits the column) and a visible caption naming it.

    Every drawing fits its column, scaled down a little on the narrowest screens, so
    nothing scrolls sideways. One line, with no blank line inside, so Python-Markdown
    passes it through untouched; excluded from the search index, which already has the
    same names from the page text.
    """
    return (
        f'<figure class="pb-diagram pb-diagram--{kind}" id="{dom_id}"'
        f' aria-labelledby="{dom_id}-caption" data-search-exclude>{svg}'
        f'<figcaption id="{dom_id}-caption">{text(caption)}</figcaption></figure>'
    )


def resolve_words(
    templates: dict[str, str],
    gettext: Gettext = str,
    singular: str = "customer",
    plural: str = "customers",
) -> dict[str, str]:
    """A diagram's texts in the playbook's language, with the profile's word for the people
    it serves (``%(customer)s``, ``%(Customers)s``...). Placeholders such as ``{count}`` are
    left for the diagram to fill."""
    terms = {
        "customer": singular,
        "customers": plural,
        "Customer": singular[:1].upper() + singular[1:],
        "Customers": plural[:1].upper() + plural[1:],
    }
    return {key: gettext(text) % terms for key, text in templates.items()}
