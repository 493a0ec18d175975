"""Diagrams in real builds: on the right pages, names literal, links resolving with directory
URLs, in offline builds (``.html`` addresses) and in the print documents; departments beyond
60 roles, linking to their section of the roles directory.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from sitekit import Project, Site, cli_build, collapse, write_project

LIBRARY = """\
    schema_version: 1
    organisation:
      name: Riverside Library
      mission: Everyone in town can find, borrow and learn.
      customers: Readers, students and families.
    values:
      - id: welcome
        name: Welcome everyone
        summary: Nobody needs a reason to come in.
        behaviours:
          everyone: [Greet people who come in.]
    journey:
      - id: find
        name: Find a book
        customer_goal: Find something worth reading.
      - id: borrow
        name: Borrow & renew
        customer_goal: Take it home without fuss.
      - id: events
        name: Join an event
        customer_goal: Learn something with others.
    roles:
      - id: head-librarian
        title: Head Librarian
        department: Management
        customer_facing: false
        customer_position: Decides what the library offers and when it opens.
        touchpoints: [find]
        kpis: [loans]
      - id: desk-librarian
        title: Lending Desk Librarian
        department: Lending & Returns
        customer_facing: true
        customer_position: Lends, renews and answers questions at the desk.
        touchpoints: [find, borrow]
        kpis: [loans, wait]
        reports_to: head-librarian
      - id: outreach
        title: "Events & Outreach <lead> (5+)"
        department: "Children's & Teens"
        customer_facing: true
        customer_position: Runs reading groups and school visits.
        touchpoints: [events]
        reports_to: head-librarian
      - id: cataloguer
        title: Cataloguer
        department: Lending & Returns
        customer_facing: false
        customer_position: Makes sure the catalogue says where every book is.
        touchpoints: [find]
        reports_to: desk-librarian
    kpis:
      - id: loans
        name: Loans per week
        definition: Items lent, counted by the system.
        customer_outcome: "Readers find what they came for <b>fast</b> & {{ 7 * 7 }}."
        values: [welcome]
      - id: wait
        name: Wait at the desk
        definition: Minutes from queueing to being served.
        customer_outcome: Nobody waits more than 5 minutes.
        values: [welcome]
"""

ROLE_TITLES = [
    "Head Librarian",
    "Lending Desk Librarian",
    "Events & Outreach <lead> (5+)",
    "Cataloguer",
]
STAGES = ["1. Find a book", "2. Borrow & renew", "3. Join an event"]


def diagram(site: Site, url: str, dom_id: str) -> Tag:
    figure = site.soup(url).find("figure", id=dom_id)
    assert isinstance(figure, Tag), f"no diagram {dom_id} on {url or 'the home page'}"
    return figure


def svg_text(figure: Tag) -> str:
    svg = figure.find("svg")
    for title in svg.find_all("title"):
        title.extract()
    for desc in svg.find_all("desc"):
        desc.extract()
    return collapse(svg.get_text(" "))


def svg_links(site: Site, url: str, figure: Tag) -> list[str]:
    """The links of the figure's first drawing (for the maps: the wide one)."""
    svg = figure.find("svg")
    return [site.resolve(url, a["href"]) for a in svg.find_all("a", href=True)]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = write_project(tmp_path_factory.mktemp("library"), LIBRARY)
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    printing = text.replace(
        "profile: org_config.yml\n", "profile: org_config.yml\n      print_pages: true\n"
    )
    assert printing != text
    project.mkdocs_yml.write_text(printing, encoding="utf-8")
    result = cli_build(project, "--strict")
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture(scope="module")
def site(library: Project) -> Site:
    return library.site()


@pytest.fixture(scope="module")
def offline(library: Project, tmp_path_factory: pytest.TempPathFactory) -> Site:
    target = tmp_path_factory.mktemp("offline") / "site"
    result = cli_build(library, "--offline", "--strict", "--site-dir", str(target))
    assert result.exit_code == 0, result.output
    return Site(target)


def test_journey_map_names_every_stage_and_role_in_its_lane(site: Site) -> None:
    figure = diagram(site, "journey/", "pb-journey-map")
    text = svg_text(figure)
    for name in [*STAGES, *ROLE_TITLES, "Meet the customer here", "Shape it behind the scenes"]:
        assert name in text
    assert "49" not in text and "Borrow &amp; renew" not in text
    links = svg_links(site, "journey/", figure)
    assert links.count("roles/head-librarian/") == 1
    assert links.count("roles/desk-librarian/") == 2
    assert "journey/#stage-borrow" in links
    # The figure is named by its caption, and holds a wide and a narrow drawing of it.
    assert site.soup("journey/").find(id=figure["aria-labelledby"]).name == "figcaption"
    wide, narrow = figure.find_all("svg")
    assert "pb-svg--wide" in wide["class"] and "pb-svg--narrow" in narrow["class"]
    assert collapse(narrow.get_text(" ")).count("Lending Desk Librarian") == 2
    assert "Nobody" not in collapse(figure.get_text(" "))


def test_role_page_kpi_table_has_its_phone_layout_hook(site: Site) -> None:
    wrapper = site.article("roles/desk-librarian/").find("div", class_="pb-kpi-table")
    assert isinstance(wrapper, Tag) and wrapper.find("table") is not None


def test_role_page_highlights_its_stages_and_shows_its_reporting_lines(site: Site) -> None:
    journey = diagram(site, "roles/desk-librarian/", "pb-role-journey")
    highlighted = journey.find("svg").find_all("rect", class_="pb-column-self")
    assert len(highlighted) == 2
    assert "journey/#stage-find" in svg_links(site, "roles/desk-librarian/", journey)
    chart = diagram(site, "roles/desk-librarian/", "pb-role-orgchart")
    assert svg_text(chart).startswith("Head Librarian Behind the scenes · Management")
    assert "Lending Desk Librarian This role · Lending & Returns" in svg_text(chart)
    assert svg_links(site, "roles/desk-librarian/", chart) == [
        "roles/head-librarian/",
        "roles/cataloguer/",
    ]


def test_org_chart_and_kpi_map_show_names_exactly_as_written(site: Site) -> None:
    chart = diagram(site, "roles/", "pb-org-chart")
    text = svg_text(chart)
    assert "Events & Outreach <lead> (5+) Customer-facing · Children's & Teens" in text
    assert [link for link in svg_links(site, "roles/", chart)] == [
        "roles/head-librarian/",
        "roles/desk-librarian/",
        "roles/cataloguer/",
        "roles/outreach/",
    ]
    kpis = diagram(site, "kpis/", "pb-kpi-map")
    assert "Readers find what they came for <b>fast</b> & {{ 7 * 7 }}." in svg_text(kpis)
    assert kpis.find("b") is None
    assert "Owned by Head Librarian, Lending Desk Librarian" in svg_text(kpis)
    assert svg_links(site, "kpis/", kpis) == [
        "values/welcome/",
        "kpis/#kpi-loans",
        "kpis/#kpi-wait",
    ]


@pytest.mark.parametrize("url", ["journey/", "roles/", "kpis/", "roles/desk-librarian/"])
def test_every_link_of_the_diagram_pages_resolves(site: Site, url: str) -> None:
    assert site.broken_links(url) == []


def test_offline_build_links_to_html_files(offline: Site) -> None:
    pages = {
        "journey.html": "pb-journey-map",
        "roles/index.html": "pb-org-chart",
        "kpis.html": "pb-kpi-map",
        "roles/desk-librarian.html": "pb-role-orgchart",
    }
    for page, dom_id in pages.items():
        soup = BeautifulSoup((offline.root / page).read_text(encoding="utf-8"), "html.parser")
        figure = soup.find("figure", id=dom_id)
        assert isinstance(figure, Tag), page
        for anchor in figure.find_all("a", href=True):
            href = urlsplit(anchor["href"])
            if not href.path:
                continue  # a section of the same page
            assert href.path.endswith(".html"), (page, anchor["href"])
            target = (offline.root / page).parent / href.path
            assert target.resolve().is_file(), (page, anchor["href"])


def test_print_document_keeps_the_diagrams_named_and_linked_inside_it(site: Site) -> None:
    document = BeautifulSoup(
        (site.root / "print" / "playbook.html").read_text("utf-8"), "html.parser"
    )
    ids = {str(tag["id"]) for tag in document.find_all(id=True)}
    svgs = document.find_all("svg", class_="pb-svg")
    assert len(svgs) >= 3 + 4  # journey, org chart, KPI map, and each role's diagrams
    for svg in svgs:
        for reference in (svg["aria-labelledby"], svg["aria-describedby"]):
            assert reference in ids
        for anchor in svg.find_all("a", href=True):
            assert anchor["href"].startswith("#"), anchor["href"]
            assert anchor["href"][1:] in ids, anchor["href"]


def many_departments(count: int) -> str:
    roles = "".join(
        f"""
          - id: role-{number}
            title: Role {number}
            department: "Team {number % 7} & Co"
            customer_facing: {"true" if number % 2 else "false"}
            customer_position: Helps readers.
            touchpoints: [find]
            kpis: [loans]
            {f"reports_to: role-{(number - 1) // 3}" if number else ""}"""
        for number in range(count)
    )
    head, _, _ = LIBRARY.partition("    roles:\n")
    _, _, kpis = LIBRARY.partition("    kpis:\n")
    return head + "    roles:" + re.sub(r"\n {10}", "\n      ", roles) + "\n    kpis:\n" + kpis


def test_beyond_sixty_roles_departments_link_to_the_roles_directory(tmp_path: Path) -> None:
    project = write_project(tmp_path, many_departments(80))
    result = cli_build(project, "--strict")
    assert result.exit_code == 0, result.output
    site = project.site()
    for url, dom_id in (("journey/", "pb-journey-map"), ("roles/", "pb-org-chart")):
        figure = diagram(site, url, dom_id)
        links = svg_links(site, url, figure)
        departments = {link for link in links if link.startswith("roles/")}
        assert len(departments) == 7, links  # a box per department, none per role
        assert "roles/#team-3-co" in links
        assert "Team 3 & Co" in svg_text(figure)
        assert site.broken_links(url) == []
    assert "Role 40" not in svg_text(diagram(site, "journey/", "pb-journey-map"))
    role_journey = diagram(site, "roles/role-4/", "pb-role-journey")
    assert re.search(r"\d+ other roles", svg_text(role_journey))


MARKDOWN_HOOK = """\
    import json
    from pathlib import Path

    from mkdocs.plugins import event_priority

    SEEN = {}


    @event_priority(-100)  # after mkdocs-macros: the Markdown Python-Markdown converts
    def on_page_markdown(markdown, *, page, config, files):
        SEEN[page.file.src_uri] = markdown
        return markdown


    def on_post_build(*, config):
        target = Path(config.config_file_path).with_name("markdown.json")
        target.write_text(json.dumps(SEEN), encoding="utf-8")
"""


def test_diagrams_are_kept_out_of_the_markdown_and_put_into_the_page_whole(
    tmp_path: Path,
) -> None:
    """Python-Markdown (and MkDocs' own scan of a page's raw HTML) never parse the drawings:
    the Markdown holds the figure with a placeholder, the page holds the whole drawing."""
    project = write_project(tmp_path, LIBRARY, {"markdown_hook.py": MARKDOWN_HOOK})
    with project.mkdocs_yml.open("a", encoding="utf-8") as settings:
        settings.write("\nhooks:\n  - markdown_hook.py\n")
    result = cli_build(project, "--strict")
    assert result.exit_code == 0, result.output
    markdown = json.loads((tmp_path / "markdown.json").read_text(encoding="utf-8"))
    site = project.site()
    pages = {
        "journey.md": ("journey/", "pb-journey-map"),
        "kpis.md": ("kpis/", "pb-kpi-map"),
        "roles/index.md": ("roles/", "pb-org-chart"),
        "roles/desk-librarian.md": ("roles/desk-librarian/", "pb-role-journey"),
    }
    for src_uri, (url, dom_id) in pages.items():
        assert "<svg" not in markdown[src_uri], src_uri
        opening = re.search(
            rf'<figure class="pb-diagram[^"]*" id="{dom_id}"[^>]*>', markdown[src_uri]
        )
        assert opening is not None, f"{src_uri}: no {dom_id} figure in the Markdown"
        html = site.html(url)
        assert "playbook-aside" not in html, url
        drawn = re.search(rf"{re.escape(opening.group(0))}(<svg .*?)</figure>", html)
        assert drawn is not None, f"{url}: {dom_id} is not drawn in the page"
        assert drawn.group(1).count("<svg ") == drawn.group(1).count("</svg>") >= 1, url
