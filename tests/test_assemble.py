"""The assembly step on its own: a profile file in, a site plan out, with no engine running.

These run in a fraction of a second each; the engines' translations of the plan are tested
by the builds in test_engines.py and test_site.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.errors import ProfileError
from playbook.plan.assemble import (
    ASSETS,
    BRAND_LOGO,
    BRAND_STYLESHEET,
    THEME_DIR,
    SiteRequest,
    assemble,
    page_sources,
)
from playbook.plan.pages import packaged_content_dir
from tests.conftest import MINIMAL_PROFILE

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = Path(__file__).parents[1] / "org_config.yml"


def request(profile: Path, docs_dir: Path | None = None, **options: object) -> SiteRequest:
    return SiteRequest(profile, docs_dir or packaged_content_dir(), **options)  # type: ignore[arg-type]


def write(folder: Path, text: str, name: str = "org_config.yml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sample_becomes_every_page_with_its_source_and_navigation() -> None:
    site = assemble(request(SAMPLE))
    planned = [page.src_path for page in site.pages.pages]
    assert list(site.sources) == planned
    packaged = packaged_content_dir()
    assert all(  # the sample's docs folder is the packaged one: no page of its own
        site.sources[page.src_path] == (packaged / page.template).read_text(encoding="utf-8")
        for page in site.pages.pages
        if page.item_id is None
    )
    role = next(page for page in site.pages.pages if page.kind == "role")
    assert site.sources[role.src_path] == '{% include "_templates/role.md" %}\n'
    assert site.sources["leadership.md"] == (packaged_content_dir() / "leadership.md").read_text(
        encoding="utf-8"
    )
    assert site.site_name == f"{site.pages.profile.organisation.name} playbook"
    titles = [next(iter(entry)) for entry in site.nav]
    assert titles[:3] == ["Home", "Values", "Roles"]
    assert site.interface == {
        "made_with": "Made with",
        "not_found": "404 - Not found",
        "search": "Search",
    }
    assert site.warnings == []


def test_every_asset_the_plan_names_is_in_the_theme() -> None:
    named = [
        *ASSETS.stylesheets,
        *ASSETS.scripts,
        *ASSETS.page_scripts.values(),
        *ASSETS.page_stylesheets.values(),
        ASSETS.offline_search_shim,
    ]
    missing = [path for path in named if not (THEME_DIR / path).is_file()]
    assert missing == []


def test_profile_text_reaches_the_plan_as_text(tmp_path: Path) -> None:
    hostile = MINIMAL_PROFILE.replace("name: Acme Shoes", "name: <b>Acme</b> & Sons")
    site = assemble(request(write(tmp_path, hostile)))
    assert site.site_name == "&lt;b&gt;Acme&lt;/b&gt; &amp; Sons playbook"
    assert "&lt;b&gt;" not in site.sources["index.md"]  # templates are never profile text


def test_the_site_name_is_the_settings_own_when_asked(tmp_path: Path) -> None:
    site = assemble(request(write(tmp_path, MINIMAL_PROFILE), site_name_from_profile=False))
    assert site.site_name is None


def test_interface_words_and_titles_come_in_the_profiles_language(tmp_path: Path) -> None:
    site = assemble(request(FIXTURES / "languages" / "de.yml"))
    assert site.interface["search"] == "Suche"
    assert site.permalink_title != "Permanent link"
    assert site.palette_toggles["Switch to dark mode"] != "Switch to dark mode"
    assert site.pages.language.code == "de"
    assert site.link_card(None, None) == {"locale": "de", "image": None}


def test_a_language_without_a_catalogue_is_a_located_warning(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace(
        "  customers: People who walk a lot.\n",
        "  customers: People who walk a lot.\n  language: pt-BR\n",
    )
    site = assemble(request(write(tmp_path, text)))
    assert site.pages.language.known is False
    assert len(site.warnings) == 1
    assert site.warnings[0].startswith(f"{tmp_path / 'org_config.yml'}:6:")


def test_brand_colour_and_logo_become_site_files() -> None:
    site = assemble(request(FIXTURES / "tailoring" / "clinic.yml"))
    assert site.brand_stylesheet == BRAND_STYLESHEET
    assert b"--md-primary-fg-color: #0a7d5a" in site.brand_files[BRAND_STYLESHEET]
    assert site.logo == BRAND_LOGO + ".svg"
    assert b"<svg" in site.brand_files[site.logo]
    card = site.link_card("https://example.org/playbook/", site.logo)
    assert card["image"] == "https://example.org/playbook/assets/playbook/brand-logo.svg"
    assert card["locale"] == "en"  # the catalogue's language: English has none


def test_a_missing_logo_is_a_located_profile_problem(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace(
        "  customers: People who walk a lot.\n",
        "  customers: People who walk a lot.\n  brand:\n    logo: logo.svg\n",
    )
    with pytest.raises(ProfileError) as raised:
        assemble(request(write(tmp_path, text)))
    assert raised.value.lines[0].startswith(f"{tmp_path / 'org_config.yml'}:7:")


def test_a_projects_own_page_wins_over_the_packaged_one(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "values").mkdir(parents=True)
    (docs / "hiring.md").write_text("# Our own hiring page\n", encoding="utf-8")
    site = assemble(request(write(tmp_path, MINIMAL_PROFILE), docs))
    assert site.sources["hiring.md"] == "# Our own hiring page\n"
    kpis = (packaged_content_dir() / "kpis.md").read_text(encoding="utf-8")
    assert site.sources["kpis.md"] == kpis  # only the page the project has is its own
    assert page_sources(site.pages, docs) == site.sources


def test_an_invalid_profile_is_located_before_anything_is_planned(tmp_path: Path) -> None:
    broken = MINIMAL_PROFILE.replace("name: Care", "nmae: Care")
    with pytest.raises(ProfileError) as raised:
        assemble(request(write(tmp_path, broken)))
    assert any("did you mean 'name'" in line for line in raised.value.lines)


def test_the_plan_knows_which_items_each_page_shows() -> None:
    plan = assemble(request(SAMPLE)).pages
    profile = plan.profile
    role = next(role for role in profile.roles if role.kpis and role.touchpoints)
    on_role_page = plan.shows[f"roles/{role.id}.md"]
    assert {("values", value.id) for value in profile.values} <= set(on_role_page)
    assert {("kpis", kpi_id) for kpi_id in role.kpis} <= set(on_role_page)
    assert {("journey", stage) for stage in role.touchpoints} <= set(on_role_page)
    if role.reports_to:
        assert ("roles", role.id) in plan.shows[f"roles/{role.reports_to}.md"]
    assert [item for item in plan.shows["kpis.md"]] == [("kpis", kpi.id) for kpi in profile.kpis]
    assert {section for section, _ in plan.shows["index.md"]} == {"values"}
    other = next(other for other in profile.roles if not set(other.kpis) & set(role.kpis))
    assert not {("kpis", kpi_id) for kpi_id in role.kpis} & set(plan.shows[f"roles/{other.id}.md"])


def test_a_site_looks_the_same_around_its_pages_until_a_name_page_or_colour_changes(
    tmp_path: Path,
) -> None:
    profile = write(tmp_path, MINIMAL_PROFILE)
    before = assemble(request(profile))
    assert assemble(request(profile)).looks_like(before)
    write(tmp_path, MINIMAL_PROFILE.replace("Listen before answering.", "Listen first."))
    assert assemble(request(profile)).looks_like(before)  # only page text changed
    write(tmp_path, MINIMAL_PROFILE.replace("title: Support agent", "title: Support lead"))
    assert assemble(request(profile)).looks_like(before)  # a role is named on pages only
    for changed in (
        MINIMAL_PROFILE.replace("name: Acme Shoes", "name: Acme Boots"),
        MINIMAL_PROFILE.replace("name: Care", "name: Kindness"),  # a value: in the navigation
        MINIMAL_PROFILE.replace(
            "  customers: People who walk a lot.\n",
            "  customers: People who walk a lot.\n  brand:\n    colour: '#0a7d5a'\n",
        ),
        MINIMAL_PROFILE.replace(
            "  customers: People who walk a lot.\n",
            "  customers: People who walk a lot.\n  language: en-US\n",
        ),
    ):
        write(tmp_path, changed)
        assert not assemble(request(profile)).looks_like(before), changed
