"""Reading the playbook: search finds roles, phones never scroll sideways, checklists stick.

New hires read the playbook on a laptop on day one and on a phone later, and tick off their
onboarding checklist as they go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.browserkit import PHONE, PageFactory, Server, expect
from tests.sitefiles import SAMPLE

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ROLES = [SAMPLE.roles[0], SAMPLE.roles[-1]]


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.id)
def test_searching_a_role_title_finds_its_page(page: Page, server: Server, role: object) -> None:
    page.goto(server.url())
    search = page.get_by_role("textbox", name="Search")
    search.click()
    # Material searches on keyup: typing key by key, as a person does (fill() finds nothing).
    search.press_sequentially(role.title, delay=15)  # type: ignore[attr-defined]
    results = page.locator(".md-search-result__list")
    hit = results.locator(f'a[href$="roles/{role.id}/"]')  # type: ignore[attr-defined]
    expect(hit.first).to_be_visible()
    hit.first.click()
    expect(page).to_have_url(server.url(f"roles/{role.id}/"))  # type: ignore[attr-defined]
    expect(page.locator("article h1")).to_contain_text(role.title)  # type: ignore[attr-defined]


def test_no_page_scrolls_sideways_on_a_phone(
    new_page: PageFactory, server: Server, site_page_urls: list[str]
) -> None:
    page = new_page(viewport=PHONE)
    too_wide = []
    for url in site_page_urls:
        page.goto(server.url(url), wait_until="load")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            too_wide.append(f"{url or '/'}: {overflow}px too wide")
    assert too_wide == []


def test_wide_tables_scroll_inside_themselves_on_a_phone(
    new_page: PageFactory, server: Server
) -> None:
    page = new_page(viewport=PHONE)
    page.goto(server.url("journey/"))
    matrix = page.locator(".md-typeset__scrollwrap").filter(has=page.locator("table"))
    scroll = matrix.last.evaluate(
        "box => ({inner: box.scrollWidth, outer: box.clientWidth, "
        "overflow: getComputedStyle(box).overflowX})"
    )
    assert scroll["inner"] > scroll["outer"], "the journey matrix should be wider than a phone"
    assert scroll["overflow"] == "auto"
    before = matrix.last.evaluate("box => box.scrollLeft")
    matrix.last.evaluate("box => box.scrollBy(200, 0)")
    assert matrix.last.evaluate("box => box.scrollLeft") > before


def _checked(page: Page) -> list[bool]:
    return page.get_by_role("checkbox").evaluate_all("boxes => boxes.map(box => box.checked)")


def _click_tick_box(page: Page, index: int) -> None:
    """Click the tick box a person sees (Material draws it as the icon's ::before)."""
    indicator = page.locator("li.task-list-item .task-list-indicator").nth(index)
    indicator.scroll_into_view_if_needed()
    point = indicator.evaluate(
        """icon => {
            const item = icon.closest("li").getBoundingClientRect();
            const box = getComputedStyle(icon, "::before");
            return {
                x: item.left + parseFloat(box.left) + parseFloat(box.width) / 2,
                y: item.top + parseFloat(box.top) + parseFloat(box.height) / 2,
            };
        }"""
    )
    page.mouse.click(point["x"], point["y"])


def test_checklist_ticks_survive_a_reload_until_reset(
    new_page: PageFactory, server: Server
) -> None:
    page = new_page()
    page.goto(server.url("onboarding/"))
    boxes = page.get_by_role("checkbox")
    count = boxes.count()
    assert count >= 3
    assert _checked(page) == [False] * count
    expect(boxes.first).to_be_enabled()

    # Tick one item with the mouse (on its visible tick box) and one with the keyboard.
    # (The first two boxes are in one list, the first phase's goals, so Tab moves between
    # them rather than to the next phase heading's permalink.)
    _click_tick_box(page, 0)
    boxes.nth(0).focus()
    page.keyboard.press("Tab")  # keyboard focus shows on the item
    focused_item = page.locator("li.task-list-item .task-list-text").nth(1)
    expect(focused_item).to_have_css("outline-style", "solid")
    page.keyboard.press("Space")
    ticked = [index in (0, 1) for index in range(count)]
    assert _checked(page) == ticked

    page.reload()
    assert _checked(page) == ticked

    # Ticks are kept per page: a role page's checklist starts empty.
    page.goto(server.url(f"roles/{SAMPLE.roles[0].id}/"))
    assert not any(_checked(page))
    page.go_back()
    assert _checked(page) == ticked

    page.get_by_role("button", name="Reset checklist").click()
    assert _checked(page) == [False] * count
    page.reload()
    assert _checked(page) == [False] * count
    stored = page.evaluate("() => Object.keys(localStorage).filter(k => k.includes('checklist'))")
    assert stored == []


def test_unticking_an_item_is_remembered(new_page: PageFactory, server: Server) -> None:
    page = new_page()
    page.goto(server.url("onboarding/"))
    _click_tick_box(page, 1)
    _click_tick_box(page, 1)
    page.reload()
    assert not any(_checked(page))
