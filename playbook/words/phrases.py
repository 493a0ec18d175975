"""Join lists, count things and name the people served, grammatically.

Templates never glue ``", "`` or add an ``"s"`` themselves: a list of one item, two
items or names that contain commas, and counts of 0, 1 or many, all come out right
here. Lists are joined by Babel with the page language's own rules (``"a, b and c"``
in British English, ``"a, b, and c"`` in American English, ``"a, b et c"`` in French).
Counted phrases go through ``ngettext`` so a translation can supply its own plural forms.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.lists import format_list

from playbook.words.translations import N_, NC_

NGettext = Callable[[str, str, int], str]
Gettext = Callable[[str], str]


def _english_ngettext(singular: str, plural: str, number: int) -> str:
    return singular if number == 1 else plural


def _identity(message: str) -> str:
    return message


@functools.cache
def babel_locale(language: str) -> str:
    """The Babel locale for a BCP 47 tag, falling back to the language, then English."""
    for candidate in (language.replace("-", "_"), language.split("-")[0]):
        try:
            return str(Locale.parse(candidate))
        except (UnknownLocaleError, ValueError):
            continue
    return "en"


def join_items(items: Iterable[str], conjunction: str = "and", language: str = "en") -> str:
    """Join items as a sentence does: ``"a"``, ``"a and b"``, ``"a, b and c"``.

    ``conjunction`` is ``"and"`` or ``"or"``. When an item itself contains a comma,
    the items are separated by semicolons so the reader can still tell them apart.
    """
    words = [str(item) for item in items]
    if not words:
        return ""
    style = "or" if conjunction == "or" else "standard"
    markers = [f"\x00{index}\x00" for index in range(len(words))]
    joined = _list_pattern(len(words), style, language)
    if any("," in word for word in words):
        for index in range(len(words) - 1):
            joined = joined.replace(f"{markers[index]},", f"{markers[index]};")
    for marker, word in zip(markers, words, strict=True):
        joined = joined.replace(marker, word)
    return joined


@functools.lru_cache(maxsize=512)
def _list_pattern(count: int, style: str, language: str) -> str:
    """Babel's list of ``count`` numbered markers, as ``join_items`` fills them in; a
    build asks for the same few shapes thousands of times, and Babel's formatting is slow."""
    markers = [f"\x00{index}\x00" for index in range(count)]
    return format_list(markers, style=style, locale=babel_locale(language))


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for the catalogues; it is translated when used."""
    return singular, plural


# Every counted noun the templates use, as a whole phrase for translators.
COUNTED = {
    "value": Nn_("%(num)s value", "%(num)s values"),
    "role": Nn_("%(num)s role", "%(num)s roles"),
    "department": Nn_("%(num)s department", "%(num)s departments"),
    "stage": Nn_("%(num)s stage", "%(num)s stages"),
    "kpi": Nn_("%(num)s KPI", "%(num)s KPIs"),
    "channel": Nn_("%(num)s feedback channel", "%(num)s feedback channels"),
    "ritual": Nn_("%(num)s leadership ritual", "%(num)s leadership rituals"),
    "program": Nn_("%(num)s recognition programme", "%(num)s recognition programmes"),
    "decision": Nn_("%(num)s typical decision", "%(num)s typical decisions"),
    "behaviour": Nn_("%(num)s behaviour", "%(num)s behaviours"),
    "more-role": Nn_("%(num)s more role", "%(num)s more roles"),
    "more-department": Nn_("%(num)s more department", "%(num)s more departments"),
}


def count_phrase(number: int, noun: str, ngettext: NGettext = _english_ngettext) -> str:
    """``count_phrase(1, "role")`` -> ``"1 role"``; ``count_phrase(3, "role")`` -> ``"3 roles"``.

    Raises:
        KeyError: for a noun not listed in ``COUNTED`` (a template typo fails the build).
    """
    singular, plural = COUNTED[noun]
    return ngettext(singular, plural, number) % {"num": number}


def capitalise(text: str) -> str:
    """The text with its first letter in upper case (``"patients"`` -> ``"Patients"``)."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class PeopleServed:
    """What the organisation calls the people it serves, in the forms sentences need."""

    singular: str
    plural: str

    @property
    def capital_singular(self) -> str:
        return capitalise(self.singular)

    @property
    def capital_plural(self) -> str:
        return capitalise(self.plural)


def people_served(
    singular: str | None, plural: str | None, gettext: Gettext = _identity
) -> PeopleServed:
    """The profile's customer term, or the translated default "customer" / "customers"."""
    if singular and plural:
        return PeopleServed(singular, plural)
    return PeopleServed(gettext("customer"), gettext("customers"))


# How the organisation's name enters a sentence: as a noun phrase ("the"), after "at"
# (where people work), after "to" (welcome to) or after "for" (interview for). A name used
# bare needs no article; one with an article gets it in the gender, number, case and
# contraction the language needs ("beim Klinikum", "au Centre", "a la Red").
BARE_NAME = {
    "the": "%(name)s",
    # Translators: where people work, e.g. "Every decision at Acme"; the name is used bare,
    # without an article (German "bei Acme", French "chez Acme").
    "at": N_("at %(name)s"),
    # Translators: where a new person arrives ("Welcome to Acme"); the name is used bare.
    "to": N_("to %(name)s"),
    # Translators: whom interviews are held for ("interviews for Acme"); the name is bare.
    "for": N_("for %(name)s"),
}
# When the profile says nothing of the name's grammar, the article is unknown: a language
# that needs one ("die Stadtwerke", "la Red Municipal") phrases around it, e.g. French
# "dans l'équipe Acme", Spanish "en nuestra organización, Acme".
UNKNOWN_NAME_CONTEXT = "organisation name: grammar unknown"
UNKNOWN_NAME = {
    "the": NC_("organisation name: grammar unknown", "%(name)s"),
    "at": NC_("organisation name: grammar unknown", "at %(name)s"),
    "to": NC_("organisation name: grammar unknown", "to %(name)s"),
    "for": NC_("organisation name: grammar unknown", "for %(name)s"),
}
# The forms of a name that takes the definite article, by gender and number; "elided" is
# French "l'" before a vowel (other languages: as the masculine singular).
NAME_WITH_ARTICLE = {
    ("masculine", "singular"): {
        "the": NC_("organisation name: masculine singular", "the %(name)s"),
        "at": NC_("organisation name: masculine singular", "at the %(name)s"),
        "to": NC_("organisation name: masculine singular", "to the %(name)s"),
        "for": NC_("organisation name: masculine singular", "for the %(name)s"),
    },
    ("feminine", "singular"): {
        "the": NC_("organisation name: feminine singular", "the %(name)s"),
        "at": NC_("organisation name: feminine singular", "at the %(name)s"),
        "to": NC_("organisation name: feminine singular", "to the %(name)s"),
        "for": NC_("organisation name: feminine singular", "for the %(name)s"),
    },
    ("neuter", "singular"): {
        "the": NC_("organisation name: neuter singular", "the %(name)s"),
        "at": NC_("organisation name: neuter singular", "at the %(name)s"),
        "to": NC_("organisation name: neuter singular", "to the %(name)s"),
        "for": NC_("organisation name: neuter singular", "for the %(name)s"),
    },
    ("masculine", "plural"): {
        "the": NC_("organisation name: masculine plural", "the %(name)s"),
        "at": NC_("organisation name: masculine plural", "at the %(name)s"),
        "to": NC_("organisation name: masculine plural", "to the %(name)s"),
        "for": NC_("organisation name: masculine plural", "for the %(name)s"),
    },
    ("feminine", "plural"): {
        "the": NC_("organisation name: feminine plural", "the %(name)s"),
        "at": NC_("organisation name: feminine plural", "at the %(name)s"),
        "to": NC_("organisation name: feminine plural", "to the %(name)s"),
        "for": NC_("organisation name: feminine plural", "for the %(name)s"),
    },
    ("neuter", "plural"): {
        "the": NC_("organisation name: neuter plural", "the %(name)s"),
        "at": NC_("organisation name: neuter plural", "at the %(name)s"),
        "to": NC_("organisation name: neuter plural", "to the %(name)s"),
        "for": NC_("organisation name: neuter plural", "for the %(name)s"),
    },
    "elided": {
        "the": NC_("organisation name: singular, elided article", "the %(name)s"),
        "at": NC_("organisation name: singular, elided article", "at the %(name)s"),
        "to": NC_("organisation name: singular, elided article", "to the %(name)s"),
        "for": NC_("organisation name: singular, elided article", "for the %(name)s"),
    },
}
# Slots whose German article is dative ("bei den Stadtwerken"), where a name may change.
DATIVE_SLOTS = ("at", "to")
_FRENCH_ELIDING = "aeiouyhàâäéèêëîïôöùûüœæ"
PGettext = Callable[[str, str], str]


def _pgettext_identity(context: str, message: str) -> str:
    return message


def organisation_forms(
    name: str,
    grammar: Any = None,
    language: str = "en",
    gettext: Gettext = _identity,
    pgettext: PGettext = _pgettext_identity,
) -> dict[str, str]:
    """The organisation's name as the sentences of the playbook use it.

    Keys: ``the_org`` (a noun phrase), ``at_org`` / ``At_org``, ``to_org`` and ``for_org``.
    ``grammar`` is the profile's ``organisation.grammar.name`` (or None): when it says the
    name is used bare, every form is the bare name after a preposition ("bei Acme", "chez
    Acme", "en Acme"); with an article, the catalogue's form for the name's gender and
    number; without it, the catalogue's phrasing that needs no article ("dans l'équipe
    Acme"). ``language`` is the catalogue's code ("de", "fr").
    """
    forms: dict[str, str] = {}
    article = grammar is not None and grammar.article
    key: Any = None
    if article:
        gender = grammar.gender or "masculine"
        if not language.startswith("de") and gender == "neuter":
            gender = "masculine"
        key = (gender, grammar.number)
        if language.startswith("fr") and grammar.number == "singular":
            elides = grammar.elision
            if elides is None:
                elides = name[:1].lower() in _FRENCH_ELIDING
            if elides:
                key = "elided"
    for slot, bare in BARE_NAME.items():
        shown = name
        if language.startswith("de") and article and slot in DATIVE_SLOTS and grammar.dative:
            shown = grammar.dative
        if grammar is None:
            text = pgettext(UNKNOWN_NAME_CONTEXT, UNKNOWN_NAME[slot])
        elif key is None:
            text = bare if slot == "the" else gettext(bare)
        else:
            message = NAME_WITH_ARTICLE[key][slot]
            text = pgettext(_CONTEXTS[key], message)
        forms[f"{slot}_org"] = text % {"name": shown}
    forms["At_org"] = capitalise(forms["at_org"])
    return forms


_CONTEXTS: dict[Any, str] = {
    key: (
        "organisation name: singular, elided article"
        if key == "elided"
        else f"organisation name: {key[0]} {key[1]}"
    )
    for key in NAME_WITH_ARTICLE
}
