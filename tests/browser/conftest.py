"""Fixtures for the browser tests: built sample sites, a local web server, Chromium, axe-core.

The sample playbook (``org_config.yml`` + ``mkdocs.yml`` at the repository root) is built
once per session into a temporary folder (``sample_site`` in ``tests/conftest.py``, shared
with the tests that read its files without a browser) and served by a threaded ``http.server`` on
127.0.0.1 (a free port). Every page a test opens refuses and records requests to any other
host, and the test fails if there was one. Without Chromium, Playwright or axe-core the
tests that need them are skipped with the reason, except under ``CI=true``, where a missing
tool fails them. When a test fails, screenshots of its pages are saved under
``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.browserkit import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    Guard,
    PageFactory,
    Server,
    axe_script_path,
    require_module,
    serving,
)
from tests.sitefiles import BuiltSite, require

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright


@pytest.fixture(scope="session")
def site(sample_site: BuiltSite) -> BuiltSite:
    """The sample playbook, built as `playbook build --strict` builds it (tests/conftest.py)."""
    return sample_site


@pytest.fixture(scope="session")
def offline_site(offline_sample_site: BuiltSite) -> BuiltSite:
    """The sample playbook built with `--offline`, for browsing from a folder."""
    return offline_sample_site


@pytest.fixture(scope="session")
def server(site: BuiltSite) -> Iterator[Server]:
    """The sample site served on a free port of 127.0.0.1, shut down after the session."""
    with serving(site.root) as server:
        yield server


@pytest.fixture(scope="session")
def site_page_urls(site: BuiltSite) -> list[str]:
    """The address of every page of the sample site (404 page excluded), e.g. ``roles/x/``."""
    urls = []
    for path in site.pages():
        relative = path.relative_to(site.root).as_posix()
        if relative != "404.html":
            urls.append(relative.removesuffix("index.html"))
    return urls


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """Playwright's driver (it downloads nothing; the browser is the system's)."""
    require_module("playwright.sync_api")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Headless Chromium from /usr/bin/chromium (or $PLAYBOOK_CHROMIUM)."""
    require(CHROMIUM.is_file(), f"chromium not found at {CHROMIUM}")
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core as the Python package axe-playwright-python ships it (in the test extra)."""
    script = axe_script_path()
    require(
        script is not None,
        "axe-core not found: axe-playwright-python ships it (pip install -e '.[test]')",
    )
    assert script is not None
    return script


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember each phase's report on the test item (for screenshots on failure)."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[PageFactory]:
    """Open pages with ``new_page(viewport=..., dark=...)``; each gets a fresh browser profile.

    After the test, any request to another host fails it, and if it failed its pages are
    saved as screenshots under test-artifacts/.
    """
    factory = PageFactory(browser, Guard())
    yield factory
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        for number, page in enumerate(factory.pages):
            try:
                page.screenshot(path=str(ARTIFACTS / f"{stem}-{number}.png"), full_page=True)
            except Exception as error:  # a crashed page must not hide the test's failure
                print(f"no screenshot of page {number}: {error}")
    for context in factory.contexts:
        context.close()
    assert not factory.guard.refused, f"requests outside the local site: {factory.guard.refused}"


@pytest.fixture
def page(new_page: PageFactory) -> Page:
    """A laptop-sized page in light mode."""
    return new_page()
