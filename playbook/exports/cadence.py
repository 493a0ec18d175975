"""Read a ritual's free-text cadence as a calendar recurrence, or say it cannot be read.

"Daily, 8:15", "Weekly, Friday 4pm", "every other Tuesday", "first Monday of the month",
"montags 9 Uhr", "chaque lundi à 9h", "cada lunes a las 9:00". Only what the text says
becomes part of an event: a weekly ritual with no day named, or a monthly one with no day
of the month, cannot be put in a calendar without guessing, so it is not (lint says so).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = {
    "MO": r"mondays?|mon|montags?|lundis?|lunes",
    "TU": r"tuesdays?|tue|tues|dienstags?|mardis?|martes",
    "WE": r"wednesdays?|wed|mittwochs?|mercredis?|mi[ée]rcoles",
    "TH": r"thursdays?|thu|thur|thurs|donnerstags?|jeudis?|jueves",
    "FR": r"fridays?|fri|freitags?|vendredis?|viernes",
    "SA": r"saturdays?|sat|samstags?|samedis?|s[áa]bados?",
    "SU": r"sundays?|sun|sonntags?|dimanches?|domingos?",
}
_WEEKDAY_ORDER = list(WEEKDAYS)
_ORDINALS = {
    1: r"first|1st|erste[nrs]?|premiers?|premi[èe]re|primer|primera?",
    2: r"second|2nd|zweite[nrs]?|deuxi[èe]me|segund[oa]",
    3: r"third|3rd|dritte[nrs]?|troisi[èe]me|tercer[oa]?",
    4: r"fourth|4th|vierte[nrs]?|quatri[èe]me|cuart[oa]",
    -1: r"last|letzte[nrs]?|derni[èe]re?|[úu]ltim[oa]",
}
_FREQUENCIES = (
    # Most specific first: "every two weeks" before "weekly".
    (
        "weekdays",
        r"every weekday|weekdays|werktags|en semaine|d[íi]as laborables|de lunes a viernes",
    ),
    (
        "fortnightly",
        r"fortnightly|every (two|2|other)\b|bi-?weekly|alle (zwei|2) wochen"
        r"|14-t[äa]gig|toutes les (deux|2) semaines|cada (dos|2) semanas|quincenal",
    ),
    (
        "daily",
        r"daily|every day|each day|t[äa]glich|jeden tag|quotidien(ne)?|chaque jour"
        r"|tous les jours|diari[oa]|cada d[íi]a|todos los d[íi]as",
    ),
    (
        "quarterly",
        r"quarterly|every (quarter|three months|3 months)|viertelj[äa]hrlich"
        r"|quartalsweise|trimestriel(le)?|trimestral|cada trimestre",
    ),
    (
        "yearly",
        r"yearly|annually|annual|every year|j[äa]hrlich|annuel(le)?|chaque ann[ée]e"
        r"|anual|cada a[ñn]o",
    ),
    (
        "monthly",
        r"monthly|every month|each month|monatlich|mensuel(le)?|chaque mois"
        r"|tous les mois|mensual|cada mes|of the month|im monat|du mois|de cada mes|del mes",
    ),
    (
        "weekly",
        r"weekly|every week|each week|w[öo]chentlich|jede woche|hebdomadaire"
        r"|chaque semaine|toutes les semaines|semanal|cada semana|todas las semanas",
    ),
)
_TIME = re.compile(
    r"\b(?P<hour>[01]?\d|2[0-3])(?:[:.h](?P<minute>[0-5]\d))?"
    r"\s*(?P<half>am|pm|a\.m\.|p\.m\.|uhr|h\b)?",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"\b(?P<number>\d{1,3})\s*"
    r"(?P<unit>minutes?|mins?|minuten|hours?|stunden?|heures?|horas?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Recurrence:
    """A cadence a calendar can repeat exactly as the profile says it."""

    frequency: str
    """DAILY, WEEKLY, MONTHLY or YEARLY (iCalendar's words)."""
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    """MO, TU ...; with ``ordinal`` for monthly rituals ("first Monday")."""
    ordinal: int | None = None
    time: dt.time | None = None
    """None: an all-day event."""
    minutes: int | None = None
    """How long it lasts, when the text says so."""

    def rule(self) -> dict[str, object]:
        """The recurrence as an iCalendar RRULE mapping."""
        rule: dict[str, object] = {"FREQ": self.frequency}
        if self.interval != 1:
            rule["INTERVAL"] = self.interval
        if self.weekdays:
            prefix = str(self.ordinal) if self.ordinal else ""
            rule["BYDAY"] = [prefix + day for day in self.weekdays]
        return rule

    def first_day(self, on_or_after: dt.date) -> dt.date:
        """The first day on or after a date when the ritual takes place."""
        day = on_or_after
        for _ in range(400):
            if self.happens_on(day):
                return day
            day += dt.timedelta(days=1)
        return on_or_after  # unreachable for the recurrences read here

    def happens_on(self, day: dt.date) -> bool:
        weekday = _WEEKDAY_ORDER[day.weekday()]
        if self.frequency in ("DAILY", "WEEKLY"):
            return not self.weekdays or weekday in self.weekdays
        if self.frequency == "MONTHLY" and self.weekdays and self.ordinal:
            if weekday not in self.weekdays:
                return False
            if self.ordinal > 0:
                return (day.day - 1) // 7 + 1 == self.ordinal
            return (day + dt.timedelta(days=7)).month != day.month
        return False


def _weekdays(text: str) -> tuple[str, ...]:
    found = []
    for code, pattern in WEEKDAYS.items():
        if re.search(rf"\b({pattern})\b", text, re.IGNORECASE):
            found.append(code)
    return tuple(found)


def _time(text: str) -> dt.time | None:
    for match in _TIME.finditer(text):
        hour, minute, half = match.group("hour"), match.group("minute"), match.group("half")
        if minute is None and half is None:
            continue  # a bare number ("15 minutes", "2 weeks") is not a time of day
        if _DURATION.match(text, match.start()):
            continue
        value = int(hour)
        marker = (half or "").lower().replace(".", "")
        if marker == "pm" and value < 12:
            value += 12
        elif marker == "am" and value == 12:
            value = 0
        return dt.time(value, int(minute or 0))
    return None


def _minutes(text: str) -> int | None:
    match = _DURATION.search(text)
    if match is None:
        return None
    number = int(match.group("number"))
    unit = match.group("unit").lower()
    return number * 60 if unit.startswith(("hour", "stund", "heure", "hora")) else number


def read_cadence(text: str) -> Recurrence | None:
    """The recurrence a cadence describes, or None when a calendar would have to guess."""
    frequency = next(
        (name for name, pattern in _FREQUENCIES if re.search(pattern, text, re.IGNORECASE)),
        None,
    )
    weekdays = _weekdays(text)
    time, minutes = _time(text), _minutes(text)
    if frequency is None and weekdays:
        frequency = "weekly"  # "every Monday", "montags", "chaque lundi", "Monday 9:00"
    if frequency == "weekdays":
        workdays = ("MO", "TU", "WE", "TH", "FR")
        return Recurrence("DAILY", weekdays=workdays, time=time, minutes=minutes)
    if frequency == "daily":
        return Recurrence("DAILY", weekdays=weekdays, time=time, minutes=minutes)
    if frequency in ("weekly", "fortnightly") and weekdays:
        interval = 2 if frequency == "fortnightly" else 1
        return Recurrence("WEEKLY", interval, weekdays, time=time, minutes=minutes)
    if frequency == "monthly" and len(weekdays) == 1:
        for number, pattern in _ORDINALS.items():
            if re.search(rf"\b({pattern})\b", text, re.IGNORECASE):
                return Recurrence(
                    "MONTHLY", 1, weekdays, ordinal=number, time=time, minutes=minutes
                )
    return None


def ritual_slug(name: str) -> str:
    """A ritual's name as an id (rituals have none): for calendars and lint.ignore."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")
    return slug or "ritual"
