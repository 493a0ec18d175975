"""What the browser keeps and hands out stays safe: stored ticks of any shape, exported CSV.

A checklist's ticks live in localStorage. Whatever an older version, another tab or a
curious person left there (an array, a number, text that is not JSON), the next tick is
saved. A self-assessment's CSV export is opened in spreadsheets: a free-text example that
starts with a formula character, even after spaces, must arrive as text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.browserkit import PageFactory, Server, expect

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CHECKLIST_KEY = "playbook-checklist:/onboarding/"


def _checked(page: Page) -> list[bool]:
    return page.get_by_role("checkbox").evaluate_all("boxes => boxes.map(box => box.checked)")


@pytest.mark.parametrize(
    "stored",
    ["[1, 2, 3]", '["x"]', "5", "null", '"ticked"', "true", "{not json", '{"a": [1]}'],
)
def test_a_checklist_saves_ticks_whatever_was_stored_before(
    new_page: PageFactory, server: Server, stored: str
) -> None:
    page = new_page()
    page.goto(server.url("onboarding/"))
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [CHECKLIST_KEY, stored])
    page.reload()
    boxes = page.get_by_role("checkbox")
    expect(boxes.first).to_be_enabled()
    assert not any(_checked(page))

    boxes.nth(1).focus()
    page.keyboard.press("Space")
    page.reload()
    expect(boxes.nth(1)).to_be_checked()
    assert _checked(page).count(True) == 1


FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "   =1+1",
    " +1",
    "  -2",
    "\u00a0@SUM(A1)",
    "\tcmd",
    " \t=1",
]


def _download(page: Page, button: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


@pytest.mark.parametrize("example", FORMULAS)
def test_csv_export_makes_formula_cells_text(
    new_page: PageFactory, server: Server, tmp_path: Path, example: str
) -> None:
    page = new_page()
    page.goto(server.url("leadership/"))
    field = page.locator("input[data-pb-example]").first
    field.fill(example)
    exported = _download(page, "Download as CSV", tmp_path).read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    written = next(row["example"] for row in rows if row["example"])
    assert written == "'" + example


def test_csv_export_leaves_ordinary_text_alone(
    new_page: PageFactory, server: Server, tmp_path: Path
) -> None:
    page = new_page()
    page.goto(server.url("leadership/"))
    page.locator("input[data-pb-example]").first.fill("  Took over a call; 2 + 2 = 4")
    exported = _download(page, "Download as CSV", tmp_path).read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    assert [row["example"] for row in rows if row["example"]] == ["  Took over a call; 2 + 2 = 4"]
