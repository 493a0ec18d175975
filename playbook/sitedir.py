"""The site folder: which folders a build may replace, and how it replaces them safely.

A build never writes into the folder it replaces. It builds into a staging folder beside
it and swaps the new site in only when everything succeeded, so a failed or interrupted
build leaves the previous site byte for byte as it was. A folder is replaced only when it
is absent, empty, or a site playbook built (marked by ``SITE_MARKER``); the project
folder, a folder holding the profile, mkdocs.yml or the docs folder, and any folder inside
the docs folder are refused, whatever they hold. Nothing here deletes a file that
playbook did not create.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from playbook.errors import BuildError, ProjectError

SITE_MARKER = ".playbook-site"
"""A file in the root of every site playbook builds: the folder may be replaced."""

STAGING_MARKER = ".playbook-staging"
"""A file in every staging folder: it may be removed once its build process is gone."""

_MARKER_TEXT = "Built by playbook. A rebuild replaces this whole folder.\n"


def mark_site(site: Path) -> None:
    """Mark a finished site as built by playbook (a later build may replace it)."""
    (site / SITE_MARKER).write_text(_MARKER_TEXT, encoding="utf-8")


def check_site_dir(target: Path, *, keep: Iterable[tuple[str, Path]], docs_dir: Path) -> Path:
    """The resolved site folder, or ProjectError saying in one sentence why it is refused.

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
    if site.is_dir() and not (site / SITE_MARKER).is_file() and any(site.iterdir()):
        raise ProjectError(
            f"{target}: this folder holds files that playbook did not build (it has no "
            f"{SITE_MARKER} file), so they would be lost; choose an empty or new folder, "
            "or empty this one yourself"
        )
    return site


@contextlib.contextmanager
def staging_folder(site: Path) -> Iterator[Path]:
    """A fresh folder to build ``site`` into, beside it; removed again unless swapped in.

    Yields the folder the engine writes the site into. Staging folders left behind by
    builds that were killed are removed first.
    """
    remove_stale_folders(site)
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        holder = Path(
            tempfile.mkdtemp(prefix=f".{site.name}-building-{os.getpid()}-", dir=site.parent)
        )
        (holder / STAGING_MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    except OSError as error:
        raise _write_error(site.parent, error) from None
    try:
        yield holder / "site"
    finally:
        shutil.rmtree(holder, ignore_errors=True)


def swap_in(staging: Path, site: Path) -> None:
    """Replace ``site`` with ``staging``; the old site is removed only once the new one is in."""
    _make_readable(staging)
    try:
        if not site.exists():
            staging.rename(site)
            return
        retired = site.with_name(f".{site.name}-previous-{os.getpid()}")
        site.rename(retired)
        try:
            staging.rename(site)
        except OSError:
            retired.rename(site)
            raise
    except OSError as error:
        raise _write_error(site, error) from None
    _remove_site(retired)


def remove_stale_folders(site: Path) -> None:
    """Remove staging and retired folders of this site left by builds that were killed."""
    pattern = re.compile(rf"\.{re.escape(site.name)}-(building|previous)-(\d+)(-\w+)?")
    with contextlib.suppress(OSError):
        for entry in site.parent.iterdir():
            match = pattern.fullmatch(entry.name)
            if match is None or _process_alive(int(match.group(2))) or not entry.is_dir():
                continue
            marker = STAGING_MARKER if match.group(1) == "building" else SITE_MARKER
            if (entry / marker).is_file():
                _remove_site(entry)


def _remove_site(folder: Path) -> None:
    """Remove a folder playbook created, making read-only parts writable first."""

    def make_writable_and_retry(function, path, _error) -> None:  # type: ignore[no-untyped-def]
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(path), 0o700)
            os.chmod(path, 0o700)
            function(path)

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=make_writable_and_retry)
    else:
        shutil.rmtree(folder, onerror=make_writable_and_retry)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _make_readable(folder: Path) -> None:
    """Give the site folder the permissions a normal folder gets (mkdtemp makes 0700,
    which a web server running as another user could not read)."""
    umask = os.umask(0)
    os.umask(umask)
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
