"""Every engine builds the same playbook: the same pages, with the same main text.

The sample project (``org_config.yml`` and ``mkdocs.yml`` at the repository root) is built
by ProperDocs and by Zensical through the real command line, each in a process of its own
(ProperDocs has to answer MkDocs' imports from the start), and compared with the test run's
shared build of the sample by the default engine. Only the theme around each page may differ.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitekit import (
    REPO_ROOT,
    Finished,
    Project,
    Site,
    _clean_env,
    collapse,
    module_build,
    page_words,
    playbook_build,
    tree_hashes,
    write_project,
)

from tests.sitefiles import BuiltSite

SAMPLE_PROFILE = REPO_ROOT / "org_config.yml"
needs_zensical = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None,
    reason="zensical is not installed (pip install -e '.[zensical]'; 0.0.73 is the newest "
    "release that installs without the zensical-ui package)",
)


def build_sample(engine: str, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``python -m playbook build --engine ENGINE`` of the sample into ``site_dir``."""
    command = [sys.executable, "-m", "playbook", "build", "--config", str(SAMPLE_PROFILE)]
    command += ["--engine", engine, "--site-dir", str(site_dir), *extra]
    return subprocess.run(
        command, cwd=site_dir.parent, env=_clean_env(), capture_output=True, text=True, check=False
    )


def _built(engine: str, folder: Path) -> Site:
    result = build_sample(engine, folder / "site")
    assert result.returncode == 0, result.stderr
    return Site(folder / "site")


@pytest.fixture(scope="module")
def mkdocs_site(sample_site: BuiltSite) -> Site:
    """The default engine's build of the sample: the one the test run shares."""
    return Site(sample_site.root)


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _built("properdocs", tmp_path_factory.mktemp("properdocs"))


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _built("zensical", tmp_path_factory.mktemp("zensical"))


# What the zensical engine leaves out, and says so: change dates and lists of changed pages.
CHANGE_NOTES = ("playbook-updated", "playbook-changed-pages")


def _main_text(site: Site, url: str) -> str:
    return page_words(site.html(url), within="article", skip_classes=CHANGE_NOTES)


def _same_pages(site: Site, reference: Site) -> None:
    assert set(site.page_urls) == set(reference.page_urls)
    different = [
        url for url in reference.page_urls if _main_text(site, url) != _main_text(reference, url)
    ]
    assert different == [], f"main text differs on {len(different)} pages, first {different[:3]}"


def test_properdocs_builds_the_same_pages_with_the_same_text(
    properdocs_site: Site, mkdocs_site: Site
) -> None:
    _same_pages(properdocs_site, mkdocs_site)


def test_properdocs_really_built_the_site(properdocs_site: Site) -> None:
    generator = properdocs_site.soup("").find("meta", attrs={"name": "generator"})
    assert generator is not None
    assert "ProperDocs" in str(generator.get("content"))


def test_properdocs_site_keeps_the_playbook_theme_and_search(properdocs_site: Site) -> None:
    html = properdocs_site.html("")
    assert 'role="dialog" aria-label="Search"' in html
    assert "assets/playbook/playbook.css" in html
    assert (properdocs_site.root / "search" / "search_index.json").is_file()


def test_an_unknown_engine_is_refused_with_the_choices(tmp_path: Path) -> None:
    result = build_sample("hugo", tmp_path / "site")
    assert result.returncode == 2
    assert "'hugo' is not one of 'mkdocs', 'properdocs', 'zensical'" in result.stderr


@needs_zensical
def test_zensical_builds_the_same_pages_with_the_same_text(
    zensical_site: Site, mkdocs_site: Site
) -> None:
    _same_pages(zensical_site, mkdocs_site)


@needs_zensical
def test_zensical_site_has_the_playbook_theme_name_and_accessible_markup(
    zensical_site: Site, mkdocs_site: Site
) -> None:
    home = zensical_site.html("")
    assert "zensical" in home.lower()  # really built by Zensical
    assert 'role="dialog" aria-label="Search"' in home
    assert "assets/playbook/playbook.css" in home
    assert (zensical_site.root / "assets" / "playbook" / "checklists.js").is_file()
    assert "fonts.googleapis.com" not in home
    titles = [site.soup("kpis/").title for site in (zensical_site, mkdocs_site)]
    assert titles[0] is not None and titles[1] is not None
    assert titles[0].get_text() == titles[1].get_text()  # "KPIs - <name> playbook"
    journey = zensical_site.soup("journey/")
    assert journey.find("th", attrs={"scope": "col"}) is not None
    assert _nav_targets(zensical_site, "values/") == _nav_targets(mkdocs_site, "values/")
    broken = {url: zensical_site.broken_links(url) for url in zensical_site.page_urls}
    assert {url: links for url, links in broken.items() if links} == {}


def _nav_targets(site: Site, url: str) -> list[str]:
    """The pages the primary navigation links to, in order, once each."""
    nav = site.soup(url).find("nav", class_="md-nav--primary")
    assert nav is not None
    targets = [link.split("#")[0] for link in site.internal_links(url, nav)]
    return list(dict.fromkeys(targets))


PROFILE_WITH_MARKUP = """\
    schema_version: 1
    organisation:
      name: R&D Shoes
      mission: Make walking a joy.
      customers: People who walk a lot.
    values:
      - id: care
        name: Care
        summary: "We write <script>alert(1)</script> and {{ 7 * 7 }} as text; R&D < 10 min."
        behaviours:
          everyone:
            - Listen before answering.
    journey:
      - id: discover
        name: Discover
        customer_goal: Find shoes that fit.
    roles:
      - id: agent
        title: Support agent
        department: Customer care
        customer_facing: true
        customer_position: Answers customers' questions.
        touchpoints: [discover]
        kpis: [nps]
    kpis:
      - id: nps
        name: Net promoter score
        definition: Survey after each order.
        customer_outcome: Customers recommend us.
    """


def _project_build(
    root: Path, engine: str, *extra: str
) -> Finished | subprocess.CompletedProcess[str]:
    """Build the project in ``root`` (written with PROFILE_WITH_MARKUP unless it exists)."""
    project = Project(root) if (root / "org_config.yml").exists() else None
    project = project or write_project(root, PROFILE_WITH_MARKUP)
    if engine == "mkdocs":
        # The default engine runs in this process (the same command, a second sooner);
        # ProperDocs and Zensical replace modules of MkDocs, so they get a process of their own.
        return playbook_build(project, "--engine", engine, *extra)
    return module_build(project, "--engine", engine, *extra)


@dataclass(frozen=True)
class ZensicalBuild:
    """A project with its own page and a plugin Zensical cannot run, built by Zensical."""

    root: Path
    result: Finished | subprocess.CompletedProcess[str]
    docs_before: dict[str, str]


@pytest.fixture(scope="module")
def zensical_build(tmp_path_factory: pytest.TempPathFactory) -> ZensicalBuild:
    project = write_project(
        tmp_path_factory.mktemp("zensical"),
        PROFILE_WITH_MARKUP,
        {"docs/notes.md": "# Notes\n\nOur own page.\n"},
    )
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(text.replace("plugins:\n", "plugins:\n  - tags\n"), "utf-8")
    docs_before = tree_hashes(project.docs)
    return ZensicalBuild(project.root, _project_build(project.root, "zensical"), docs_before)


@needs_zensical
def test_zensical_shows_profile_markup_literally_and_leaves_the_docs_folder_alone(
    zensical_build: ZensicalBuild,
) -> None:
    assert zensical_build.result.returncode == 0, zensical_build.result.stderr
    root = zensical_build.root
    site = Site(root / "site")
    text = "We write <script>alert(1)</script> and {{ 7 * 7 }} as text; R&D < 10 min."
    assert text in site.text("values/care/")
    assert "<script>alert(1)" not in site.html("values/care/")
    title = site.soup("values/care/").title
    assert title is not None and collapse(title.get_text()) == "Care - R&D Shoes playbook"
    assert "Our own page." in site.text("notes/")
    assert tree_hashes(root / "docs") == zensical_build.docs_before
    assert sorted(path.name for path in root.iterdir()) == [
        "docs",
        "mkdocs.yml",
        "org_config.yml",
        "site",
    ]


@needs_zensical
def test_zensical_says_which_plugins_it_leaves_out_and_refuses_pdfs(
    zensical_build: ZensicalBuild,
) -> None:
    result = zensical_build.result
    assert result.returncode == 0, result.stderr
    assert (
        "the zensical engine runs no MkDocs plugin, so these are left out of this build: "
        "material/tags" in result.stderr
    )
    assert (
        "the zensical engine leaves out the pages' 'Updated on' dates, the marks for pages "
        "changed since a reader's last visit and the list of changed pages on the "
        "what-changed page" in result.stderr
    )
    before = tree_hashes(zensical_build.root / "site")
    refused = _project_build(zensical_build.root, "zensical", "--pdf")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "the zensical engine cannot print PDFs yet; build them with --engine mkdocs or "
        "--engine properdocs"
    )
    assert tree_hashes(zensical_build.root / "site") == before


@needs_zensical
def test_zensical_reports_a_template_mistake_and_keeps_no_half_site(tmp_path: Path) -> None:
    write_project(
        tmp_path, PROFILE_WITH_MARKUP, {"docs/notes.md": "# Notes\n\n{{ no_such_thing }}\n"}
    )
    result = _project_build(tmp_path, "zensical")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "build failed in the template of notes.md: 'no_such_thing' is undefined; "
        "the previous site is unchanged"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "docs",
        "mkdocs.yml",
        "org_config.yml",
    ]


@pytest.mark.parametrize(
    "engine", ["mkdocs", "properdocs", pytest.param("zensical", marks=needs_zensical)]
)
def test_every_engine_names_the_search_dialog_in_the_playbook_s_words(
    tmp_path: Path, engine: str
) -> None:
    # Spanish: the playbook says "Búsqueda" where Material's and Zensical's own words say
    # "Buscar"; the theme fix writes the playbook's in every engine, on every page.
    spanish = REPO_ROOT / "tests" / "fixtures" / "languages" / "es.yml"
    write_project(tmp_path, spanish.read_text(encoding="utf-8"))
    result = _project_build(tmp_path, engine)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    for page in (site / "index.html", site / "roles" / "index.html", site / "404.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        dialog = soup.find("div", attrs={"data-md-component": "search", "role": "dialog"})
        assert dialog is not None and dialog["aria-label"] == "Búsqueda", page


def test_properdocs_warnings_are_shown_and_fail_a_strict_build(tmp_path: Path) -> None:
    write_project(
        tmp_path, PROFILE_WITH_MARKUP, {"docs/notes.md": "# Notes\n\nSee [the plan](plan.md).\n"}
    )
    result = _project_build(tmp_path, "properdocs", "--strict")
    assert result.returncode == 1
    assert "WARNING -  Doc file 'notes.md' contains a link 'plan.md'" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stderr
    assert not (tmp_path / "site").exists()


HOSTILE_NAMES = """\
    schema_version: 1
    organisation:
      name: "<img src=x onerror=alert(1)> R&D </title><script>alert(2)</script>"
      mission: Make walking a joy.
      customers: People who walk a lot.
      customer_term:
        singular: "<b onmouseover=alert(3)>guest"
        plural: guests
    values:
      - id: care
        name: "<svg onload=alert(4)>Care \\"quoted\\""
        summary: We care.
        behaviours:
          everyone:
            - Listen before answering.
    journey:
      - id: discover
        name: "</title><script>alert(5)</script>Discover"
        customer_goal: Find shoes that fit.
    roles:
      - id: agent
        title: "<img src=x onerror=alert(6)>Agent"
        department: Customer care
        customer_facing: true
        customer_position: Answers customers' questions.
        touchpoints: [discover]
        kpis: [nps]
    kpis:
      - id: nps
        name: Net promoter score
        definition: Survey after each order.
        customer_outcome: Customers recommend us.
    """
HOSTILE_SITE_NAME = "<img src=x onerror=alert(1)> R&D </title><script>alert(2)</script> playbook"
HOSTILE_TITLES = {
    "values/care/": '<svg onload=alert(4)>Care "quoted"',
    "roles/agent/": "<img src=x onerror=alert(6)>Agent",
    "journey/": "<b onmouseover=alert(3)>guest journey",
}


@pytest.mark.parametrize(
    "engine",
    [
        "mkdocs",
        "properdocs",
        pytest.param("zensical", marks=needs_zensical),
    ],
)
def test_every_engine_writes_each_name_as_text_exactly_once(tmp_path: Path, engine: str) -> None:
    write_project(tmp_path, HOSTILE_NAMES)
    result = _project_build(tmp_path, engine)
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "site")
    for url in ["", *HOSTILE_TITLES]:
        soup = site.soup(url)
        html = site.html(url)
        assert "alert(" not in "".join(script.get_text() for script in soup.find_all("script"))
        assert soup.select("[onerror], [onload], [onmouseover], svg > script") == []
        assert "&amp;lt;" not in html and "&amp;amp;" not in html, url
        title = collapse(soup.title.get_text()) if soup.title else ""
        assert title.endswith(HOSTILE_SITE_NAME), title
        if url:
            assert title == f"{HOSTILE_TITLES[url]} - {HOSTILE_SITE_NAME}"
        logo = soup.select_one("a.md-header__button.md-logo")
        assert logo is not None
        assert logo["aria-label"] == logo["title"] == HOSTILE_SITE_NAME
        topic = soup.select_one(".md-header__topic .md-ellipsis")
        assert topic is not None and collapse(topic.get_text()) == HOSTILE_SITE_NAME
        drawer = soup.select_one("nav.md-nav--primary")
        assert drawer is not None
        labels = [collapse(link.get_text()) for link in drawer.select("a.md-nav__link")]
        assert HOSTILE_TITLES["values/care/"] in labels
        assert HOSTILE_TITLES["journey/"] in labels


def test_tooltips_that_would_show_a_name_as_markup_are_left_out(tmp_path: Path) -> None:
    # Material's tooltips write a shortened title into the page as HTML; with a '<' in
    # a name, the build leaves the feature out (the sample mkdocs.yml turns it on).
    write_project(tmp_path, HOSTILE_NAMES)
    assert _project_build(tmp_path, "mkdocs").returncode == 0
    config = Site(tmp_path / "site").soup("").find("script", id="__config")
    assert config is not None and "content.tooltips" not in config.get_text()
    # A '<' in a name that only a heading shows (a journey stage) is enough.
    plain = PROFILE_WITH_MARKUP.replace("<script>alert(1)</script>", "a script").replace(
        "R&D < 10 min", "R&D in 10 min"
    )
    assert "<" not in plain
    stage_only = plain.replace("name: Discover", "name: Discover <now>")
    write_project(tmp_path / "stage", stage_only)
    assert _project_build(tmp_path / "stage", "mkdocs").returncode == 0
    config = Site(tmp_path / "stage" / "site").soup("").find("script", id="__config")
    assert config is not None and "content.tooltips" not in config.get_text()
    write_project(tmp_path / "plain", plain)
    assert _project_build(tmp_path / "plain", "mkdocs").returncode == 0
    config = Site(tmp_path / "plain" / "site").soup("").find("script", id="__config")
    assert config is not None and "content.tooltips" in config.get_text()


def test_a_page_title_joins_the_page_s_own_front_matter_as_html_text() -> None:
    from playbook.engines.rendering import with_title

    own = "---\ntags: [care]\ntitle: Old\n---\n# Care\n"
    assert with_title(own, "<b>Care</b> & co") == (
        "---\ntags:\n- care\ntitle: '&lt;b&gt;Care&lt;/b&gt; &amp; co'\n---\n\n# Care\n"
    )
    assert with_title("# Care\n", "Care") == "---\ntitle: Care\n---\n\n# Care\n"
