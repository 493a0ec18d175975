"""A hostile profile runs nothing in the browser, with every engine, and reads literally.

Names and text that are markup, script, ``javascript:`` links or Jinja are built with each
engine (MkDocs, ProperDocs, Zensical; each in a process of its own, as
``playbook build --engine`` runs) and opened in Chromium: the home page, a value page, a
role page and the journey page. Nothing runs (no dialog, ``window.__pwned`` stays
undefined), no link has a script scheme, and every name shows exactly as written in the
window title, the header, the drawer, the headings and the logo's label: escaped once,
never twice (``&lt;`` on screen would be a second escape).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from playbook.sitebuild.build import build_site
from tests.browser.browserkit import PageFactory, Server, expect, serving
from tests.sitefiles import require
from tests.sitekit import _clean_env, project_mkdocs_yml

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PWN = "window.__pwned=1"
ORGANISATION = f"<img src=x onerror={PWN}> R&D </title><script>{PWN}</script>"
VALUE = f"<svg onload={PWN}>Care \"quoted\" & 'single'"
ROLE = f"<img src=x onerror={PWN}>Agent"
STAGE = f"</title><script>{PWN}</script>Discover"
GUEST = f"<b onmouseover={PWN}>guest"
GUESTS = f"<img src=y onerror={PWN}>guests"
DEPARTMENT = f"<i onmouseover={PWN}>Care</i>"
SITE_NAME = f"{ORGANISATION} playbook"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


HOSTILE_PROFILE = f"""\
schema_version: 1
organisation:
  name: {_quoted(ORGANISATION)}
  mission: {_quoted(f"Walk {{{{ 7*7 }}}} [click](javascript:{PWN}) <script>{PWN}</script>")}
  customers: {_quoted(f"People who walk. {{% raw %}} [x](JaVaScRiPt:{PWN}) [p](//evil.example/x)")}
  customer_term:
    singular: {_quoted(GUEST)}
    plural: {_quoted(GUESTS)}
values:
  - id: care
    name: {_quoted(VALUE)}
    summary: {_quoted(f"We write <img src=x onerror={PWN}> and {{{{ 7 * 7 }}}} as text.")}
    behaviours:
      everyone:
        - {_quoted(f"Listen <a href=javascript:{PWN}>first</a>.")}
journey:
  - id: discover
    name: {_quoted(STAGE)}
    customer_goal: {_quoted(f"Find shoes <iframe src=javascript:{PWN}></iframe>")}
roles:
  - id: agent
    title: {_quoted(ROLE)}
    department: {_quoted(DEPARTMENT)}
    customer_facing: true
    customer_position: {_quoted(f"Answers [here](data:text/html,<script>{PWN}</script>).")}
    touchpoints: [discover]
    kpis: [nps]
kpis:
  - id: nps
    name: Net promoter score
    definition: Survey after each order.
    customer_outcome: Customers recommend us.
"""

ENGINES = ["mkdocs", "properdocs", "zensical"]
PAGES = {
    "home": "",
    "value": "values/care/",
    "role": "roles/agent/",
    "journey": "journey/",
}
# What each page's main heading shows.
HEADINGS = {"value": VALUE, "role": ROLE, "journey": f"{GUEST} journey"}


@pytest.fixture(scope="module", params=ENGINES)
def hostile(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The hostile profile built with one engine (through the real command line), served."""
    engine = request.param
    require(
        importlib.util.find_spec(engine) is not None,
        f"{engine} is not installed (pip install -e '.[test]')",
    )
    root = tmp_path_factory.mktemp(f"hostile-{engine}")
    (root / "org_config.yml").write_text(HOSTILE_PROFILE, encoding="utf-8")
    (root / "mkdocs.yml").write_text(project_mkdocs_yml(), encoding="utf-8")
    (root / "docs").mkdir()
    command = [sys.executable, "-m", "playbook", "build", "--config", str(root / "org_config.yml")]
    result = subprocess.run(
        [*command, "--engine", engine],
        cwd=root,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    with serving(root / "site") as server:
        yield server


def _open(new_page: PageFactory, url: str) -> tuple[Page, list[str]]:
    """A page opened at ``url``, with every dialog it tries to show recorded (and dismissed)."""
    page = new_page()
    dialogs: list[str] = []

    def dismiss(dialog: object) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", dismiss)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, dialogs


def _nothing_ran(page: Page, dialogs: list[str]) -> None:
    # Give late handlers (onload, onerror of a broken image) their chance first.
    page.wait_for_timeout(300)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert dialogs == []
    schemes = page.evaluate(
        """() => [...document.querySelectorAll('a[href], iframe[src], img[src]')]
            .map(element => new URL(element.href || element.src, location.href).protocol)"""
    )
    assert set(schemes) <= {"http:", "https:", "mailto:"}
    injected = page.evaluate(
        """() => [...document.querySelectorAll('*')].filter(element =>
            [...element.attributes].some(attribute => /^on/i.test(attribute.name))
            || element.matches('iframe, b, i:not(.md-icon)')).map(element => element.outerHTML)"""
    )
    assert injected == []


@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_in_the_profile_runs(new_page: PageFactory, hostile: Server, name: str) -> None:
    page, dialogs = _open(new_page, hostile.url(PAGES[name]))
    _nothing_ran(page, dialogs)
    # Hovering runs nothing either: headings, and everything with a tooltip or cut short
    # in the header and navigation (Material's tooltips show those titles in full).
    hovered = page.locator("article h1, [title], .md-ellipsis, .md-nav__link")
    for index in range(hovered.count()):
        target = hovered.nth(index)
        if target.is_visible():
            target.hover(timeout=2_000, force=True)
    _nothing_ran(page, dialogs)


@pytest.mark.parametrize("name", list(PAGES))
def test_names_show_literally_and_escaped_once(
    new_page: PageFactory, hostile: Server, name: str
) -> None:
    page, _ = _open(new_page, hostile.url(PAGES[name]))
    title = page.title()
    assert title.endswith(SITE_NAME), title
    if name in HEADINGS:
        assert title.startswith(HEADINGS[name]), title
        expect(page.locator("article h1").first).to_contain_text(HEADINGS[name])
    logo = page.locator("a.md-header__button.md-logo")
    assert logo.get_attribute("aria-label") == SITE_NAME
    assert logo.get_attribute("title") == SITE_NAME
    expect(page.locator(".md-header__topic").first).to_have_text(SITE_NAME)
    drawer = page.locator("nav.md-nav--primary")
    assert drawer.locator(".md-nav__title").first.text_content().strip() == SITE_NAME
    links = [text.strip() for text in drawer.locator("a.md-nav__link").all_text_contents()]
    assert VALUE in links
    assert f"{GUEST} journey" in links
    visible = page.evaluate("() => document.body.innerText")
    for doubled in ("&lt;", "&gt;", "&amp;", "&quot;", "&#"):
        assert doubled not in visible, f"{doubled} shows on {PAGES[name]!r}"
    if name == "home":
        assert "{{ 7*7 }}" in visible and "49" not in visible


def test_the_value_page_shows_template_syntax_as_text(
    new_page: PageFactory, hostile: Server
) -> None:
    page, _ = _open(new_page, hostile.url(PAGES["value"]))
    expect(page.locator("article")).to_contain_text(
        f"We write <img src=x onerror={PWN}> and {{{{ 7 * 7 }}}} as text."
    )


def test_a_protocol_relative_link_is_an_https_link(new_page: PageFactory, hostile: Server) -> None:
    page, _ = _open(new_page, hostile.url(""))
    links = page.locator("article a", has_text="p").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    assert "//evil.example/x" not in links


# Zensical 0.0.73's search dialog is drawn by a script of a package the index here does
# not serve (zensical-ui), so its search cannot be driven.
@pytest.mark.parametrize("hostile", ["mkdocs", "properdocs"], indirect=True)
def test_the_search_shows_hostile_names_as_text(new_page: PageFactory, hostile: Server) -> None:
    page, dialogs = _open(new_page, hostile.url(""))
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    search.press_sequentially("Listen", delay=50)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    _nothing_ran(page, dialogs)
    assert VALUE in page.locator(".md-search-result").inner_text()


def test_an_svg_logo_opened_by_its_address_runs_nothing(
    new_page: PageFactory, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("svg-logo")
    profile = HOSTILE_PROFILE.replace(
        "  customer_term:\n", "  brand:\n    logo: logo.svg\n  customer_term:\n", 1
    )
    (root / "org_config.yml").write_text(profile, encoding="utf-8")
    (root / "mkdocs.yml").write_text(project_mkdocs_yml(), encoding="utf-8")
    (root / "docs").mkdir()
    (root / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml" '
        f'onload="{PWN}"><script>{PWN}</script><circle r="5" onclick="{PWN}"/>'
        f'<foreignObject><h:img src="x" onerror="{PWN}"/></foreignObject>'
        f'<a href="javascript:{PWN}"><text y="20">Acme</text></a></svg>',
        encoding="utf-8",
    )
    build_site(root / "org_config.yml", site_dir=root / "site", strict=True)
    with serving(root / "site") as server:
        page, dialogs = _open(new_page, server.url("assets/playbook/brand-logo.svg"))
        page.locator("circle").click(force=True)
        _nothing_ran(page, dialogs)
        page, dialogs = _open(new_page, server.url(""))
        expect(page.locator(".md-header__button.md-logo img")).to_be_visible()
        _nothing_ran(page, dialogs)
