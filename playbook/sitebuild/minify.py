"""Smaller copies of the playbook's own styles and scripts in a built site.

The sources in ``playbook/theme/assets/playbook`` stay readable (comments say why a rule or
a line is there); the built site gets them without comments and spare whitespace: on the
sample a third smaller, a quarter smaller compressed. Only the output is changed, after the
engine has copied the theme's files, so every engine publishes the same bytes.

Scripts are minified by ``rjsmin`` (django-compressor's default for a decade): it only
removes comments and whitespace, never renames or reorders anything, and knows strings,
template literals and regular expression literals, so the code that runs is the code that
was written. Stylesheets are minified by ``lightningcss`` (the Parcel project's CSS parser
and minifier, written in Rust, through its Python binding): it parses the whole stylesheet,
so it knows which whitespace is a selector's descendant combinator inside ``@container``
and ``@media`` (``rcssmin`` joins ``.table :is(th, td)`` into ``.table:is(th,td)`` inside
``@container``), and, told which browsers to serve (browserslist's ``defaults``), writes
nothing those browsers cannot read. Comments starting ``/*!`` (licence notes) are kept in
scripts.
A stylesheet it cannot parse (a project's own override, say) is published as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import lightningcss
import rjsmin

ASSET_DIR = Path("assets", "playbook")
"""Where the playbook's styles and scripts are in a built site (relative to its root)."""


def _javascript(text: str) -> str:
    return rjsmin.jsmin(text, keep_bang_comments=True)


CSS_BROWSERS = ["defaults"]
"""The browsers the minified stylesheets must work in (a browserslist query): no rule is
merged or rewritten into a form one of them cannot read."""


def _css(text: str) -> str:
    try:
        return lightningcss.process_stylesheet(text, browsers_list=CSS_BROWSERS, minify=True)
    except (ValueError, RuntimeError):
        return text  # not CSS lightningcss can read: published unchanged


MINIFIERS: dict[str, Callable[[str], str]] = {".js": _javascript, ".css": _css}
"""The minifier for each kind of file, by suffix."""


def minify_text(text: str, suffix: str) -> str:
    """``text`` (a stylesheet or a script, by its file's ``suffix``) without comments and
    spare whitespace; other text as it is."""
    minify = MINIFIERS.get(suffix.lower())
    return minify(text) if minify else text


def minify_assets(site_dir: Path) -> list[Path]:
    """Minify the playbook's styles and scripts of a built site in place; return the files
    made smaller.

    A file that is not UTF-8 text, or that would not shrink, is left as it is.
    """
    folder = site_dir / ASSET_DIR
    if not folder.is_dir():
        return []
    changed = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in MINIFIERS:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        smaller = minify_text(text, path.suffix)
        if len(smaller) < len(text):
            path.write_text(smaller, encoding="utf-8")
            changed.append(path)
    return changed
