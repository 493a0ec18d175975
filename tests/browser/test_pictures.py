"""Diagrams and self-assessments in real Chromium, on a held-out profile (a dental clinic).

Each diagram shows every stage and role of the profile as text, its links lead to real
pages, axe finds nothing serious in light or dark mode, and a phone shows each drawing
without scrolling sideways. The self-assessments draw the chosen levels,
keep them over a reload, export them (CSV and JSON downloads), and show the spread of two
people's exports. Screenshots of every diagram and of a filled self-assessment are saved
under test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from playbook.profile.load import load_profile
from playbook.sitebuild.build import build_site
from tests.browser.browserkit import (
    ARTIFACTS,
    PHONE,
    PageFactory,
    Server,
    expect,
    run_axe,
    serious,
    serving,
)
from tests.sitefiles import REPO_ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CLINIC_PROFILE = REPO_ROOT / "tests" / "fixtures" / "clinic.yml"
CLINIC = load_profile(CLINIC_PROFILE)
ROLE = "practice-manager"
NOTHING = "\N{EN DASH}"  # what the spread table shows where no file has a level

DIAGRAMS = {
    "journey": ("journey/", "#pb-journey-map"),
    "orgchart": ("roles/", "#pb-org-chart"),
    "kpimap": ("kpis/", "#pb-kpi-map"),
    "role-journey": (f"roles/{ROLE}/", "#pb-role-journey"),
    "role-orgchart": (f"roles/{ROLE}/", "#pb-role-orgchart"),
}


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The clinic's playbook, built with --strict and served on a free local port."""
    target = tmp_path_factory.mktemp("clinic") / "site"
    build_site(CLINIC_PROFILE, site_dir=target, mkdocs_config=REPO_ROOT / "mkdocs.yml", strict=True)
    with serving(target) as server:
        yield server


def screenshot(page: Page, selector: str, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(selector).screenshot(path=str(ARTIFACTS / f"{name}.png"))


def svg_text(page: Page, selector: str) -> str:
    """The drawing's visible words (title and description left out), spaces collapsed."""
    return page.locator(f"{selector} svg >> visible=true").evaluate(
        """svg => { const copy = svg.cloneNode(true);
            copy.querySelectorAll('title, desc').forEach(node => node.remove());
            return copy.textContent.replace(/\\s+/g, ' ').trim(); }"""
    )


def test_journey_map_shows_every_stage_and_role(page: Page, clinic: Server) -> None:
    page.goto(clinic.url("journey/"))
    text = svg_text(page, "#pb-journey-map")
    for number, stage in enumerate(CLINIC.journey, start=1):
        assert f"{number}. {stage.name}" in text
    for role in CLINIC.roles:
        assert role.title in text
    figure = page.get_by_role("figure", name="Who shapes each stage of the customer journey")
    expect(figure).to_be_visible()
    expect(page.get_by_role("group", name="Customer journey map")).to_have_count(1)


def test_org_chart_and_kpi_map_show_every_role_and_kpi(page: Page, clinic: Server) -> None:
    page.goto(clinic.url("roles/"))
    text = svg_text(page, "#pb-org-chart")
    for role in CLINIC.roles:
        assert role.title in text
    assert text.index("Practice Owner") < text.index("Practice Manager") < text.index("Billing")
    page.goto(clinic.url("kpis/"))
    text = svg_text(page, "#pb-kpi-map")
    for kpi in CLINIC.kpis:
        assert kpi.name in text and kpi.customer_outcome in text
    for value in CLINIC.values:
        assert value.name in text


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_every_diagram_link_opens_a_page_and_its_section(
    page: Page, clinic: Server, name: str
) -> None:
    url, selector = DIAGRAMS[name]
    page.goto(clinic.url(url))
    links = page.locator(f"{selector} svg a").evaluate_all(
        "links => links.map(a => new URL(a.getAttribute('href'), location.href).href)"
    )
    assert links
    for link in sorted(set(links)):
        target, _, fragment = link.partition("#")
        response = page.request.get(target)
        assert response.ok, link
        if fragment:
            page.goto(link)
            expect(page.locator(f"[id='{fragment}']")).to_have_count(1)
    # A real click on the first box lands where it points.
    page.goto(clinic.url(url))
    first = page.locator(f"{selector} svg a").first
    href = first.evaluate("a => new URL(a.getAttribute('href'), location.href).href")
    first.click()
    expect(page).to_have_url(href)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "url", ["journey/", "roles/", "kpis/", f"roles/{ROLE}/", "culture-health/", "leadership/"]
)
def test_diagram_and_form_pages_pass_axe(
    new_page: PageFactory, clinic: Server, axe_script: Path, url: str, scheme: str
) -> None:
    page = new_page(dark=scheme == "dark")
    page.goto(clinic.url(url))
    if "culture" in url or "leadership" in url:
        expect(page.locator(".pb-assessment")).to_be_visible()  # the script has run
        page.locator("fieldset.pb-area label").first.click()
    assert serious(run_axe(page, axe_script)) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_every_diagram(new_page: PageFactory, clinic: Server, scheme: str) -> None:
    page = new_page(dark=scheme == "dark")
    for name, (url, selector) in DIAGRAMS.items():
        page.goto(clinic.url(url))
        screenshot(page, selector, f"diagram-{name}-{scheme}")


def test_diagrams_fit_a_phone_without_scrolling(new_page: PageFactory, clinic: Server) -> None:
    page = new_page(viewport=PHONE)
    for name, (url, selector) in DIAGRAMS.items():
        page.goto(clinic.url(url))
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name}: the page scrolls sideways by {overflow}px"
        figure = page.locator(selector)
        assert figure.evaluate("box => box.scrollWidth - box.clientWidth") <= 0, name
        # Nothing to scroll, so nothing to focus: the links are the only stops.
        assert figure.locator("[tabindex]").count() == 0, name
        screenshot(page, selector, f"diagram-{name}-phone")


# -- self-assessments -----------------------------------------------------------------------


def choose(page: Page, assessment: str, area: str, level: int) -> None:
    """Click the label of a level, as a person does."""
    page.locator("label").filter(has=page.locator(f"#pb-{assessment}-{area}-{level}")).click()


def chart_levels(page: Page, assessment: str) -> dict[str, str]:
    return page.locator(f"#pb-{assessment}-results svg g[data-pb-area]").evaluate_all(
        "groups => Object.fromEntries(groups.map(g => [g.dataset.pbArea, g.dataset.level]))"
    )


def download(page: Page, button: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_culture_health_check_scores_itself_and_keeps_the_answers(
    page: Page, clinic: Server, tmp_path: Path
) -> None:
    page.goto(clinic.url("culture-health/"))
    group = page.get_by_role("group", name="Collective focus")
    expect(group.get_by_role("radio")).to_have_count(5)
    choose(page, "culture-health", "collective-focus", 3)
    choose(page, "culture-health", "external-orientation", 1)
    choose(page, "culture-health", "champion", 5)

    levels = chart_levels(page, "culture-health")
    assert levels["collective-focus"] == "3"
    assert levels["external-orientation"] == "1"
    assert levels["champion"] == "5"
    assert levels["shared-beliefs"] == ""
    bar = page.locator(
        "#pb-culture-health-results g[data-pb-area='collective-focus'] .pb-assessment__bar"
    )
    assert bar.get_attribute("width") == "60%"
    summary = page.locator("#pb-culture-health-results .pb-assessment__summary")
    expect(summary.locator("li[data-pb-area='collective-focus']")).to_contain_text(
        ": Level 3 of 5. Next step: Tie each team's goals to a customer outcome on the KPI map."
    )
    expect(page.get_by_role("status")).to_contain_text("3 of 13 areas answered")
    screenshot(page, "#pb-culture-health-results", "assessment-culture-health")

    page.reload()
    expect(page.locator("#pb-culture-health-collective-focus-3")).to_be_checked()
    assert chart_levels(page, "culture-health")["champion"] == "5"

    exported = json.loads(download(page, "Download as JSON", tmp_path).read_text("utf-8"))
    assert exported["assessment"] == "culture-health"
    by_id = {area["id"]: area for area in exported["areas"]}
    assert by_id["collective-focus"] == {
        "id": "collective-focus",
        "name": "Collective focus",
        "level": 3,
    }
    assert by_id["shared-beliefs"]["level"] is None
    rows = list(
        csv.DictReader(
            io.StringIO(download(page, "Download as CSV", tmp_path).read_text("utf-8-sig"))
        )
    )
    assert {row["area_id"]: row["level"] for row in rows}["champion"] == "5"

    # A second person's answers: the facilitator loads both files and sees the spread.
    choose(page, "culture-health", "collective-focus", 5)
    choose(page, "culture-health", "external-orientation", 2)
    second = download(page, "Download as CSV", tmp_path / "second")
    first = tmp_path / "first.json"
    first.write_text(json.dumps(exported), encoding="utf-8")
    page.locator("#pb-culture-health-results-files").set_input_files([str(first), str(second)])
    spread = page.locator(".pb-assessment__spread table")
    expect(spread).to_be_visible()
    row = spread.locator("tr[data-pb-area='collective-focus'] td")
    expect(row).to_have_text(["2", "3", "5", "4"])
    expect(spread.locator("tr[data-pb-area='external-orientation'] td")).to_have_text(
        ["2", "1", "2", "1.5"]
    )
    expect(spread.locator("tr[data-pb-area='shared-beliefs'] td")).to_have_text(
        ["0", NOTHING, NOTHING, NOTHING]
    )
    expect(page.locator(".pb-assessment__spread")).to_contain_text(
        "Talk first about the areas where the scores differ most: Collective focus."
    )
    screenshot(page, "#pb-culture-health-results", "assessment-culture-health-spread")

    page.get_by_role("button", name="Clear my answers").click()
    expect(page.locator("#pb-culture-health-collective-focus-5")).not_to_be_checked()
    page.reload()
    assert set(chart_levels(page, "culture-health").values()) == {""}


def test_leadership_self_assessment_keeps_examples_and_prints_the_levels(
    page: Page, clinic: Server, tmp_path: Path
) -> None:
    page.goto(clinic.url("leadership/"))
    choose(page, "leadership", "calm-1", 2)
    page.locator("#pb-leadership-calm-1-example").fill("Took over a call from an upset parent.")
    page.reload()
    expect(page.locator("#pb-leadership-calm-1-2")).to_be_checked()
    expect(page.locator("#pb-leadership-calm-1-example")).to_have_value(
        "Took over a call from an upset parent."
    )
    summary = page.locator("#pb-leadership-results .pb-assessment__summary li").first
    expect(summary).to_contain_text(
        "Calm & kind 1: Ask a nervous patient's view before changing a process. Score 2 of 5."
        " Next step: Plan one moment each week"
    )
    rows = list(
        csv.DictReader(
            io.StringIO(download(page, "Download as CSV", tmp_path).read_text("utf-8-sig"))
        )
    )
    assert (
        rows[0]["level"] == "2" and rows[0]["example"] == "Took over a call from an upset parent."
    )
    page.set_viewport_size(PHONE)
    screenshot(page, "#pb-leadership-results", "assessment-leadership-phone")

    page.emulate_media(media="print")
    expect(page.locator("#pb-leadership-calm-1-2")).to_be_checked()
    expect(page.locator(".pb-assessment__tools")).to_be_hidden()
    expect(page.locator("#pb-leadership-results .pb-assessment__summary")).to_be_visible()


def test_without_javascript_the_check_is_a_printable_form(browser: object, clinic: Server) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort(),
        )
        page.goto(clinic.url("culture-health/"))
        expect(
            page.get_by_role("group", name="Collective focus").get_by_role("radio")
        ).to_have_count(5)
        expect(page.locator(".pb-assessment")).to_be_hidden()
        radio = page.locator("#pb-culture-health-collective-focus-2")
        page.locator("label").filter(has=radio).click()
        expect(page.locator("#pb-culture-health-collective-focus-2")).to_be_checked()
    finally:
        context.close()
