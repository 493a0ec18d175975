"""One module builds the site's addresses; its links agree with the ones MkDocs writes."""

from __future__ import annotations

import pytest
from mkdocs.utils import get_relative_url

from playbook.urls import relative_url

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
