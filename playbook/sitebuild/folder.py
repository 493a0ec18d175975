"""The site folder: which folders a build may replace, and how it replaces them safely.

A build never writes into the folder it replaces. It builds into a staging folder beside
it and swaps the new site in only when everything succeeded, so a failed or interrupted
build leaves the previous site byte for byte as it was. The project folder, a folder
holding the profile, mkdocs.yml or the docs folder, and any folder inside the docs folder
are refused, whatever they hold.

Nothing here deletes a file that playbook did not write. A file of the old site is
playbook's only when the site's marker lists it with exactly its bytes
(``playbook.sitebuild.marker``). Every other file (a CNAME, an uploads folder) is carried over
into the new site as the same file (a hard link; a copy where the file system has none),
provided the marker was written for this folder. A folder whose marker was copied or
planted there, or that has none, is replaced only when it holds nothing but playbook's
files; otherwise the build is refused with a sentence naming them.

The swap is two renames (the old site aside, the new one in) with Ctrl-C, SIGTERM and
SIGHUP held until both are done. A build killed outright between them leaves the old site
set aside as ``.<site>-previous-<pid>-<token>``; the next build puts it back (or, when a
newer site is already in place, removes it once it holds nothing that site lacks).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from playbook.errors import BuildError, ProjectError
from playbook.sitebuild.marker import (
    SITE_MARKER,
    SiteContents,
    SiteMarker,
    describe,
    is_empty,
    is_folder,
    is_regular,
    mark_site,
    printable,
    read_marker,
    same_entry,
    survey_site,
)

__all__ = [
    "SITE_MARKER",
    "STAGING_MARKER",
    "check_site_dir",
    "mark_site",
    "recover_interrupted_builds",
    "staging_folder",
    "swap_in",
]

STAGING_MARKER = ".playbook-staging"
"""A file in every staging folder: it may be removed once its build process is gone."""

_STAGING_TEXT = "A site being built by playbook; removed when the build ends.\n"
_SHOWN = 5  # names a sentence lists before "and N more"
_HELD_SIGNALS = {
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
}

log = logging.getLogger("mkdocs.playbook.sitebuild.folder")


def check_site_dir(target: Path, *, keep: Iterable[tuple[str, Path]], docs_dir: Path) -> Path:
    """The resolved site folder, or ProjectError saying in one sentence why it is refused.

    A site that an interrupted build set aside is put back first (see
    ``recover_interrupted_builds``).

    Args:
        target: the folder the site is to replace.
        keep: (what it is, path) of the project's own files and folders: the project folder,
            the profile, mkdocs.yml. The site may be none of them and contain none of them.
        docs_dir: the docs folder: the site may not contain it or lie inside it.
    """
    site = target.resolve()
    docs = docs_dir.resolve()
    for label, path in [*keep, ("the docs folder", docs_dir)]:
        resolved = path.resolve()
        if resolved == site:
            raise ProjectError(f"{target}: the site folder cannot be {label}; choose another")
        if resolved.is_relative_to(site):
            raise ProjectError(
                f"{target}: the site folder would replace a folder that holds {label} "
                f"({path}); choose a folder of its own, such as 'site'"
            )
    if site.is_relative_to(docs):
        raise ProjectError(
            f"{target}: the site folder cannot be inside the docs folder ({docs_dir}); "
            "choose a folder outside it, such as 'site'"
        )
    if site.exists() and not site.is_dir():
        raise ProjectError(f"{target}: this is a file, not a folder; choose a folder for the site")
    existing = next(parent for parent in site.parents if parent.exists())
    if not existing.is_dir():
        raise ProjectError(
            f"{target}: {existing} is a file, so no folder can be made inside it; "
            "choose another site folder"
        )
    with _swaps_held_off(site):
        recover_interrupted_builds(site)
        contents = survey_site(site) if is_folder(site) else None
    if contents and contents.foreign and not contents.marker.belongs_to(site):
        raise ProjectError(_refusal(target, contents))
    return site


@contextlib.contextmanager
def staging_folder(site: Path) -> Iterator[Path]:
    """A fresh folder to build ``site`` into, beside it; removed again unless swapped in.

    Yields the folder the engine writes the site into. (``check_site_dir`` has already
    dealt with what builds that were killed left beside it.)
    """
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        holder = Path(
            tempfile.mkdtemp(prefix=f".{site.name}-building-{os.getpid()}-", dir=site.parent)
        )
        (holder / STAGING_MARKER).write_text(_STAGING_TEXT, encoding="utf-8")
    except OSError as error:
        raise _write_error(site.parent, error) from None
    try:
        yield holder / "site"
    finally:
        _remove_tree(holder)


def swap_in(staging: Path, site: Path) -> None:
    """Replace ``site`` with ``staging``, keeping every file of ``site`` playbook did not write.

    The staging folder gets its marker, then the old site's other files (hard-linked, so
    they stay the same files), then the two renames happen with signals held. The old
    site is removed only once the new one is in.

    Raises:
        BuildError: the folder now holds files that cannot be kept; nothing was changed.
    """
    retired = site.with_name(f".{site.name}-previous-{os.getpid()}-{secrets.token_hex(3)}")
    with _swaps_held_off(site):
        contents = survey_site(site) if is_folder(site) else None
        if contents and contents.foreign and not contents.marker.belongs_to(site):
            raise BuildError(_refusal(site, contents) + "; the previous site is unchanged")
        try:
            mark_site(staging, site=site)
            if contents:
                _carry_over(site, staging, contents.foreign)
            _make_readable(staging)
            with _signals_held():
                if contents is None:
                    staging.rename(site)
                    return
                site.rename(retired)
                try:
                    staging.rename(site)
                except OSError:
                    retired.rename(site)
                    raise
        except OSError as error:
            raise _write_error(site, error) from None
    # A Ctrl-C held during the renames arrives here at the latest. The old site goes only
    # if everything in it that playbook did not write is in the new one (a file added in
    # the moment since the survey stays, with a warning).
    _retire(site, retired, read_marker(retired))


def recover_interrupted_builds(site: Path) -> None:
    """Deal with what builds of ``site`` that were killed left beside it.

    A site set aside by a swap that never finished is put back when the site path is
    empty or absent. When the site path already holds a newer site, the one set aside is
    an old copy playbook wrote: it is removed, unless it holds files the newer site lacks
    (then it stays, with a warning). Staging folders of dead builds are removed. Only
    real folders whose build process is gone are touched; links are never followed.
    """
    pattern = re.compile(rf"\.{re.escape(site.name)}-(building|previous)-(\d+)(-\w+)?")
    set_aside: list[tuple[SiteMarker, Path]] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(site.parent):
            match = pattern.fullmatch(entry.name)
            if match is None or not entry.is_dir(follow_symlinks=False):
                continue
            if _process_alive(int(match.group(2))):
                continue
            folder = Path(entry.path)
            if match.group(1) == "building":
                if is_regular(folder / STAGING_MARKER):
                    _remove_tree(folder)
                continue
            marker = read_marker(folder)
            if marker.state != "missing":
                set_aside.append((marker, folder))
    for marker, folder in sorted(set_aside, key=lambda item: -item[0].built):
        _settle_set_aside(site, folder, marker)


def _settle_set_aside(site: Path, folder: Path, marker: SiteMarker) -> None:
    """Put back a site an interrupted build set aside, or retire it behind a newer site."""
    if not os.path.lexists(site) or (is_folder(site) and is_empty(site)):
        with contextlib.suppress(OSError):
            os.rename(folder, site)  # replaces an empty folder in one step
            log.warning(
                f"{site}: put back the site that an interrupted build had set aside ({folder.name})"
            )
            return
    current = read_marker(site) if is_folder(site) else SiteMarker("missing")
    if current.state == "valid" and current.built > marker.built:
        _retire(site, folder, marker)
    else:
        log.warning(
            f"{folder}: a site that an interrupted build set aside was left there, as {site} "
            "holds no newer site; move back what you need, then delete it"
        )


def _retire(site: Path, folder: Path, marker: SiteMarker) -> None:
    """Remove an old site set aside behind the newer ``site``, unless it holds files
    playbook did not write that ``site`` lacks: then it stays, with a warning naming them."""
    missing = [name for name in survey_site(folder).foreign if not same_entry(folder, site, name)]
    if not missing:
        _remove_tree(folder)
        return
    log.warning(
        f"{folder}: a site set aside by a build holds files that {site} lacks "
        f"({describe(missing, marker)}), so it was left there; move back what you need, then "
        "delete it"
    )


def _refusal(target: Path, contents: SiteContents) -> str:
    names = describe(contents.foreign, contents.marker)
    marker = contents.marker
    if marker.state == "legacy":
        return (
            f"{target}: this folder holds files ({names}) and a {SITE_MARKER} file from an "
            "earlier playbook, which kept no list of the files it wrote, so it cannot tell "
            "its own files from others; move the files you want to keep out of the folder "
            "and delete it, or choose an empty or new folder"
        )
    why = {
        "missing": f"and has no {SITE_MARKER} file",
        "invalid": f"and its {SITE_MARKER} file is not one playbook wrote",
    }.get(
        marker.state,
        f"and its {SITE_MARKER} file was written for another folder ({printable(marker.folder)})",
    )
    return (
        f"{target}: this folder holds files that playbook did not write ({names}) {why}, so a "
        "build here would replace them; choose an empty or new folder, or move them out "
        "yourself"
    )


def _carry_over(site: Path, staging: Path, foreign: Iterable[str]) -> None:
    """Put every entry of ``site`` that playbook did not write into ``staging``, unchanged.

    Files and links are hard-linked (the same file, whatever its size), or copied where
    the file system cannot link them; folders are made with the old folder's permissions.
    Refuses, changing nothing, when the new site has something at the same place.
    """
    foreign = sorted(foreign)
    taken = [name for name in foreign if _taken(site, staging, name)]
    if taken:
        shown = ", ".join(printable(name) for name in taken[:_SHOWN])
        more = f" and {len(taken) - _SHOWN} more" if len(taken) > _SHOWN else ""
        one = len(taken) == 1
        raise BuildError(
            f"{site}: {shown}{more} {'is' if one else 'are'} not as playbook wrote "
            f"{'it' if one else 'them'} (changed or added since), and the new site has "
            f"{'a file' if one else 'files'} there too, so {'it' if one else 'they'} would be "
            f"lost; move {'it' if one else 'them'} out of the site folder and build again (a "
            "file every build should publish belongs in the docs folder); the previous site "
            "is unchanged"
        )
    made: list[str] = []  # folders made in the new site, to get the old ones' permissions
    for name in foreign:
        source, destination = site / name, staging / name
        parts = name.split("/")
        folders = ["/".join(parts[:end]) for end in range(1, len(parts))]
        for folder in [*folders, name] if is_folder(source) else folders:
            if not os.path.lexists(staging / folder):
                (staging / folder).mkdir()
                made.append(folder)
        if is_folder(source):
            continue
        try:
            os.link(source, destination, follow_symlinks=False)
        except (OSError, NotImplementedError):  # no hard links here: a copy, times kept
            try:
                shutil.copy2(source, destination, follow_symlinks=False)
            except (OSError, shutil.SpecialFileError) as error:
                raise BuildError(
                    f"{source}: playbook did not write this file and cannot carry it over into "
                    f"the new site ({getattr(error, 'strerror', None) or error}); move it out "
                    "of the site folder and build again; the previous site is unchanged"
                ) from None
    for name in sorted(made, reverse=True):  # innermost first: a read-only folder last
        with contextlib.suppress(OSError):
            os.chmod(staging / name, stat.S_IMODE(os.lstat(site / name).st_mode))


def _taken(site: Path, staging: Path, name: str) -> bool:
    """Whether the new site has something where ``name`` of the old one would go.

    Folders merge: an empty folder of the user's is taken only by a file.
    """
    parts = name.split("/")
    for end in range(1, len(parts)):
        prefix = staging.joinpath(*parts[:end])
        if os.path.lexists(prefix) and not is_folder(prefix):
            return True
    path = staging / name
    return os.path.lexists(path) and not (is_folder(path) and is_folder(site / name))


def _remove_tree(folder: Path) -> None:
    """Remove a folder playbook created, making read-only folders in it writable first.

    Only real folders inside ``folder`` are ever made writable: never a link, never a file
    (a carried-over file is the user's own file under a second name), never ``folder``'s
    parent. A link given as ``folder`` is left alone.
    """
    if not is_folder(folder):
        return
    _make_writable(str(folder))
    for current, subfolders, _files in os.walk(folder, topdown=True, followlinks=False):
        for name in subfolders:
            _make_writable(os.path.join(current, name))
    shutil.rmtree(folder, ignore_errors=True)


def _make_writable(path: str) -> None:
    """Let the owner list and empty a real folder (never a link's target)."""
    with contextlib.suppress(OSError):
        mode = os.lstat(path).st_mode
        if stat.S_ISDIR(mode) and mode & 0o700 != 0o700:
            os.chmod(path, stat.S_IMODE(mode) | 0o700)


@contextlib.contextmanager
def _swaps_held_off(site: Path) -> Iterator[None]:
    """Keep other builds of this folder from swapping while this one looks at the site or
    swaps it (a lock on the folder the site lies in; no lock file is left behind)."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: builds of one site are not serialised
        yield
        return
    try:
        fd = os.open(site.parent, os.O_RDONLY)
    except OSError:  # the folder does not exist yet: nobody else swaps in it either
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends: they arrive just after it."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not (
        threading.main_thread()
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except (OverflowError, OSError):
        return False
    return True


def _make_readable(folder: Path) -> None:
    """Give the site folder the permissions a normal folder gets (mkdtemp makes 0700,
    which a web server running as another user could not read)."""
    umask = os.umask(0)
    os.umask(umask)
    if is_folder(folder):
        with contextlib.suppress(OSError):
            folder.chmod(0o777 & ~umask)


def _write_error(where: Path, error: OSError) -> BuildError:
    reason = error.strerror or str(error)
    if isinstance(error, PermissionError):
        return BuildError(
            f"{where}: playbook may not write here ({reason}); check the folder's "
            "permissions, or choose another site folder with --site-dir"
        )
    return BuildError(f"{where}: the site cannot be written here ({reason})")
