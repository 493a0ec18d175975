"""A playbook in German, French or Spanish is written in that language on every page.

Each profile below is written in its language, so any English left on a built page comes
from the templates: a sentence the catalogue does not translate, or one a template forgot
to mark for translation. English stop words give such sentences away.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sitekit import Site

from playbook.sitebuild.build import build_site

FIXTURES = Path(__file__).parent / "fixtures" / "languages"
LANGUAGES = ["de", "fr", "es"]

# Words that are English and no word of German, French or Spanish.
ENGLISH_STOP_WORDS = {
    "the", "and", "you", "your", "with", "that", "this", "what", "when", "who", "how",
    "our", "they", "is", "are", "of", "to", "for", "every", "each", "from", "have",
    "will", "their", "them", "it", "be",
}  # fmt: skip
WORD = re.compile("[^\\W\\d_]+(?:[\u2019'][^\\W\\d_]+)?")

# Material's own English that its language files leave out, and our overrides of it.
ENGLISH_INTERFACE = (
    "Permanent link",
    "Made with",
    "Switch to dark mode",
    "Switch to light mode",
    "Not found",
)
INTERFACE_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

IN_NUMBERS = {
    "de": ["2 Werte", "3 Rollen", "2 Abteilungen"],
    "fr": ["2 valeurs", "3 rôles", "2 services"],
    "es": ["2 valores", "3 puestos", "3 departamentos"],
}


@pytest.fixture(scope="module", params=LANGUAGES)
def translated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    language = request.param
    folder = tmp_path_factory.mktemp(f"site-{language}")
    shutil.copy(FIXTURES / f"{language}.yml", folder / "org_config.yml")
    build_site(folder / "org_config.yml", strict=True)  # a missing translation fails here
    return language, Site(folder / "site")


def page_words(site: Site, url: str) -> list[str]:
    article = site.article(url)
    for code in article.find_all("code"):
        code.decompose()  # commands and file names stay as they are
    return WORD.findall(article.get_text(" "))


def test_no_page_holds_english_sentences(translated: tuple[str, Site]) -> None:
    language, site = translated
    leftovers = {}
    for url in site.page_urls:
        words = page_words(site, url)
        english = [word for word in words if word.lower() in ENGLISH_STOP_WORDS]
        if english:
            leftovers[url] = " ".join(english[:12])
    assert leftovers == {}, language


def test_counts_follow_the_language(translated: tuple[str, Site]) -> None:
    language, site = translated
    home = " ".join(site.article("").get_text(" ").split())
    for phrase in IN_NUMBERS[language]:
        assert phrase in home


SEARCH_LABEL = {"de": "Suche", "fr": "Rechercher", "es": "Búsqueda"}


def test_html_lang_and_interface(translated: tuple[str, Site]) -> None:
    language, site = translated
    soup = site.soup("roles/")
    assert soup.html["lang"] == language
    assert "Updated on" not in soup.get_text()
    dialog = soup.find("div", attrs={"data-md-component": "search", "role": "dialog"})
    assert dialog is not None
    assert dialog["aria-label"] == SEARCH_LABEL[language]


def interface_texts(path: Path) -> list[str]:
    """What a reader sees or hears of a page outside its article: header, navigation,
    footer, tooltips and labels (the article's own tooltips and labels too)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    texts = [
        str(value) for tag in soup.find_all(True) for name in INTERFACE_ATTRIBUTES
        if (value := tag.get(name))
    ]  # fmt: skip
    article = soup.find("article")
    if article is not None:
        article.decompose()
    texts.extend(" ".join(text.split()) for text in soup.find_all(string=True))
    # The footer names the theme; a name is not English to translate.
    return [text for text in texts if text and text != "Material for MkDocs"]


def test_no_english_in_the_interface(translated: tuple[str, Site]) -> None:
    """Material's strings that theme.language does not translate: the permalinks' tooltip,
    the palette toggles, the footer and the 404 page, on every page the build wrote."""
    language, site = translated
    pages = sorted(site.root.rglob("*.html"))
    assert site.root / "404.html" in pages
    leftovers = {}
    for path in pages:
        texts = interface_texts(path)
        english = sorted(
            {
                text
                for text in texts
                if any(phrase.lower() in text.lower() for phrase in ENGLISH_INTERFACE)
                or any(word.lower() in ENGLISH_STOP_WORDS for word in WORD.findall(text))
            }
        )
        if english:
            leftovers[path.relative_to(site.root).as_posix()] = english
    assert leftovers == {}, language


DICTIONARIES = {"de": "de_DE", "fr": "fr_FR", "es": "es_ES"}
UNKNOWN_WORD_RATE = 0.015
"""The share of the playbook's own words hunspell may not know: abbreviations (KPI, CSV),
compounds and enclitic forms its lists lack ("Teambesprechung", "Mantenlo"); measured
below 1.1 % in each language. Leftover English pushes a page far above it."""


ENGLISH_LEFTOVERS = {"Playbook", "playbook", "Journey", "buddy", "checklist", "leadership"}
"""English words the translations once used for the product, the journey and the buddy."""


def hunspell(language: str) -> list[str]:
    """The hunspell command for a language; skipped without it, except under CI=true."""
    dictionary = DICTIONARIES[language]
    found = shutil.which("hunspell")
    listed = (
        found
        and subprocess.run(
            [found, "-D"], capture_output=True, text=True, check=False, input=""
        ).stderr
    )
    if not found or f"/{dictionary}" not in (listed or ""):
        message = f"hunspell with the {dictionary} dictionary is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return [found, "-d", dictionary, "-l"]


def profile_words(language: str) -> set[str]:
    """Every word of the profile's texts (names and sentences the organisation wrote)."""

    def texts(node: object) -> list[str]:
        if isinstance(node, dict):
            return [text for value in node.values() for text in texts(value)]
        if isinstance(node, list):
            return [text for value in node for text in texts(value)]
        return [node] if isinstance(node, str) else []

    data = yaml.safe_load((FIXTURES / f"{language}.yml").read_text(encoding="utf-8"))
    return {word.lower() for text in texts(data) for word in WORD.findall(text)}


def test_spelling_of_the_playbooks_own_words(
    translated: tuple[str, Site], record_property: pytest.RecordProperty
) -> None:
    """hunspell over every page's words, the profile's own left out."""
    language, site = translated
    command = hunspell(language)
    own = profile_words(language)
    words = [
        word
        for url in site.page_urls
        for word in page_words(site, url)
        if len(word) > 1 and word.lower() not in own
    ]
    result = subprocess.run(
        command, input="\n".join(sorted(set(words))), capture_output=True, text=True, check=True
    )
    unknown = set(result.stdout.split())
    misses = [word for word in words if word in unknown]
    rate = len(misses) / len(words)
    record_property(f"unknown_word_rate_{language}", round(rate, 4))
    assert not unknown & ENGLISH_LEFTOVERS, language
    assert rate < UNKNOWN_WORD_RATE, (
        f"{language}: {rate:.2%} of {len(words)} words unknown: {sorted(unknown)}"
    )
