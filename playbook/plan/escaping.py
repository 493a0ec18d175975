"""Make profile text safe to place in Markdown templates: escape once, at the boundary.

Profile text is data. It may use inline Markdown (bold, italics, links to http(s),
mailto or relative pages), but it must never become markup or code:

- raw HTML shows as text (``<`` and ``&`` become entities);
- it cannot create structure: line breaks collapse to spaces, a leading ``#``, ``-``,
  ``>`` or ``1.`` cannot start a heading, list or quote, and ``|`` cannot split a
  table cell;
- only links with a safe destination stay links; ``javascript:``, ``data:`` and
  other schemes are shown as the literal text that was written;
- ``{`` and ``}`` become entities, so neither Jinja (``{{ ... }}``) nor attribute
  lists (``{: onclick=...}``) ever see them.

Python-Markdown passes numeric character references through untouched and the
browser shows them as the original characters, so the reader sees exactly what
HR wrote. Templates therefore never escape anything themselves.

Names also reach the theme outside Markdown: the site name, navigation titles and page
titles, which the theme writes into ``<title>``, the header, the drawer and attributes.
``text_as_html`` and ``escaped_nav`` make them HTML text once, for every engine: MkDocs and
ProperDocs receive them marked safe (so Material's ``| e`` leaves them alone), Zensical
receives the same text in the settings it reads. ``THEME_FIXES`` takes out the places
where the theme (Material's or Zensical's templates) would escape that text again; every
engine applies it to the templates it renders with. ``features_safe_for_titles`` keeps
Material's tooltips from writing a title back into the page as markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar
from urllib.parse import quote

from markupsafe import Markup
from pydantic import BaseModel

_SAFE_SCHEMES = {"http", "https", "mailto"}

# Characters that Markdown or its extensions could read as syntax, as entities.
_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "[": "&#91;",
    "]": "&#93;",
    "`": "&#96;",
    "|": "&#124;",
    "{": "&#123;",
    "}": "&#125;",
    "\\": "&#92;",
}
_ESCAPE_PATTERN = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")

# An inline link: [label](destination "optional title"); the destination may hold one
# level of balanced parentheses, as Wikipedia URLs do.
_LINK = re.compile(
    r"(?P<image>!?)\[(?P<label>[^\[\]]{1,500})\]"
    r"\(\s*(?P<dest>(?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"]*\")?\s*\)"
)

# Text that would start a block (heading, quote, list, rule, definition, admonition)
# if a template placed it at the start of a line. A leading "*" or "_" followed by a
# word is emphasis ("**Always** call back") and stays.
_BLOCK_START = re.compile(
    r"[#>=:!?~|+]"  # headings, quotes, setext rules, definitions, admonitions, lists
    r"|[-*](?=\s|$)"  # bullet list items
    r"|(?P<rule>[-*_])(?:\s*(?P=rule)){2,}\s*$"  # thematic breaks: --- or * * * or __ __ _
    r"|-"  # a lone leading dash is never emphasis; escaping it is always safe
    r"|\d+(?=[.)](?:\s|$))"  # ordered list items: 1. or 1)
)

_WHITESPACE = re.compile(r"\s+")
# Control characters are invisible and Python-Markdown drops some of them, which could
# move a "#" or "-" to the start of the text after the guard looked at it.
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")


def inline_markdown(text: str) -> str:
    """Profile text as a one-line Markdown snippet that renders as exactly that text.

    >>> inline_markdown("<b>Hi</b> [site](javascript:alert(1))")
    '&lt;b&gt;Hi&lt;/b&gt; &#91;site&#93;(javascript:alert(1))'
    """
    flat = _WHITESPACE.sub(" ", _CONTROL.sub("", text)).strip()
    pieces: list[str] = []
    position = 0
    for match in _LINK.finditer(flat):
        pieces.append(_escape_plain(flat[position : match.start()]))
        pieces.append(_link(match))
        position = match.end()
    pieces.append(_escape_plain(flat[position:]))
    result = "".join(pieces)
    return _protect_block_start(result)


def safe_url(destination: str) -> str | None:
    """The destination ready for a Markdown link, or None if it must not be a link."""
    compact = "".join(char for char in destination if char.isprintable() and not char.isspace())
    # The browser decodes character references in href ("javascript&colon;..."), so the
    # scheme is judged, and the link written, on the decoded text.
    previous = None
    while compact != previous:
        previous, compact = compact, html.unescape(compact)
        compact = "".join(char for char in compact if char.isprintable() and not char.isspace())
    if not compact:
        return None
    # "//host/..." (and "/\host" or "\\host", which browsers read the same way) leaves the
    # site for another host: it is an external link, written out with https so that it
    # meets the same scheme rules as every other link to another site.
    if re.match(r"[/\\]{2}", compact):
        compact = "https://" + compact.lstrip("/\\")
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", compact)
    if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
        return None
    if not scheme and ":" in compact.split("/", 1)[0]:
        return None  # "java script:..." squeezed together, or other scheme tricks
    return quote(compact, safe="/:?#@!$&'*+,;=%~-._")


def _link(match: re.Match[str]) -> str:
    url = safe_url(match.group("dest"))
    if url is None:
        return _escape_plain(match.group(0))
    # Images from profile text would load third-party content: keep them as links.
    prefix = "&#33;" if match.group("image") else ""
    return f"{prefix}[{_escape_plain(match.group('label'))}]({url})"


def _escape_plain(text: str) -> str:
    return _ESCAPE_PATTERN.sub(lambda match: _ENTITIES[match.group(0)], text)


def _protect_block_start(text: str) -> str:
    match = _BLOCK_START.match(text)
    if not match:
        return text
    if match.group(0)[0].isdigit():
        end = match.end()
        return f"{text[:end]}&#{ord(text[end])};{text[end + 1 :]}"
    return f"&#{ord(text[0])};{text[1:]}"


Model = TypeVar("Model", bound=BaseModel)


def escape_profile(model: Model) -> Model:
    """A copy of a validated profile (or any part of it) with every text made safe.

    Ids are slugs and stay unchanged; booleans, numbers and dates are not text.
    The copy has the same types, so templates use it exactly like the original.
    """
    return _escape_value(model)


def _escape_value(value: Any) -> Any:
    if isinstance(value, str):
        return inline_markdown(value)
    if isinstance(value, BaseModel):
        fields = {name: _escape_value(getattr(value, name)) for name in type(value).model_fields}
        return type(value).model_construct(_fields_set=value.model_fields_set, **fields)
    if isinstance(value, list):
        return [_escape_value(item) for item in value]
    if isinstance(value, dict):
        # Keys are ids (unchanged by escaping) or department names, which must match
        # the escaped department of a role.
        return {_escape_value(key): _escape_value(item) for key, item in value.items()}
    return value


def text_as_html(text: str) -> Markup:
    """Plain text as HTML text, escaped once and marked safe.

    Theme templates write site and page titles both as they are and through ``| e``;
    escaped once and marked safe, a name such as ``R&D <lead>`` shows literally in both.
    """
    return Markup(html.escape(text))


def escaped_nav(entries: Any) -> Any:
    """MkDocs-style navigation entries with every title as HTML text (see ``text_as_html``)."""
    if isinstance(entries, list):
        return [escaped_nav(entry) for entry in entries]
    if isinstance(entries, dict):
        return {text_as_html(title): escaped_nav(target) for title, target in entries.items()}
    return entries


# Where the theme's templates escape profile text a second time: the logo links' ``title``
# and the footer's previous and next page titles go through ``| e``. Under MkDocs that
# leaves text marked safe alone; Zensical's settings cannot mark text safe, so it showed
# ``&amp;lt;``. The text is HTML text already, so the fixed templates write it as it is.
#
# The same mechanism puts the playbook's page decorations where Material has no block for
# them, and names Material's search dialog (axe: aria-dialog-name): its label, in
# the playbook's language, reaches the templates as `extra.playbook_interface.search` (set
# by the playbook plugin). Zensical's dialog carries the theme's own label; it gets the
# playbook's, so every engine says the same word.
_SITE_NAME_TOOLTIP = ('title="{{ config.site_name | e }}"', 'title="{{ config.site_name }}"')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'
_SEARCH_LABEL = "{{ ((config.extra.playbook_interface or {}).search or lang.t('search')) | e }}"
ThemeFix = tuple[str | tuple[str, ...], str]
"""What a theme template writes (or the ways its releases write it) and what to write
instead."""
THEME_FIXES: dict[str, tuple[ThemeFix, ...]] = {
    "partials/header.html": (_SITE_NAME_TOOLTIP,),
    "partials/nav.html": (_SITE_NAME_TOOLTIP,),
    "partials/footer.html": (
        ("{{ page.previous_page.title | e }}", "{{ page.previous_page.title }}"),
        ("{{ page.next_page.title | e }}", "{{ page.next_page.title }}"),
    ),
    # The page's "Updated on" note goes under its title (see partials/page-content.html).
    "partials/content.html": (
        ("{{ page.content }}", '{% include "partials/page-content.html" %}'),
    ),
    "partials/search.html": (
        (
            (  # Material's dialog has no name; Zensical's has the theme's
                f"{_SEARCH_DIALOG}>",
                _SEARCH_DIALOG + " aria-label=\"{{ lang.t('search') }}\">",
            ),
            f'{_SEARCH_DIALOG} aria-label="{_SEARCH_LABEL}">',
        ),
    ),
}


def fix_theme_template(name: str, source: str) -> tuple[str, list[str]]:
    """A theme template with ``THEME_FIXES`` applied, and the fixes whose text was not found
    (the theme changed, or a project's own override already differs)."""
    missing = []
    for written, instead in THEME_FIXES.get(name, ()):
        ways = (written,) if isinstance(written, str) else written
        found = [way for way in ways if way in source]
        if not found:
            missing.append(ways[0].strip())
        for way in found:
            source = source.replace(way, instead)
    return source, missing


MARKUP_TOOLTIPS = "content.tooltips"


def features_safe_for_titles(features: list[str], titles: Iterable[str]) -> list[str]:
    """The theme features, without Material's tooltips when a title holds a ``<``.

    With ``content.tooltips`` on, Material shows a title that the header, the navigation
    or the table of contents cuts short (``.md-ellipsis``) in full in a tooltip, written
    into the page as HTML from the title's text: a name such as ``<img src=x onerror=...>``
    would run when hovered. Names cannot hold character references (validation refuses
    them), so a ``<`` is the only way in; such a playbook gets the browser's own tooltips.
    Pass every text of the profile (``profile_texts``): headings of the table of contents
    come from names of every kind.
    """
    if MARKUP_TOOLTIPS in features and any("<" in title for title in titles):
        return [feature for feature in features if feature != MARKUP_TOOLTIPS]
    return features


def profile_texts(value: Any) -> Iterator[str]:
    """Every piece of text in a validated profile (or any part of it), keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from profile_texts(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from profile_texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from profile_texts(key)
            yield from profile_texts(item)
