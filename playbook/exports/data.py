"""``playbook.json``: the playbook as data, and ``llms.txt``, which points to it.

For intranets, search and assistants: every page's address, title, language, owner,
review dates, content fingerprint and change date, plus the profile's public data (all
of it but the lint settings), as plain JSON text (readers escape it for their medium).
The format is versioned: fields are only ever added within a version.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from playbook.hr.reviews import Review

DATA_FILE = "playbook.json"
LLMS_FILE = "llms.txt"
DATA_FORMAT = "culture-playbook"
DATA_VERSION = 1


@dataclass(frozen=True)
class PageData:
    """What the data file says of one page."""

    url: str
    title: str
    kind: str
    item_id: str | None
    review: Review | None
    fingerprint: str | None
    changed: str | None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _review_fields(review: Review | None) -> dict[str, Any]:
    if review is None:
        return {"owner": None, "last_reviewed": None, "next_review": None, "overdue": False}
    owner = {"id": review.owner.id, "title": review.owner.title} if review.owner else None
    return {
        "owner": owner,
        "last_reviewed": _day(review.last_reviewed),
        "next_review": _day(review.next_due),
        "overdue": review.overdue,
    }


def data_file(
    *,
    profile_data: dict[str, Any],
    language: str,
    generated: dt.datetime,
    site_name: str,
    pages: list[PageData],
    files: dict[str, str],
) -> str:
    """The data file's text.

    Args:
        profile_data: the profile as JSON-ready data (``Profile.model_dump(mode="json")``).
        language: the site's BCP 47 tag.
        generated: the build's time.
        site_name: the site's name as people read it.
        pages: every page, in navigation order.
        files: other files of the site by what they are ("feed", "calendars"...).
    """
    public = {key: value for key, value in profile_data.items() if key != "lint"}
    data = {
        "format": DATA_FORMAT,
        "version": DATA_VERSION,
        "generated": generated.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "site_name": site_name,
        "language": language,
        "files": files,
        "pages": [
            {
                "url": page.url,
                "title": page.title,
                "kind": page.kind,
                "item_id": page.item_id,
                "language": language,
                **_review_fields(page.review),
                "fingerprint": page.fingerprint,
                "changed": page.changed,
            }
            for page in pages
        ],
        "profile": public,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def llms_text(*, site_name: str, mission: str, pages: list[PageData], intro: str) -> str:
    """``llms.txt``: the site's name, what it is, its main pages and the data file.

    Names are written as they are: llms.txt is Markdown read as plain text, and the
    profile's text never holds a line break in a name.
    """
    lines = [f"# {site_name}", "", f"> {' '.join(mission.split())}", "", intro, ""]
    lines += ["## Data", "", f"- [{DATA_FILE}]({DATA_FILE}): every page and the profile as JSON"]
    lines += ["", "## Pages", ""]
    lines += [f"- [{page.title}]({page.url or './'})" for page in pages if page.kind != "role"]
    roles = [page for page in pages if page.kind == "role"]
    if roles:
        lines += ["", "## Roles", ""]
        lines += [f"- [{page.title}]({page.url})" for page in roles]
    return "\n".join(lines) + "\n"
