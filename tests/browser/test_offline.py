"""Intranets without internet: pages load nothing from elsewhere, and `--offline` sites work
from a plain folder (file://), navigation and search included."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.browserkit import Server, expect
from tests.sitefiles import SAMPLE, BuiltSite

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ROLE = SAMPLE.roles[1]


def test_served_pages_ask_nothing_of_other_servers(
    page: Page, server: Server, site_page_urls: list[str]
) -> None:
    # The page fixture refuses and records any request that leaves 127.0.0.1 and fails the
    # test if there was one; here every kind of page is loaded, with search started.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for url in ["", "roles/", f"roles/{ROLE.id}/", "journey/", "onboarding/"]:
        page.goto(server.url(url), wait_until="networkidle")
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type(ROLE.title[:4], delay=15)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert requested, "the request log should not be empty"
    assert [url for url in requested if not url.startswith(server.base_url)] == []


def test_offline_site_works_from_a_folder(page: Page, offline_site: BuiltSite) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((offline_site.root / "index.html").as_uri())
    expect(page.locator("article h1")).to_contain_text(SAMPLE.organisation.name)
    # Styles and scripts load from the folder: Material's layout and the checklist script.
    expect(page.locator(".md-header")).to_be_visible()

    # Navigate as a reader does: the roles directory, then a role.
    page.locator(".md-sidebar--primary").get_by_role("link", name="Roles", exact=True).click()
    expect(page).to_have_url((offline_site.root / "roles" / "index.html").as_uri())
    page.locator("article").get_by_role("link", name=ROLE.title, exact=True).first.click()
    expect(page).to_have_url((offline_site.root / "roles" / f"{ROLE.id}.html").as_uri())
    expect(page.locator("article h1")).to_contain_text(ROLE.title)
    expect(page.get_by_role("checkbox").first).to_be_enabled()

    # Search runs without a server (the index is inlined; the worker runs in an iframe).
    search = page.get_by_role("textbox", name="Search")
    search.click()
    search.press_sequentially(ROLE.title, delay=15)
    hit = page.locator(f'.md-search-result__list a[href$="roles/{ROLE.id}.html"]')
    expect(hit.first).to_be_visible()

    assert [url for url in requested if not url.startswith(("file:", "data:", "about:"))] == []
