"""An Atom feed of the changelog, with the pages each entry changed.

Feed readers and intranets subscribe to ``feed.xml``; each changelog entry is one feed
entry whose content lists the pages that changed from its date until the next entry (the
same pages the what-changed page lists). Built with ``xml.etree``, which escapes every
piece of profile text.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from playbook.plan.urls import site_base

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"


@dataclass(frozen=True)
class FeedEntry:
    """One changelog entry and the pages that changed in its period."""

    day: dt.date
    summary: str
    pages: list[tuple[str, str]]
    """(title, site-relative URL) of each page that changed."""


def atom_feed(
    *,
    title: str,
    feed_id: str,
    changes_url: str,
    entries: list[FeedEntry],
    updated: dt.datetime,
    base_url: str | None,
    pages_label: str,
) -> bytes:
    """The feed as UTF-8 XML.

    Args:
        title: the feed's title, e.g. "Tillbrook Cycles playbook: what changed".
        feed_id: a stable, unique URI for the feed.
        changes_url: the what-changed page, relative to the site root.
        entries: newest first.
        updated: when the feed last changed.
        base_url: the site's address, when known (links are relative to it otherwise).
        pages_label: the words before the list of changed pages, in the site's language.
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    if base_url:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", site_base(base_url))
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(feed, f"{{{ATOM}}}link", href=changes_url, rel="alternate")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=FEED_FILE, rel="self")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = title
    for index, entry in enumerate(entries):
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.summary
        ET.SubElement(
            item, f"{{{ATOM}}}id"
        ).text = f"{feed_id}:{entry.day.isoformat()}:{len(entries) - index}"
        moment = dt.datetime.combine(entry.day, dt.time(), dt.UTC)
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _stamp(moment)
        ET.SubElement(item, f"{{{ATOM}}}link", href=changes_url, rel="alternate")
        for page_title, url in entry.pages:
            ET.SubElement(item, f"{{{ATOM}}}link", href=url, rel="related", title=page_title)
        lines = [entry.summary]
        if entry.pages:
            lines += ["", pages_label, *(f"- {name}" for name, _url in entry.pages)]
        ET.SubElement(item, f"{{{ATOM}}}content", type="text").text = "\n".join(lines)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
