"""Owners and review dates: who keeps each part of the playbook true, and when it is due.

The organisation, each value, each role and each KPI may name an ``owner`` (a role id),
the day it was ``last_reviewed`` and how often it is due (``review_every``; the
organisation's interval is the default for the rest). Due dates are judged against the
build date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds, tests), else today.
Pure functions: no engine, no wording.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from playbook.profile.model import Profile, Role, parse_review_interval


@dataclass(frozen=True)
class Review:
    """The review state of one part of the playbook."""

    kind: str
    """"organisation", "value", "role" or "kpi"."""
    item: Any
    path: tuple[str | int, ...]
    """Where the item stands in the profile, for located lint findings."""
    owner: Role | None
    """The item's own owner, else the organisation's (who looks after the playbook)."""
    own_owner: bool
    """Whether the item names its owner itself."""
    last_reviewed: dt.date | None
    interval: tuple[int, str] | None
    next_due: dt.date | None
    overdue: bool

    @property
    def label(self) -> str:
        """The item's name as people say it."""
        return str(getattr(self.item, "name", None) or getattr(self.item, "title", ""))


def build_date() -> dt.date:
    """The day the build judges due dates against."""
    stamp = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if stamp.isdigit():
        return dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
    return dt.date.today()


def add_interval(day: dt.date, interval: tuple[int, str]) -> dt.date:
    """The day one interval after ``day``; months and years on the calendar (31 January
    plus one month is the last day of February)."""
    number, unit = interval
    if unit == "day":
        return day + dt.timedelta(days=number)
    if unit == "week":
        return day + dt.timedelta(weeks=number)
    months = number * (12 if unit == "year" else 1)
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def opted_in(profile: Profile) -> bool:
    """Whether the organisation tracks reviews at all (some owner or review date is set)."""
    return any(review.own_owner or review.last_reviewed for review in reviews(profile))


def reviews(profile: Profile, today: dt.date | None = None) -> Iterator[Review]:
    """The review state of the organisation, each value, role and KPI, in profile order."""
    today = today or build_date()
    organisation = profile.organisation
    default = organisation.review_every
    roles = {role.id: role for role in profile.roles}
    keeper = roles.get(organisation.owner) if organisation.owner else None
    items: list[tuple[str, Any, tuple[str | int, ...]]] = [
        ("organisation", organisation, ("organisation",))
    ]
    items += [("value", value, ("values", i)) for i, value in enumerate(profile.values)]
    items += [("role", role, ("roles", i)) for i, role in enumerate(profile.roles)]
    items += [("kpi", kpi, ("kpis", i)) for i, kpi in enumerate(profile.kpis)]
    for kind, item, path in items:
        written = item.review_every or default
        interval = parse_review_interval(written) if written else None
        last = item.last_reviewed
        next_due = add_interval(last, interval) if last and interval else None
        yield Review(
            kind=kind,
            item=item,
            path=path,
            owner=roles.get(item.owner, keeper) if item.owner else keeper,
            own_owner=bool(item.owner),
            last_reviewed=last,
            interval=interval,
            next_due=next_due,
            overdue=next_due is not None and next_due < today,
        )
