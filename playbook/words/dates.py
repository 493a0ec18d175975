"""Dates written the way the playbook's language writes them ("1 December 2026",
"1. Dezember 2026", "1 décembre 2026", "1 de diciembre de 2026")."""

from __future__ import annotations

import datetime as dt


def format_day(day: dt.date | str, language: str, width: str = "long") -> str:
    """A calendar day in the language's format.

    Args:
        day: a date (a datetime counts by its date) or an ISO date such as "2026-12-01".
        language: a BCP 47 tag or catalogue code ("de", "pt_BR", "de-CH", "en-US"); the
            region counts ("en-US" writes "December 1, 2026"), and a tag Babel does not know
            falls back to its language, then to English.
        width: Babel's format width: "short", "medium", "long" or "full".
    """
    from babel.dates import format_date

    from playbook.words.phrases import babel_locale

    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    elif isinstance(day, dt.datetime):
        day = day.date()
    locale = babel_locale(language)
    # Plain "en" would be CLDR's American English ("December 1, 2026"); a playbook in
    # English without a region writes the day first, as British English (its words) does.
    # "en-US" keeps the American order.
    text = format_date(day, format=width, locale="en_GB" if locale == "en" else locale)
    if locale.split("_")[0] == "fr" and day.day == 1 and width in ("long", "full"):
        # French writes the first of the month as an ordinal: "1er décembre 2026".
        text = text.replace("1 ", "1er ", 1)
    return text
