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
import errno
import functools
import hashlib
import html
import json
import logging
import os
import posixpath
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RECORD_FILE = "playbook-changes.json"
RECORD_VERSION = 1
_RECORD_LIMIT = 64 * 2**20  # bytes; the record of a 1,000-role playbook is about 1 MB

# Open without following a link and without waiting on a pipe (where the system has them).
_SAFE_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)

log = logging.getLogger("mkdocs.playbook.changes")
# A previous site's unusable record is not a mistake in the profile or the templates, so it
# must not fail a strict build: it is told outside MkDocs' own (strict-counted) log.
record_log = logging.getLogger("playbook.record")


class _CurrentStderr(logging.Handler):
    """Writes to whatever ``sys.stderr`` is when a record is told (click's test runner and
    the CLI swap it), in MkDocs' own warning style."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(f"WARNING -  {record.getMessage()}\n")


record_log.addHandler(_CurrentStderr())
record_log.propagate = False

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
    return _HREF.sub(lambda match: _site_href(folder, match.group(1)), content)


@functools.lru_cache(maxsize=16384)
def _site_href(folder: str, link: str) -> str:
    """``href="..."`` for a link found in a page of ``folder``, as the site path it leads to.

    Remembered: role pages share one folder and link to the same pages, so a build meets
    the same few thousand links a hundred thousand times.
    """
    target, hash_mark, anchor = link.partition("#")
    if not target or ":" in target or target.startswith("/"):
        return f'href="{link}"'
    path = posixpath.normpath(posixpath.join(folder, target))
    for suffix in ("index.html", ".html", "/"):
        path = path.removesuffix(suffix)
    return f'href="{path}{hash_mark}{anchor}"'


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
    """The pages of a site's change record; empty when there is none or it is unusable.

    The record lives in a folder people can edit, so it is checked before it is trusted:
    one that is not a regular file, too big, not UTF-8 JSON or not of the record's shape
    is ignored as a whole, with a warning that names it (the pages are then dated as in a
    first build). The warning goes to the ``mkdocs`` loggers, which the build shows.
    """
    if site_dir is None:
        return {}
    path = site_dir / RECORD_FILE
    try:
        data = _load_record(path)
    except FileNotFoundError:
        return {}
    except _UnusableRecord as problem:
        record_log.warning(
            f"{path}{problem}; it is ignored, and the pages are dated as in a first build"
        )
        return {}
    return data["pages"]


class _UnusableRecord(Exception):
    """Why a change record cannot be used (the text follows the file name)."""


def _load_record(path: Path) -> dict[str, Any]:
    try:
        fd = os.open(path, _SAFE_OPEN)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _UnusableRecord(": this is a link, not a regular file") from None
        raise _UnusableRecord(f": this file cannot be read ({error.strerror or error})") from None
    with os.fdopen(fd, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise _UnusableRecord(": this is not a regular file")
        data = file.read(_RECORD_LIMIT + 1)
    if len(data) > _RECORD_LIMIT:
        raise _UnusableRecord(f": this file is bigger than {_RECORD_LIMIT // 2**20} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _UnusableRecord(": this is not UTF-8 text") from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        where = f":{error.lineno}:{error.colno}"
        raise _UnusableRecord(f"{where}: this is not valid JSON ({error.msg})") from None
    except RecursionError:
        raise _UnusableRecord(":1:1: this is not valid JSON (nested too deeply)") from None
    except ValueError as error:  # e.g. a number with too many digits
        raise _UnusableRecord(f": this is not valid JSON ({error})") from None
    problem = _record_problem(record)
    if problem:
        raise _UnusableRecord(f": {problem}")
    return record


def _record_problem(record: Any) -> str | None:
    """What is wrong with the shape of a loaded change record, or None."""
    if not isinstance(record, dict):
        return "this is not a JSON object"
    if record.get("version") != RECORD_VERSION:
        return f"this record is of version {_shown(record.get('version'))}, not {RECORD_VERSION}"
    pages = record.get("pages")
    if not isinstance(pages, dict):
        return "its pages are not a JSON object"
    for key, entry in pages.items():
        where = f"pages[{_shown(key)}]"
        if not isinstance(entry, dict):
            return f"{where} is not a JSON object"
        for name in ("url", "fingerprint", "changed"):
            if name in entry and not isinstance(entry[name], str):
                return f"{where}.{name} is not a text"
        if "changed" in entry and parse_stamp(entry["changed"]) is None:
            return f"{where}.changed is not a date and time"
        sections = entry.get("sections", {})
        if not isinstance(sections, dict) or not _texts(sections.values()):
            return f"{where}.sections is not an object of texts"
        what = entry.get("what", [])
        if not isinstance(what, list) or not all(
            isinstance(item, list) and len(item) == 2 and _texts(item) for item in what
        ):
            return f"{where}.what is not a list of [id, title] pairs"
        reasons = entry.get("reasons", [])
        if not isinstance(reasons, list) or not _texts(reasons):
            return f"{where}.reasons is not a list of texts"
        if not isinstance(entry.get("witnessed", True), bool):
            return f"{where}.witnessed is not true or false"
    return None


def _texts(values: Any) -> bool:
    return all(isinstance(value, str) for value in values)


def _shown(value: Any) -> str:
    """A value from the record as JSON, control characters escaped, cut to a sane length."""
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


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
                what = tuple((item[0], item[1]) for item in old.get("what", []))
                reasons = tuple(old.get("reasons", []))
                witnessed = old.get("witnessed", True) is not False
                return PageChange(changed, what, reasons, witnessed)
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
