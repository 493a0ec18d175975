"""A German playbook in the browser: the German search box (Material's, with its German
index) finds a role by its title, and axe finds nothing serious on German pages."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from playbook.sitebuild.build import build_site
from tests.browser.browserkit import (
    PageFactory,
    Server,
    expect,
    run_axe,
    serious,
    serving,
)
from tests.sitekit import project_mkdocs_yml

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

GERMAN_PROFILE = """\
    schema_version: 1
    organisation:
      name: Praxis am Markt
      mission: Wir helfen unseren Patientinnen und Patienten, gesund zu bleiben.
      customers: Menschen aus dem Viertel.
      language: de
    values:
      - id: zuwendung
        name: Zuwendung
        summary: Wir hören zu, bevor wir antworten.
        behaviours:
          everyone:
            - Wir nehmen uns Zeit für jede Frage.
    journey:
      - id: termin
        name: Termin vereinbaren
        customer_goal: Schnell einen passenden Termin finden.
    roles:
      - id: empfang
        title: Patientenberatung
        department: Empfang
        customer_facing: true
        customer_position: Begrüßt Patientinnen und Patienten und vergibt Termine.
        touchpoints: [termin]
        kpis: [wartezeit]
    kpis:
      - id: wartezeit
        name: Wartezeit am Telefon
        definition: Minuten bis zum Gespräch.
        customer_outcome: Niemand wartet lange.
    """


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("de")
    (root / "org_config.yml").write_text(textwrap.dedent(GERMAN_PROFILE), encoding="utf-8")
    (root / "mkdocs.yml").write_text(project_mkdocs_yml(), encoding="utf-8")
    (root / "docs").mkdir()
    site = root / "site"
    build_site(root / "org_config.yml", site_dir=site, strict=True)
    with serving(site) as server:
        yield server


def test_german_search_finds_a_role_by_its_title(page: Page, german: Server) -> None:
    page.goto(german.url())
    expect(page.get_by_role("dialog", name="Suche")).to_have_count(1)
    search = page.get_by_role("textbox", name="Suche")
    search.click()
    search.press_sequentially("Patientenberatung", delay=15)
    hit = page.locator('.md-search-result__list a[href$="roles/empfang/"]')
    expect(hit.first).to_be_visible()


def test_german_pages_have_no_serious_axe_violations(
    new_page: PageFactory, german: Server, axe_script: Path
) -> None:
    page = new_page()
    for url in ("", "roles/empfang/"):
        page.goto(german.url(url))
        expect(page.locator("html")).to_have_attribute("lang", "de")
        assert serious(run_axe(page, axe_script)) == [], url
