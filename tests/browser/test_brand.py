"""A brand colour and logo keep the site accessible: axe finds nothing serious.

The clinic fixture is built twice: with its own dark green, and with a bright yellow that
needs black text on the header and darker links on the white page.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

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
from tests.sitekit import REPO_ROOT, project_mkdocs_yml

pytestmark = pytest.mark.browser

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "tailoring"


@pytest.fixture(scope="module", params=["#0a7d5a", "#ffcc00"])
def branded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("branded")
    profile = (FIXTURES / "clinic.yml").read_text(encoding="utf-8")
    (root / "org_config.yml").write_text(
        profile.replace('colour: "#0a7d5a"', f'colour: "{request.param}"'), encoding="utf-8"
    )
    (root / "mkdocs.yml").write_text(project_mkdocs_yml(), encoding="utf-8")
    (root / "docs").mkdir()
    shutil.copy(FIXTURES / "larchfield-logo.svg", root / "larchfield-logo.svg")
    site = root / "site"
    build_site(root / "org_config.yml", site_dir=site, strict=True)
    with serving(site) as server:
        yield server


@pytest.mark.parametrize("url", ["", "roles/consultant/", "feedback/"])
def test_branded_pages_have_no_serious_axe_violations(
    new_page: PageFactory, branded: Server, axe_script: Path, url: str
) -> None:
    page = new_page()
    page.goto(branded.url(url))
    expect(page.locator(".md-header__button.md-logo img")).to_be_visible()
    assert serious(run_axe(page, axe_script)) == []
