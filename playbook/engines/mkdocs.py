"""MkDocs with Material: what the playbook adds to how Material builds its search index.

Material's search indexer parses every page's whole HTML with a pure-Python parser, and
then drops the sections whose heading carries ``data-search-exclude``. Role pages repeat
org-wide text in such sections (most of their HTML), and parsing it was about a quarter
of a 1,000-role build. The indexer is given each page without the bodies of excluded
sections instead: a body runs from the excluded heading to the next heading, and is left
in place unless its tags are balanced, so the parser sees the same structure and the
index comes out the same (a test compares it with Material's own).

Other elements marked ``data-search-exclude`` (the diagrams, the "Updated on" note, the
home page's hidden reading list) keep their own tags but lose what is inside them, when
that is plain, properly nested markup with no heading: the indexer skips it anyway, and a
diagram is half of the journey and KPI pages.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

_EXCLUDED_HEADING = re.compile(r"<h([1-6])\b[^>]*\bdata-search-exclude\b[^>]*>.*?</h\1>", re.S)
_NEXT_HEADING = re.compile(r"<h[1-6]\b")
_OPENING_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_CLOSING_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)\s*>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_EXCLUDED_ELEMENT = re.compile(
    r"<(?!h[1-6]\b)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bdata-search-exclude\b[^>]*>"
)
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_PARSER_VOID = _VOID | {"param", "track", "wbr"}
"""Tags Material's indexer never expects to be closed."""
_ALWAYS_SKIPPED = {"script", "style", "object"}
_HEADING_TAGS = {f"h{level}" for level in range(1, 7)}


def index_without_excluded_bodies(config: Any) -> None:
    """Make Material's search index skip the bodies of excluded sections (if it is on)."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    if index is None or getattr(index, "_playbook_lightened", False):
        return
    add_entry = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        content = page.content
        page.content = without_excluded_bodies(content)
        try:
            add_entry(page)
        finally:
            page.content = content

    index.add_entry_from_context = add_entry_from_context
    index._playbook_lightened = True


def without_excluded_bodies(html: str) -> str:
    """Page HTML with the text between each excluded heading and the next heading removed,
    and the inside of other excluded elements."""
    if "data-search-exclude" not in html:
        return html
    return _without_excluded_contents(_without_excluded_sections(html))


def _without_excluded_sections(html: str) -> str:
    parts: list[str] = []
    position = 0
    while (heading := _EXCLUDED_HEADING.search(html, position)) is not None:
        parts.append(html[position : heading.end()])
        following = _NEXT_HEADING.search(html, heading.end())
        end = following.start() if following else len(html)
        body = html[heading.end() : end]
        if not _balanced(body):
            parts.append(body)
        position = end
    parts.append(html[position:])
    return "".join(parts)


def _balanced(fragment: str) -> bool:
    # Lists, not generators, and no lazy quantifier in the patterns: this runs on every
    # excluded section of every page, diagrams included.
    opened = Counter(
        [
            match.group(1).lower()
            for match in _OPENING_TAG.finditer(fragment)
            if not match.group(0).endswith("/>")
        ]
    )
    for name in _VOID:
        opened.pop(name, None)
    closed = Counter([name.lower() for name in _CLOSING_TAG.findall(fragment)])
    return opened == closed


def _without_excluded_contents(html: str) -> str:
    """The inside of each excluded element that is not a heading removed, when Material's
    indexer would skip all of it without a trace.

    The indexer recognises elements by their tag alone: an element of the same tag inside
    (or a tag that some excluded element of the page has, or that it always skips) could end
    the skipping early, so such an inside is left alone, as is one with a heading (which
    starts a section even there), a comment, or tags that do not nest.
    """
    if "linenodiv" in html:  # the indexer skips these as well; too rare to reason about
        return html
    excluded = list(_EXCLUDED_ELEMENT.finditer(html))
    if not excluded:
        return html
    sensitive = {match.group(1).lower() for match in excluded} | _ALWAYS_SKIPPED
    parts: list[str] = []
    position = 0
    for match in excluded:
        if match.start() < position:
            continue  # inside an element already emptied
        end = html.find(f"</{match.group(1)}>", match.end())
        if end < 0:
            continue
        inside = html[match.end() : end]
        if _skipped_without_trace(inside, sensitive):
            parts.append(html[position : match.end()])
            position = end
    parts.append(html[position:])
    return "".join(parts)


def _skipped_without_trace(inside: str, sensitive: set[str]) -> bool:
    """Whether markup is plain, nested, heading-free and free of tags the indexer keys on."""
    if "<!" in inside or "<?" in inside:
        return False
    open_tags: list[str] = []
    for match in _ANY_TAG.finditer(inside):
        name = match.group(2).lower()
        if name in sensitive or name in _HEADING_TAGS:
            return False
        if match.group(1):
            if not open_tags or open_tags.pop() != name:
                return False
        elif name not in _PARSER_VOID and not match.group(0).endswith("/>"):
            open_tags.append(name)
    return not open_tags
