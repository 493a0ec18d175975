"""Addresses of the site's pages and files, and links between them.

Paths here are slash-separated and relative to the site root, as MkDocs writes them
(``roles/agent/``, ``calendars/leadership.ics``); no site engine is needed to compute them.
"""

from __future__ import annotations

import functools
import posixpath

from markdown.extensions.toc import slugify


def relative_url(target: str, from_url: str) -> str:
    """A link to ``target`` from the page at ``from_url`` (both from the site root).

    The last part of ``from_url`` counts as a file when it has a dot (``roles.html``), so
    links start from its folder; ``..`` never climbs above the root. A target that ends in
    ``/`` keeps its slash. This is the rule MkDocs links pages by, so links written by the
    playbook and by MkDocs agree.
    """
    folder, _, last = from_url.rpartition("/")
    start = _parts(folder if "." in last else from_url)
    goal = _parts(target)
    shared = 0
    while shared < min(len(start), len(goal)) and start[shared] == goal[shared]:
        shared += 1
    link = "/".join([".."] * (len(start) - shared) + goal[shared:]) or "."
    return link + "/" if target.endswith("/") else link


def relative_page_url(target: str, from_url: str) -> str:
    """``relative_url`` for a page address, with the home page (``""``) written as a folder
    (``../``), as the change marks' scripts compare it with the links on the page."""
    link = relative_url(target, from_url)
    return link + "/" if target == "" and not link.endswith("/") else link


@functools.cache
def relative_source(path: str, folder: str) -> str:
    """A source path (``roles/x.md``) as written in a page whose source is in ``folder``."""
    # posixpath.relpath asks the OS for the working directory on every call; links are
    # made tens of thousands of times per build between a few hundred distinct folders.
    return posixpath.relpath(path, folder)


def resolve_link(from_url: str, path: str) -> str:
    """The target of a link written on the page at ``from_url``, from the site root (the
    page's folder is ``from_url`` itself when it ends in ``/``, else its parent)."""
    base = "/" + from_url if from_url.endswith("/") else posixpath.dirname("/" + from_url)
    joined = posixpath.normpath(posixpath.join(base, path))
    if path.endswith("/") and not joined.endswith("/"):
        joined += "/"
    return joined.lstrip("/")


def _parts(path: str) -> list[str]:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return parts


# The sections whose items each have a page of their own, with the page's folder.
ITEM_FOLDERS = {"values": "values", "roles": "roles"}
# The sections whose items are shown on one page, each under an anchor:
# (source path of that page, prefix of the anchor's id).
ITEM_ANCHORS = {
    "kpis": ("kpis.md", "kpi"),
    "journey": ("journey.md", "stage"),
    "programs": ("recognition.md", "program"),
    "feedback_channels": ("feedback.md", "channel"),
    "phases": ("onboarding.md", "phase"),
}


def item_source(section: str, item_id: str) -> str:
    """The source path (with its anchor) of the page that shows an item of the profile:
    ``roles/agent.md`` for a role or value, ``kpis.md#kpi-nps`` for a KPI."""
    if section in ITEM_FOLDERS:
        return f"{ITEM_FOLDERS[section]}/{item_id}.md"
    src_path, prefix = ITEM_ANCHORS[section]
    return f"{src_path}#{prefix}-{item_id}"


def item_address(section: str, item_id: str) -> str:
    """Where an item of the profile is shown, as a directory address from the site root:
    ``roles/agent/``, ``kpis/#kpi-nps`` (the address people bookmark and HR's reports name)."""
    src_path, hash_mark, anchor = item_source(section, item_id).partition("#")
    return page_url(src_path, directory_urls=True) + hash_mark + anchor


def department_source(department: str) -> str:
    """The roles directory's section for a department: its heading's id, as the table of
    contents extension makes it from the heading text."""
    return f"roles/index.md#{slugify(department, '-')}"


def page_url(src_path: str, directory_urls: bool) -> str:
    """The address of the page built from a source path (``roles/x.md``), from the site
    root: ``roles/x/``, or ``roles/x.html`` without directory URLs (offline builds)."""
    stem = src_path.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/"


def page_file(src_path: str, directory_urls: bool) -> str:
    """The HTML file written for a source path: ``roles/x/index.html`` or ``roles/x.html``."""
    url = page_url(src_path, directory_urls)
    return f"{url}index.html" if directory_urls else url


def page_source(url: str) -> str:
    """The source path of a directory address: ``roles/nurse/`` -> ``roles/nurse.md``,
    ``roles/`` -> ``roles/index.md`` (an anchor is left out)."""
    path = url.partition("#")[0].strip("/")
    if not path:
        return "index.md"
    if path in ITEM_FOLDERS.values():
        return f"{path}/index.md"
    return f"{path}.md"


def site_base(site_url: str) -> str:
    """The site's public address with exactly one slash at the end."""
    return site_url.rstrip("/") + "/"


def absolute_url(site_url: str, path: str) -> str:
    """A path from the site root as an absolute address on the public site."""
    return posixpath.join(site_base(site_url), path)
