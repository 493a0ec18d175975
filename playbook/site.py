"""Build and serve the playbook site safely.

``build_site`` validates the profile first, builds into a fresh folder next to the
target and swaps it in only when the whole build succeeded, so a failed build
never leaves HR with a half-written or empty site.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playbook.errors import BuildError, ProjectError
from playbook.plugin import PROFILE_ENV
from playbook.profile import load_profile


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int


def build_site(
    profile_path: Path,
    *,
    site_dir: Path | None = None,
    mkdocs_config: Path | None = None,
    strict: bool = False,
    verbose: bool = False,
) -> BuildResult:
    """Validate the profile and build the site, replacing the old site only on success.

    Raises:
        ProfileError: the profile is invalid (nothing was built).
        ProjectError: mkdocs.yml is missing.
        BuildError: MkDocs failed; the previous site is untouched.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    load_profile(profile_path)  # fail fast with located problems before MkDocs starts
    config_file = _mkdocs_config_path(profile_path, mkdocs_config)
    with _logging_to_stderr(verbose), _profile_override(profile_path, config_file):
        try:
            config = load_config(config_file=str(config_file), strict=strict)
        except ConfigurationError as error:
            raise BuildError(f"{config_file}: {error}") from None
        target = Path(site_dir or config.site_dir).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
        config.site_dir = str(staging)
        try:
            build(config)
        except (Abort, MkDocsException) as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildError(f"build failed, the previous site is unchanged: {error}") from None
        except SystemExit:
            # mkdocs-macros exits on a template error after logging it.
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildError(
                "build failed in a page template (see the error above); "
                "the previous site is unchanged"
            ) from None
        except Exception as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildError(
                f"build failed, the previous site is unchanged: {type(error).__name__}: {error}"
            ) from error
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    pages = sum(1 for _ in staging.rglob("index.html"))
    _swap_in(staging, target)
    return BuildResult(target, pages)


def serve_site(
    profile_path: Path, *, mkdocs_config: Path | None = None, dev_addr: str = "127.0.0.1:8000"
) -> None:
    """Validate, then run MkDocs' live-reloading server until interrupted."""
    from mkdocs.commands.serve import serve

    load_profile(profile_path)
    config_file = _mkdocs_config_path(profile_path, mkdocs_config)
    with _logging_to_stderr(verbose=True), _profile_override(profile_path, config_file):
        serve(config_file=str(config_file), dev_addr=dev_addr)


def _mkdocs_config_path(profile_path: Path, mkdocs_config: Path | None) -> Path:
    config_file = mkdocs_config or profile_path.resolve().parent / "mkdocs.yml"
    if not config_file.is_file():
        raise ProjectError(
            f"{config_file}: no mkdocs.yml here; run 'playbook init' to create a project, "
            "or pass --mkdocs-config"
        )
    return config_file


@contextlib.contextmanager
def _profile_override(profile_path: Path, config_file: Path) -> Iterator[None]:
    """Point the plugin at the profile given on the command line."""
    previous = os.environ.get(PROFILE_ENV)
    os.environ[PROFILE_ENV] = os.path.relpath(profile_path.resolve(), config_file.parent.resolve())
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(PROFILE_ENV, None)
        else:
            os.environ[PROFILE_ENV] = previous


@contextlib.contextmanager
def _logging_to_stderr(verbose: bool) -> Iterator[None]:
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    level = logging.INFO if verbose else logging.WARNING
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


def _swap_in(staging: Path, target: Path) -> None:
    """Replace target with staging; the old site is removed only once the new one is in."""
    if not target.exists():
        staging.rename(target)
        return
    retired = target.with_name(f".{target.name}-previous-{os.getpid()}")
    target.rename(retired)
    try:
        staging.rename(target)
    except OSError:
        retired.rename(target)
        raise
    shutil.rmtree(retired, ignore_errors=True)
