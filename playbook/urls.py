"""Addresses of the site's pages and files, and links between them.

Paths here are slash-separated and relative to the site root, as MkDocs writes them
(``roles/agent/``, ``calendars/leadership.ics``); no site engine is needed to compute them.
"""

from __future__ import annotations


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


def _parts(path: str) -> list[str]:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return parts
