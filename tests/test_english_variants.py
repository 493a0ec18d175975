"""English variants: `language: en-US` reads American English (spelling, words, dates,
`<html lang>`), `en` / `en-GB` and other English regions read British English, and a language
with no catalogue builds one English playbook with a warning nobody can miss.

The spelling is checked with hunspell's dictionaries (Debian's hunspell-en-us and
hunspell-en-gb) over every message of the catalogues and over every page of the built sample
playbook, the profile's own words left out (they are the organisation's, never respelled).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from click.testing import CliRunner
from sitekit import (
    MINIMAL_PROFILE,
    REPO_ROOT,
    Site,
    cli_build,
    mkdocs_build,
    warning_lines,
    write_project,
)

from playbook.cli import main
from playbook.words.dates import format_day
from playbook.words.extract import extract_template, render, stale_variant_catalogues
from playbook.words.translations import LOCALE_DIR, TEMPLATE, select_language
from playbook.words.variants import AMERICAN_WORDS, american, variant_catalogue

AMERICAN_CATALOGUE = LOCALE_DIR / "en_US" / "LC_MESSAGES" / "playbook.po"
SAMPLE_PROFILE = REPO_ROOT / "org_config.yml"

# Words of the playbook's own text that no general dictionary has: the trade's terms, file
# names in instructions, and the site's own name for itself.
TRADE_WORDS = {"kpi", "kpis", "md", "yml", "onboarding", "playbook", "config", "json", "csv",
               "ids", "rollout", "hire's", "else's", "offs"}  # fmt: skip


def hunspell(dictionary: str) -> list[str]:
    """The hunspell command for a dictionary; skips locally when it is not installed."""
    if shutil.which("hunspell"):
        found = subprocess.run(
            ["hunspell", "-D"], input="", capture_output=True, text=True, check=False
        )
        if re.search(rf"/{dictionary}\s*$", found.stderr + found.stdout, re.MULTILINE):
            return ["hunspell", "-d", dictionary, "-l"]
    reason = f"hunspell with the {dictionary} dictionary is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run installs it")
    pytest.skip(reason)


def unknown_words(texts: list[str], dictionary: str, known: set[str] = frozenset()) -> set[str]:
    """The words of the texts that the dictionary does not know, apart from ``known``
    (lower case) and the trade's words."""
    text = "\n".join(re.sub(r"%\([A-Za-z_]+\)[sd]|\]\([^)]*\)|`[^`]*`", " ", t) for t in texts)
    result = subprocess.run(
        hunspell(dictionary), input=text, capture_output=True, text=True, check=True
    )
    return {
        word
        for word in result.stdout.split()
        if word.lower() not in TRADE_WORDS and word.lower() not in known
    }


def words_of(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9']*", text)}


def message_texts(path: Path, *, translations: bool) -> list[str]:
    """Every message id of a catalogue, or what each message reads as (its translation, or
    its id when the catalogue leaves it out)."""
    with path.open("rb") as stream:
        catalog = read_po(stream)
    texts = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        texts += [s or i for s, i in zip(strings, ids, strict=True)] if translations else ids
    return texts


def american_texts() -> list[str]:
    """Every message as an en-US playbook reads it: the variant's entry, or the message id."""
    with AMERICAN_CATALOGUE.open("rb") as stream:
        variant = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in read_po(stream)}
    with TEMPLATE.open("rb") as stream:
        template = [m for m in read_po(stream) if m.id]
    texts = []
    for message in template:
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        entry = variant.get(key)
        if entry is None:
            texts += [key] if isinstance(key, str) else list(key)
        else:
            texts += [entry.string] if isinstance(key, str) else list(entry.string)
    return texts


# --- The catalogue: generated, complete, and only what differs ----------------------------


def test_american_catalogue_is_generated_from_the_template() -> None:
    """en_US.po is exactly what the spelling map makes of playbook.pot (run
    python -m playbook.words.extract if this fails)."""
    template = extract_template()
    assert stale_variant_catalogues(template) == []
    generated = variant_catalogue(template, "en_US")
    assert 0 < len(generated) < len(template) / 4  # a layer, not a second copy
    for message in generated:
        if message.id:
            assert message.string != message.id
    # (playbook.pot itself is checked by test_languages.)


def test_a_new_british_sentence_gets_its_american_entry(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "playbook").mkdir()
    (tmp_path / "content" / "page.md").write_text(
        "{% trans %}Recognise good behaviour in your diary, see [it](behaviour.md).{% endtrans %}\n"
        "{{ _('%(organisation)s values') }}\n{{ _('Values') }}\n",
        encoding="utf-8",
    )
    catalog = variant_catalogue(extract_template(tmp_path), "en_US")
    assert {m.id: m.string for m in catalog if m.id} == {
        "Recognise good behaviour in your diary, see [it](behaviour.md).": (
            "Recognize good behavior on your calendar, see [it](behaviour.md)."
        )
    }
    assert "msgstr" in render(catalog)


@pytest.mark.parametrize(
    ("british", "expected"),
    [
        ("Recognise the organisation's behaviours.", "Recognize the organization's behaviors."),
        ("ORGANISATION", "ORGANIZATION"),
        ("customer-centred judgement", "customer-centered judgment"),
        ("a neighbouring centre, its colours and favourite catalogue", None),
        ("Practise it; the licence; recognition programmes", None),
        ("Put them in your diary; a rota decides", "Put them on your calendar; a schedule decides"),
        ("%(organisation)s [link](behaviour.md#organisation) `organise`", None),
        ("an advertiser's promise, otherwise noise", None),
        (
            "Tick each step; the ticks are yours. Afterwards, the other way round.",
            "Check off each step; the check marks are yours. Afterward, the other way around.",
        ),
        ("Recognise upwards after induction.", "Recognize upward after orientation."),
    ],
)
def test_spelling_map(british: str, expected: str | None) -> None:
    result = american(british)
    if expected is not None:
        assert result == expected
    elif british.startswith("a neighbouring"):
        assert result == "a neighboring center, its colors and favorite catalog"
    elif british.startswith("Practise"):
        assert result == "Practice it; the license; recognition programs"
    elif british.startswith("%("):
        assert result == british  # placeholders, link targets and code stay as written
    else:
        assert result == british  # -ise words that are not -ize words stay


def test_every_message_reads_as_american_english() -> None:
    """A new English sentence with a British spelling the map does not know fails here."""
    unknown = unknown_words(american_texts(), "en_US")
    assert unknown == set(), f"hunspell en_US does not know: {sorted(unknown)}"


def test_every_message_id_is_british_english() -> None:
    """The message ids are what en, en-GB and the other English regions read."""
    unknown = unknown_words(message_texts(TEMPLATE, translations=False), "en_GB")
    assert unknown == set(), f"hunspell en_GB does not know: {sorted(unknown)}"
    american_only = {word for word in AMERICAN_WORDS.values() if " " not in word}
    # Words British English spells the same way ("practice" as a noun, "license" as a verb,
    # "while", "toward"...), or uses in another sense, are not American-only.
    american_only -= set(AMERICAN_WORDS) | {
        "practice", "practiced", "practices", "license", "licenses", "among", "toward",
        "while", "learned", "spelled", "check", "checks", "draft", "schedule", "schedules",
        "calendar", "calendars", "tire", "tires", "analog",
    }  # fmt: skip
    found = set()
    for text in message_texts(TEMPLATE, translations=False):
        found |= words_of(re.sub(r"%\([A-Za-z_]+\)[sd]", " ", text)) & american_only
    assert found == set()


def test_the_american_catalogue_serves_en_us_only() -> None:
    american_language = select_language("en-US")
    assert (american_language.code, american_language.missing) == ("en_US", 0)
    assert american_language.gettext("Values") == "Values"  # falls back to the message id
    for tag in ("en", "en-GB", "en-AU", "en-IE", "en-NZ", "en-ZA", "en-IN"):
        assert select_language(tag).code == "en", tag


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "4 December 2026"),
        ("en-GB", "4 December 2026"),
        ("en-US", "December 4, 2026"),
        ("en-us", "December 4, 2026"),
        ("en-AU", "4 December 2026"),
        ("en-XX", "4 December 2026"),
        ("zz", "4 December 2026"),
    ],
)
def test_dates_carry_the_region(tag: str, expected: str) -> None:
    assert format_day(dt.date(2026, 12, 4), select_language(tag).locale) == expected


# --- The built sample playbook ------------------------------------------------------------


def sample_in(tag: str) -> str:
    text = SAMPLE_PROFILE.read_text(encoding="utf-8")
    assert "\n  language: en-GB\n" in text, "the sample profile changed; update this test"
    return text.replace("\n  language: en-GB\n", f"\n  language: {tag}\n")


def article_texts(site: Site) -> list[str]:
    return [site.article(url).get_text(" ") for url in site.page_urls]


@pytest.fixture(scope="module")
def american_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = write_project(tmp_path_factory.mktemp("en-us"), sample_in("en-US"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert warning_lines(result.stderr) == []
    return project.site()


@pytest.fixture(scope="module")
def british_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = write_project(tmp_path_factory.mktemp("en-gb"), sample_in("en-GB"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project.site()


def test_american_site_has_no_british_spelling(american_site: Site) -> None:
    profile_words = words_of(SAMPLE_PROFILE.read_text(encoding="utf-8"))
    unknown = unknown_words(article_texts(american_site), "en_US", profile_words)
    assert unknown == set(), f"hunspell en_US does not know: {sorted(unknown)}"


def test_british_site_has_no_american_spelling(british_site: Site) -> None:
    profile_words = words_of(SAMPLE_PROFILE.read_text(encoding="utf-8"))
    unknown = unknown_words(article_texts(british_site), "en_GB", profile_words)
    assert unknown == set(), f"hunspell en_GB does not know: {sorted(unknown)}"


def test_american_site_says_lang_en_us_and_american_dates(american_site: Site) -> None:
    soup = american_site.soup("")
    assert soup.html["lang"] == "en-US"
    assert soup.find("input", attrs={"data-md-component": "search-query"})["placeholder"] == (
        "Search"  # Material's own English
    )
    text = american_site.text("leadership/")
    assert "on your calendar" in text and "in your diary" not in text
    dates = re.findall(r"\b(?:\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})\b", str(soup))
    assert dates and all("," in date for date in dates), dates


def test_the_profile_text_is_never_respelled(american_site: Site) -> None:
    """The sample's own "Recognise a colleague on the Good rides board." stays British."""
    assert "Recognise a colleague on the Good rides board." in american_site.text("onboarding/")


def test_british_site_stays_british(british_site: Site) -> None:
    soup = british_site.soup("")
    assert soup.html["lang"] == "en"
    text = british_site.text("leadership/")
    assert "in your diary" in text and "calendar" not in text


def test_zensical_writes_lang_en_us(tmp_path: Path) -> None:
    pytest.importorskip("zensical")
    line = "  customers: The people on our street.\n"
    assert line in MINIMAL_PROFILE
    project = write_project(
        tmp_path, MINIMAL_PROFILE.replace(line, f"{line}      language: en-US\n")
    )
    result = cli_build(project, "--engine", "zensical")
    assert result.exit_code == 0, result.output
    soup = BeautifulSoup((project.site_dir / "index.html").read_text("utf-8"), "html.parser")
    assert soup.html["lang"] == "en-US"


# --- A language with no catalogue -----------------------------------------------------------

UNSUPPORTED = """\
schema_version: 1
organisation:
  name: Biblioteca Centrale
  mission: Libri per tutti.
  customers: Chi legge.
  language: it
  customer_term:
    singular: utente
    plural: utenti
values:
  - id: cura
    name: Cura
    summary: Ascoltiamo.
    behaviours:
      everyone: [Ascoltare prima di rispondere.]
journey:
  - id: prestito
    name: Prestito
    customer_goal: Trovare un libro.
roles:
  - id: bibliotecario
    title: Bibliotecario
    department: Sale
    customer_facing: true
    customer_position: Aiuta chi legge.
    touchpoints: [prestito]
"""


WARNING = (
    "org_config.yml:6:3: warning: organisation.language: playbook has no catalogue for 'it', "
    'so the whole playbook is built in English, saying "customer" where '
    "organisation.customer_term names them (supported: de, en, en-US, es, fr); to add "
    'Italian, see "Adding a language" in the README'
)


def test_validate_warns_at_the_language_line_and_strict_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, UNSUPPORTED)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "org_config.yml"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [WARNING]
    strict = CliRunner().invoke(main, ["validate", "--strict", "org_config.yml"])
    assert strict.exit_code == 2
    assert strict.stderr.splitlines() == [WARNING.replace(" warning:", "")]


def test_validate_counts_a_project_catalogue_as_supported(tmp_path: Path) -> None:
    project = write_project(tmp_path, UNSUPPORTED)
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    old = "  - playbook:\n      profile: org_config.yml\n"
    assert old in text, "the sample mkdocs.yml changed; update this test"
    project.mkdocs_yml.write_text(text.replace(old, f"{old}      locale_dir: locale\n"), "utf-8")
    shutil.copytree(LOCALE_DIR / "fr", tmp_path / "locale" / "it")
    result = CliRunner().invoke(main, ["validate", "--strict", str(project.profile)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_unsupported_language_builds_one_english_playbook(tmp_path: Path) -> None:
    project = write_project(tmp_path, UNSUPPORTED)
    strict = cli_build(project, "--strict")
    assert strict.exit_code != 0
    # The sample mkdocs.yml says strict: true, which fails on the warning too.
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(text.replace("strict: true\n", ""), encoding="utf-8")
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    located = [line for line in warning_lines(result.stderr) if "organisation.language" in line]
    assert len(located) == 1
    assert located[0].endswith(WARNING.replace(" warning:", "").replace("org_config.yml", ""))
    site = project.site()
    assert site.soup("").html["lang"] == "en"
    nav = site.nav_text("")
    assert "Customer journey" in nav and "Customer feedback" in nav
    everything = " ".join(article_texts(site)) + nav
    assert "utente" not in everything and "Utente" not in everything


def test_validate_reads_past_a_broken_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate checks the profile; a mkdocs.yml it cannot read is the build's to report."""
    project = write_project(tmp_path, UNSUPPORTED)
    project.mkdocs_yml.write_text("plugins: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "org_config.yml"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [WARNING]
