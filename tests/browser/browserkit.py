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
import posixpath
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from playbook.profile.load import load_profile

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

try:
    from playwright.sync_api import expect
except ImportError:  # every test that needs it is skipped (or, under CI, failed) by the
    expect: Any = None  # browser fixture, with the reason

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PROFILE = REPO_ROOT / "org_config.yml"
SAMPLE = load_profile(SAMPLE_PROFILE)
"""The sample organisation the tests' site is built from."""
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium"))
AXE_PACKAGE = "axe_playwright_python"
"""The Python package that ships axe-core (axe.min.js), installed by the test extra."""
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 800}


def require(available: bool, reason: str) -> None:
    """Skip the test when a tool is missing; under CI=true, fail it instead."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(reason)


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


@dataclass(frozen=True)
class BuiltSite:
    """A built copy of the sample playbook."""

    root: Path

    def pages(self) -> list[Path]:
        """Every HTML file of the site."""
        return sorted(self.root.rglob("*.html"))


# ---- Link checking ------------------------------------------------------------------------


@cache
def parsed(path: Path) -> BeautifulSoup:
    """A page of a built site, parsed (once per session)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = parsed(path)
    return frozenset(str(tag["id"]) for tag in soup.find_all(id=True))


def _target_file(site: BuiltSite, page: Path, link: str) -> tuple[Path, str]:
    """The file a site-internal link points to, and its fragment."""
    parts = urlsplit(link)
    relative_page = page.relative_to(site.root).as_posix()
    if parts.path.startswith("/"):
        # 404.html is served at any depth, so MkDocs gives it root-relative links.
        target = parts.path.lstrip("/")
    elif parts.path:
        target = posixpath.join(posixpath.dirname(relative_page), unquote(parts.path))
    else:
        target = relative_page
    target = posixpath.normpath(target) if target else "."
    path = site.root / target
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def broken_links(site: BuiltSite) -> list[str]:
    """Every link or reference of every HTML page that points to nothing."""
    broken = []
    for page in site.pages():
        soup = parsed(page)
        references = [(tag, "href") for tag in soup.find_all(["a", "link"], href=True)]
        references += [(tag, "src") for tag in soup.find_all(["script", "img"], src=True)]
        for tag, attribute in references:
            link = str(tag[attribute])
            scheme = urlsplit(link).scheme
            where = f"{page.relative_to(site.root)}: {link}"
            if scheme in EXTERNAL_SCHEMES:
                continue
            if scheme:
                broken.append(f"{where} (unexpected scheme)")
                continue
            target, fragment = _target_file(site, page, link)
            if not target.is_file():
                broken.append(f"{where} (no such file)")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in _ids(target):
                broken.append(f"{where} (no such anchor)")
    return broken


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
