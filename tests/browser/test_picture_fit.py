"""The signature pictures fit their column in real Chromium, on a desktop and on phones.

Material's content column is 688 px wide in a 1280 x 800 window, 358 px on a 390 x 844
phone and 328 px on a 360 x 800 one. On each, the journey map, the KPI map and a role
page's journey must show every stage and label without sideways scrolling (no horizontal
overflow, every text inside the window and inside its box), with text at 11 px or more as
shown: the font size times the scale at which the drawing is shown. Profiles of 3, 7 and
12 stages, 1, 8 and 60 roles, short and long role names, and German compounds are built
here; screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from playbook.sitebuild.build import build_site
from tests.browser.browserkit import ARTIFACTS, LAPTOP, PageFactory, Server, serving
from tests.sitefiles import REPO_ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 800}
SMALLEST_TEXT = 11.0  # px, as shown

GERMAN_STAGES = [
    "Terminvereinbarung",
    "Patientenaufnahme und Anamnese",
    "Wartezimmerbetreuung",
    "Behandlungsplanbesprechung",
    "Zahnreinigung",
    "Kostenvoranschlagserläuterung",
    "Nachsorgeterminvereinbarung",
]
ENGLISH_STAGES = [
    "Find us",
    "Book",
    "Arrive",
    "Get treated",
    "Pay",
    "Follow up",
    "Come back",
    "Recommend us",
    "Renew a plan",
    "Move house",
    "Complain",
    "Leave",
]
LONG_TITLES = [
    "Verwaltungsfachangestellte für Abrechnung und Qualitätsmanagement",
    "Zahnmedizinische Fachangestellte",
    "Praxismanagerin",
    "Senior regional coordinator of patient experience and complaints",
    "CEO",
]


def profile(stages: list[str], roles: int, *, language: str = "en") -> dict[str, Any]:
    """A profile with these stages and ``roles`` roles: every role on two or three stages,
    alternately customer-facing, titles long and short, reporting to the first role."""
    stage_ids = [f"s{number}" for number in range(len(stages))]
    return {
        "schema_version": 1,
        "organisation": {
            "name": "Zahnarztpraxis Sonnenschein",
            "mission": "Gesunde Zähne ohne Angst.",
            "customers": "Patientinnen und Patienten jeden Alters.",
            "language": language,
        },
        "values": [
            {
                "id": "ruhe",
                "name": "Ruhe und Freundlichkeit",
                "summary": "Wir erklären, bevor wir handeln.",
                "behaviours": {"everyone": ["Erklären, was als Nächstes passiert."]},
            },
            {
                "id": "klar",
                "name": "Klartext",
                "summary": "Preise vor der Behandlung.",
                "behaviours": {"everyone": ["Den Preis vorher nennen."]},
            },
        ],
        "journey": [
            {"id": stage_id, "name": name, "customer_goal": "Gut versorgt sein."}
            for stage_id, name in zip(stage_ids, stages, strict=True)
        ],
        "roles": [
            {
                "id": f"role-{number}",
                "title": f"{LONG_TITLES[number % len(LONG_TITLES)]} {number}",
                "department": ["Empfang", "Behandlung", "Verwaltung"][number % 3],
                "customer_facing": number % 2 == 1,
                "customer_position": "Hilft.",
                "touchpoints": sorted(
                    {stage_ids[(number * step) % len(stage_ids)] for step in (1, 2, 3)}
                ),
                "kpis": ["wartezeit"] if number % 2 else ["weiterempfehlung"],
                **({"reports_to": "role-0"} if number else {}),
            }
            for number in range(roles)
        ],
        "kpis": [
            {
                "id": "wartezeit",
                "name": "Wartezeit im Wartezimmer",
                "definition": "Minuten zwischen Termin und Aufruf.",
                "customer_outcome": "Patientinnen und Patienten werden pünktlich aufgerufen "
                "und wissen, wie lange es noch dauert, auch an Tagen mit Notfallbehandlungen.",
                "values": ["ruhe"],
            },
            {
                "id": "weiterempfehlung",
                "name": "Weiterempfehlungsbereitschaft (Net Promoter Score)",
                "definition": "Umfrage nach dem Besuch.",
                "customer_outcome": "Familien empfehlen uns weiter.",
                "values": ["ruhe", "klar"],
            },
            {
                "id": "kostentreue",
                "name": "Kostenvoranschlagstreue",
                "definition": "Rechnungen ohne Abweichung vom Kostenvoranschlag.",
                "customer_outcome": "Niemand erlebt bei der Rechnung eine Überraschung.",
                "values": ["klar"],
            },
        ],
    }


PROFILES = {
    "three-stages-one-role": profile(ENGLISH_STAGES[:3], 1),
    "seven-german-stages": profile(GERMAN_STAGES, 8, language="de"),
    "twelve-stages-sixty-roles": profile(ENGLISH_STAGES, 60),
}
ROLE = "role-1"  # customer-facing, on two or three stages of every profile but the first
PAGES = {
    "journey": ("journey/", "#pb-journey-map"),
    "kpimap": ("kpis/", "#pb-kpi-map"),
    "role-journey": ("roles/role-0/", "#pb-role-journey"),
}

# Everything measured in one pass over the page: the overflow of the page and of the
# figure, the scale of the drawing shown, the smallest text as shown, texts outside the
# window, and texts wider than the box they are drawn in.
MEASURE = """figure => {
    const root = document.documentElement;
    const svg = [...figure.querySelectorAll('svg')].find(
        node => getComputedStyle(node).display !== 'none');
    const shown = svg.getBoundingClientRect();
    const scale = shown.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')];
    const sizes = texts.map(node => parseFloat(getComputedStyle(node).fontSize) * scale);
    const outside = [], spilling = [];
    for (const node of texts) {
        const box = node.getBoundingClientRect();
        const words = node.textContent.trim();
        if (box.left < -0.5 || box.right > innerWidth + 0.5) outside.push(words);
        const rect = node.parentElement.querySelector(':scope > rect.pb-box');
        if (rect) {
            const frame = rect.getBoundingClientRect();
            if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) spilling.push(words);
        }
    }
    const stages = [...svg.querySelectorAll('rect.pb-stage')].map(rect => {
        const text = rect.parentElement.querySelector('text');
        return text.textContent.replace(/\\s+/g, ' ').trim();
    });
    return {
        page_overflow: root.scrollWidth - root.clientWidth,
        figure_overflow: Math.max(...[figure, ...figure.querySelectorAll('div')].map(
            node => node.scrollWidth - node.clientWidth)),
        column: figure.clientWidth,
        variant: svg.getAttribute('class'),
        drawn_width: svg.viewBox.baseVal.width,
        shown_width: shown.width,
        smallest_text: Math.min(...sizes),
        outside, spilling, stages,
        cut: texts.map(node => node.textContent.trim()).filter(words => words.endsWith('…')),
    };
}"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    """Each test profile's playbook, built with --strict and served on a free port."""
    servers: dict[str, Server] = {}
    with contextlib.ExitStack() as stack:
        for name, data in PROFILES.items():
            folder = tmp_path_factory.mktemp(name)
            path = folder / "org_config.yml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
            target = folder / "site"
            build_site(path, site_dir=target, mkdocs_config=REPO_ROOT / "mkdocs.yml", strict=True)
            servers[name] = stack.enter_context(serving(target))
        yield servers


def measure(page: Page, selector: str) -> dict[str, Any]:
    return page.locator(selector).evaluate(MEASURE)


@pytest.mark.parametrize(
    "viewport", [LAPTOP, PHONE, SMALL_PHONE], ids=["1280x800", "390x844", "360x800"]
)
@pytest.mark.parametrize("name", list(PROFILES))
def test_pictures_fit_the_column_with_legible_text(
    new_page: PageFactory, sites: dict[str, Server], name: str, viewport: dict[str, int]
) -> None:
    page = new_page(viewport=viewport)
    data = PROFILES[name]
    stage_names = [stage["name"] for stage in data["journey"]]
    size = f"{viewport['width']}x{viewport['height']}"
    for picture, (url, selector) in PAGES.items():
        page.goto(sites[name].url(url))
        found = measure(page, selector)
        where = f"{name} {picture} at {size}: {found}"
        assert found["page_overflow"] <= 0, where
        assert found["figure_overflow"] <= 0, where
        assert found["smallest_text"] >= SMALLEST_TEXT, where
        assert found["outside"] == [], where
        assert found["spilling"] == [], where
        # Names and outcomes are whole: wrapped, never cut short with "…".
        assert found["cut"] == [], where
        if picture != "kpimap":
            # Every stage is drawn, in order, with its whole name (wrapped, never cut).
            assert len(found["stages"]) == len(stage_names), where
            for number, (shown, stage) in enumerate(
                zip(found["stages"], stage_names, strict=True), start=1
            ):
                assert shown.replace("- ", "").replace("-", "") == (
                    f"{number}. {stage}".replace("-", "")
                ), where
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator(selector).screenshot(path=str(ARTIFACTS / f"fit-{name}-{picture}-{size}.png"))


def test_desktop_draws_the_wide_picture_and_a_phone_the_narrow_one(
    new_page: PageFactory, sites: dict[str, Server]
) -> None:
    server = sites["seven-german-stages"]
    for viewport, variant in ((LAPTOP, "pb-svg--wide"), (PHONE, "pb-svg--narrow")):
        page = new_page(viewport=viewport)
        page.goto(server.url("journey/"))
        found = measure(page, "#pb-journey-map")
        assert variant in found["variant"], found
        # Shown at the size it is drawn, never blown up or shrunk on these two screens.
        assert found["shown_width"] == pytest.approx(found["drawn_width"], abs=0.5), found
        # The hidden drawing is out of the accessibility tree: each stage link is there once.
        links = page.locator("#pb-journey-map").get_by_role("link", name="1. Terminvereinbarung")
        assert links.count() == 1


def test_role_table_keeps_the_customer_outcome_on_a_phone(
    new_page: PageFactory, sites: dict[str, Server]
) -> None:
    page = new_page(viewport=PHONE)
    page.goto(sites["seven-german-stages"].url("roles/role-1/"))
    table = page.locator(".pb-kpi-table table")
    assert table.count() == 1
    cells = table.locator("tbody tr td:nth-child(4)")  # what it means for the customer
    assert cells.count() >= 1
    for box in cells.evaluate_all("cells => cells.map(cell => cell.getBoundingClientRect())"):
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".pb-kpi-table").screenshot(path=str(ARTIFACTS / "fit-role-kpi-table-phone.png"))
    # On a desktop it stays a table of four columns side by side.
    page.set_viewport_size(LAPTOP)
    assert table.locator("tbody tr").first.evaluate("row => getComputedStyle(row).display") == (
        "table-row"
    )
