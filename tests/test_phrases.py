"""The word helpers every template uses: lists, counts and the people served."""

from __future__ import annotations

import pytest

from playbook.words.phrases import (
    capitalise,
    count_phrase,
    join_items,
    people_served,
)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["Discover"], "Discover"),
        (["Discover", "Buy"], "Discover and Buy"),
        (["Discover", "Buy", "Ride on"], "Discover, Buy and Ride on"),
    ],
)
def test_lists_join_with_commas_and_and_in_british_english(items: list[str], expected: str) -> None:
    assert join_items(items, language="en-GB") == expected


def test_american_english_keeps_the_serial_comma() -> None:
    assert join_items(["a", "b", "c"], language="en") == "a, b, and c"


def test_or_lists() -> None:
    assert join_items(["Care", "Speed"], "or", language="en-GB") == "Care or Speed"
    assert join_items(["a", "b", "c"], "or", language="en-GB") == "a, b or c"


def test_names_with_commas_are_separated_by_semicolons() -> None:
    joined = join_items(["One team, one customer", "Own it", "Try, learn"], language="en-GB")
    assert joined == "One team, one customer; Own it and Try, learn"


def test_lists_follow_the_page_language() -> None:
    assert join_items(["a", "b", "c"], language="fr") == "a, b et c"
    assert join_items(["a", "b"], language="de-CH") == "a und b"
    assert join_items(["a", "b"], language="es") == "a y b"


def test_an_unknown_language_falls_back_to_english() -> None:
    assert join_items(["a", "b"], language="xx") == "a and b"


@pytest.mark.parametrize(
    ("number", "noun", "expected"),
    [
        (0, "role", "0 roles"),
        (1, "role", "1 role"),
        (2, "role", "2 roles"),
        (1, "value", "1 value"),
        (1, "kpi", "1 KPI"),
        (3, "kpi", "3 KPIs"),
        (1, "more-role", "1 more role"),
        (1, "channel", "1 feedback channel"),
    ],
)
def test_counts_use_the_right_plural(number: int, noun: str, expected: str) -> None:
    assert count_phrase(number, noun) == expected


def test_counts_go_through_ngettext() -> None:
    calls = []

    def ngettext(singular: str, plural: str, number: int) -> str:
        calls.append((singular, plural, number))
        return "%(num)s Rolle" if number == 1 else "%(num)s Rollen"

    assert count_phrase(2, "role", ngettext) == "2 Rollen"
    assert calls == [("%(num)s role", "%(num)s roles", 2)]


def test_an_unknown_noun_is_an_error_not_a_guess() -> None:
    with pytest.raises(KeyError):
        count_phrase(2, "bike")


def test_people_served_default_and_profile_term() -> None:
    default = people_served(None, None)
    assert (default.singular, default.plural) == ("customer", "customers")
    patients = people_served("patient", "patients")
    assert (patients.capital_singular, patients.capital_plural) == ("Patient", "Patients")
    translated = people_served(None, None, {"customer": "Kunde", "customers": "Kunden"}.get)
    assert translated.plural == "Kunden"


def test_capitalise_changes_only_the_first_letter() -> None:
    assert capitalise("iPhone users") == "IPhone users"
    assert capitalise("") == ""
