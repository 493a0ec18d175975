"""Checks over every file of the built sites that need no browser.

Every internal link (and asset reference) of every page resolves, anchors included; every
table has column headers; no page loads anything from another server; the offline search
shim shipped in the theme is the npm package's file, unchanged.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from playbook.exports.printing import PrintDocument, RenderedPage, render_print_document
from playbook.plan.assemble import ASSETS
from playbook.sitebuild.build import build_site
from tests.sitefiles import (
    REPO_ROOT,
    SAMPLE,
    SAMPLE_PROFILE,
    BuiltSite,
    broken_links,
    parsed,
)

# Elements that make the browser fetch something when the page loads.
LOADED = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}
NOT_LOADED_RELS = {"canonical", "prev", "next", "alternate"}


def test_every_internal_link_resolves(sample_site: BuiltSite) -> None:
    assert len(sample_site.pages()) > 30
    assert broken_links(sample_site) == []


def test_every_internal_link_resolves_offline(offline_sample_site: BuiltSite) -> None:
    assert broken_links(offline_sample_site) == []


def test_the_link_checker_notices_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../b/">b</a> <a href="#here" id="here">ok</a> <a href="#gone">x</a>'
        '<a href="/a/#here">root</a>',
        encoding="utf-8",
    )
    assert broken_links(BuiltSite(tmp_path)) == [
        "a/index.html: ../b/ (no such file)",
        "a/index.html: #gone (no such anchor)",
    ]


def test_every_table_has_column_and_row_headers(sample_site: BuiltSite) -> None:
    problems = []
    for page in sample_site.pages():
        for number, table in enumerate(parsed(page).select("article table"), start=1):
            where = f"{page.relative_to(sample_site.root)} table {number}"
            head_cells = table.select("thead th")
            if not head_cells or any(cell.get("scope") != "col" for cell in head_cells):
                problems.append(f"{where}: header cells without scope=col")
            for row in table.select("tbody tr"):
                first = row.find(["td", "th"])
                if first is None or first.name != "th" or first.get("scope") != "row":
                    problems.append(f"{where}: a row without a row header")
                    break
    assert problems == []


@pytest.mark.parametrize("variant", ["sample_site", "offline_sample_site"])
def test_no_page_loads_anything_from_another_server(
    variant: str, request: pytest.FixtureRequest
) -> None:
    built: BuiltSite = request.getfixturevalue(variant)
    external = []
    for page in built.pages():
        soup = parsed(page)
        for name, attribute in LOADED.items():
            for tag in soup.find_all(name, attrs={attribute: True}):
                if name == "link" and set(tag.get("rel") or []) <= NOT_LOADED_RELS:
                    continue
                value = str(tag[attribute])
                if urlsplit(value).scheme or value.startswith("//"):
                    external.append(f"{page.relative_to(built.root)}: <{name}> {value}")
        if "fonts.googleapis.com" in page.read_text(encoding="utf-8"):
            external.append(f"{page.relative_to(built.root)}: Google Fonts")
    assert external == []


def test_offline_site_loads_the_local_search_shim(offline_sample_site: BuiltSite) -> None:
    soup = parsed(offline_sample_site.root / "index.html")
    scripts = [str(tag["src"]) for tag in soup.find_all("script", src=True)]
    assert ASSETS.offline_search_shim in scripts
    assert not [src for src in scripts if "unpkg.com" in src]
    assert (offline_sample_site.root / "search" / "search_index.js").is_file()
    assert (offline_sample_site.root / "roles" / "index.html").is_file()
    assert not (offline_sample_site.root / "roles" / "index").exists()


def test_offline_build_adds_the_offline_plugin_when_mkdocs_yml_lacks_it(tmp_path: Path) -> None:
    # Projects made by older `playbook init` have no offline entry in their mkdocs.yml.
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("  # A site that works from a plain folder")
    end = config.index("  - playbook:")
    config = config[:start] + config[end:]
    config = config.replace("\ndocs_dir: content\n", f"\ndocs_dir: {REPO_ROOT / 'content'}\n")
    assert "offline" not in config
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    target = tmp_path / "site"
    build_site(SAMPLE_PROFILE, mkdocs_config=tmp_path / "mkdocs.yml", site_dir=target, offline=True)
    built = BuiltSite(target)
    scripts = [
        str(tag["src"]) for tag in parsed(target / "index.html").find_all("script", src=True)
    ]
    assert ASSETS.offline_search_shim in scripts
    assert (target / "roles" / f"{SAMPLE.roles[0].id}.html").is_file()
    assert (target / "search" / "search_index.js").is_file()
    assert broken_links(built) == []


def test_print_documents_link_within_themselves() -> None:
    home = RenderedPage(
        "index.md",
        "",
        "Home",
        '<h1 id="home">Home</h1><p><a href="roles/a/#kpis">A</a> <a href="kpis/">KPIs</a> '
        '<a href="https://example.org/x">out</a> <a href="#home">top</a></p>',
    )
    role = RenderedPage(
        "roles/a.md",
        "roles/a/",
        "A",
        '<h2 id="kpis">KPIs</h2><label for="x"></label>'
        '<input aria-labelledby="task-1"><span id="task-1">Do it</span>'
        '<a href="../../">home</a>',
    )
    document = PrintDocument("playbook", "Acme <playbook>", (home, role), contents=True)
    text = render_print_document(document, stylesheets=["assets/a.css"], language="en")
    assert "<title>Acme &lt;playbook&gt;</title>" in text
    assert '<link rel="stylesheet" href="../assets/a.css">' in text
    assert '<a href="#page-roles-a--kpis">A</a>' in text  # to a page in the document
    assert '<a href="../kpis/">KPIs</a>' in text  # to a page of the site
    assert '<a href="https://example.org/x">out</a>' in text
    assert '<a href="#page-home--home">top</a>' in text
    assert '<h2 id="page-roles-a--kpis">' in text
    assert '<label for="page-roles-a--x">' in text
    assert '<input aria-labelledby="page-roles-a--task-1">' in text
    assert '<a href="#page-home">home</a>' in text
    assert '<li><a href="#page-roles-a">A</a></li>' in text  # contents
    assert document.pdf_path == "pdf/playbook.pdf"
    pack = PrintDocument("onboarding-a", "Onboarding pack: A", (role,))
    assert pack.pdf_path == "pdf/onboarding/a.pdf"
