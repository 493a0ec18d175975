"""The organisation's name with its article, from ``organisation.grammar.name``.

German, French and Spanish sentences name the organisation after a preposition ("at",
"to", "for") or as a noun phrase. A name such as "die Stadtwerke", "l'Hôtel" or "la Red"
needs its article there, in the case and contraction the sentence asks for; "Acme" needs
none. The profile says which (optional); without it every sentence keeps the bare name,
as before. Real builds per language, with and without the fields, read as built pages.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from click.testing import CliRunner
from sitekit import Site, write_project
from test_grammar import page_text, profile

from playbook.cli import main
from playbook.sitebuild.build import build_site


def with_grammar(language: str, name: str, grammar: str | None) -> str:
    """The grammar test profile of a language, renamed, with ``grammar`` (YAML lines of
    ``organisation.grammar.name``) or without any grammar."""
    # English has no organisation of its own in test_grammar: the German one, in English.
    text = profile(language, True) if language != "en" else english_profile()
    original = text.split("\n")[2]
    assert original.startswith("  name: ")
    text = text.replace(original, f"  name: {name}", 1)
    if grammar is None:
        return text
    fields = textwrap.indent(textwrap.dedent(grammar), "      ")
    return text.replace("organisation:\n", f"organisation:\n  grammar:\n    name:\n{fields}", 1)


def english_profile() -> str:
    text = profile("de", False).replace("  language: de\n", "  language: en\n")
    assert "language: en" in text
    return text


# (language, name, grammar fields or None): on each page, what must read and what never.
CASES = {
    "de-plural": (
        "de",
        "Stadtwerke Nordheim",
        "article: true\ngender: feminine\nnumber: plural\ndative: Stadtwerken Nordheim\n",
        {
            "onboarding/": ["Willkommen bei den Stadtwerken Nordheim."],
            "kpis/": ["die bei den Stadtwerken Nordheim verwendet wird"],
            "hiring/": ["die für die Stadtwerke Nordheim Vorstellungsgespräche führen"],
            "leadership/": ["an alle bei den Stadtwerken Nordheim, die andere Menschen führen"],
            "recognition/": ["Bei den Stadtwerken Nordheim erkennen wir"],
            "roles/r0/": ["Sie die Stadtwerke Nordheim \u2013 mit allem"],
        },
        ["bei Stadtwerke", "bei den Stadtwerke ", "für Stadtwerke"],
    ),
    "de-neuter": (
        "de",
        "Klinikum Nordheim",
        "article: true\ngender: neuter\n",
        {
            "onboarding/": ["Willkommen beim Klinikum Nordheim."],
            "hiring/": ["die für das Klinikum Nordheim Vorstellungsgespräche führen"],
            "decisions/": ["Jede Entscheidung beim Klinikum Nordheim,"],
        },
        ["bei Klinikum", "für Klinikum"],
    ),
    "de-bare": (
        "de",
        "Stadtwerke Nordheim",
        None,
        {"onboarding/": ["Willkommen bei Stadtwerke Nordheim."]},
        ["bei den Stadtwerke", "die Stadtwerke Nordheim", "beim Stadtwerke"],
    ),
    "fr-elided": (
        "fr",
        "Hôtel Les Cygnes",
        "article: true\ngender: masculine\n",
        {
            "onboarding/": ["Bienvenue à l\u2019Hôtel Les Cygnes."],
            "hiring/": ["des entretiens de recrutement pour l\u2019Hôtel Les Cygnes"],
            "recognition/": ["À l\u2019Hôtel Les Cygnes, nous reconnaissons"],
            "roles/r0/": ["Pour beaucoup, l\u2019Hôtel Les Cygnes, c\u2019est vous"],
        },
        ["chez Hôtel", "Chez Hôtel", "de Hôtel", "au Hôtel", "le Hôtel"],
    ),
    "fr-feminine": (
        "fr",
        "Médiathèque du Parc",
        "article: true\ngender: feminine\n",
        {
            "onboarding/": ["Bienvenue à la Médiathèque du Parc."],
            "decisions/": ["Chaque décision prise à la Médiathèque du Parc,"],
        },
        ["chez Médiathèque", "à l\u2019Médiathèque"],
    ),
    "fr-masculine": (
        "fr",
        "Centre social des Tilleuls",
        "article: true\ngender: masculine\n",
        {"onboarding/": ["Bienvenue au Centre social des Tilleuls."]},
        ["à le Centre", "chez Centre"],
    ),
    "fr-aspirated": (
        "fr",
        "Hangar des Arts",
        "article: true\ngender: masculine\nelision: false\n",
        {"onboarding/": ["Bienvenue au Hangar des Arts."]},
        ["l\u2019Hangar"],
    ),
    "fr-bare": (
        "fr",
        "Acme",
        "article: false\n",
        {"onboarding/": ["Bienvenue chez Acme."]},
        ["l\u2019Acme", "à Acme"],
    ),
    "es-feminine": (
        "es",
        "Red Municipal de Bibliotecas",
        "article: true\ngender: feminine\n",
        {
            "onboarding/": ["Te damos la bienvenida a la Red Municipal de Bibliotecas."],
            "decisions/": ["Cualquier decisión en la Red Municipal de Bibliotecas,"],
            "hiring/": ["entrevistas de selección para la Red Municipal de Bibliotecas"],
            "roles/r0/": ["es la Red Municipal de Bibliotecas"],
        },
        ["en Red", "a Red", "para Red"],
    ),
    "es-masculine-plural": (
        "es",
        "Servicios Sociales de Nordheim",
        "article: true\ngender: masculine\nnumber: plural\n",
        {
            "onboarding/": ["Te damos la bienvenida a los Servicios Sociales de Nordheim."],
            "recognition/": ["En los Servicios Sociales de Nordheim, reconocemos"],
        },
        ["en Servicios", "el Servicios"],
    ),
    "es-masculine": (
        "es",
        "Centro de Salud",
        "article: true\ngender: masculine\n",
        {"onboarding/": ["Te damos la bienvenida al Centro de Salud."]},
        ["a el Centro", "a Centro"],
    ),
    # Without grammar the article is unknown: Spanish and French phrase around it.
    "es-unknown": (
        "es",
        "Red Municipal de Bibliotecas",
        None,
        {
            "onboarding/": [
                "Te damos la bienvenida a nuestra organización, Red Municipal de Bibliotecas."
            ]
        },
        ["a la Red", "en la Red", "a Red", "en Red"],
    ),
    "fr-unknown": (
        "fr",
        "Mutuelle Solidaire du Vivarais",
        None,
        {"onboarding/": ["Bienvenue dans l\u2019équipe Mutuelle Solidaire du Vivarais."]},
        ["chez Mutuelle", "à Mutuelle", "la Mutuelle"],
    ),
    "es-bare": (
        "es",
        "Acme",
        "article: false\n",
        {"onboarding/": ["Te damos la bienvenida a Acme."]},
        ["la Acme", "nuestra organización, Acme"],
    ),
    "en-article": (
        "en",
        "City Library",
        "article: true\ngender: feminine\n",
        {"onboarding/": ["Welcome to the City Library."]},
        ["to City Library"],
    ),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    language, name, grammar, expected, never = CASES[request.param]
    folder = tmp_path_factory.mktemp(f"grammar-fields-{request.param}")
    text = with_grammar(language, name, grammar)
    (folder / "org_config.yml").write_text(text, encoding="utf-8")
    build_site(folder / "org_config.yml", strict=True)
    return Site(folder / "site"), expected, never


def test_the_name_reads_with_its_article_or_bare(built) -> None:
    site, expected, never = built
    texts = {url: page_text(site, url) for url in site.page_urls}
    for url, phrases in expected.items():
        for phrase in phrases:
            assert phrase in texts[url], (url, phrase)
    wrong = {
        url: [phrase for phrase in never if re.search(rf"(?<![\w\u2019]){re.escape(phrase)}", text)]
        for url, text in texts.items()
    }
    assert {url: found for url, found in wrong.items() if found} == {}


def test_a_wrong_value_is_located_with_a_suggestion(tmp_path) -> None:
    project = write_project(
        tmp_path,
        with_grammar("de", "Stadtwerke Nordheim", "article: true\ngender: femnine\n"),
    )
    result = CliRunner().invoke(main, ["validate", str(project.profile)])
    assert result.exit_code == 2, result.output
    lines = project.profile.read_text(encoding="utf-8").splitlines()
    line = next(index for index, text in enumerate(lines, 1) if "gender: femnine" in text)
    assert (
        f"org_config.yml:{line}:7: organisation.grammar.name.gender: unknown value "
        "'femnine' (did you mean 'feminine'?)"
    ) in result.output
    assert "Traceback" not in result.output


def test_an_article_without_a_gender_is_refused_where_it_is_written(tmp_path) -> None:
    project = write_project(
        tmp_path, with_grammar("es", "Red Municipal", "article: true\nnumber: plurall\n")
    )
    result = CliRunner().invoke(main, ["validate", str(project.profile)])
    assert result.exit_code == 2, result.output
    assert "organisation.grammar.name.number: unknown value 'plurall' (did you mean " in (
        result.output
    )
    fixed = project.profile.read_text(encoding="utf-8").replace("plurall", "plural")
    project.profile.write_text(fixed, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(project.profile)])
    assert result.exit_code == 2, result.output
    assert "organisation.grammar.name: a name with an article needs its gender too" in (
        result.output
    )


def test_a_misspelt_grammar_field_names_the_right_one(tmp_path) -> None:
    project = write_project(
        tmp_path, with_grammar("fr", "Hôtel Les Cygnes", "article: true\ngendre: masculine\n")
    )
    result = CliRunner().invoke(main, ["validate", str(project.profile)])
    assert result.exit_code == 2, result.output
    assert (
        "organisation.grammar.name.gendre: unknown field 'gendre' (did you mean 'gender'?)"
    ) in result.output


def test_without_grammar_the_forms_are_the_bare_name_after_the_preposition() -> None:
    """The word helper on its own: English and no grammar give the sentences' old words."""
    from playbook.words.phrases import organisation_forms

    assert organisation_forms("Acme") == {
        "the_org": "Acme",
        "at_org": "at Acme",
        "At_org": "At Acme",
        "to_org": "to Acme",
        "for_org": "for Acme",
    }


def customer_compound(language: str, compound: str | None) -> str:
    """The grammar test profile with its customer term, and the term's compound form."""
    text = profile(language, True)
    if compound is None:
        return text
    return text.replace(
        "organisation:\n",
        f"organisation:\n  grammar:\n    customer_term:\n      compound: {compound}\n",
        1,
    )


@pytest.mark.parametrize(
    ("language", "compound", "titles", "never"),
    [
        ("de", "Patienten", ["Patientenreise", "Patientenfeedback"], ["als Patient"]),
        ("de", None, ["Die Reise als Patient"], ["Patientenreise", "Patient-"]),
        # Only German makes compounds: French titles stay as they are.
        ("fr", "Clients", ["Parcours client", "Avis côté client"], ["Clients"]),
    ],
    ids=["de-compound", "de-without", "fr-ignores-it"],
)
def test_navigation_titles_use_the_compound_form_in_german(
    tmp_path, language: str, compound: str | None, titles: list[str], never: list[str]
) -> None:
    (tmp_path / "org_config.yml").write_text(customer_compound(language, compound), "utf-8")
    build_site(tmp_path / "org_config.yml", strict=True)
    navigation = Site(tmp_path / "site").nav_text("")
    for title in titles:
        assert title in navigation, (title, navigation)
    assert [word for word in never if word in navigation] == []


def test_a_compound_without_a_customer_term_is_refused(tmp_path) -> None:
    text = customer_compound("de", "Patienten").replace(
        "  customer_term:\n    singular: Patient\n    plural: Patienten\n", ""
    )
    project = write_project(tmp_path, text)
    result = CliRunner().invoke(main, ["validate", str(project.profile)])
    assert result.exit_code == 2, result.output
    assert "org_config.yml:2:1: organisation: grammar.customer_term gives forms of " in (
        result.output
    )


@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_every_form_of_a_name_with_an_article_is_translated(language: str) -> None:
    """Each gender and number the profile can state has its own translated form (the
    contexts the code asks for are the ones the catalogues hold), an article included."""
    from playbook.profile.model import NameGrammar
    from playbook.words.phrases import NAME_WITH_ARTICLE, organisation_forms
    from playbook.words.translations import select_language

    translations = select_language(language).translations
    english = organisation_forms("X")
    seen = set()
    for key in NAME_WITH_ARTICLE:
        gender, number = key if key != "elided" else ("masculine", "singular")
        grammar = NameGrammar(article=True, gender=gender, number=number, elision=key == "elided")
        forms = organisation_forms(
            "X", grammar, language, translations.gettext, translations.pgettext
        )
        for slot, text in forms.items():
            assert text != english[slot] and "the X" not in text, (key, slot, text)
            assert text.endswith("X"), (key, slot, text)
        seen.add(tuple(forms.values()))
    # German tells three genders apart, Spanish two genders in both numbers, French
    # masculine, feminine, plural and the elided article.
    assert len(seen) >= {"de": 4, "fr": 4, "es": 4}[language]
