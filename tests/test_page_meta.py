"""Every page describes itself for search results and link previews, and loads only the
playbook scripts its content uses (``playbook.plan.pagemeta``, ``playbook/theme/main.html``)."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitekit import MINIMAL_PROFILE, Site, cli_build, write_project

from playbook.plan.pagemeta import DESCRIPTION_LENGTH, html_text, opening_text, shorten

FIXTURES = Path(__file__).parent / "fixtures"
SITE_URL = "https://people.example.org/playbook/"

# Profile text with markup, quotes and ampersands in names and in the text pages are
# described by; a customer position longer than a description may be.
HOSTILE_PROFILE = """\
    schema_version: 1
    organisation:
      name: R&D "Quotes" <script>alert(1)</script> Co
      mission: Help our neighbours & friends, "always" <script>alert(2)</script>.
      customers: The people on our street.
      brand:
        logo: logo.svg
    values:
      - id: kindness
        name: Kind "words" & <b>deeds</b>
        summary: We are **kind** & say "hello" <script>alert(3)</script>.
        behaviours:
          everyone: [Say hello.]
    roles:
      - id: shopkeeper
        former_ids: [clerk]
        title: Shop <keeper> & "friend"
        department: Shop
        customer_facing: true
        customer_position: >-
          Serves every customer who walks in, with a smile that lasts all day long and a word
          for everyone who asks about the weather, the bus times, the football results and
          anything else they like.
"""


def head_meta(site: Site, url: str) -> dict[str, str]:
    """The page's description and link-preview tags: name or property -> content."""
    soup = site.soup(url)
    found: dict[str, str] = {}
    for tag in soup.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key and (key == "description" or key.startswith(("og:", "twitter:"))):
            assert key not in found, f"{url}: two {key} tags"
            found[key] = str(tag["content"])
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = write_project(tmp_path_factory.mktemp("hostile"), HOSTILE_PROFILE)
    shutil.copy(FIXTURES / "tailoring" / "larchfield-logo.svg", project.root / "logo.svg")
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(
        text.replace("site_name:", f"site_url: {SITE_URL}\nsite_name:", 1), encoding="utf-8"
    )
    result = cli_build(project, "--strict")
    assert result.exit_code == 0, result.output
    return project.site()


def test_pages_about_one_thing_are_described_by_it(hostile: Site) -> None:
    assert head_meta(hostile, "")["description"] == (
        'Help our neighbours & friends, "always" <script>alert(2)</script>.'
    )
    assert head_meta(hostile, "values/kindness/")["description"] == (
        'We are kind & say "hello" <script>alert(3)</script>.'  # Markdown made plain text
    )
    role = head_meta(hostile, "roles/shopkeeper/")["description"]
    assert role.startswith("Serves every customer who walks in, with a smile")
    assert len(role) <= DESCRIPTION_LENGTH
    assert role.endswith("…") and not role.endswith(" …")
    assert "the football results and…" in role or role.rstrip("…")[-1].isalpha()


def test_every_page_has_a_description_and_a_link_preview(hostile: Site) -> None:
    site_name = 'R&D "Quotes" <script>alert(1)</script> Co playbook'
    for url in hostile.page_urls:
        if url == "roles/clerk/":
            continue  # a redirect from a former id: never indexed, nothing to preview
        meta = head_meta(hostile, url)
        assert meta["description"], url
        assert len(meta["description"]) <= DESCRIPTION_LENGTH, url
        assert meta["og:description"] == meta["description"], url
        assert meta["og:site_name"] == site_name, url
        assert meta["og:type"] == ("website" if url == "" else "article"), url
        assert meta["og:locale"] == "en", url
        assert meta["og:url"] == SITE_URL + url, url
        assert meta["og:image"] == SITE_URL + "assets/playbook/brand-logo.svg", url
        assert meta["twitter:card"] == "summary", url
    assert head_meta(hostile, "")["og:title"] == site_name
    assert head_meta(hostile, "roles/shopkeeper/")["og:title"] == 'Shop <keeper> & "friend"'
    # A guide page: its opening paragraph, with the organisation's name as written.
    assert head_meta(hostile, "hiring/")["description"].startswith(
        'This guide is for everyone who interviews for R&D "Quotes" <script>alert(1)</script>'
    )


def test_profile_text_in_the_head_is_escaped_exactly_once(hostile: Site) -> None:
    for url in ("", "values/kindness/", "roles/shopkeeper/"):
        head = hostile.html(url).split("</head>")[0]
        assert "<script>alert" not in head, url
        assert "&amp;lt;" not in head and "&amp;amp;" not in head and "&amp;quot;" not in head
    home = hostile.html("").split("</head>")[0]
    assert (
        '<meta property="og:description" content="Help our neighbours &amp; friends, '
        '&quot;always&quot; &lt;script&gt;alert(2)&lt;/script&gt;.">' in home
    )


def test_no_preview_image_without_a_site_url_or_a_logo(tmp_path: Path) -> None:
    project = write_project(tmp_path, MINIMAL_PROFILE)
    assert cli_build(project).exit_code == 0
    meta = head_meta(project.site(), "")
    assert "og:image" not in meta and "og:url" not in meta
    assert meta["description"] == "Help our neighbours."


def test_descriptions_are_in_the_page_language(tmp_path: Path) -> None:
    profile = MINIMAL_PROFILE.replace(
        "  customers: The people on our street.\n",
        "  customers: The people on our street.\n      language: de\n",
    ).replace("Help our neighbours.", "Wir helfen unseren Nachbarn.")
    project = write_project(tmp_path, profile)
    assert cli_build(project).exit_code == 0
    site = project.site()
    assert head_meta(site, "")["description"] == "Wir helfen unseren Nachbarn."
    assert head_meta(site, "")["og:locale"] == "de"
    for url in ("journey/", "kpis/", "culture-health/", "values/", "roles/"):
        opening = " ".join(site.article(url).find("p").get_text().split())
        assert head_meta(site, url)["description"] == shorten(opening), url
    journey = head_meta(site, "journey/")["description"]
    assert journey.startswith("Die ") and not re.search(r"\b(the|and|this)\b", journey)


def test_a_page_loads_only_the_playbook_scripts_it_uses(hostile: Site) -> None:
    def scripts(url: str) -> dict[str, bool]:
        soup: BeautifulSoup = hostile.soup(url)
        return {
            Path(str(tag["src"])).stem: tag.has_attr("defer")
            for tag in soup.find_all("script", src=True)
            if "/playbook/" in str(tag["src"])
        }

    assert scripts("culture-health/") == {"changes": True, "self-assessment": True}
    assert scripts("journey/") == {"changes": True}
    assert "self-assessment" not in scripts("values/kindness/")
    assert "reading" in scripts("roles/shopkeeper/")
    assert "checklists" not in scripts("roles/shopkeeper/")  # this role has no checklist
    assert scripts("onboarding/") == {"changes": True, "checklists": True, "reading": True}
    assert "self-assessment" in scripts("leadership/")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short.", "Short."),
        ("word " * 40, ("word " * 32).strip() + "…"),
        ("x" * 200, "x" * 159 + "…"),
        ("Ends with a comma, " + "a" * 150, "Ends with a comma…"),
    ],
)
def test_shorten_cuts_at_a_word(text: str, expected: str) -> None:
    assert shorten(text) == expected
    assert len(shorten(text)) <= DESCRIPTION_LENGTH


def test_redirect_pages_name_an_icon(hostile: Site) -> None:
    """A browser asks a page without an icon link for /favicon.ico, a 404 on many hosts."""
    page = (hostile.root / "roles" / "clerk" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in page
    assert '<link rel="icon" href="data:,">' in page


def test_compress_writes_smaller_copies_beside_each_text_file(tmp_path: Path) -> None:
    project = write_project(tmp_path, MINIMAL_PROFILE)
    result = cli_build(project, "--compress")
    assert result.exit_code == 0, result.output
    site = project.site_dir
    for name in ("index.html", "404.html", "search/search_index.json"):
        page = site / name
        packed = (site / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == page.read_bytes()
        assert len(packed) < page.stat().st_size
    for script in (site / "assets" / "playbook").glob("*.js"):
        assert script.with_name(script.name + ".gz").is_file()
    assert not list(site.rglob("*.png.gz"))  # images are compressed already
    assert not list(site.rglob("*.gz.gz"))
    brotli = pytest.importorskip("brotli")  # in the test extra; optional for users
    page = site / "index.html"
    packed = (site / "index.html.br").read_bytes()
    assert brotli.decompress(packed) == page.read_bytes()
    assert len(packed) < (site / "index.html.gz").stat().st_size


def test_no_gzip_copies_unless_asked(tmp_path: Path) -> None:
    project = write_project(tmp_path, MINIMAL_PROFILE)
    assert cli_build(project).exit_code == 0
    written = [
        path.relative_to(project.site_dir).as_posix() for path in project.site_dir.rglob("*.gz")
    ]
    assert written == ["sitemap.xml.gz"]  # MkDocs' own


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<h1>Title<a class="headerlink" href="#t">¶</a></h1><div class="admonition">'
            "<p>Aside.</p></div><p>First &amp; <em>real</em> words.</p><p>Second.</p>",
            "First & real words.",
        ),
        ("<h1>Title</h1><ul><li>One</li><li>Two &lt;b&gt;</li></ul>", "One Two <b>"),
        ("<h1>Only a title</h1>", ""),
    ],
)
def test_a_page_opens_with_its_first_paragraph_else_its_text(html: str, expected: str) -> None:
    assert opening_text(html) == expected


def test_html_text_keeps_every_paragraph() -> None:
    assert html_text("<p>One.</p><p>Two <script>x()</script>words.</p>") == "One. Two words."
