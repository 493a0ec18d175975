"""Join lists, count things and name the people served, grammatically.

Templates never glue ``", "`` or add an ``"s"`` themselves: a list of one item, two
items or names that contain commas, and counts of 0, 1 or many, all come out right
here. Lists are joined by Babel with the page language's own rules (``"a, b and c"``
in British English, ``"a, b, and c"`` in American English, ``"a, b et c"`` in French).
Counted phrases go through ``ngettext`` so a translation can supply its own plural forms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.lists import format_list

NGettext = Callable[[str, str, int], str]
Gettext = Callable[[str], str]


def _english_ngettext(singular: str, plural: str, number: int) -> str:
    return singular if number == 1 else plural


def _identity(message: str) -> str:
    return message


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
    joined = format_list(markers, style=style, locale=babel_locale(language))
    if any("," in word for word in words):
        for index in range(len(words) - 1):
            joined = joined.replace(f"{markers[index]},", f"{markers[index]};")
    for marker, word in zip(markers, words, strict=True):
        joined = joined.replace(marker, word)
    return joined


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
