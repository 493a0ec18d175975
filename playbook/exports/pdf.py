"""Print the playbook's print documents to PDF with the system's Chromium.

Chromium lays pages out exactly as the browser does, with the site's own print styles, so
the PDF looks like printing the page from the browser. It is driven through Playwright
(the optional ``pdf`` extra: ``pip install 'culture-playbook[pdf]'``), which starts one browser for
all documents; no browser is downloaded: an installed Chromium or Chrome is used.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from playbook.errors import BuildError

CHROMIUM_ENV = "PLAYBOOK_CHROMIUM"
"""Environment variable naming the Chromium (or Chrome) executable to print with."""

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Flags for a quiet headless Chromium that makes no connections of its own."""

# Page numbers at the foot of every sheet (fixed markup: no profile text in here).
_FOOTER = (
    '<div style="width:100%;font-size:8px;text-align:center;color:#555">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


@dataclass(frozen=True)
class PdfJob:
    """One PDF to print: an HTML file of the site and where its PDF goes."""

    html: Path
    pdf: Path


def find_chromium(explicit: Path | None = None) -> Path:
    """The Chromium to print with: ``explicit``, then $PLAYBOOK_CHROMIUM, then the PATH.

    Raises:
        BuildError: no Chromium was found.
    """
    if explicit is not None:
        found = shutil.which(str(explicit))
        if found is None:
            raise BuildError(f"--pdf: no Chromium at {explicit}")
        return Path(found)
    candidates = [os.environ[CHROMIUM_ENV]] if os.environ.get(CHROMIUM_ENV) else []
    for candidate in [*candidates, *CHROMIUM_NAMES]:
        found = shutil.which(candidate)
        if found:
            return Path(found)
    raise BuildError(
        "--pdf needs Chromium or Chrome, and none was found: install it (Debian/Ubuntu: "
        f"apt-get install chromium) or name it with --chromium PATH or ${CHROMIUM_ENV}"
    )


def chromium_args() -> list[str]:
    """Command-line flags for headless Chromium here (no sandbox when running as root)."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    return CHROMIUM_ARGS + (["--no-sandbox"] if root else [])


def check_pdf_tools(chromium: Path | None = None) -> Path:
    """Check that PDFs can be printed here; return the Chromium to print with.

    Raises:
        BuildError: Playwright is not installed or no Chromium was found.
    """
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise BuildError(
            "--pdf needs Playwright to drive Chromium: pip install 'culture-playbook[pdf]'"
        ) from None
    return find_chromium(chromium)


def print_pdfs(jobs: Sequence[PdfJob], *, chromium: Path | None = None) -> list[Path]:
    """Print each job's HTML file (opened from disk) to its PDF, A4 with page numbers.

    Playwright's synchronous API refuses to run where an asyncio loop is running (a
    notebook, or a program already driving a browser), so the printing runs in a thread
    of its own.

    Raises:
        BuildError: Playwright is not installed, Chromium is missing or printing failed.
    """
    executable = check_pdf_tools(chromium)
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="playbook-pdf") as pool:
        return pool.submit(_print_with_chromium, jobs, executable).result()


def _print_with_chromium(jobs: Sequence[PdfJob], executable: Path) -> list[Path]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(executable), args=chromium_args()
            )
            try:
                page = browser.new_page()
                for job in jobs:
                    page.goto(job.html.resolve().as_uri(), wait_until="load")
                    job.pdf.parent.mkdir(parents=True, exist_ok=True)
                    page.pdf(
                        path=str(job.pdf),
                        format="A4",
                        margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
                        print_background=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=_FOOTER,
                        outline=True,  # bookmarks from the headings
                        tagged=True,  # structure for screen readers
                    )
                    written.append(job.pdf)
            finally:
                browser.close()
    except PlaywrightError as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise BuildError(f"--pdf: printing with {executable} failed: {message}") from None
    return written
