"""Helpers for the browser tests: tools, built sites, a local server, guarded pages, axe-core.

The fixtures that use them are in ``conftest.py``. Playwright drives the system's Chromium
(``/usr/bin/chromium`` or $PLAYBOOK_CHROMIUM); no browser is ever downloaded.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib
import importlib.util
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tests.sitefiles import (  # re-exported for the browser tests
    REPO_ROOT,
    require,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

try:
    from playwright.sync_api import expect
except ImportError:  # every test that needs it is skipped (or, under CI, failed) by the
    expect: Any = None  # browser fixture, with the reason

ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium"))
AXE_PACKAGE = "axe_playwright_python"
"""The Python package that ships axe-core (axe.min.js), installed by the test extra."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 800}


def require_module(name: str) -> None:
    """Skip (or, under CI=true, fail) the test when a Python package is not installed."""
    try:
        importlib.import_module(name)
    except ImportError:
        require(False, f"{name} is not installed (pip install -e '.[test]')")


def axe_script_path() -> Path | None:
    """axe-core's script as axe-playwright-python ships it; None when it is not installed."""
    spec = importlib.util.find_spec(AXE_PACKAGE)
    if spec is None or spec.origin is None:
        return None
    script = Path(spec.origin).parent / "axe.min.js"
    return script if script.is_file() else None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging each request."""

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


class QuietServer(http.server.ThreadingHTTPServer):
    """A threaded server that does not print a traceback when the browser hangs up.

    Navigating away cancels requests still in flight (the search index, say); the
    server then writes to a closed connection, which is normal here.
    """

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass(frozen=True)
class Server:
    """A site served over HTTP on 127.0.0.1."""

    root: Path
    base_url: str

    def url(self, path: str = "") -> str:
        """The address of a site path such as ``roles/`` or ``journey/#stage-buy``."""
        return self.base_url + path.lstrip("/")


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[Server]:
    """A folder served on a free port of 127.0.0.1 (the folder may be replaced meanwhile)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Server(folder, f"http://127.0.0.1:{httpd.server_address[1]}/")
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@dataclass
class Guard:
    """Requests a page tried to make to anything but the local site; they are refused."""

    allowed_hosts: frozenset[str] = frozenset({"127.0.0.1"})
    refused: list[str] = field(default_factory=list)

    def handle(self, route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob", "about") or (
            parts.scheme in ("http", "https") and parts.hostname in self.allowed_hosts
        ):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort("blockedbyclient")


@dataclass
class PageFactory:
    """Opens browser pages with the request guard; screenshots them if the test fails."""

    browser: Browser
    guard: Guard
    contexts: list[BrowserContext] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)

    def __call__(self, *, viewport: dict[str, int] = LAPTOP, dark: bool = False) -> Page:
        context = self.browser.new_context(
            viewport=viewport,  # type: ignore[arg-type]
            color_scheme="dark" if dark else "light",
            service_workers="block",
        )
        context.route("**/*", self.guard.handle)
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        self.pages.append(page)
        return page


def run_axe(page: Page, axe_script: Path) -> list[dict[str, Any]]:
    """Run axe-core on the page; return its violations.

    The rules are WCAG 2.0 and 2.1, levels A and AA, and axe's best practices (which
    include aria-dialog-name, the search dialog's missing name in stock Material).
    """
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: [
                "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return results["violations"]


def serious(violations: list[dict[str, Any]]) -> list[str]:
    """Serious and critical violations, one readable line per affected element."""
    lines = []
    for violation in violations:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"{violation['id']} ({violation['impact']}): {target}: {summary}")
    return lines
