"""German, French and Spanish around the organisation's own words, on built pages.

The profile's names (rituals, programs, stages) and its word for the people it serves are
spliced into translated sentences. Each language sets them as it expects: a name in its
quotation marks or after a noun, the customer word in lower case inside a sentence, a label
that reads the same before one name or five, and no English left in the playbook's words.
Each language is built with and without ``customer_term`` (the catalogue's own default).
"""

from __future__ import annotations

import re
import textwrap

import pytest
import yaml
from sitekit import Site, page_words

from playbook.sitebuild.build import build_site

# Per language: the organisation, its term, a ritual, a program, three role titles and the
# onboarding phases' names, all in that language.
ORGANISATIONS = {
    "de": {
        "name": "Zahnarztpraxis Dr. Weber",
        "term": ("Patient", "Patienten"),
        "ritual": "Frühbesprechung",
        "program": "Dankeskarte",
        "roles": ("Zahnärztin", "Rezeption", "Assistenz", "Abrechnung"),
        "phases": ("Erste Woche", "Nach 30 Tagen"),
    },
    "fr": {
        "name": "Hôtel Les Cygnes",
        "term": ("client", "clients"),
        "ritual": "Point du matin",
        "program": "Étoile du mois",
        "roles": ("Directrice", "Réceptionniste", "Femme de chambre", "Comptable"),
        "phases": ("Première semaine", "Après 30 jours"),
    },
    "es": {
        "name": "Red Municipal de Bibliotecas",
        "term": ("usuario", "usuarios"),
        "ritual": "Reunión de equipo",
        "program": "Tarjeta de agradecimiento",
        "roles": ("Director", "Auxiliar", "Técnica", "Administración"),
        "phases": ("Primera semana", "A los 30 días"),
    },
}

# What each language must read (the ritual and the program as names, labels before names).
EXPECTED = {
    "de": {
        "onboarding/": ["zum ersten Termin \u201eFrühbesprechung\u201c mit"],
        "recognition/": ["Ein guter Vorschlag für \u201eDankeskarte\u201c"],
        "kpis/": ["Verantwortlich: Zahnärztin, Rezeption und 2 weitere"],
        "leadership/": ["Währenddessen:"],
    },
    "fr": {
        "onboarding/": ["l\u2019emmène une première fois à « Point du matin »"],
        "recognition/": ["Une bonne candidature pour « Étoile du mois »"],
        "kpis/": ["Suivi par :", "Porté par Directrice, Réceptionniste et 2 de plus"],
    },
    "es": {
        "onboarding/": ["la lleva por primera vez a «Reunión de equipo»"],
        "recognition/": ["Una buena propuesta para «Tarjeta de agradecimiento»"],
        "kpis/": ["A cargo de:", "A cargo de: Director, Auxiliar y 2 más"],
    },
}
NAV = {
    "de": {True: "Die Reise als Patient", False: "Kundenreise"},
    "fr": {True: "Parcours client", False: "Parcours client"},
    "es": {True: "Recorrido de cada usuario", False: "Recorrido del cliente"},
}
NEVER = {
    "de": ["Während:", "Journey", "Playbook", "mit zu Frühbesprechung"],
    "fr": ["et 1 autres", "Responsable :", "Responsables :", "Parcours Client", "Avis Client"],
    "es": ["Hablad", "vuestr", "buddy", "Playbook", "centrada en usuario", "su primer Reunión"],
}
ENGLISH = re.compile(r"\b(?:playbook|journey|buddy|checklist|leaders?|leadership)\b", re.I)


def profile(language: str, with_term: bool) -> str:
    org = ORGANISATIONS[language]
    director, front, assistant, accounts = org["roles"]
    first, second = org["phases"]
    term = (
        f"  customer_term:\n    singular: {org['term'][0]}\n    plural: {org['term'][1]}\n"
        if with_term
        else ""
    )
    roles = "".join(
        textwrap.indent(
            textwrap.dedent(
                f"""\
                - id: r{index}
                  title: {title}
                  department: D{index % 2}
                  customer_facing: {str(index < 3).lower()}
                  customer_position: W{index}.
                  touchpoints: [s1]
                  kpis: [k1]
                """
            ),
            "  ",
        )
        for index, title in enumerate((director, front, assistant, accounts))
    )
    return (
        textwrap.dedent(
            f"""\
            schema_version: 1
            organisation:
              name: {org["name"]}
              language: {language}
              mission: M.
              customers: C.
            """
        )
        + term
        + "values:\n  - id: v1\n    name: V1\n    summary: S.\n"
        + "    behaviours:\n      everyone: [B.]\n"
        + "journey:\n  - id: s1\n    name: S1\n    customer_goal: G.\n"
        + "roles:\n"
        + roles
        + "kpis:\n  - id: k1\n    name: K1\n    definition: D.\n    customer_outcome: O.\n"
        + textwrap.dedent(
            f"""\
            leadership:
              rituals:
                - name: {org["ritual"]}
                  cadence: w
                  purpose: P.
                  attendees: [everyone]
            onboarding:
              phases:
                - id: p1
                  name: {first}
                  goals: [G.]
                  activities: [A.]
                  owner: HR
                - id: p2
                  name: {second}
                  goals: [G.]
                  activities: [A.]
                  owner: HR
            recognition:
              programs:
                - id: g1
                  name: {org["program"]}
                  cadence: m
                  who_can_nominate: T.
                  criteria: C.
                  reward: R.
                  values: [v1]
            """
        )
    )


@pytest.fixture(
    scope="module",
    params=[(lang, term) for lang in ORGANISATIONS for term in (True, False)],
    ids=lambda param: f"{param[0]}-{'term' if param[1] else 'default'}",
)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    language, with_term = request.param
    folder = tmp_path_factory.mktemp(f"grammar-{language}")
    (folder / "org_config.yml").write_text(profile(language, with_term), encoding="utf-8")
    build_site(folder / "org_config.yml", strict=True)
    return language, with_term, Site(folder / "site")


def page_text(site: Site, url: str) -> str:
    """Every word of the page, the theme's included, but none of its code."""
    return page_words(site.html(url), skip_tags=("script", "style", "template", "code"))


BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "td", "th", "text", "title", "desc", "a", "figcaption"]


def sentences(site: Site, url: str) -> list[str]:
    """The page's text block by block (a heading, a list item, a diagram label...), so a
    word that starts a block is not taken for one inside a sentence."""
    soup = site.soup(url)
    for hidden in soup(["script", "style", "code"]):
        hidden.decompose()
    return [
        " ".join(block.get_text(" ").split())
        for block in soup.find_all(BLOCKS)
        if not block.find(["p", "li", "ul", "ol", "table", "text"])
    ]


def all_pages(site: Site) -> dict[str, str]:
    return {url: page_text(site, url) for url in site.page_urls}


def test_names_and_labels_read_as_the_language_sets_them(built) -> None:
    language, _, site = built
    for url, phrases in EXPECTED[language].items():
        text = page_text(site, url)
        for phrase in phrases:
            assert phrase in text, (url, phrase)


def test_no_english_and_no_known_slip_on_any_page(built) -> None:
    language, _, site = built
    found = {}
    for url, text in all_pages(site).items():
        slips = [phrase for phrase in NEVER[language] if phrase in text]
        slips += ENGLISH.findall(text)
        if slips:
            found[url] = sorted(set(slips))
    assert found == {}, language


def test_navigation_names_the_customer_as_the_language_writes_it(built) -> None:
    language, with_term, site = built
    assert NAV[language][with_term] in site.nav_text("")


def test_customer_word_is_lower_case_inside_a_sentence(built) -> None:
    language, with_term, site = built
    if language == "de":
        pytest.skip("German nouns are capitalised")
    term = (
        ORGANISATIONS[language]["term"][0]
        if with_term
        else {"fr": "client", "es": "cliente"}[language]
    )
    capital = re.compile(rf"(?<=[a-zà-ÿ,]) {term.capitalize()}s?\b")
    found = {
        url: [block for block in sentences(site, url) if capital.search(block)]
        for url in site.page_urls
    }
    assert {url: hits for url, hits in found.items() if hits} == {}


def texts(data: object) -> list[str]:
    """Every text of a loaded profile (the values, not the keys)."""
    if isinstance(data, dict):
        return [text for value in data.values() for text in texts(value)]
    if isinstance(data, list):
        return [text for value in data for text in texts(value)]
    return [data] if isinstance(data, str) else []


def test_the_profiles_hold_no_english_word_the_pages_are_checked_for() -> None:
    """A guard for the check above: an English word on a page comes from the playbook."""
    for language in ORGANISATIONS:
        words = texts(yaml.safe_load(profile(language, True)))
        assert not [text for text in words if ENGLISH.search(text)], language
