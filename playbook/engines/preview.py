"""A fast preview for MkDocs and ProperDocs: after an edit to the profile alone, render
again only the pages whose content changed.

``mkdocs serve`` rebuilds the whole site on every save (about 40 s at 1,000 roles). The
playbook's pages depend on the profile only through the page templates, so after an edit
to the profile this module loads it again, plans the pages, renders every page's template
with the new plan (the cheap part) and compares the result with the Markdown of the last
build. Only the pages whose Markdown changed go through Python-Markdown and the theme
again; their search entries are replaced in the search index, which is written again.

Anything else falls back to the full rebuild: a change to any other watched file
(templates, mkdocs.yml, translations), a profile that adds, removes or renames a page in
the navigation, renames the organisation or changes its language or brand (they are on
every page), an invalid profile (the full build reports it), a plugin this module does
not know, or an error.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from playbook.errors import PlaybookError
from playbook.plan.assemble import assemble

log = logging.getLogger("mkdocs.plugins.playbook.sitebuild.serve")

# Plugins whose state the incremental path keeps right: the page templates (macros), the
# search index (replaced per page below), the playbook plugin itself, and Material's
# offline plugin while it is switched off. Any other plugin may hold whole-site state.
# Pages whose content sums up the other pages; rendered again whenever any page changes.
SUMMARY_PAGES = ("changes.md",)
KNOWN_PLUGINS = {"playbook", "macros", "material/search", "material/offline"}


@dataclass
class BuiltSite:
    """What the last full build left in memory: enough to render single pages again."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any  # the theme's jinja2.Environment


def install_fast_preview(
    server: Any, plugin: Any, watched: list[Path], builder: Callable[..., None]
) -> None:
    """Make the server's rebuilds render only changed pages after profile-only edits.

    Args:
        server: MkDocs' LiveReloadServer; its ``builder`` is called after every change.
        plugin: the playbook plugin (kept across rebuilds): ``plan``, ``profile_path``
            and ``built`` (the last full build).
        watched: every watched path (folders or files); a change to any file in them
            but the profile means a full rebuild.
        builder: MkDocs' full rebuild.
    """
    inputs = _Snapshot(watched, ignored=plugin.profile_path)

    def rebuild() -> None:
        others_changed = inputs.changed()
        built: BuiltSite | None = plugin.built
        if others_changed or built is None or not _render_changed_pages(plugin, built):
            # Until a full build succeeds, the served folder may hold anything (a failed
            # build writes its problems over the pages), so nothing is updated in place.
            plugin.built = None
            builder()

    server.builder = rebuild


class _Snapshot:
    """Modification times and sizes of every file under some paths, to see what changed."""

    def __init__(self, paths: list[Path], ignored: Path) -> None:
        self.paths = paths
        self.ignored = str(ignored.resolve())
        self.state = self._take()

    def _take(self) -> dict[str, tuple[int, int]]:
        state: dict[str, tuple[int, int]] = {}
        for path in self.paths:
            if path.is_file():
                state[str(path.resolve())] = _stamp(path)
                continue
            for folder, _, names in os.walk(path.resolve()):
                for name in names:
                    full = os.path.join(folder, name)
                    try:
                        state[full] = _stamp(Path(full))
                    except OSError:
                        continue  # removed while we looked: the next look sees it gone
        state.pop(self.ignored, None)
        return state

    def changed(self) -> bool:
        """Whether anything changed since the last look (and remember this look)."""
        state = self._take()
        changed, self.state = state != self.state, state
        return changed


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _render_changed_pages(plugin: Any, built: BuiltSite) -> bool:
    """Render again the pages whose Markdown changed; False: a full rebuild is needed."""
    start = time.monotonic()
    config = built.config
    if not _incremental_possible(config):
        return False
    try:
        site = assemble(plugin.request(config))
    except PlaybookError:
        return False  # the full build reports the problems where HR sees them
    if not site.looks_like(plugin.site):
        # The site name, language, colours, logo, pages and navigation are on every page.
        return False
    previous, plugin.site = plugin.site, site
    try:
        changed = _pages_with_new_markdown(built)
        if changed is None:
            plugin.site = previous
            return False
        _write_pages(built, changed)
    except Exception:
        # Leave the plan as it was so the full rebuild starts from a known state.
        log.exception("the quick update failed; building the whole site")
        plugin.site = previous
        return False
    log.info(
        f"Profile changed: {len(changed)} of {len(_documentation_pages(built))} pages "
        f"rendered again in {time.monotonic() - start:.2f} seconds"
    )
    return True


def _incremental_possible(config: MkDocsConfig) -> bool:
    for name, plugin in config.plugins.items():
        enabled = getattr(plugin, "config", {}).get("enabled", True)
        if name not in KNOWN_PLUGINS and enabled:
            return False
        if name == "material/offline" and enabled:
            return False
    playbook = config.plugins.get("playbook")
    return playbook is not None and not playbook.config.print_pages


def _documentation_pages(built: BuiltSite) -> list[Page]:
    files = built.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    return [file.page for file in files if file.page is not None]


def _pages_with_new_markdown(built: BuiltSite) -> list[Page] | None:
    """Render every page's template again; the pages whose Markdown changed.

    None when a page in the navigation would get a new title (its neighbours show it).
    """
    config, files = built.config, built.files
    changed = []
    for page in _documentation_pages(built):
        before, meta = page.markdown, dict(page.meta)
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(
                page.markdown, page=page, config=config, files=files
            )
        finally:
            config._current_page = None
        if page.markdown == before:
            # Reading the source again reset what rendering had added to the page's meta
            # (its description, the scripts it leaves out); the page is unchanged, so is that.
            page.meta = meta
            continue
        title = page.title
        config._current_page = page
        try:
            page.render(config, files)
            page.content = config.plugins.on_page_content(
                page.content, page=page, config=config, files=files
            )
        finally:
            config._current_page = None
        if page.title != title and any(item is page for item in built.nav.pages):
            return None
        changed.append(page)
    return changed


def _write_pages(built: BuiltSite, changed: list[Page]) -> None:
    """Write the changed pages, then finish the build as a full one does (search index,
    the playbook's change record and redirects)."""
    if not changed:
        return
    config = built.config
    search = _search_index(config)
    pages = _documentation_pages(built)
    doc_files = [page.file for page in pages]
    # Pages that show something of every page (the list of changed pages) go too.
    rebuilt = [page for page in pages if page in changed or page.file.src_uri in SUMMARY_PAGES]
    entries_by_url: dict[str, list[dict[str, Any]]] = {}
    if search is not None:
        for entry in search.entries:
            entries_by_url.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        search.entries = []
    for page in rebuilt:
        first = len(search.entries) if search is not None else 0
        _build_page(page, config, doc_files, built.nav, built.env)
        if search is not None:
            entries_by_url[page.url] = search.entries[first:]
    log_level = config.validation.links.anchors
    for page in pages:
        page.validate_anchor_links(files=built.files, log_level=log_level)
    if search is not None:
        # The order of a clean build: page by page, as the site lists them.
        search.entries = [entry for page in pages for entry in entries_by_url.get(page.url, [])]
    config.plugins.on_post_build(config=config)


def _search_index(config: MkDocsConfig) -> Any:
    """Material's search index (its entries are replaced page by page), if searched."""
    plugin = config.plugins.get("material/search")
    if plugin is None or not plugin.config.get("enabled", True):
        return None
    index = getattr(plugin, "search_index", None)
    if not isinstance(getattr(index, "entries", None), list):
        raise RuntimeError("Material's search plugin keeps its index in an unknown way")
    return index
