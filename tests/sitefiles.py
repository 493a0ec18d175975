"""Built sites as files: where the sample is, a site's pages, parsed once, and every link
of them checked. No browser: the tests in tests/ and tests/browser/ both use these.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from playbook.profile.load import load_profile

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PROFILE = REPO_ROOT / "org_config.yml"
SAMPLE = load_profile(SAMPLE_PROFILE)
"""The sample organisation the tests' site is built from."""
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")


def require(available: bool, reason: str) -> None:
    """Skip the test when a tool is missing; under CI=true, fail it instead."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(reason)


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
