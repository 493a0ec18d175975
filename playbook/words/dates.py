"""Dates written the way the playbook's language writes them ("1 December 2026",
"1. Dezember 2026", "1 décembre 2026", "1 de diciembre de 2026")."""

from __future__ import annotations

import datetime as dt


def format_day(day: dt.date | str, language: str, width: str = "long") -> str:
    """A calendar day in the language's format.

    Args:
        day: a date (a datetime counts by its date) or an ISO date such as "2026-12-01".
        language: a catalogue code or BCP 47 tag ("de", "pt_BR", "de-CH").
        width: Babel's format width: "short", "medium", "long" or "full".
    """
    from babel.dates import format_date

    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    elif isinstance(day, dt.datetime):
        day = day.date()
    locale = language.replace("-", "_")
    # Plain "en" would be CLDR's American English ("December 1, 2026"); a playbook in
    # English without a region writes the day first, as most English-speaking places do.
    # "en-US" keeps the American order.
    text = format_date(day, format=width, locale="en_GB" if locale == "en" else locale)
    if locale.split("_")[0] == "fr" and day.day == 1 and width in ("long", "full"):
        # French writes the first of the month as an ordinal: "1er décembre 2026".
        text = text.replace("1 ", "1er ", 1)
    return text
