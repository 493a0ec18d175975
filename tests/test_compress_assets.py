"""The playbook's own scripts and styles in a built site: minified there (the sources stay
readable), and linked only from the pages that use them (``playbook.sitebuild.minify``,
``playbook.pagemeta``, ``playbook/theme/main.html``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitekit import Site, cli_build, write_project

from playbook.plan.assemble import ASSETS as THEME_ASSETS
from playbook.plan.assemble import THEME_DIR
from playbook.sitebuild.minify import minify_assets, minify_text
from tests.conftest import MINIMAL_PROFILE  # with a journey stage and a KPI: diagrams

ASSETS = THEME_DIR / "assets" / "playbook"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = write_project(tmp_path_factory.mktemp("assets"), MINIMAL_PROFILE)
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    return project.site()


def playbook_assets(soup: BeautifulSoup) -> set[str]:
    """The playbook's scripts and stylesheets a page loads, by file name."""
    found = {str(tag["src"]) for tag in soup.find_all("script", src=True)}
    found |= {str(tag["href"]) for tag in soup.find_all("link", rel="stylesheet")}
    return {Path(url).name for url in found if "/playbook/" in url}


def test_built_scripts_and_styles_are_minified_and_the_sources_keep_their_comments(
    site: Site,
) -> None:
    sources = sorted(path for path in ASSETS.rglob("*") if path.suffix in {".js", ".css"})
    assert len(sources) >= 10
    for source in sources:
        built = site.root / "assets" / "playbook" / source.relative_to(ASSETS)
        text = built.read_text(encoding="utf-8")
        assert len(text) < 0.9 * source.stat().st_size, built.name
        assert "/*" in source.read_text(encoding="utf-8"), source.name  # still documented
        assert "/*" not in text and "\n\n" not in text, built.name


def test_css_minifier_keeps_a_descendant_pseudo_class_inside_a_container_query() -> None:
    """rcssmin turns ``table :is(th, td)`` into ``table:is(th,td)`` inside ``@container``
    (another selector): the role page's KPI table fell apart on phones."""
    css = (
        "@container (max-width: 560px) {\n"
        "  .md-typeset .pb-kpi-table table :is(th, td):nth-child(2) {\n"
        "    grid-area: how; /* under the KPI */\n"
        "  }\n"
        "}\n"
    )
    minified = minify_text(css, ".css")
    assert ".pb-kpi-table table :is(th,td):nth-child(2)" in minified
    assert "grid-area:how" in minified and "under" not in minified


def test_css_the_minifier_cannot_read_is_published_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "assets" / "playbook"
    folder.mkdir(parents=True)
    broken = "/* a project's own override */\n{} .x { color: red }\n"
    (folder / "own.css").write_text(broken, encoding="utf-8")
    (folder / "own.js").write_text("// a note\nvar  x = 1;\n", encoding="utf-8")
    assert minify_assets(tmp_path) == [folder / "own.js"]
    assert (folder / "own.css").read_text(encoding="utf-8") == broken
    assert (folder / "own.js").read_text(encoding="utf-8") == "var x=1;"


def test_a_page_loads_a_features_script_and_styles_only_when_it_has_the_feature(
    site: Site,
) -> None:
    assessment = {"self-assessment.js", "self-assessment.css"}
    assert assessment <= playbook_assets(site.soup("culture-health/"))
    assert assessment <= playbook_assets(site.soup("leadership/"))
    journey = playbook_assets(site.soup("journey/"))
    assert not assessment & journey
    assert "diagrams.css" in journey
    assert "checklists.css" not in journey and "reading.css" not in journey
    onboarding = playbook_assets(site.soup("onboarding/"))
    assert {"checklists.js", "checklists.css", "reading.js", "reading.css"} <= onboarding
    assert "diagrams.css" not in onboarding
    for url in ("", "journey/", "values/care/", "culture-health/"):
        assert "playbook.css" in playbook_assets(site.soup(url)), url  # every page


def test_feature_styles_come_after_the_styles_every_page_has(site: Site) -> None:
    """They were the end of playbook.css: a feature's rule still wins over a base rule of
    the same weight."""
    links = [
        Path(str(tag["href"])).name
        for tag in site.soup("onboarding/").find_all("link", rel="stylesheet")
    ]
    assert links.index("playbook.css") < links.index("changes.css") < links.index("reading.css")
    assert links.index("checklists.css") > links.index("playbook.css")


def test_every_feature_stylesheet_exists() -> None:
    for stylesheet in THEME_ASSETS.page_stylesheets.values():
        assert (THEME_DIR / stylesheet).is_file(), stylesheet


@pytest.mark.skipif(importlib.util.find_spec("zensical") is None, reason="zensical missing")
def test_zensical_publishes_minified_assets_and_links_every_feature(tmp_path: Path) -> None:
    """Zensical runs no plugin, so nothing chooses per page: every feature is linked."""
    project = write_project(tmp_path, MINIMAL_PROFILE)
    result = cli_build(project, "--engine", "zensical")
    assert result.exit_code == 0, result.output
    site = project.site()
    built = site.root / "assets" / "playbook" / "self-assessment.js"
    assert built.stat().st_size < (ASSETS / "self-assessment.js").stat().st_size
    assets = playbook_assets(site.soup("journey/"))
    assert {Path(sheet).name for sheet in THEME_ASSETS.page_stylesheets.values()} <= assets
