"""Print documents: several rendered pages of the site joined into one printable HTML file.

``playbook build --pdf`` prints these documents to PDF (see ``playbook.exports.pdf``):

- ``print/playbook.html``: the whole playbook, every page in reading order, with contents;
- ``print/onboarding-<role id>.html``: one onboarding pack per role, the onboarding plan
  followed by that role's page.

Each page's rendered content goes into its own ``<section>``. Element ids are prefixed with
the section's id so they stay unique, and links to a page that is in the same document
become links inside the document (they work in the PDF too); other site-relative links
are rebased onto the ``print/`` folder. Like ``pages.py``, this module knows nothing about
MkDocs: the plugin hands it the rendered HTML of each page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from playbook.plan.pages import PagePlan
from playbook.plan.urls import resolve_link

PRINT_DIR = "print"
"""Folder of the site that holds the print documents."""

PDF_DIR = "pdf"
"""Folder of the site that ``playbook build --pdf`` writes the PDFs to."""

_ATTRIBUTE = re.compile(r'(\s)(href|src|id|for|aria-labelledby|aria-describedby)="([^"]*)"')
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class RenderedPage:
    """One page of the built site.

    Attributes:
        src_path: the page's source path relative to the docs folder (``roles/x.md``).
        url: the page's URL relative to the site root (``roles/x/`` or ``roles/x.html``).
        title: the page title (plain text, as shown in its h1).
        content: the page's rendered content (HTML inside Material's ``<article>``).
    """

    src_path: str
    url: str
    title: str
    content: str


@dataclass(frozen=True)
class PrintDocument:
    """A printable document made of several pages.

    Attributes:
        name: file stem, built from fixed words and validated ids only.
        title: the document title (plain text).
        pages: the pages, in print order.
        contents: whether to start with a list of the pages.
        contents_heading: the heading of that list, in the playbook's language.
    """

    name: str
    title: str
    pages: tuple[RenderedPage, ...]
    contents: bool = False
    contents_heading: str = "Contents"

    @property
    def html_path(self) -> str:
        """Where the document is written, relative to the site root."""
        return f"{PRINT_DIR}/{self.name}.html"

    @property
    def pdf_path(self) -> str:
        """Where its PDF is written, relative to the site root."""
        if self.name.startswith("onboarding-"):
            return f"{PDF_DIR}/onboarding/{self.name.removeprefix('onboarding-')}.pdf"
        return f"{PDF_DIR}/{self.name}.pdf"


def plan_print_documents(
    plan: PagePlan, rendered: Iterable[RenderedPage], site_name: str
) -> list[PrintDocument]:
    """The whole playbook and one onboarding pack per role, from the site's rendered pages.

    Pages are printed in the plan's order (home, values, roles directory, each role, the
    guide pages); pages of the project's own that the plan does not know come last.
    """
    _ = plan.language.translations.gettext
    by_src = {page.src_path: page for page in rendered}
    planned = [by_src[page.src_path] for page in plan.pages if page.src_path in by_src]
    extra = [page for src, page in by_src.items() if plan.page(src) is None]
    documents = [
        PrintDocument(
            "playbook",
            site_name,
            tuple(planned + extra),
            contents=True,
            contents_heading=_("Contents"),
        )
    ]
    onboarding = by_src.get("onboarding.md")
    for page in plan.pages:
        role_page = by_src.get(page.src_path)
        if page.kind != "role" or role_page is None or onboarding is None:
            continue
        documents.append(
            PrintDocument(
                f"onboarding-{page.item_id}",
                _("Onboarding pack: %(role)s - %(playbook)s")
                % {"role": role_page.title, "playbook": site_name},
                (onboarding, role_page),
            )
        )
    return documents


def render_print_document(
    document: PrintDocument,
    *,
    stylesheets: Sequence[str],
    language: str = "en",
    direction: str = "ltr",
) -> str:
    """The document as a standalone HTML page to be written at ``document.html_path``.

    Args:
        document: the pages to join.
        stylesheets: the site's stylesheets, relative to the site root.
        language: the ``lang`` of the document.
        direction: the text direction, ``ltr`` or ``rtl`` (Material's styles need it).
    """
    sections = {_page_path(page.url): _section_id(page.url) for page in document.pages}
    links = "\n".join(
        f'<link rel="stylesheet" href="{html.escape(_from_print_dir(css))}">' for css in stylesheets
    )
    parts = [
        "<!doctype html>",
        f'<html lang="{html.escape(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{html.escape(document.title)}</title>",
        links,
        "</head>",
        f'<body class="playbook-print" dir="{html.escape(direction)}" '
        'data-md-color-scheme="default">',
        '<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">',
        '<div class="md-content"><article class="md-content__inner md-typeset">',
    ]
    if document.contents:
        parts.append(_contents(document))
    for page in document.pages:
        section = sections[_page_path(page.url)]
        content = page.content if "<h1" in page.content else _heading(page) + page.content
        parts.append(f'<section class="playbook-print-page" id="{section}">')
        parts.append(_rewrite(content, page.url, section, sections))
        parts.append("</section>")
    parts.append("</article></div></div></main></div>")
    parts.append("</body>")
    parts.append("</html>")
    return "\n".join(parts) + "\n"


def _contents(document: PrintDocument) -> str:
    items = "\n".join(
        f'<li><a href="#{_section_id(page.url)}">{html.escape(page.title)}</a></li>'
        for page in document.pages
    )
    return (
        '<section class="playbook-print-page playbook-print-contents">\n'
        f"<h1>{html.escape(document.title)}</h1>\n"
        f"<h2>{html.escape(document.contents_heading)}</h2>\n<ol>\n{items}\n</ol>\n"
        "</section>"
    )


def _heading(page: RenderedPage) -> str:
    return f"<h1>{html.escape(page.title)}</h1>\n"


def _rewrite(content: str, page_url: str, section: str, sections: dict[str, str]) -> str:
    """Prefix ids with the section id and point links at the document or the site."""

    def replace(match: re.Match[str]) -> str:
        space, name, value = match.groups()
        if name in ("id", "for"):
            value = f"{section}--{value}"
        elif name in ("aria-labelledby", "aria-describedby"):
            value = " ".join(f"{section}--{ref}" for ref in value.split())
        else:
            value = _rebase(html.unescape(value), page_url, section, sections)
            value = html.escape(value)
        return f'{space}{name}="{value}"'

    return _ATTRIBUTE.sub(replace, content)


def _rebase(link: str, page_url: str, section: str, sections: dict[str, str]) -> str:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        return link  # https:, mailto:, ...: unchanged
    if not parts.path:
        return f"#{section}--{parts.fragment}" if parts.fragment else f"#{section}"
    target = resolve_link(page_url, parts.path)
    anchor = sections.get(_page_path(target))
    if anchor is not None:
        return f"#{anchor}--{parts.fragment}" if parts.fragment else f"#{anchor}"
    rebased = "../" + target
    return f"{rebased}#{parts.fragment}" if parts.fragment else rebased


def _page_path(url: str) -> str:
    """One spelling per page: '' for the home page, 'x/' or 'x.html' otherwise."""
    url = url.lstrip("/")
    if url in ("", ".", "./", "index.html"):
        return ""
    return url.removesuffix("index.html") if url.endswith("/index.html") else url


def _section_id(url: str) -> str:
    slug = _NOT_SLUG.sub("-", _page_path(url).removesuffix(".html").lower()).strip("-")
    return f"page-{slug or 'home'}"


def _from_print_dir(path: str) -> str:
    return "../" + path.lstrip("/")
