"""What a page says about itself before it is opened: its description and the scripts and
styles it needs.

Search results and link previews (chat tools, intranets, e-mail) show a page's
``<meta name="description">`` and Open Graph tags; without them a shared role page is a
bare address. The description is plain text drawn from the page's own content (a value's
summary, a role's customer position, the mission on the home page, the first paragraph of
any other page), short enough for a preview, and HTML-escaped once: Material's templates
do not autoescape.

The playbook's scripts and stylesheets each serve one kind of content (checklists,
self-assessments, read-and-confirm, diagrams); a page loads only those whose content it
holds, and the styles every page needs (``playbook.css``).

Nothing here knows MkDocs: the plugin passes text and HTML in and puts the results into
the page's metadata, where the theme override (``theme/main.html``) writes them.
"""

from __future__ import annotations

import functools
import re
from html import escape
from html.parser import HTMLParser

import markdown
from markupsafe import Markup

from playbook.plan.pages import PagePlan, PlannedPage

DESCRIPTION_LENGTH = 160
"""Characters a description may have: about what search results and previews show."""

ELLIPSIS = "…"

FEATURE_MARKERS: dict[str, re.Pattern[str]] = {
    "checklists": re.compile(r'class="task-list-control"'),
    "self-assessment": re.compile(r"\bdata-pb-assessment(?:-results)?="),
    "reading": re.compile(r'class="[^"]*\bplaybook-(?:confirm|reading|start-plan)\b'),
    "diagrams": re.compile(r'class="pb-diagram\b'),
}
"""Per feature with a script or stylesheet of its own (named by the file's stem), what in
a page's HTML shows that the page has it."""

_FEATURE_WORDS: dict[str, tuple[str, ...]] = {
    "checklists": ('class="task-list-control"',),
    "self-assessment": ("data-pb-assessment",),
    "reading": ("playbook-confirm", "playbook-reading", "playbook-start-plan"),
    "diagrams": ('class="pb-diagram',),
}
"""Text each feature's marker cannot match without: a page without it is passed over with a
plain substring search (the ``reading`` pattern alone took a millisecond a page)."""

_FIRST_PARAGRAPH_CHUNK = 8192
"""Characters of HTML read at a time while looking for a page's opening paragraph."""

_SPACE = re.compile(r"\s+")


class _TextCollector(HTMLParser):
    """The text of an HTML fragment, of its first top-level paragraph only, or (``headings``
    False) of everything but its headings."""

    SKIPPED = frozenset({"script", "style", "svg", "template"})
    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self, *, first_paragraph: bool, headings: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.first_paragraph = first_paragraph
        self.skipped = self.SKIPPED if headings else self.SKIPPED | self.HEADINGS
        self.parts: list[str] = []
        self.skipping = 0
        self.depth = 0  # open elements around the current position
        self.paragraph_depth: int | None = None
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.skipped:
            self.skipping += 1
        if self.first_paragraph and tag == "p" and self.paragraph_depth is None and not self.depth:
            self.paragraph_depth = self.depth
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")  # words of two paragraphs or list items stay apart
        if tag in self.skipped and self.skipping:
            self.skipping -= 1
        if tag not in _VOID and self.depth:
            self.depth -= 1
        if tag == "p" and self.paragraph_depth == self.depth:
            self.done = True

    def handle_data(self, data: str) -> None:
        if self.skipping or self.done:
            return
        if self.first_paragraph and self.paragraph_depth is None:
            return
        self.parts.append(data)

    def text(self) -> str:
        return _SPACE.sub(" ", "".join(self.parts)).strip()


_BLOCKS = frozenset(
    {"p", "li", "div", "dd", "dt", "td", "th", "tr", "br", "section", "figcaption", "blockquote"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def html_text(html: str) -> str:
    """The text of an HTML fragment, whitespace collapsed, character references resolved."""
    collector = _TextCollector(first_paragraph=False)
    collector.feed(html)
    collector.close()
    return collector.text()


def markdown_text(text: str) -> str:
    """Profile text as the reader sees it, as plain text.

    Args:
        text: profile text made safe for Markdown (``playbook.plan.escaping``): ``**care**``
            and links render, ``&lt;`` shows as ``<``.
    """
    return html_text(markdown_html(text))


@functools.lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """Markdown (profile or template text) as HTML, with Python-Markdown's defaults.

    One converter serves every call: making a new one each time (as ``markdown.markdown``
    does) cost more than converting the text. Remembered per text: the same texts come
    back on every build of a process (serve, a test run).
    """
    return _MARKDOWN.reset().convert(text)


_MARKDOWN = markdown.Markdown()


def opening_text(html: str) -> str:
    """The opening words of a page's content: its first top-level paragraph, or, for a page
    without one, its text without the headings (``""`` for a page with no text at all).

    Paragraphs inside admonitions, figures and lists are not the page's opening words.
    """
    first = _TextCollector(first_paragraph=True)
    # Fed a piece at a time, so that reading stops at the end of the first paragraph (the
    # journey page of a big playbook is over half a megabyte); what the parser makes of
    # the text does not depend on where the pieces end.
    for start in range(0, len(html), _FIRST_PARAGRAPH_CHUNK):
        first.feed(html[start : start + _FIRST_PARAGRAPH_CHUNK])
        if first.done:
            break
    first.close()
    if first.text():
        return first.text()
    rest = _TextCollector(first_paragraph=False, headings=False)
    rest.feed(html)
    rest.close()
    return rest.text()


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    cut = cut[: cut.rindex(" ")] if " " in cut else cut[: limit - len(ELLIPSIS)]
    return cut.rstrip(" ,;:.-\u2013\u2014") + ELLIPSIS


def description(text: str) -> Markup:
    """A page description as escaped HTML text, for a template that does not escape.

    Args:
        text: plain text (Markdown already stripped); it is shortened here.
    """
    return Markup(escape(shorten(text), quote=True))


def features_used(html: str) -> list[str]:
    """The features (see ``FEATURE_MARKERS``) a page's HTML has, whose scripts and
    stylesheets it needs."""
    return [
        name
        for name, marker in FEATURE_MARKERS.items()
        if any(word in html for word in _FEATURE_WORDS[name]) and marker.search(html)
    ]


def planned_description(plan: PagePlan, page: PlannedPage) -> str:
    """The profile text that describes a page about one thing, as plain text, or ``""``.

    The home page is described by the mission, a value's page by its summary, a role's page
    by its customer position; every other page by its opening paragraph (see
    ``opening_text``), which only the rendered page has.
    """
    catalog = plan.catalog  # indexes the same escaped profile
    if page.kind == "home":
        return markdown_text(plan.safe_profile.organisation.mission)
    if page.kind == "value":
        value = catalog.values_by_id.get(page.item_id or "")
        return markdown_text(value.summary) if value else ""
    if page.kind == "role":
        role = catalog.roles_by_id.get(page.item_id or "")
        return markdown_text(role.customer_position) if role else ""
    return ""
