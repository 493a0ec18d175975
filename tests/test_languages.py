"""The playbook in the organisation's language: catalogues, Material's interface, search,
navigation, plurals, dates and the warnings for what is missing, from real builds."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from sitekit import MINIMAL_PROFILE, Project, Site, mkdocs_build, warning_lines, write_project

from playbook.words.dates import format_day
from playbook.words.extract import DATA_FILES, extract_template, main, render
from playbook.words.translations import (
    LOCALE_DIR,
    TEMPLATE,
    candidate_codes,
    message_ids,
    select_language,
    translated_ids,
)

# Translations; en_US, a generated variant of the English ids, is tested in
# test_english_variants.py.
SHIPPED = sorted(
    path.parts[-3]
    for path in LOCALE_DIR.glob("*/LC_MESSAGES/playbook.po")
    if path.parts[-3] != "en_US"
)

# What each language's site must show: Material's search placeholder, the navigation
# titles of three fixed pages, and the site name.
EXPECTED = {
    "de": ("Suche", ["Start", "Werte", "Rollen", "Kundenreise"], "Kulturhandbuch \u2013 Tiny Co"),
    "fr": (
        "Rechercher",
        ["Accueil", "Valeurs", "Rôles", "Parcours client"],
        "Guide de culture \u2013 Tiny Co",
    ),
    "es": (
        "Búsqueda",
        ["Inicio", "Valores", "Puestos", "Recorrido del cliente"],
        "Manual de cultura \u2013 Tiny Co",
    ),
}


def template_ids() -> set:
    with TEMPLATE.open("rb") as stream:
        return message_ids(read_po(stream))


def profile_in(tag: str) -> str:
    line = "  customers: The people on our street.\n"
    assert line in MINIMAL_PROFILE
    return MINIMAL_PROFILE.replace(line, f"{line}      language: {tag}\n")


def with_locale_dir(project: Project, folder: str) -> None:
    """Point the playbook plugin at the project's own catalogue folder."""
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    old = "  - playbook:\n      profile: org_config.yml\n"
    assert old in text, "the sample mkdocs.yml changed; update this test"
    project.mkdocs_yml.write_text(
        text.replace(old, f"{old}      locale_dir: {folder}\n"), encoding="utf-8"
    )


def not_strict(project: Project) -> None:
    """Let warnings pass (the sample mkdocs.yml sets strict: true)."""
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    assert "\nstrict: true\n" in text, "the sample mkdocs.yml changed; update this test"
    project.mkdocs_yml.write_text(text.replace("\nstrict: true\n", "\nstrict: false\n"), "utf-8")


def search_languages(site: Site) -> list[str]:
    index = json.loads((site.root / "search" / "search_index.json").read_text("utf-8"))
    return index["config"]["lang"]


def nav_titles(site: Site, url: str = "") -> list[str]:
    nav = site.soup(url).find("nav", class_="md-nav--primary")
    return [" ".join(a.get_text(" ").split()) for a in nav.find_all("a", class_="md-nav__link")]


@pytest.fixture(scope="module", params=["de", "fr", "es"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    language = request.param
    project = write_project(tmp_path_factory.mktemp(language), profile_in(language))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return language, project.site(), result


def test_site_speaks_the_profile_language(built) -> None:
    language, site, result = built
    placeholder, titles, site_name = EXPECTED[language]
    soup = site.soup("")
    assert soup.html["lang"] == language
    search_input = soup.find("input", attrs={"data-md-component": "search-query"})
    assert search_input["placeholder"] == placeholder
    assert soup.find("div", attrs={"data-md-component": "search"})["aria-label"] == placeholder
    assert search_languages(site) == [language]
    shown = nav_titles(site)
    assert all(title in shown for title in titles), shown
    assert "Values" not in shown and "Home" not in shown
    assert soup.title.get_text().endswith(site_name)
    assert warning_lines(result.stdout + result.stderr) == []


@pytest.mark.parametrize(
    ("language", "everyone", "leaders"),
    [
        ("de", "alle", "alle Führungskräfte"),
        ("fr", "tout le monde", "tous les managers"),
        ("es", "todo el mundo", "todas las personas que lideran equipos"),
    ],
)
def test_who_takes_part_in_a_ritual_is_said_in_the_playbook_language(
    language: str, everyone: str, leaders: str, tmp_path: Path
) -> None:
    indent = MINIMAL_PROFILE[: len(MINIMAL_PROFILE) - len(MINIMAL_PROFILE.lstrip(" "))]
    rituals = textwrap.indent(
        textwrap.dedent(
            """\
            leadership:
              rituals:
                - name: Huddle
                  cadence: weekly
                  purpose: One story from a customer.
                  attendees: [everyone]
                - name: Review
                  cadence: monthly
                  purpose: What customers told us.
                  attendees: [leaders]
            """
        ),
        indent,
    )
    project = write_project(tmp_path, profile_in(language) + rituals)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    cells = [
        " ".join(cell.get_text(" ").split())
        for cell in project.site().article("leadership/").find_all("td")
    ]
    assert everyone in cells and leaders in cells
    assert not any("everyone" in cell for cell in cells)


def test_regional_tag_uses_the_base_language(tmp_path: Path) -> None:
    project = write_project(tmp_path, profile_in("de-CH"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project.site()
    assert site.soup("").html["lang"] == "de"
    assert search_languages(site) == ["de"]
    assert "Werte" in nav_titles(site)


def test_unknown_language_builds_in_english_with_one_warning(tmp_path: Path) -> None:
    project = write_project(tmp_path, profile_in("nl"))
    strict = mkdocs_build(project)
    assert strict.returncode != 0
    not_strict(project)
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0, result.stderr
    warnings = warning_lines(result.stderr)
    assert warnings == [
        "WARNING -  playbook: org_config.yml:6:3: organisation.language: playbook has no "
        "catalogue for 'nl', so the whole playbook is built in English (supported: de, en, "
        'en-US, es, fr); to add Dutch, see "Adding a language" in the README'
    ]
    site = project.site()
    assert site.soup("").html["lang"] == "en"
    assert "Values" in nav_titles(site)


def test_interface_words_of_mkdocs_yml_are_kept_and_the_defaults_translated(
    tmp_path: Path,
) -> None:
    """A permalink title or toggle name that mkdocs.yml chooses stays; the built-in
    English ones ("Permanent link", "Switch to light mode") follow the profile."""
    project = write_project(tmp_path, profile_in("de"))
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    for old, new in (
        ("      permalink: true\n", "      permalink: true\n      permalink_title: Anker\n"),
        ("        name: Switch to dark mode\n", "        name: Dunkel, bitte\n"),
    ):
        assert old in text, "the sample mkdocs.yml changed; update this test"
        text = text.replace(old, new)
    project.mkdocs_yml.write_text(text, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = project.site().html("values/")
    assert 'title="Anker"' in page and "Permanent link" not in page
    assert "Dunkel, bitte" in page and "Zum hellen Modus wechseln" in page
    assert "Erstellt mit" in page and "Made with" not in page
    not_found = (project.site_dir / "404.html").read_text(encoding="utf-8")
    assert "404 \u2013 Seite nicht gefunden" in not_found


def test_mkdocs_yml_theme_language_wins_over_the_profile(tmp_path: Path) -> None:
    project = write_project(tmp_path, profile_in("de"))
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(
        text.replace("theme:\n  name: material\n", "theme:\n  name: material\n  language: fr\n"),
        encoding="utf-8",
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project.site()
    assert site.soup("").html["lang"] == "fr"  # Material's interface, as mkdocs.yml says
    assert "Werte" in nav_titles(site)  # the playbook's own words follow the profile


def incomplete_german(folder: Path, untranslated: set[str]) -> Path:
    """A copy of the German catalogue with some translations removed."""
    path = folder / "de" / "LC_MESSAGES" / "playbook.po"
    path.parent.mkdir(parents=True)
    with (LOCALE_DIR / "de" / "LC_MESSAGES" / "playbook.po").open("rb") as stream:
        catalog = read_po(stream, locale="de")
    for message in catalog:
        if message.id in untranslated:
            message.string = ""
    path.write_text(render(catalog), encoding="utf-8")
    return path


def test_missing_translations_show_in_english_with_one_warning(tmp_path: Path) -> None:
    project = write_project(tmp_path, profile_in("de"))
    with_locale_dir(project, "locale")
    path = incomplete_german(project.root / "locale", {"Values", "Hiring"})
    assert mkdocs_build(project).returncode != 0  # --strict
    not_strict(project)
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0, result.stderr
    total = len(template_ids())
    assert warning_lines(result.stderr) == [
        f"WARNING -  playbook: 2 of {total} strings have no 'de' translation in {path} "
        "and show in English"
    ]
    shown = nav_titles(project.site())
    assert "Values" in shown and "Hiring" in shown  # English where the catalogue is silent
    assert "Rollen" in shown and "Kundenreise" in shown


def test_templates_translate_with_plural_forms_of_the_catalogue(tmp_path: Path) -> None:
    """{% trans %} with a count takes the form the catalogue's Plural-Forms header picks
    (French: 0 and 1 singular), and format_date writes the language's dates."""
    page = """\
        # Test

        {% for n in [0, 1, 2] %}
        - {% trans count=n %}{{ count }} role{% pluralize %}{{ count }} roles{% endtrans %}
        {% endfor %}
        - {{ _("Values") }}
        - {{ "2026-12-01" | format_date }}
        """
    project = write_project(tmp_path, profile_in("fr"), {"docs/test.md": page})
    with_locale_dir(project, "locale")
    target = project.root / "locale" / "fr" / "LC_MESSAGES" / "playbook.po"
    target.parent.mkdir(parents=True)
    shipped = (LOCALE_DIR / "fr" / "LC_MESSAGES" / "playbook.po").read_text(encoding="utf-8")
    extra = textwrap.dedent(
        """
        msgid "%(count)s role"
        msgid_plural "%(count)s roles"
        msgstr[0] "%(count)s rôle"
        msgstr[1] "%(count)s de rôles"
        msgstr[2] "%(count)s rôles"
        """
    )
    target.write_text(shipped + extra, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    items = [li.get_text(" ").strip() for li in project.site().article("test/").find_all("li")]
    assert items == ["0 rôle", "1 rôle", "2 rôles", "Valeurs", "1er décembre 2026"]


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_catalogue_translates_every_string(language: str) -> None:
    wanted = template_ids()
    with (LOCALE_DIR / language / "LC_MESSAGES" / "playbook.po").open("rb") as stream:
        catalog = read_po(stream, locale=language)
    missing = wanted - translated_ids(catalog)
    assert not missing, f"{language}: {len(missing)} untranslated: {sorted(map(str, missing))}"
    assert catalog.num_plurals == get_plural(language).num_plurals
    assert select_language(language).missing == 0


def test_shipped_languages_are_german_french_and_spanish() -> None:
    assert SHIPPED == ["de", "es", "fr"]


def test_template_is_up_to_date_with_templates_and_code() -> None:
    """playbook.pot holds exactly what extraction finds (run the extractor if this fails)."""
    assert main(["--check"]) == 0
    with TEMPLATE.open("rb") as stream:  # now known to be what extraction finds
        extracted = message_ids(read_po(stream))
    assert "Customer journey" in extracted and "%(organisation)s playbook" in extracted


def test_extraction_reads_trans_blocks_and_gettext_calls_in_templates(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "playbook").mkdir()
    (tmp_path / "content" / "page.md").write_text(
        "{# Translators: the greeting on the home page #}\n"
        "{% trans name=org.name %}Welcome to {{ name }}.{% endtrans %}\n"
        "{{ _('One more') }} {{ ngettext('%(num)s day', '%(num)s days', 3) }}\n",
        encoding="utf-8",
    )
    catalog = extract_template(tmp_path)
    assert message_ids(catalog) == {
        "Welcome to %(name)s.",
        "One more",
        ("%(num)s day", "%(num)s days"),
    }
    assert catalog["Welcome to %(name)s."].auto_comments == ["the greeting on the home page"]


def test_extraction_reads_the_texts_of_the_default_onboarding_plan(tmp_path: Path) -> None:
    plan = tmp_path / DATA_FILES[0]
    plan.parent.mkdir(parents=True)
    plan.write_text(
        "phases:\n  - id: day-1\n    name: Day 1\n    owner: Manager\n"
        "    activities:\n      - do: Meet your buddy.\n        who: New hire\n",
        encoding="utf-8",
    )
    assert message_ids(extract_template(tmp_path)) == {
        "Day 1",
        "Manager",
        "Meet your buddy.",
        "New hire",
    }


def test_regional_tags_try_the_region_then_the_language() -> None:
    assert candidate_codes("de-CH") == ["de_CH", "de"]
    assert candidate_codes("pt-br") == ["pt_BR", "pt"]
    assert candidate_codes("en") == ["en"]


def test_a_regional_catalogue_wins_over_its_base_language(tmp_path: Path) -> None:
    shutil.copytree(LOCALE_DIR / "de", tmp_path / "de_CH")
    assert select_language("de-CH", [tmp_path, LOCALE_DIR]).code == "de_CH"
    assert select_language("de-AT", [tmp_path, LOCALE_DIR]).code == "de"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1 December 2026"),
        ("en-US", "December 1, 2026"),
        ("de", "1. Dezember 2026"),
        ("fr", "1er décembre 2026"),
        ("es", "1 de diciembre de 2026"),
        ("de-CH", "1. Dezember 2026"),
    ],
)
def test_dates_follow_the_language(language: str, expected: str) -> None:
    assert format_day(dt.date(2026, 12, 1), language) == expected
    assert format_day("2026-12-01", language) == expected
