"""Build and serve the playbook site safely.

``build_site`` validates the profile first, checks that the site folder may be replaced
(``playbook.sitebuild.folder``), builds into a fresh folder next to it and swaps it in only when
the whole build succeeded, so a failed or interrupted build never leaves HR with a
half-written or empty site. On request it builds a site for a plain folder or zip
(``offline``) and prints PDFs into the site (``pdf``) before the swap.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from playbook.engines import select_engine
from playbook.engines.plugin import PlaybookPlugin
from playbook.engines.rendering import template_error_line
from playbook.errors import BuildError
from playbook.exports.printing import PRINT_DIR
from playbook.plan.assemble import assemble
from playbook.sitebuild.folder import check_site_dir, staging_folder, swap_in
from playbook.sitebuild.settings import project_settings

if TYPE_CHECKING:
    from playbook.engines.mkdocs_api import MkDocsConfig


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
    engine: str = "mkdocs",
    compress: bool = False,
) -> BuildResult:
    """Validate the profile and build the site, replacing the old site only on success.

    Args:
        profile_path: the org profile.
        site_dir: where the site goes (default: ``site_dir`` of mkdocs.yml).
        mkdocs_config: the mkdocs.yml (default: the one beside the profile, or the
            built-in settings when there is none).
        strict: treat MkDocs warnings as errors (also when mkdocs.yml says ``strict: true``).
        verbose: show MkDocs' progress messages.
        offline: build for browsing from a folder or zip with no network (Material's
            offline plugin: ``.html`` addresses, search without a server, no external
            requests).
        pdf: also print the whole playbook and one onboarding pack per role to PDF, into
            the site's ``pdf/`` folder (needs Chromium and the ``pdf`` extra).
        chromium: the Chromium executable for ``pdf`` (default: found on the PATH).
        engine: "mkdocs", "properdocs" (chosen with ``playbook.engines.select_engine``
            before MkDocs is imported) or "zensical" (see ``playbook.engines``).
        compress: also write a ``.gz`` copy beside each text file, for servers that serve
            precompressed files (``playbook.sitebuild.compress``).

    Raises:
        ProfileError: the profile is invalid (nothing was built).
        ProjectError: the site folder is one that must not be replaced (nothing was built).
        BuildError: the settings are wrong or MkDocs failed; the previous site is untouched.
    """
    from playbook.engines.mkdocs_api import build, enable_offline

    settings = project_settings(profile_path, mkdocs_config)
    select_engine(engine)
    with logging_to_stderr(verbose), terminate_as_interrupt():
        config = settings.load(strict=strict or None)  # else mkdocs.yml's strict:
        plugin = _playbook_plugin(config, settings.config_file)
        # The profile's problems, located, before the engine starts; the engine is handed
        # this plan and does not read the profile again.
        plugin.assembled = assemble(plugin.request(config))
        if offline:
            enable_offline(config)
        if engine == "zensical":
            from playbook.engines.zensical import build_with_zensical, refuse_what_it_cannot_do

            refuse_what_it_cannot_do(pdf=pdf)
            build = build_with_zensical
        if pdf:
            from playbook.exports.pdf import check_pdf_tools

            chromium = check_pdf_tools(chromium)  # before spending time on the build
            plugin.config.print_pages = True
        target = check_site_dir(
            Path(site_dir) if site_dir else Path(config.site_dir),
            keep=settings.project_files(),
            docs_dir=Path(config.docs_dir),
        )
        plugin.previous_site = target  # its change record dates the unchanged pages
        pdfs: list[Path] = []
        with staging_folder(target) as staging:
            config.site_dir = str(staging)
            _run_build(build, config)
            if pdf:
                pdfs = _print_pdfs(staging, plugin, chromium)
            pages = _count_pages(staging, directory_urls=config.use_directory_urls)
            if compress:
                from playbook.sitebuild.compress import precompress

                precompress(staging)
            swap_in(staging, target)
    return BuildResult(target, pages, tuple(path.relative_to(staging) for path in pdfs))


def _run_build(build: Callable[[MkDocsConfig], None], config: MkDocsConfig) -> None:
    """Run the engine's build, turning every way it fails into one BuildError."""
    from playbook.engines.mkdocs_api import Abort, MkDocsException

    try:
        build(config)
    except BuildError as error:
        raise BuildError(f"{error}; the previous site is unchanged") from None
    except (Abort, MkDocsException) as error:
        raise BuildError(f"build failed, the previous site is unchanged: {error}") from None
    except SystemExit as error:
        # mkdocs-macros exits on a template error after logging it.
        located = template_error_line(error)
        raise BuildError(
            f"{located}; the previous site is unchanged"
            if located
            else "build failed in a page template (see the error above); the previous site "
            "is unchanged"
        ) from None
    except OSError as error:
        where = error.filename or config.site_dir
        raise BuildError(
            f"{where}: {error.strerror or error}; the build stopped and the previous site "
            "is unchanged"
        ) from None
    except Exception as error:
        raise BuildError(
            f"build failed, the previous site is unchanged: {type(error).__name__}: {error}"
        ) from error


def _playbook_plugin(config: MkDocsConfig, config_file: Path) -> PlaybookPlugin:
    plugin = config.plugins.get("playbook")
    if not isinstance(plugin, PlaybookPlugin):
        raise BuildError(f"{config_file}: the playbook plugin is not listed under plugins")
    return plugin


def _print_pdfs(site: Path, plugin: PlaybookPlugin, chromium: Path | None) -> list[Path]:
    from playbook.exports.pdf import PdfJob, print_pdfs

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


@contextlib.contextmanager
def logging_to_stderr(verbose: bool, *, serving: bool = False) -> Iterator[None]:
    """MkDocs' messages on stderr: warnings and errors only, unless verbose.

    A preview (``serving``) also says where it serves and when it reloads.
    """
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    if not verbose:
        handler.addFilter(_ShortTracebacks())
    server_logger = logging.getLogger("mkdocs.livereload")
    previous = (logger.level, server_logger.level)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    if serving:
        server_logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous[0])
        server_logger.setLevel(previous[1])


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


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Let SIGTERM (a closed terminal, a stopped job) clean up like Ctrl-C does."""

    def interrupt(_signal: int, _frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
