"""Change dates from git history: the last commit that changed what each page shows.

For a profile in a git repository, the last ``limit`` commits that touched the profile
are read in one ``git cat-file --batch`` call. Each pair of consecutive versions is
compared with ``playbook diff``'s comparison, whose changes name the pages that show
the changed items; a page is dated by the newest commit whose change touched it. An
uncommitted edit counts as a change made now. A page no examined commit touched is
dated by the oldest examined commit (it has looked the same at least since then).

The walk stops at a version that is not a valid profile (its pages are dated by the
commit after it) and never runs without git: it then returns nothing and the build
dates pages by their own fingerprints alone.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from playbook.errors import PlaybookError
from playbook.hr.changes import PageChange, parse_stamp
from playbook.plan.urls import item_source, page_source
from playbook.profile.model import Profile

HISTORY_LIMIT = 50
"""How many commits of the profile are examined at most."""
HISTORY_BYTES = 6_000_000
"""How much profile text is parsed at most (older versions are left out beyond it, but
never the last commit): parsing is the cost, about 0.7 s per MB here, so a 60 KB
profile is read 50 commits deep and a 1.5 MB one (1,000 roles) 4 versions deep."""


@dataclass(frozen=True)
class Version:
    """One version of the profile and when it was made."""

    profile: Profile
    made: dt.datetime


def git_versions(profile_path: Path, now: dt.datetime, limit: int = HISTORY_LIMIT) -> list[Version]:
    """The working copy (if it differs from the last commit) and the committed versions of
    the profile, newest first, within ``limit`` commits and ``HISTORY_BYTES`` of text;
    empty when the profile is not in a git repository."""
    from playbook.profile.checks import validate_loaded
    from playbook.profile.reader import parse_yaml_bytes

    if shutil.which("git") is None or not profile_path.is_file():
        return []
    folder = profile_path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return []
    relative = profile_path.resolve().relative_to(Path(top.stdout.decode().strip()).resolve())
    log = _git(folder, "log", f"-n{limit}", "--format=%H %cI", "--", relative.as_posix())
    commits = [line.split(" ", 1) for line in log.stdout.decode().splitlines() if " " in line]
    blobs = _read_blobs(folder, [f"{sha}:{relative.as_posix()}" for sha, _ in commits])
    raw_versions: list[tuple[bytes, dt.datetime]] = []
    working = profile_path.read_bytes()
    if not blobs or blobs[0] != working:
        raw_versions.append((working, now))
    for (_, stamp), blob in zip(commits, blobs, strict=False):
        made = parse_stamp(stamp)
        if blob is None or made is None:
            break
        raw_versions.append((blob, made))
    versions: list[Version] = []
    budget = HISTORY_BYTES
    for raw, made in raw_versions:
        budget -= len(raw)
        if budget < 0 and len(versions) >= 2:
            break
        try:
            versions.append(Version(validate_loaded(parse_yaml_bytes(raw, "history")), made))
        except PlaybookError:
            break
    return versions


def history_changes(versions: list[Version], src_paths: list[str]) -> dict[str, PageChange]:
    """For each page (source path), the newest version whose change touched it."""
    from playbook.hr.diff import diff_profiles

    if not versions:
        return {}
    dated: dict[str, PageChange] = {}
    for newer, older in itertools.pairwise(versions):
        report = diff_profiles(older.profile, newer.profile)
        reasons = {
            item_source("roles", entry.role_id): tuple(entry.reasons) for entry in report.rebrief
        }
        touched = [page_source(url) for url in report.pages]
        if older.profile.changelog != newer.profile.changelog:
            touched.append("changes.md")
        for src_path in touched:
            if src_path not in dated:
                dated[src_path] = PageChange(newer.made, reasons=reasons.get(src_path, ()))
    oldest = versions[-1].made
    return {src_path: dated.get(src_path) or PageChange(oldest) for src_path in src_paths}


def _git(
    folder: Path, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=folder, input=stdin, capture_output=True, check=False)


def _read_blobs(folder: Path, names: list[str]) -> list[bytes | None]:
    """The contents of ``REV:PATH`` objects, in order, in one git process."""
    if not names:
        return []
    result = _git(folder, "cat-file", "--batch", stdin="".join(f"{n}\n" for n in names).encode())
    output, position, blobs = result.stdout, 0, []
    for _ in names:
        end = output.find(b"\n", position)
        if end < 0:
            blobs.append(None)
            break
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3 or header[1] != b"blob":
            blobs.append(None)
            continue
        size = int(header[2])
        blobs.append(output[position : position + size])
        position += size + 1
    return blobs
