"""When each page last changed: content fingerprints kept from one build to the next.

Every build fingerprints the rendered main content of each page (and of each of its
``<h2>`` sections) and keeps a small record in the site, ``playbook-changes.json``:

    {"version": 1, "pages": {"roles/nurse.md": {"url": "roles/nurse/",
        "fingerprint": "...", "sections": {"your-kpis": "..."},
        "changed": "2026-03-02T09:30:00Z", "what": [["your-kpis", "Your KPIs"]],
        "reasons": [], "witnessed": true}}}

("what": the sections that changed then; "reasons": for a role page dated from git
history, why its people were re-briefed, as ``playbook diff`` says it; "witnessed":
false when nothing showed when the page changed, see below. A record without it is
taken as witnessed.)

A page whose fingerprint matches the previous site's record keeps its date; a changed
page gets the build's time, and the sections whose fingerprints changed become its
"what changed". A page the previous site did not have (or every page of a first build)
is dated from git history when the profile is in a git repository (``playbook.hr.history``:
the last commit that changed what the page shows), and otherwise gets the build's time.
A first build with neither a previous record nor git history has no evidence of when any
page changed: its pages carry the build's time but are not *witnessed* changes, so the
what-changed page lists none of them under a changelog entry (it says that the pages are
listed from the next build on) until a later build sees them change.

Pages are keyed by their source path, so a switch between directory URLs and ``.html``
addresses (``--offline``) keeps the dates. Nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RECORD_FILE = "playbook-changes.json"
RECORD_VERSION = 1

_SECTION = re.compile(r"<h2\b(?P<attrs>[^>]*)>(?P<title>.*?)</h2>", re.DOTALL)
_ID = re.compile(r'\bid="(?P<id>[^"]+)"')
_TAGS = re.compile(r"<[^>]+>")
_HREF = re.compile(r'href="([^"]*)"')
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


@dataclass(frozen=True)
class PageChange:
    """When a page last changed, and which of its sections (id, plain title) changed then."""

    changed: dt.datetime
    what: tuple[tuple[str, str], ...] = ()
    reasons: tuple[str, ...] = ()
    witnessed: bool = True
    """Whether a record or git history shows the page changed then (False: a first build
    without either, which knows only when it saw the page)."""

    @property
    def stamp(self) -> str:
        return format_stamp(self.changed)


def format_stamp(moment: dt.datetime) -> str:
    """An ISO 8601 UTC time with seconds, as browsers parse it: 2026-03-02T09:30:00Z."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(text: Any) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def normalise_links(content: str, url: str) -> str:
    """Content with each relative link written as the site path it leads to.

    The same content then reads the same with directory addresses (``roles/x/``) and
    ``.html`` ones (``--offline``), whose relative links differ.
    """
    folder = posixpath.dirname(url)

    def site_path(match: re.Match[str]) -> str:
        target, hash_mark, anchor = match.group(1).partition("#")
        if not target or ":" in target or target.startswith("/"):
            return match.group(0)
        path = posixpath.normpath(posixpath.join(folder, target))
        for suffix in ("index.html", ".html", "/"):
            path = path.removesuffix(suffix)
        return f'href="{path}{hash_mark}{anchor}"'

    return _HREF.sub(site_path, content)


def fingerprint(text: str) -> str:
    """A short hash of (normalised) rendered content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def section_fingerprints(content: str) -> dict[str, tuple[str, str]]:
    """Each ``<h2>`` section of rendered content: id -> (plain title, fingerprint)."""
    matches = list(_SECTION.finditer(content))
    sections = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(content)
        found = _ID.search(match.group("attrs"))
        if found is None:
            continue  # a heading without an anchor cannot be linked to
        title = html.unescape(_TAGS.sub("", _PERMALINK.sub("", match.group("title")))).strip()
        sections[found.group("id")] = (title, fingerprint(content[match.start() : end]))
    return sections


def read_record(site_dir: Path | None) -> dict[str, dict[str, Any]]:
    """The pages of a site's change record; empty when there is none or it is unreadable."""
    if site_dir is None:
        return {}
    try:
        data = json.loads((site_dir / RECORD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != RECORD_VERSION:
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}


@dataclass
class ChangeTracker:
    """Dates the pages of one build against the previous site's record (or git history).

    Attributes:
        previous: the previous site's record (source path -> entry).
        now: the build's time.
        history: called once, on the first page the record cannot date; returns
            source path -> PageChange from git history (empty without git).
    """

    previous: dict[str, dict[str, Any]]
    now: dt.datetime
    history: Callable[[], dict[str, PageChange]] = dict
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    changes: dict[str, PageChange] = field(default_factory=dict)
    _history: dict[str, PageChange] | None = None

    def observe(self, src_path: str, url: str, content: str) -> PageChange:
        """Record a rendered page and say when it last changed."""
        normalised = normalise_links(content, url)
        page_fingerprint = fingerprint(normalised)
        sections = section_fingerprints(normalised)
        old = self.previous.get(src_path)
        change = self._date(src_path, old, page_fingerprint, sections)
        self.pages[src_path] = {
            "url": url,
            "fingerprint": page_fingerprint,
            "sections": {key: value[1] for key, value in sections.items()},
            "changed": change.stamp,
            "what": [list(item) for item in change.what],
            "reasons": list(change.reasons),
            "witnessed": change.witnessed,
        }
        self.changes[src_path] = change
        return change

    def _date(
        self,
        src_path: str,
        old: dict[str, Any] | None,
        page_fingerprint: str,
        sections: dict[str, tuple[str, str]],
    ) -> PageChange:
        if isinstance(old, dict):
            changed = parse_stamp(old.get("changed"))
            if changed is not None and old.get("fingerprint") == page_fingerprint:
                what = tuple(tuple(item) for item in old.get("what", []) if len(item) == 2)
                reasons = tuple(str(reason) for reason in old.get("reasons", []))
                witnessed = old.get("witnessed", True) is not False
                return PageChange(changed, what, reasons, witnessed)  # type: ignore[arg-type]
            if changed is not None:
                old_sections = old.get("sections") if isinstance(old.get("sections"), dict) else {}
                what = tuple(
                    (key, title)
                    for key, (title, value) in sections.items()
                    if old_sections.get(key) != value
                )
                return PageChange(self.now, what)
        if self._history is None:
            self._history = self.history()
        # With a previous record, a page it lacks is new in this build: a witnessed change.
        return self._history.get(src_path) or PageChange(self.now, witnessed=bool(self.previous))

    def record(self) -> str:
        """The record to keep in the new site, as JSON text."""
        data = {"version": RECORD_VERSION, "pages": self.pages}
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def pages_changed_between(
    changes: dict[str, PageChange], start: dt.date, end: dt.date | None
) -> list[str]:
    """Source paths of the pages whose last witnessed change falls on or after start,
    before end."""
    return [
        src_path
        for src_path, change in changes.items()
        if change.witnessed
        and change.changed.date() >= start
        and (end is None or change.changed.date() < end)
    ]


def changelog_periods(dates: list[dt.date]) -> list[tuple[dt.date, dt.date | None]]:
    """For changelog dates (any order): each date with the next newer one (None: newest)."""
    ordered = sorted(set(dates))
    return [
        (date, ordered[index + 1] if index + 1 < len(ordered) else None)
        for index, date in enumerate(ordered)
    ]
