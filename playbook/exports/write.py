"""Write the export files into a built site: calendars, the feed, the data file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from playbook.exports.calendars import (
    LEADERSHIP_CALENDAR,
    calendar_file,
    calendar_rituals,
    role_calendar_path,
)
from playbook.exports.data import DATA_FILE, LLMS_FILE, PageData, data_file, llms_text
from playbook.exports.feed import FEED_FILE, FeedEntry, atom_feed
from playbook.hr.changes import PageChange, changelog_periods, pages_changed_between
from playbook.hr.reviews import build_date, reviews
from playbook.plan.urls import page_url


def write_exports(
    site_dir: Path,
    plan: Any,
    *,
    directory_urls: bool,
    site_name: str,
    site_url: str | None,
    tracked: dict[str, dict[str, Any]],
    changes: dict[str, PageChange],
    now: dt.datetime,
) -> list[str]:
    """Write every export file; returns their paths relative to the site.

    Args:
        site_dir: the built site.
        plan: the page plan (raw profile, language, pages).
        directory_urls: whether pages have directory addresses (not in offline builds).
        site_name: the site's name as people read it (not HTML-escaped).
        site_url: the site's public address, when configured.
        tracked: the change record's pages (source path -> url, fingerprint, changed).
        changes: when each page last changed (source path -> PageChange).
        now: the build's time.
    """
    profile = plan.profile
    gettext = plan.language.translations.gettext
    written: list[str] = []

    def write(path: str, content: bytes | str) -> None:
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target.write_bytes(data)
        written.append(path)

    start = build_date()
    rituals = profile.leadership.rituals
    everything = calendar_rituals(rituals)
    if everything:
        write(
            LEADERSHIP_CALENDAR,
            calendar_file(profile, everything, site_name, start, now),
        )
    catalog = plan.catalog
    safe_rituals = plan.safe_profile.leadership.rituals
    for role in profile.roles:
        attended = {
            safe_rituals.index(ritual)
            for ritual in catalog.role_rituals(catalog.roles_by_id[role.id])
        }
        own = [(ritual, rule) for ritual, rule in everything if rituals.index(ritual) in attended]
        if own:
            title = f"{profile.organisation.name}: {role.title}"
            write(role_calendar_path(role.id), calendar_file(profile, own, title, start, now))

    urls = {
        page.src_path: str(tracked.get(page.src_path, {}).get("url") or "")
        or page_url(page.src_path, directory_urls)
        for page in plan.pages
    }
    titles = {page.src_path: page.title for page in plan.pages}
    entries = []
    periods = dict(changelog_periods([entry.date for entry in profile.changelog]))
    for entry in profile.changelog:
        changed = pages_changed_between(changes, entry.date, periods.get(entry.date))
        pages = [(titles[src], urls[src]) for src in sorted(changed) if src in titles]
        entries.append(FeedEntry(entry.date, entry.summary, pages))
    updated = (
        dt.datetime.combine(max(e.date for e in profile.changelog), dt.time(), dt.UTC)
        if profile.changelog
        else now
    )
    write(
        FEED_FILE,
        atom_feed(
            title=gettext("%(site)s: what changed") % {"site": site_name},
            feed_id=f"urn:culture-playbook:{_urn_part(profile.organisation.name)}",
            changes_url=urls.get("changes.md", "changes/"),
            entries=entries,
            updated=updated,
            base_url=site_url,
            pages_label=gettext("Pages that changed:"),
        ),
    )

    by_item = {
        (review.kind, getattr(review.item, "id", None)): review for review in reviews(profile)
    }
    pages = []
    for page in plan.pages:
        key = (
            (page.kind, page.item_id) if page.kind in ("value", "role") else ("organisation", None)
        )
        record = tracked.get(page.src_path, {})
        review = by_item.get(key)
        pages.append(
            PageData(
                url=urls[page.src_path],
                title=page.title,
                kind=page.kind,
                item_id=page.item_id,
                review=review if review and (review.owner or review.last_reviewed) else None,
                fingerprint=record.get("fingerprint"),
                changed=record.get("changed"),
            )
        )
    files = {"feed": FEED_FILE, "llms": LLMS_FILE}
    if everything:
        files["calendar"] = LEADERSHIP_CALENDAR
    write(
        DATA_FILE,
        data_file(
            profile_data=profile.model_dump(mode="json"),
            language=plan.language.requested,
            generated=now,
            site_name=site_name,
            pages=pages,
            files=files,
        ),
    )
    write(
        LLMS_FILE,
        llms_text(
            site_name=site_name,
            mission=profile.organisation.mission,
            pages=pages,
            intro=gettext(
                "This playbook says how the organisation serves the people it is for: its "
                "values, every role and how it reaches them, onboarding, leadership, hiring "
                "and recognition."
            ),
        ),
    )
    return written


def _urn_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "playbook"
