"""MkDocs with Material: what the playbook adds to how Material builds its search index.

Material's search indexer parses every page's whole HTML with a pure-Python parser, and
then drops the sections whose heading carries ``data-search-exclude``. Role pages repeat
org-wide text in such sections (most of their HTML), and parsing it was about a quarter
of a 1,000-role build. The indexer is given each page without the bodies of excluded
sections instead: a body runs from the excluded heading to the next heading, and is left
in place unless its tags are balanced, so the parser sees the same structure and the
index comes out the same (a test compares it with Material's own).
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
    """Page HTML with the text between each excluded heading and the next heading removed."""
    if "data-search-exclude" not in html:
        return html
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
