"""Printing: a printed page shows only its content, and `playbook build --pdf` writes PDFs.

Leaders print the onboarding script and role pages from the browser; HR hands out the
whole playbook and an onboarding pack per role as PDF files.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from playbook.cli import main
from tests.browser.browserkit import CHROMIUM, PageFactory, Server, expect, require_module
from tests.sitefiles import SAMPLE, SAMPLE_PROFILE, BuiltSite, broken_links, require

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pypdf import PdfReader

pytestmark = pytest.mark.browser

ROLE = SAMPLE.roles[0]
A4_AT_96_DPI = {"width": 794, "height": 1123}
SCREEN_FURNITURE = {
    "header": ".md-header",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "footer": ".md-footer",
    "back-to-top button": ".md-top",
    "checklist tools": ".playbook-checklist-tools",
}


def _pdf(data: bytes | Path) -> PdfReader:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)


def _text(reader: PdfReader) -> str:
    """All text of a PDF with whitespace collapsed (lines wrap anywhere in a PDF)."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("url", [f"roles/{ROLE.id}/", "onboarding/", "journey/"])
def test_a_printed_page_shows_only_its_content(page: Page, server: Server, url: str) -> None:
    page.set_viewport_size(A4_AT_96_DPI)
    page.goto(server.url(url))
    page.wait_for_load_state("load")
    page.emulate_media(media="print")

    visible = [name for name, css in SCREEN_FURNITURE.items() if page.locator(css).is_visible()]
    assert visible == []
    expect(page.locator("article h1")).to_be_visible()

    # No table is cut off at the right edge, and rows do not split across sheets.
    tables = page.locator("article table").evaluate_all(
        """tables => tables.map(table => ({
            overflow: table.getBoundingClientRect().right
                - table.closest("article").getBoundingClientRect().right,
            rowBreak: getComputedStyle(table.querySelector("tr")).breakInside,
            headerGroup: getComputedStyle(table.querySelector("thead")).display,
        }))"""
    )
    assert tables or url == "onboarding/", "the page should have tables"
    for table in tables:
        assert table["overflow"] <= 1
        assert table["rowBreak"] == "avoid"
        assert table["headerGroup"] == "table-header-group"

    printed = _text(_pdf(page.pdf(format="A4")))
    assert page.locator("article h1").inner_text().strip("¶ ") in printed
    for screen_only in ("Skip to content", "Made with", "Table of contents", "Reset checklist"):
        assert screen_only not in printed


def test_a_dark_mode_page_prints_dark_on_white(server: Server, new_page: PageFactory) -> None:
    page = new_page(dark=True)
    page.goto(server.url(f"roles/{ROLE.id}/"))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.emulate_media(media="print")
    colour = page.locator("article").evaluate("article => getComputedStyle(article).color")
    red, green, blue = (int(part) for part in re.findall(r"\d+", colour)[:3])
    assert max(red, green, blue) < 80, f"printed text colour {colour} is too light for paper"


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[BuiltSite]:
    """The sample playbook built by the documented command, `playbook build --pdf`."""
    require_module("pypdf")
    require(CHROMIUM.is_file(), f"chromium not found at {CHROMIUM}")
    target = tmp_path_factory.mktemp("pdf") / "site"
    arguments = ["build", "--config", str(SAMPLE_PROFILE), "--site-dir", str(target)]
    arguments += ["--strict", "--pdf", "--chromium", str(CHROMIUM)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert f"wrote {len(SAMPLE.roles) + 1} PDFs" in result.output
    yield BuiltSite(target)


def _bookmarks(reader: PdfReader) -> dict[str, int]:
    """The PDF's top-level bookmarks (one per page of the site: its h1) and their pages."""
    return {
        item.title: reader.get_destination_page_number(item)
        for item in reader.outline
        if not isinstance(item, list)
    }


def _page_text(reader: PdfReader, number: int) -> str:
    return re.sub(r"\s+", " ", reader.pages[number].extract_text())


def test_the_whole_playbook_pdf_has_every_page(pdf_site: BuiltSite) -> None:
    reader = _pdf(pdf_site.root / "pdf" / "playbook.pdf")
    site_pages = [path for path in pdf_site.root.rglob("index.html") if "print" not in path.parts]
    assert reader.metadata is not None
    assert reader.metadata.title == f"{SAMPLE.organisation.name} playbook"
    width, height = (float(side) for side in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (596, 843)  # A4 in points

    # Contents first, then every page of the site, each starting on a new sheet.
    bookmarks = _bookmarks(reader)
    assert len(bookmarks) == len(site_pages) + 1
    assert sorted(bookmarks.values()) == list(bookmarks.values())
    assert len(set(bookmarks.values())) == len(bookmarks)
    names = [value.name for value in SAMPLE.values] + [role.title for role in SAMPLE.roles]
    assert [name for name in names if name not in bookmarks] == []
    contents = _page_text(reader, 0) + _page_text(reader, 1)
    assert "Contents" in contents
    assert [name for name in names if name not in contents] == []

    for role in SAMPLE.roles:
        text = _page_text(reader, bookmarks[role.title])
        assert text.startswith(role.title)
        assert " ".join(role.customer_position.split()[:6]) in text
        assert "Skip to content" not in text


def test_one_onboarding_pack_per_role(pdf_site: BuiltSite) -> None:
    packs = sorted(path.stem for path in (pdf_site.root / "pdf" / "onboarding").glob("*.pdf"))
    assert packs == sorted(role.id for role in SAMPLE.roles)
    for role in SAMPLE.roles:
        reader = _pdf(pdf_site.root / "pdf" / "onboarding" / f"{role.id}.pdf")
        assert reader.metadata is not None
        assert role.title in str(reader.metadata.title)
        # The onboarding plan, then this role's page (and no other role's) on a new sheet.
        bookmarks = _bookmarks(reader)
        assert list(bookmarks) == ["Onboarding", role.title]
        assert bookmarks["Onboarding"] == 0
        assert 0 < bookmarks[role.title] < len(reader.pages)
        assert _page_text(reader, 0).startswith("Onboarding")
        role_start = _page_text(reader, bookmarks[role.title])
        assert role_start.startswith(role.title)
        assert " ".join(role.customer_position.split()[:6]) in role_start


def test_pdf_links_lead_inside_the_document(pdf_site: BuiltSite) -> None:
    reader = _pdf(pdf_site.root / "pdf" / "playbook.pdf")
    internal = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") == "/Link" and "/Dest" in link:
                internal += 1
    assert internal > 50, "links between pages should jump within the PDF"


def test_print_documents_link_checks(pdf_site: BuiltSite) -> None:
    assert (pdf_site.root / "print" / "playbook.html").is_file()
    assert broken_links(pdf_site) == []
