"""Finished HTML kept out of Python-Markdown's way while MkDocs renders a page.

The diagrams are inline SVG, about half of a role page's Markdown. Python-Markdown passes a
raw HTML block through unchanged, but only after parsing every tag in it, and MkDocs parses
the page's raw HTML once more to find anchors; at 1,000 roles those two passes over the
diagrams cost more than all of the playbook's own work on a page. So the diagram macros
put a short placeholder into the Markdown instead of the drawing, and the plugin puts the
drawing back into the page's HTML as soon as Python-Markdown is done, before anything
reads it (the page's description, the "Updated on" note, the change record's fingerprints,
the search index): every page comes out byte for byte as before.

A placeholder keeps the block's own opening and closing tags (``<figure ...>`` with its
id), so Python-Markdown sees the same block in the same place and the figure's anchor is
still known to MkDocs; only what is inside is set aside. It is named by a hash of that
content, so a page whose diagram changes gets different Markdown (the fast preview finds
the pages to render again by comparing their Markdown). Engines without the plugin
(Zensical) get the HTML itself.
"""

from __future__ import annotations

import hashlib
import re

_PLACEHOLDER = re.compile(r"<!--playbook-aside:([0-9a-f]{20})-->")
_MARKER = "<!--playbook-aside:"


class SetAside:
    """The HTML set aside during one build, by the hash that names it."""

    def __init__(self) -> None:
        self.kept: dict[str, str] = {}

    def block(self, html: str) -> str:
        """A one-line HTML block (``<figure ...>...</figure>``) with its content replaced by
        a placeholder; HTML of another shape is returned as it is."""
        start = html.find(">") + 1
        end = html.rfind("</")
        if not html.startswith("<") or "\n" in html or not 0 < start <= end:
            return html
        inner = html[start:end]
        key = hashlib.blake2b(inner.encode("utf-8"), digest_size=10).hexdigest()
        self.kept[key] = inner
        return f"{html[:start]}{_MARKER}{key}-->{html[end:]}"

    def restore(self, text: str) -> str:
        """``text`` (a page's HTML, or its Markdown) with every placeholder replaced by the
        HTML it stands for."""
        if _MARKER not in text:
            return text
        return _PLACEHOLDER.sub(lambda match: self.kept[match.group(1)], text)
