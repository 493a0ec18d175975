"""Helpers for tests that build real playbook sites in a temporary folder.

A test project is the smallest real project: an ``org_config.yml`` written by the test,
a ``mkdocs.yml`` equal to the sample project's except ``docs_dir: docs``, and an empty
``docs/`` folder (the plugin generates every page from the packaged templates). Builds go
through the real command line or the real ``mkdocs`` command; pages are read back as
parsed HTML. Nothing here depends on the current directory.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import posixpath
import re
import shutil
import stat
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import click
import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner, Result

from playbook.cli import main
from tests.sitefiles import parsed

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_MKDOCS_YML = REPO_ROOT / "mkdocs.yml"


def project_mkdocs_yml() -> str:
    """The sample project's mkdocs.yml, pointed at an (empty) ``docs/`` folder."""
    text = SAMPLE_MKDOCS_YML.read_text(encoding="utf-8")
    assert "\ndocs_dir: content\n" in text, "the sample mkdocs.yml changed; update sitekit"
    return text.replace("\ndocs_dir: content\n", "\ndocs_dir: docs\n")


@dataclass(frozen=True)
class Project:
    """A playbook project in a folder: profile, mkdocs.yml, docs/ and (once built) site/."""

    root: Path

    @property
    def profile(self) -> Path:
        return self.root / "org_config.yml"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def site(self, site_dir: Path | None = None) -> Site:
        return Site(site_dir or self.site_dir)


def write_project(root: Path, profile_yaml: str, files: dict[str, str] | None = None) -> Project:
    """Write a project into ``root``.

    Args:
        root: an empty folder (usually ``tmp_path``).
        profile_yaml: the org profile; dedented, so tests can indent it inline.
        files: extra files relative to ``root`` (e.g. ``docs/_templates/role.md``), dedented.
    """
    project = Project(root)
    root.mkdir(parents=True, exist_ok=True)
    project.profile.write_text(textwrap.dedent(profile_yaml), encoding="utf-8")
    project.mkdocs_yml.write_text(project_mkdocs_yml(), encoding="utf-8")
    project.docs.mkdir(exist_ok=True)
    for relative, content in (files or {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    return project


# Settings read from the environment that would change what a test build produces.
_BUILD_ENV = ("PLAYBOOK_OFFLINE",)


def cli_build(project: Project, *extra: str) -> Result:
    """``playbook build --config <profile> [extra...]`` through click's test runner."""
    return CliRunner().invoke(
        main,
        ["build", "--config", str(project.profile), *extra],
        env=dict.fromkeys(_BUILD_ENV),  # None: unset while the command runs
    )


def _clean_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in _BUILD_ENV:
        env.pop(name, None)  # e.g. the plugin must find the profile through mkdocs.yml
    return env


@dataclass(frozen=True)
class Finished:
    """A command's exit code and what it printed, as a finished child process reports them."""

    returncode: int
    stdout: str
    stderr: str


def module_build(project: Project, *extra: str) -> subprocess.CompletedProcess[str]:
    """``python -m playbook build --config <profile>`` in a child process, cwd = project."""
    return subprocess.run(
        [sys.executable, "-m", "playbook", "build", "--config", str(project.profile), *extra],
        cwd=project.root,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )


def playbook_build(project: Project, *extra: str) -> Finished:
    """``playbook build --config <profile>`` run from the project's folder, in this process
    (about a second quicker than ``module_build``: nothing is imported again)."""
    return run_playbook(project.root, "build", "--config", str(project.profile), *extra)


def run_playbook(folder: Path, *arguments: str) -> Finished:
    """``playbook ARGUMENTS`` run from ``folder``, in this process."""
    return _run_command(main, "playbook", list(arguments), folder)


def mkdocs_build(
    project: Project,
    *,
    strict: bool = True,
    site_dir: Path | None = None,
    fresh_process: bool = False,
    environment: dict[str, str] | None = None,
) -> Finished | subprocess.CompletedProcess[str]:
    """Plain ``mkdocs build [--strict] -f <mkdocs.yml> [-d site_dir]`` from the project's
    folder: MkDocs' own command line, in this process unless ``fresh_process``.
    ``environment``: variables set for the command (the playbook's own are unset)."""
    arguments = ["build", "-f", str(project.mkdocs_yml)]
    if strict:
        arguments.append("--strict")
    if site_dir is not None:
        arguments += ["--site-dir", str(site_dir)]
    if not fresh_process:
        from mkdocs.__main__ import cli

        return _run_command(cli, "mkdocs", arguments, project.root, environment)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *arguments],
        cwd=project.root,
        env={**_clean_env(), **(environment or {})},
        capture_output=True,
        text=True,
        check=False,
    )


# Loggers whose handlers, filters and level MkDocs' command line changes for good.
_MKDOCS_LOGGERS = ("mkdocs", "mkdocs.commands.build")


def _run_command(
    command: click.Command,
    prog_name: str,
    arguments: list[str],
    folder: Path,
    environment: dict[str, str] | None = None,
) -> Finished:
    """Run a click command as its process would, from ``folder``; an exception the command
    lets through is printed as Python prints it when a process dies of one."""
    loggers = [logging.getLogger(logger_name) for logger_name in _MKDOCS_LOGGERS]
    kept = [(lg.handlers[:], lg.filters[:], lg.level, lg.propagate) for lg in loggers]
    try:
        with contextlib.chdir(folder):
            result = CliRunner().invoke(
                command,
                arguments,
                env={**dict.fromkeys(_BUILD_ENV), **(environment or {})},
                prog_name=prog_name,
            )
    finally:
        for logger, (handlers, filters, level, propagate) in zip(loggers, kept, strict=True):
            logger.handlers[:], logger.filters[:] = handlers, filters
            logger.setLevel(level)  # not an assignment: it clears the loggers' level caches
            logger.propagate = propagate
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return Finished(result.exit_code, result.stdout, stderr)


class SharedSites:
    """Sites built once per test run, for tests that only read them.

    Building a profile takes seconds; many test modules read the same profile's site (the
    sample, the organisations under ``tests/fixtures/``). Each is built here on first use,
    as ``playbook build --strict`` builds a project holding the profile and the pictures
    beside it, and its files are made read-only, so a test that writes into a shared site
    fails instead of changing what the next test reads. Tests that write into a site build
    their own. Under pytest-xdist the workers share one build (see ``built_once``).
    """

    def __init__(self, folders: pytest.TempPathFactory) -> None:
        self._folders = folders
        self._roots: dict[Path, Path] = {}

    def root(self, profile: Path) -> Path:
        """The folder of the site built from ``profile`` (built on the first call)."""
        key = profile.resolve()
        if key not in self._roots:

            def build(folder: Path) -> None:
                project = write_project(folder, profile.read_text("utf-8"))
                for picture in profile.parent.glob("*.svg"):
                    shutil.copy(picture, project.root / picture.name)
                result = cli_build(project, "--strict")
                assert result.exit_code == 0, result.output
                _make_read_only(project.site_dir)

            digest = hashlib.sha256(str(key).encode()).hexdigest()[:8]
            folder = built_once(self._folders, f"shared-{profile.stem}-{digest}", build)
            self._roots[key] = Project(folder).site_dir
        return self._roots[key]

    def site(self, profile: Path) -> Site:
        """A reader of the shared site; its parsed pages are shared too (``Site.soup``)."""
        return Site(self.root(profile))


def built_once(folders: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder ``build`` filled once per test run, shared by every pytest-xdist worker.

    Each worker has its own temporary folder inside the run's; the shared folder sits in
    the run's, and a lock file makes the other workers wait while the first one builds.
    A build that failed leaves no mark, so the next worker tries again (and fails alike).
    """
    run_folder = folders.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_folder = run_folder.parent
    folder, done = run_folder / name, run_folder / f"{name}.built"
    with (run_folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def _make_read_only(folder: Path) -> None:
    """Clear the write bits of every file under ``folder``."""
    for path in folder.rglob("*"):
        if path.is_file():
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warning_lines(output: str) -> list[str]:
    """MkDocs log lines at WARNING level (or worse) in a build's output."""
    lines = (_ANSI.sub("", line).strip() for line in output.splitlines())
    return [line for line in lines if line.startswith(("WARNING", "ERROR"))]


def tree_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, keyed by relative path."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class Site:
    """A built site folder, read back as parsed HTML."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._soups: dict[str, BeautifulSoup] = {}

    def file_for(self, url: str) -> Path:
        """The file behind a site URL such as ``""``, ``values/`` or ``kpis/``."""
        return self.root / url / "index.html"

    def html(self, url: str) -> str:
        return self.file_for(url).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        """The page parsed. A shared site's pages (read-only files, see ``SharedSites``) are
        parsed once per process for every reader: read them, and copy a tag
        (``copy.copy``) before changing it."""
        if url not in self._soups:
            path = self.file_for(url)
            if path.stat().st_mode & 0o222:
                self._soups[url] = BeautifulSoup(self.html(url), "html.parser")
            else:
                self._soups[url] = parsed(path)
        return self._soups[url]

    def article(self, url: str) -> Tag:
        """The page's main content (Material's ``<article>``), without the theme around it."""
        article = self.soup(url).find("article")
        assert isinstance(article, Tag), f"no <article> in {url}"
        return article

    def text(self, url: str) -> str:
        """The article's visible text with whitespace collapsed."""
        return collapse(self.article(url).get_text(" "))

    def nav_text(self, url: str) -> str:
        """The text of the primary navigation on a page."""
        nav = self.soup(url).find("nav", class_="md-nav--primary")
        assert isinstance(nav, Tag), f"no primary navigation in {url}"
        return collapse(nav.get_text(" "))

    @cached_property
    def page_urls(self) -> list[str]:
        """Every page's URL (folder of an index.html), ``""`` for the home page."""
        urls = []
        for path in sorted(self.root.rglob("index.html")):
            relative = path.parent.relative_to(self.root).as_posix()
            urls.append("" if relative == "." else f"{relative}/")
        return urls

    def resolve(self, page_url: str, href: str) -> str:
        """An internal link's target as a site URL (``journey/#stage-buy``), from a page's URL.

        Directory URLs keep their trailing slash; root-relative links (``/values/``, as in
        MkDocs' 404.html) resolve against the site root; ``..`` past the site root is kept,
        so a link leaving the site shows as such.
        """
        parts = urlsplit(href)
        assert not parts.scheme and not parts.netloc, f"not an internal link: {href}"
        path = unquote(parts.path)
        if path:
            base = "/" if path.startswith("/") else posixpath.dirname(page_url + "x")
            target = posixpath.normpath(posixpath.join(base, path)).lstrip("/")
            target = "" if target == "." else target
            if path.endswith("/") and target:
                target += "/"
        else:
            target = page_url
        return f"{target}#{parts.fragment}" if parts.fragment else target

    def internal_links(self, url: str, tag: Tag | None = None) -> list[str]:
        """Targets (as site URLs) of the internal links on a page, or inside one of its tags."""
        scope = tag if tag is not None else self.soup(url)
        return [
            self.resolve(url, a["href"])
            for a in scope.find_all("a", href=True)
            if not a["href"].startswith(("http:", "https:", "mailto:", "#"))
        ]

    def broken_links(self, url: str) -> list[str]:
        """Internal links on a page whose target file, or anchor, does not exist."""
        broken = []
        for anchor in self.soup(url).find_all("a", href=True):
            href = anchor["href"]
            if href.startswith(("http:", "https:", "mailto:", "#")):
                continue
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                broken.append(f"{href} (not a page of this site)")
                continue
            target, _, fragment = self.resolve(url, href).partition("#")
            if target.startswith(".."):
                broken.append(f"{href} (outside the site)")
                continue
            file = self.root / target
            if not target or target.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{href} (no file {file.relative_to(self.root)})")
            elif fragment and file.name == "index.html":
                page = file.parent.relative_to(self.root).as_posix()
                page = "" if page == "." else f"{page}/"
                if self.soup(page).find(id=fragment) is None:
                    broken.append(f"{href} (no element with id {fragment!r})")
        return broken


def section(article: Tag, heading: str) -> BeautifulSoup:
    """The part of an article under the heading whose text is ``heading``, up to the next
    heading of the same or a higher level, as its own document."""
    start = next(
        (tag for tag in article.find_all(re.compile(r"^h[1-6]$")) if heading_text(tag) == heading),
        None,
    )
    assert start is not None, f"no heading {heading!r} in the article"
    level = int(start.name[1])
    parts = []
    for sibling in start.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name) and int(sibling.name[1]) <= level:
            break
        parts.append(str(sibling))
    return BeautifulSoup("".join(parts), "html.parser")


def table_header(table: Tag) -> list[str]:
    """The column headings of a table (its ``<thead>`` row)."""
    return [collapse(cell.get_text()) for cell in table.find("thead").find_all("th")]


def table_rows(table: Tag) -> list[list[str]]:
    """The body rows of a table as cell texts; row headings (``<th>``) count as cells."""
    return [
        [collapse(cell.get_text()) for cell in row.find_all(["th", "td"])]
        for row in table.find("tbody").find_all("tr")
    ]


def heading_text(heading: Tag) -> str:
    """A heading's text without the permalink sign MkDocs appends."""
    return collapse(heading.get_text(" ")).removesuffix("¶").rstrip()


def collapse(text: str) -> str:
    """Whitespace runs as single spaces, stripped."""
    return " ".join(text.split())


def page_words(
    html: str,
    *,
    within: str | None = None,
    skip_tags: Collection[str] = ("script", "style", "template"),
    skip_classes: Collection[str] = (),
) -> str:
    """A page's text, whitespace collapsed, as BeautifulSoup's ``get_text(" ")`` gives it
    once the skipped elements are removed (it never gives the text of scripts, styles and
    templates): read while parsing, with no tree built, for tests that read every page's
    words.

    Args:
        html: the page.
        within: only the text inside the first element of this tag (e.g. "article").
        skip_tags: elements whose text is left out (add "code" to leave out code too).
        skip_classes: elements with one of these classes are left out too.
    """
    reader = _WordReader(within, frozenset(skip_tags), frozenset(skip_classes))
    reader.feed(html)
    reader.close()
    return collapse(" ".join(reader.texts))


class _WordReader(HTMLParser):
    # An element is left (or entered, for `within`) by counting the open elements of its
    # tag name alone: only the end tag of that name can close it.
    def __init__(
        self, within: str | None, skip_tags: frozenset[str], skip_classes: frozenset[str]
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._within = within
        self._inside = 0 if within else 1  # > 0: inside the element text is taken from
        self._done = False
        self._skip_tags, self._skip_classes = skip_tags, skip_classes
        self._skipped: tuple[str, int] | None = None  # tag name and depth being skipped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.texts.append("")  # a tag ends a text node: BeautifulSoup joins them with " "
        if self._skipped is not None:
            name, depth = self._skipped
            if tag == name:
                self._skipped = (name, depth + 1)
            return
        if tag == self._within and not self._done:
            self._inside += 1
        classes = next((value.split() for key, value in attrs if key == "class" and value), [])
        skipped = tag in self._skip_tags or self._skip_classes.intersection(classes)
        if skipped and tag not in _VOID_ELEMENTS:
            self._skipped = (tag, 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        self.texts.append("")
        if self._skipped is not None:
            name, depth = self._skipped
            if tag == name:
                self._skipped = (name, depth - 1) if depth > 1 else None
            return
        if tag == self._within and self._inside > 0:
            self._inside -= 1
            self._done = self._inside == 0

    def handle_data(self, data: str) -> None:
        if self._inside > 0 and not self._done and self._skipped is None:
            self.texts[-1:] = [(self.texts[-1] if self.texts else "") + data]

    def handle_comment(self, data: str) -> None:
        self.texts.append("")


_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


# The smallest useful profile: organisation, one value, one role; no optional section.
MINIMAL_PROFILE = """\
    schema_version: 1
    organisation:
      name: Tiny Co
      mission: Help our neighbours.
      customers: The people on our street.
    values:
      - id: kindness
        name: Kindness
        summary: We are kind.
        behaviours:
          everyone: [Say hello.]
    roles:
      - id: shopkeeper
        title: Shopkeeper
        department: Shop
        customer_facing: true
        customer_position: Serves every customer who walks in.
"""
