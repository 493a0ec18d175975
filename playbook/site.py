"""Build and serve the playbook site safely.

``build_site`` validates the profile first, builds into a fresh folder next to the
target and swaps it in only when the whole build succeeded, so a failed build
never leaves HR with a half-written or empty site. On request it builds a site for a
plain folder or zip (``offline``) and prints PDFs into the site (``pdf``) before the swap.
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
from typing import TYPE_CHECKING

from playbook.errors import BuildError
from playbook.plugin import PROFILE_ENV, PlaybookPlugin
from playbook.printing import PRINT_DIR
from playbook.profile import load_profile

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


@dataclass(frozen=True)
class BuildResult:
    """What a build produced.

    Attributes:
        site_dir: the site folder.
        pages: the number of pages of the site (print documents and 404 not counted).
        pdfs: the PDFs written (relative to ``site_dir``), when asked for.
    """

    site_dir: Path
    pages: int
    pdfs: tuple[Path, ...] = ()


def build_site(
    profile_path: Path,
    *,
    site_dir: Path | None = None,
    mkdocs_config: Path | None = None,
    strict: bool = False,
    verbose: bool = False,
    offline: bool = False,
    pdf: bool = False,
    chromium: Path | None = None,
) -> BuildResult:
    """Validate the profile and build the site, replacing the old site only on success.

    Args:
        profile_path: the org profile.
        site_dir: where the site goes (default: ``site_dir`` of mkdocs.yml).
        mkdocs_config: the mkdocs.yml (default: the one beside the profile).
        strict: treat MkDocs warnings as errors.
        verbose: show MkDocs' progress messages.
        offline: build for browsing from a folder or zip with no network (Material's
            offline plugin: ``.html`` addresses, search without a server, no external
            requests).
        pdf: also print the whole playbook and one onboarding pack per role to PDF, into
            the site's ``pdf/`` folder (needs Chromium and the ``pdf`` extra).
        chromium: the Chromium executable for ``pdf`` (default: found on the PATH).

    Raises:
        ProfileError: the profile is invalid (nothing was built).
        BuildError: mkdocs.yml is missing or MkDocs failed; the previous site is untouched.
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
        if offline:
            _enable_offline(config)
        if pdf:
            from playbook.pdf import check_pdf_tools

            chromium = check_pdf_tools(chromium)  # before spending time on the build
            _playbook_plugin(config, config_file).config.print_pages = True
        target = Path(site_dir or config.site_dir).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
        config.site_dir = str(staging)
        pdfs: list[Path] = []
        try:
            build(config)
            if pdf:
                pdfs = _print_pdfs(staging, _playbook_plugin(config, config_file), chromium)
        except BuildError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildError(f"{error}; the previous site is unchanged") from None
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
    pages = _count_pages(staging, directory_urls=config.use_directory_urls)
    _make_readable(staging)
    _swap_in(staging, target)
    return BuildResult(target, pages, tuple(path.relative_to(staging) for path in pdfs))


def _playbook_plugin(config: MkDocsConfig, config_file: Path) -> PlaybookPlugin:
    plugin = config.plugins.get("playbook")
    if not isinstance(plugin, PlaybookPlugin):
        raise BuildError(f"{config_file}: the playbook plugin is not listed under plugins")
    return plugin


def _enable_offline(config: MkDocsConfig) -> None:
    """Switch on Material's offline plugin, adding it if mkdocs.yml does not list it."""
    from material.plugins.offline.plugin import OfflinePlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, OfflinePlugin):
            plugin.config.enabled = True
            return
    plugin = OfflinePlugin()
    plugin.load_config({})
    config.plugins["material/offline"] = plugin


def _print_pdfs(site: Path, plugin: PlaybookPlugin, chromium: Path | None) -> list[Path]:
    from playbook.pdf import PdfJob, print_pdfs

    jobs = [
        PdfJob(site / document.html_path, site / document.pdf_path)
        for document in plugin.print_documents
    ]
    return print_pdfs(jobs, chromium=chromium)


def _count_pages(site: Path, *, directory_urls: bool) -> int:
    """Pages of the site: its index.html files, or its .html files without directory URLs."""
    pattern = "index.html" if directory_urls else "*.html"
    return sum(
        1
        for path in site.rglob(pattern)
        if path.name != "404.html" and path.relative_to(site).parts[0] != PRINT_DIR
    )


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
        raise BuildError(
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
    if not verbose:
        handler.addFilter(_ShortTracebacks())
    level = logging.INFO if verbose else logging.WARNING
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


def _make_readable(folder: Path) -> None:
    """Give the site folder the permissions a normal folder gets (mkdtemp makes it 0700,
    which a web server running as another user could not read)."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


class _ShortTracebacks(logging.Filter):
    """Keep Python tracebacks (logged by mkdocs-macros on a template error) out of the
    terminal; --verbose shows them."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        marker = "Traceback (most recent call last)"
        if marker in message:
            record.msg = message.split(marker, 1)[0].rstrip() + " (--verbose shows the traceback)"
            record.args = ()
        return True


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
