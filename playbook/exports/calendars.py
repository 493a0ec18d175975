"""Calendars of the rituals: one .ics file per role with the rituals it takes part in,
and one with every ritual for the leadership page.

Only rituals whose cadence says exactly when they happen become events (see
``playbook.exports.cadence``); the rest are left to people's own calendars and reported by
``playbook lint``. Events repeat from the first occurrence on or after the build date, in
the local time of whoever imports them (no time zone is invented).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event, vRecur

from playbook.exports.cadence import Recurrence, read_cadence, ritual_slug
from playbook.profile.model import Profile, Ritual

LEADERSHIP_CALENDAR = "calendars/leadership.ics"
ROLE_CALENDARS = "calendars/roles"
"""Folder of the role calendars: ``calendars/roles/<role id>.ics``."""


def role_calendar_path(role_id: str) -> str:
    return f"{ROLE_CALENDARS}/{role_id}.ics"


def calendar_rituals(rituals: Iterable[Ritual]) -> list[tuple[Ritual, Recurrence]]:
    """The rituals a calendar can hold, each with its recurrence."""
    readable = []
    for ritual in rituals:
        recurrence = read_cadence(ritual.cadence)
        if recurrence is not None:
            readable.append((ritual, recurrence))
    return readable


def calendar_file(
    profile: Profile,
    rituals: list[tuple[Ritual, Recurrence]],
    title: str,
    start: dt.date,
    stamp: dt.datetime,
) -> bytes:
    """An iCalendar file of recurring events, one per ritual.

    Args:
        profile: the raw profile (names are data here; the calendar format escapes them).
        rituals: the rituals and their recurrences.
        title: the calendar's name, e.g. "Tillbrook Cycles: Shop manager".
        start: the first day any event may take place (the build date).
        stamp: when the file was made (DTSTAMP).
    """
    calendar = Calendar()
    calendar.add("prodid", "-//culture-playbook//rituals//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    organisation = ritual_slug(profile.organisation.name)
    for ritual, recurrence in rituals:
        index = profile.leadership.rituals.index(ritual)
        event = Event()
        # Stable across builds, so a re-import updates the event instead of adding one.
        event.add("uid", f"{ritual_slug(ritual.name)}-{index}@{organisation}.playbook")
        event.add("dtstamp", stamp)
        event.add("summary", ritual.name)
        description = [ritual.purpose or "", ritual.cadence]
        event.add("description", "\n\n".join(part for part in description if part))
        day = recurrence.first_day(start)
        if recurrence.time is None:
            event.add("dtstart", day)
        else:
            begins = dt.datetime.combine(day, recurrence.time)
            event.add("dtstart", begins)
            if recurrence.minutes:
                event.add("dtend", begins + dt.timedelta(minutes=recurrence.minutes))
        event.add("rrule", vRecur(recurrence.rule()))
        calendar.add_component(event)
    return calendar.to_ical()
