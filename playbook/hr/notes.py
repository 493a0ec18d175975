"""What readers see of the change dates: "Updated on ...", marks, the what-changed lists.

- Every page gets a line under its title: "Updated on 2 March 2026", with the sections
  that changed then (and, on a role page, why its people were re-briefed), carrying the
  time it changed so the browser can say "changed since your last visit". The note goes
  into the page's metadata (``playbook_updated``); the theme draws it under the title
  (``playbook/theme/partials/page-content.html``).
- The home page and the roles directory carry the change time of every page, so the
  browser can mark the links to pages that changed since the reader's last visit. Those
  times go into the page's metadata too (``playbook_page_changes``), for the theme
  (``playbook/theme/main.html``).
- The what-changed page lists, under each changelog entry, the pages that changed
  from that entry's date until the next one, with links: only changes a previous
  build's record or git history witnessed. A first build with neither says so once.
  These lists are the one decoration still written into a rendered page: see
  ``PageNotes.fill_changed_pages`` for why.

The words are in templates under ``_partials/`` (a project's docs folder may override
them); the script ``assets/playbook/changes.js`` only shows or hides what they hold.
Dates are written in the playbook's language (``playbook.words.dates``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from playbook.hr.changes import (
    ChangeTracker,
    PageChange,
    changelog_periods,
    pages_changed_between,
    read_record,
)
from playbook.plan.urls import relative_page_url
from playbook.words.dates import format_day
from playbook.words.translations import Language, partial_environment

UPDATED_TEMPLATE = "_partials/page-updated.html"
MARKS_TEMPLATE = "_partials/changed-since-visit.html"
LIST_TEMPLATE = "_partials/changed-pages.html"
MARKED_PAGES = ("index.md", "roles/index.md")
"""Pages whose links are marked when their target changed since the last visit."""
LIST_LIMIT = 30
"""At most this many pages are listed under one changelog entry."""

_LIST_PLACEHOLDER = re.compile(r'<div class="playbook-changed-pages" data-date="([0-9-]+)"></div>')
_H1_END = "</h1>"


def display_date(moment: dt.datetime, language: str) -> str:
    """A date as the playbook's language writes it: English "2 March 2026"."""
    return _display_day(moment.astimezone(dt.UTC).date(), language)


@functools.cache
def _display_day(day: dt.date, language: str) -> str:
    # Most pages of a build share a few dates; Babel's formatting is slow enough to matter.
    return format_day(day, language)


@dataclass
class PageNotes:
    """Renders the notes of one build; ``tracker`` holds the dates."""

    tracker: ChangeTracker
    template_dirs: list[Path]
    language: Language

    def __post_init__(self) -> None:
        self.environment = partial_environment(self.template_dirs, self.language)
        self.titles: dict[str, str] = {}
        self.urls: dict[str, str] = {}

    def updated_note(self, content: str, src_path: str, url: str, title: str) -> Markup:
        """Date the page from its rendered ``content``; its "Updated on" line, as HTML.

        The line is written by the partial ``page-updated.html`` (in the playbook's
        language; a project's docs folder may override it) for the theme to draw.
        """
        change = self.tracker.observe(src_path, url, content)
        self.titles[src_path], self.urls[src_path] = title, url
        return Markup(
            self._render(
                UPDATED_TEMPLATE,
                stamp=change.stamp,
                date=display_date(change.changed, self.language.locale),
                sections=[{"id": key, "title": text} for key, text in change.what],
                reasons=list(change.reasons),
            )
        )

    def page_marks(self, src_path: str, url: str) -> Markup | None:
        """On the home page and the roles directory, the change times of every page (for
        the marks on their links) as the script data the theme writes; None elsewhere.

        Every page must have been dated first (``updated_note``).
        """
        if src_path not in MARKED_PAGES:
            return None
        times = {
            relative_page_url(self.urls[key], url): change.stamp
            for key, change in self.tracker.changes.items()
            if key in self.urls and key != src_path
        }
        data = json.dumps(times, separators=(",", ":")).replace("</", "<\\/")
        return Markup(self._render(MARKS_TEMPLATE, data=data))

    def fill_changed_pages(self, output: str, url: str, changelog_dates: list[dt.date]) -> str:
        """Under each changelog entry, the pages that changed from its date to the next.

        The page's template (``changes.md``) leaves an empty ``<div data-date>`` under each
        entry; this fills them in the written page. Unlike the other notes they cannot be
        page data that the theme draws: they stand inside the article, between entries
        the page's template writes, where the theme sees only one piece of HTML (drawing
        them there would split the content at each entry, the same string work moved
        into a template). Nor can the template write them: it is rendered before the
        other pages are, and a page is dated from its rendered HTML, so the lists are
        known only once every page has rendered. Rendering this page last would need the
        site's file order changed (and with it the search index's) or a second rendering
        of the page, which would put the lists into the search index and into the page's
        own fingerprint, dating it anew whenever any page changed.
        """
        periods = dict(changelog_periods(changelog_dates))
        # A first build without a record or git history knows no page's change: it says
        # so once, under the newest entry, instead of listing every page there.
        unknown = not any(change.witnessed for change in self.tracker.changes.values())

        def pages_for(match: re.Match[str]) -> str:
            start = dt.date.fromisoformat(match.group(1))
            if start not in periods:
                return ""
            if unknown:
                return self._render(LIST_TEMPLATE, pages=[], more=0, unknown=periods[start] is None)
            changed = pages_changed_between(self.tracker.changes, start, periods[start])
            pages = [
                {"title": self.titles[key], "url": relative_page_url(self.urls[key], url)}
                for key in sorted(changed, key=lambda key: self.titles.get(key, key).lower())
                if key in self.urls and self.urls[key] != url
            ]
            return self._render(
                LIST_TEMPLATE,
                pages=pages[:LIST_LIMIT],
                more=max(0, len(pages) - LIST_LIMIT),
                unknown=False,
            )

        return _LIST_PLACEHOLDER.sub(pages_for, output)

    def _render(self, template: str, **context: object) -> str:
        return self.environment.get_template(template).render(**context)


def under_title(content: str, note: str) -> str:
    """A page's content with its note after the end of its first heading, where the theme
    draws it (``partials/page-content.html``): for documents the playbook puts together
    itself, such as the print documents."""
    if _H1_END in content:
        head, _, tail = content.partition(_H1_END)
        return f"{head}{_H1_END}\n{note}{tail}"
    return note + content


def start_change_notes(
    plan: Any,
    profile_path: Path,
    *,
    previous_site: Path | None,
    template_dirs: list[Path],
    language: Language,
) -> PageNotes:
    """The notes of a new build, dated against the previous site's record and git history."""
    from playbook.hr.history import git_versions, history_changes

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    sources = [page.src_path for page in plan.pages]

    def history() -> dict[str, PageChange]:
        return history_changes(git_versions(profile_path, now), sources)

    tracker = ChangeTracker(read_record(previous_site), now, history)
    return PageNotes(tracker, template_dirs, language)
