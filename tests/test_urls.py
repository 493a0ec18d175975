"""One module builds the site's addresses; its links agree with the ones MkDocs writes."""

from __future__ import annotations

import pytest
from mkdocs.utils import get_relative_url

from playbook.hr.redirects import Redirect, absolute_target
from playbook.plan.urls import (
    absolute_url,
    department_source,
    item_address,
    item_source,
    page_file,
    page_source,
    page_url,
    relative_page_url,
    relative_source,
    relative_url,
    resolve_link,
    site_base,
)

LINKS = [
    ("roles/agent/", "roles/"),
    ("roles/agent/", "values/care/"),
    ("calendars/leadership.ics", "roles/agent/"),
    ("calendars/leadership.ics", "roles/agent.html"),
    ("roles/agent.html", "values/care.html"),
    ("index.html", "roles/agent.html"),
    ("./", "./"),
    ("", "roles/"),
    ("roles/", ""),
    ("feed.xml", "."),
    ("a/b/../c/", "a/./d/"),
    ("../../up/", "x/"),
    ("roles/agent/", "roles/agent/"),
    ("/roles/agent/", "/values/"),
    ("assets/playbook/playbook.css", "404.html"),
]


@pytest.mark.parametrize(("target", "page"), LINKS)
def test_relative_links_match_mkdocs(target: str, page: str) -> None:
    assert relative_url(target, page) == get_relative_url(target, page)


def test_relative_link_examples() -> None:
    assert relative_url("calendars/leadership.ics", "roles/agent/") == (
        "../../calendars/leadership.ics"
    )
    assert relative_url("roles/agent.html", "values/care.html") == "../roles/agent.html"
    assert relative_url("roles/", "roles/") == "./"


@pytest.mark.parametrize(
    ("src_path", "directory", "flat"),
    [
        ("index.md", "", "index.html"),
        ("roles/index.md", "roles/", "roles/index.html"),
        ("roles/agent.md", "roles/agent/", "roles/agent.html"),
        ("journey.md", "journey/", "journey.html"),
    ],
)
def test_page_addresses_with_and_without_directory_urls(
    src_path: str, directory: str, flat: str
) -> None:
    assert page_url(src_path, directory_urls=True) == directory
    assert page_url(src_path, directory_urls=False) == flat
    assert page_file(src_path, directory_urls=True) == f"{directory}index.html"
    assert page_file(src_path, directory_urls=False) == flat


def test_page_source_is_the_way_back_from_a_directory_address() -> None:
    for src_path in ("index.md", "roles/index.md", "values/index.md", "roles/agent.md"):
        assert page_source(page_url(src_path, directory_urls=True)) == src_path
    assert page_source("kpis/#kpi-nps") == "kpis.md"


def test_item_addresses() -> None:
    assert item_source("roles", "agent") == "roles/agent.md"
    assert item_source("values", "care") == "values/care.md"
    assert item_address("roles", "agent") == "roles/agent/"
    assert item_address("values", "care") == "values/care/"
    assert item_address("kpis", "nps") == "kpis/#kpi-nps"
    assert item_address("journey", "visit") == "journey/#stage-visit"
    assert item_address("programs", "calm") == "recognition/#program-calm"
    assert item_address("feedback_channels", "card") == "feedback/#channel-card"


@pytest.mark.parametrize(
    "site_url", ["https://example.org/playbook", "https://example.org/playbook/"]
)
def test_absolute_addresses_have_one_slash_after_the_site(site_url: str) -> None:
    assert site_base(site_url) == "https://example.org/playbook/"
    assert absolute_url(site_url, "roles/agent/") == "https://example.org/playbook/roles/agent/"


@pytest.mark.parametrize(
    ("page", "link", "target"),
    [
        ("roles/agent/", "../../values/care/", "values/care/"),
        ("roles/agent/", "../", "roles/"),
        ("roles/agent.html", "../values/care.html", "values/care.html"),
        ("", "roles/", "roles/"),
        ("index.html", "kpis.html", "kpis.html"),
    ],
)
def test_a_link_resolves_from_the_site_root(page: str, link: str, target: str) -> None:
    assert resolve_link(page, link) == target


def test_department_sections_use_the_table_of_contents_ids() -> None:
    assert department_source("Front desk") == "roles/index.md#front-desk"
    assert department_source("Qualität & Pflege") == "roles/index.md#qualitat-pflege"


@pytest.mark.parametrize(
    ("directory_urls", "written", "link", "target"),
    [
        (True, "roles/old/index.html", "../new/", "roles/new/"),
        (False, "roles/old.html", "new.html", "roles/new.html"),
    ],
)
def test_redirect_pages_are_written_where_the_old_page_was(
    directory_urls: bool, written: str, link: str, target: str
) -> None:
    redirect = Redirect("roles", "old", "new", "New")
    assert redirect.paths(directory_urls=directory_urls) == (written, link)
    assert redirect.target_url(directory_urls=directory_urls) == target
    assert absolute_target(redirect, None, directory_urls=directory_urls) == link
    assert (
        absolute_target(redirect, "https://example.org/pb", directory_urls=directory_urls)
        == f"https://example.org/pb/{target}"
    )


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("", "roles/", "../"),
        ("", "roles/agent/", "../../"),
        ("", "", "./"),
        ("roles/agent/", "", "roles/agent/"),
        ("values/care/", "roles/", "../values/care/"),
        ("roles/agent.html", "index.html", "roles/agent.html"),
    ],
)
def test_page_links_write_the_home_page_as_a_folder(target: str, page: str, expected: str) -> None:
    assert relative_page_url(target, page) == expected


def test_source_paths_are_relative_to_the_page_source_folder() -> None:
    assert relative_source("roles/agent.md", "values") == "../roles/agent.md"
    assert relative_source("kpis.md", ".") == "kpis.md"
