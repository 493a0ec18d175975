"""The search index is Material's, though Material's indexer is spared the excluded text.

``playbook.engines.mkdocs`` hands Material's indexer each page without the bodies of
sections marked ``data-search-exclude``; what the indexer keeps must not change.
"""

from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser
from sitekit import REPO_ROOT, SharedSites, Site

from playbook.engines.mkdocs import without_excluded_bodies


@pytest.fixture(scope="module")
def sample(shared_sites: SharedSites) -> Site:
    return shared_sites.site(REPO_ROOT / "org_config.yml")


def _indexed(html: str) -> list[tuple[str | None, str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [
        (section.id, "".join(section.title).strip(), "".join(section.text).strip())
        for section in parser.data
        if not section.is_excluded()
    ]


def test_every_page_indexes_the_same_without_the_excluded_bodies(sample: Site) -> None:
    checked = 0
    for url in sample.page_urls:
        html = sample.article(url).decode_contents()
        lighter = without_excluded_bodies(html)
        assert _indexed(lighter) == _indexed(html), url
        checked += lighter != html
    assert checked >= 10  # the role pages lost their excluded text


def test_excluded_body_is_removed_up_to_the_next_heading() -> None:
    html = (
        '<h2 id="a">Kept</h2><p>one</p>'
        '<h2 data-search-exclude id="b">Gone</h2><p>two</p><ul><li>three</li></ul>'
        '<h3 id="c">Next</h3><p>four</p>'
    )
    assert without_excluded_bodies(html) == (
        '<h2 id="a">Kept</h2><p>one</p>'
        '<h2 data-search-exclude id="b">Gone</h2>'
        '<h3 id="c">Next</h3><p>four</p>'
    )


def test_an_unbalanced_body_is_left_alone() -> None:
    html = '<h2 data-search-exclude id="b">Gone</h2><div><p>two</p><h3 id="c">In</h3></div>'
    assert without_excluded_bodies(html) == html


def test_the_inside_of_an_excluded_element_is_removed() -> None:
    html = (
        '<h1 id="t">Title</h1><p>one</p>'
        '<figure class="pb-diagram" id="d" data-search-exclude><svg><g><rect x="1"/>'
        "<text>Name</text></g></svg><figcaption>Caption</figcaption></figure><p>two</p>"
    )
    lighter = without_excluded_bodies(html)
    assert lighter == (
        '<h1 id="t">Title</h1><p>one</p>'
        '<figure class="pb-diagram" id="d" data-search-exclude></figure><p>two</p>'
    )
    assert _indexed(lighter) == _indexed(html)


@pytest.mark.parametrize(
    "inside",
    [
        "<div><p>same tag inside</p></div>",  # could end the indexer's skipping early
        '<h3 id="x">A heading starts a section even here</h3>',
        "<b><i>not nested</b></i>",
        "<!-- a comment --><p>text</p>",
    ],
)
def test_an_excluded_element_the_indexer_might_read_differently_is_left_alone(
    inside: str,
) -> None:
    html = f'<h1 id="t">Title</h1><div data-search-exclude>{inside}</div><p>after</p>'
    assert without_excluded_bodies(html) == html
