"""A site's marker: which files a build wrote, and for which folder.

Every site playbook builds holds ``SITE_MARKER``, a small JSON file listing each file the
build wrote with its SHA-256 (links with their target, empty folders by name) and naming
the folder it was built for: its resolved path, and the device and inode of the folder it
was built in (a staging folder keeps them when it is renamed into place). A rebuild
treats a file of the old site as playbook's only when the marker lists it with exactly
those bytes; everything else is the user's (``playbook.sitebuild.folder`` keeps it). A marker
copied along with a site, or planted, names another folder, so it cannot make the folder
it lies in replaceable. Nothing here follows a link or blocks on a special file.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playbook.hr.changes import RECORD_FILE

SITE_MARKER = ".playbook-site"
"""A file in the root of every site playbook builds: what it wrote, and for which folder."""

_LEGACY_MARKER_TEXT = "Built by playbook. A rebuild replaces this whole folder.\n"
_MARKER_NOTE = (
    "Built by playbook. A rebuild replaces the files listed here (when they still hold these "
    "bytes) and keeps every other file."
)
_MARKER_FORMAT = 2
_MARKER_LIMIT = 64 * 1024 * 1024  # bytes; a real marker of 10,000 files is about 1 MB
_SHOWN = 5  # names a sentence lists before "and N more"
# Open without following a link and without waiting on a pipe (where the system has them).
_SAFE_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


@dataclass(frozen=True)
class SiteMarker:
    """What a site's marker says.

    Attributes:
        state: "valid", "missing", "legacy" (the list-less marker of earlier versions) or
            "invalid" (not one playbook wrote).
        folder: the resolved path the site was built for.
        identity: (device, inode) of the folder the site was built in.
        built: when the site was built (nanoseconds since the epoch; 0 when unknown).
        files: relative path -> "sha256:<hex>" (a file), "link:<target>" (a symbolic
            link) or "folder" (an empty folder) for everything the build wrote.
    """

    state: str
    folder: str = ""
    identity: tuple[int, int] = (0, 0)
    built: int = 0
    files: dict[str, str] = field(default_factory=dict)

    def belongs_to(self, site: Path) -> bool:
        """Whether this marker was written for ``site`` (moved or restored in place counts)."""
        if self.state != "valid":
            return False
        try:
            status = os.lstat(site)
        except OSError:
            return False
        return self.folder == str(site.resolve()) or self.identity == (
            status.st_dev,
            status.st_ino,
        )


@dataclass(frozen=True)
class SiteContents:
    """A site folder as a rebuild sees it: its marker and what playbook did not write there.

    ``foreign`` holds relative paths of files, links, special files and empty folders.
    """

    marker: SiteMarker
    foreign: tuple[str, ...]


def mark_site(folder: Path, *, site: Path | None = None) -> None:
    """Write the marker of a finished site: every file in ``folder`` and who it is for.

    Args:
        folder: the folder the site was built in.
        site: where the site will be published (default: ``folder``); a staging folder
            keeps its device and inode when it is renamed there.
    """
    files: dict[str, str] = {}
    for relative, path, kind in walk(folder):
        if relative == SITE_MARKER:
            continue
        if kind == "file":
            files[relative] = "sha256:" + digest(path)
        elif kind == "link":
            files[relative] = "link:" + os.readlink(path)
        elif kind == "folder" and is_empty(path):
            files[relative] = "folder"
    status = os.lstat(folder)
    record = {
        "note": _MARKER_NOTE,
        "format": _MARKER_FORMAT,
        "folder": str((site or folder).resolve()),
        "device": status.st_dev,
        "inode": status.st_ino,
        "built": time.time_ns(),
        "files": files,
    }
    text = json.dumps(record, indent=1, sort_keys=True)
    (folder / SITE_MARKER).write_text(text + "\n", encoding="utf-8")


def read_marker(folder: Path) -> SiteMarker:
    """The marker of ``folder``; never follows a link, never blocks on a special file."""
    try:
        fd = os.open(folder / SITE_MARKER, _SAFE_OPEN)
    except FileNotFoundError:
        return SiteMarker("missing")
    except OSError:
        return SiteMarker("invalid")
    with os.fdopen(fd, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode) or status.st_size > _MARKER_LIMIT:
            return SiteMarker("invalid")
        data = file.read(_MARKER_LIMIT + 1)
    if data == _LEGACY_MARKER_TEXT.encode():
        return SiteMarker("legacy")
    try:
        record = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return SiteMarker("invalid")
    if not isinstance(record, dict) or record.get("format") != _MARKER_FORMAT:
        return SiteMarker("invalid")
    folder_text, device, inode = record.get("folder"), record.get("device"), record.get("inode")
    built, files = record.get("built"), record.get("files")
    if (
        not isinstance(folder_text, str)
        or not all(isinstance(value, int) for value in (device, inode, built))
        or not isinstance(files, dict)
        or not all(isinstance(value, str) for value in files.values())
    ):
        return SiteMarker("invalid")
    return SiteMarker("valid", folder_text, (device, inode), built, files)  # type: ignore[arg-type]


def survey_site(site: Path) -> SiteContents:
    """The marker of an existing site folder and the entries playbook did not write there."""
    marker = read_marker(site)
    own = marker.files
    foreign: list[str] = []
    for relative, path, kind in walk(site):
        if relative == SITE_MARKER or (relative == RECORD_FILE and marker.state == "valid"):
            continue  # playbook's own whatever they hold: the change record is read, then replaced
        expected = own.get(relative)
        if kind == "file":
            mine = expected is not None and expected == "sha256:" + digest(path)
        elif kind == "link":
            mine = expected == "link:" + os.readlink(path)
        elif kind == "folder":
            mine = expected == "folder" or not is_empty(path)  # entries speak for themselves
        else:
            mine = False  # a pipe, socket or device: never something a build writes
        if not mine:
            foreign.append(relative)
    return SiteContents(marker, tuple(foreign))


def same_entry(folder: Path, site: Path, name: str) -> bool:
    """Whether ``site`` holds ``name`` of ``folder`` as the same file, or one just like it."""
    try:
        old, new = os.lstat(folder / name), os.lstat(site / name)
    except OSError:
        return False
    if os.path.samestat(old, new) or (stat.S_ISDIR(old.st_mode) and stat.S_ISDIR(new.st_mode)):
        return True
    if stat.S_ISLNK(old.st_mode) and stat.S_ISLNK(new.st_mode):
        return os.readlink(folder / name) == os.readlink(site / name)
    if stat.S_ISREG(old.st_mode) and stat.S_ISREG(new.st_mode):
        old_digest = digest(folder / name)
        return old_digest != "" and old_digest == digest(site / name)
    return False


def describe(paths: Iterable[str], marker: SiteMarker) -> str:
    """Up to five of ``paths``, each as its outermost folder that holds nothing of playbook's."""
    listed = set()
    for key in marker.files:
        parts = key.split("/")
        listed.update("/".join(parts[:end]) for end in range(1, len(parts) + 1))
    shown: list[str] = []
    for path in sorted(paths):
        parts = path.split("/")
        name = path
        for end in range(1, len(parts)):
            prefix = "/".join(parts[:end])
            if prefix not in listed:
                name = prefix + "/"
                break
        if name not in shown:
            shown.append(name)
    more = f" and {len(shown) - _SHOWN} more" if len(shown) > _SHOWN else ""
    return ", ".join(printable(name) for name in shown[:_SHOWN]) + more


def printable(text: str) -> str:
    """Text from the file system with control characters written as escapes."""
    return "".join(
        character if character.isprintable() else repr(character)[1:-1] for character in text
    )


def walk(folder: Path) -> Iterator[tuple[str, Path, str]]:
    """(relative path, path, kind) of everything under ``folder``; links are not followed.

    kind is "file", "link", "folder" or "special".
    """
    pending = [(folder, "")]
    while pending:
        current, prefix = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                relative = prefix + entry.name
                path = Path(entry.path)
                if entry.is_symlink():
                    yield relative, path, "link"
                elif entry.is_dir(follow_symlinks=False):
                    yield relative, path, "folder"
                    pending.append((path, relative + "/"))
                elif entry.is_file(follow_symlinks=False):
                    yield relative, path, "file"
                else:
                    yield relative, path, "special"


def digest(path: Path) -> str:
    """The SHA-256 of a regular file as hex; "" when it is not one or cannot be read."""
    try:
        fd = os.open(path, _SAFE_OPEN)
    except OSError:
        return ""
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return ""
        return hashlib.file_digest(file, "sha256").hexdigest()


def is_folder(path: Path) -> bool:
    """A real folder (not a link to one)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def is_empty(folder: Path) -> bool:
    """Whether a folder has no entries."""
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def is_regular(path: Path) -> bool:
    """A regular file (not a link to one)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
