"""Zensical, the successor of Material for MkDocs, driven from the page plan.

Zensical reads mkdocs.yml but runs no MkDocs plugin and no hooks, and its macros rewrite
has no per-page hooks. So the playbook does its plugin's work before Zensical starts: it
renders every planned page to plain Markdown (``playbook.engines.rendering``) into a
folder made for this one build (never the project's docs folder), writes a mkdocs.yml
there with the navigation, the site name, the playbook theme (styles, checklist script,
offline search shim) and the accessible-markup extension, and runs Zensical on it.
Profile text reaches Zensical escaped once, by the same functions as for MkDocs
(``playbook.plan.escaping``): the pages as rendered Markdown with their titles in front matter,
the site name and navigation titles as HTML text in the settings.

It starts from the same settings as an MkDocs build (the project's mkdocs.yml or the
built-in ones) and the same site plan (``playbook.plan.assemble``), translated into them by
the same function as for MkDocs (``use_site_plan``), so the language, site name,
navigation and theme are decided in one place for every engine.

What this engine cannot do is said before building: PDFs (``--pdf``) are refused;
MkDocs plugins and Markdown extension objects it cannot pass on are named as left out, and
so are the change dates and marks (they are made from each page's HTML as MkDocs renders
it). Redirects from former ids are written as with MkDocs.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from markupsafe import Markup

from playbook.engines.plan_settings import use_site_plan
from playbook.engines.plugin import PlaybookPlugin
from playbook.engines.rendering import MacrosSettings, render_planned_pages
from playbook.errors import BuildError
from playbook.plan.assemble import THEME_DIR
from playbook.plan.escaping import THEME_FIXES, fix_theme_template, text_as_html
from playbook.plan.markup import AccessibleMarkupExtension
from playbook.plan.pages import packaged_content_dir
from playbook.sitebuild.folder import mark_site
from playbook.sitebuild.minify import minify_assets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.playbook.zensical")

INSTALL_HINT = "pip install 'culture-playbook[zensical]'"
ACCESSIBLE_MARKUP = "playbook.plan.markup:AccessibleMarkupExtension"
# Plugins whose work is done here (playbook, macros) or by Zensical itself.
HANDLED_PLUGINS = {"playbook", "macros", "search", "material/search", "offline", "material/offline"}
# Material's theme options that Zensical reads; the rest of MkDocs' theme object is
# MkDocs' own bookkeeping.
NOT_YET = (
    "the zensical engine leaves out the pages' 'Updated on' dates, the marks for pages "
    "changed since a reader's last visit and the list of changed pages on the "
    "what-changed page"
)
THEME_OPTIONS = ("features", "palette", "font", "language", "direction", "icon", "logo", "favicon")


def refuse_what_it_cannot_do(*, pdf: bool) -> None:
    """Say in one sentence, before any work, what this engine cannot do as asked."""
    if importlib.util.find_spec("zensical") is None:
        raise BuildError(f"the zensical engine is not installed: {INSTALL_HINT}")
    if pdf:
        raise BuildError(
            "the zensical engine cannot print PDFs yet; build them with "
            "--engine mkdocs or --engine properdocs"
        )


def build_with_zensical(config: MkDocsConfig) -> None:
    """Build the playbook with Zensical into ``config.site_dir``.

    Raises:
        BuildError: a page template or Zensical failed.
    """
    refuse_what_it_cannot_do(pdf=False)
    plugin = _playbook_plugin(config)
    with _build_folder() as work:
        generated = prepare_project(config, plugin, work)
        _write_yaml(work / "mkdocs.yml", generated)
        _run_zensical(["build", "--clean", "-f", str(work / "mkdocs.yml")], work)
        site = Path(config.site_dir)
        for entry in (work / "site").iterdir():
            shutil.move(entry, site / entry.name)
    config.use_directory_urls = bool(generated["use_directory_urls"])
    minify_assets(site)
    plugin.write_redirect_pages(site, config)
    plugin.write_export_files(site, config)
    mark_site(site)


def serve_with_zensical(settings: Any, *, dev_addr: str) -> None:
    """Preview with ``zensical serve``; a saved profile or page template is rendered again.

    Only the rendered pages whose text changed are written, so Zensical rebuilds just those.

    Args:
        settings: the project's ``playbook.sitebuild.settings.ProjectSettings``.
        dev_addr: where to serve.
    """
    refuse_what_it_cannot_do(pdf=False)
    with _build_folder() as work:
        config = settings.load()
        generated = prepare_project(config, _playbook_plugin(config), work)
        _write_yaml(work / "mkdocs.yml", generated)
        command = [sys.executable, "-m", "zensical", "serve", "-f", str(work / "mkdocs.yml")]
        server = subprocess.Popen([*command, "-a", dev_addr], cwd=work)
        watched = _inputs(config, settings)
        # Stopped by a service manager: stop Zensical too, and remove the build folder.
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            while server.poll() is None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    server.wait(timeout=0.5)
                now = _inputs(config, settings)
                if now != watched:
                    watched = now
                    _rerender(settings, work)
        finally:
            signal.signal(signal.SIGTERM, previous)
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=20)


def prepare_project(config: MkDocsConfig, plugin: PlaybookPlugin, work: Path) -> dict[str, Any]:
    """Render the pages into ``work/docs`` and the theme into ``work/theme``; the
    mkdocs.yml Zensical is to read (its site goes to ``work/site``)."""
    own_nav = config.nav
    custom_dir = config.theme.custom_dir
    site = plugin.take_site(config)
    use_site_plan(site, config, navigation=False, google_fonts=bool(plugin.config.google_fonts))
    plugin.start(site, config)
    plan = site.pages
    skipped = [
        name
        for name, other in config.plugins.items()
        if name not in HANDLED_PLUGINS and getattr(other, "config", {}).get("enabled", True)
    ]
    extensions, dropped = _markdown_extensions(config)
    if skipped or dropped:
        log.warning(
            "the zensical engine runs no MkDocs plugin, so these are left out of this "
            f"build: {', '.join([*skipped, *dropped])}"
        )
    log.warning(NOT_YET)
    macros = config.plugins.get("macros")
    offline = _enabled(config, "material/offline") or _enabled(config, "offline")
    render_planned_pages(
        plan,
        Path(config.docs_dir),
        packaged_content_dir(),
        work / "docs",
        MacrosSettings.from_plugin_entry(dict(macros.config) if macros else {}),
        directory_urls=bool(config.use_directory_urls) and not offline,
    )
    shutil.copytree(THEME_DIR, work / "theme")
    apply_theme_fixes(work / "theme")
    for relative, content in site.brand_files.items():
        (work / "theme" / relative).parent.mkdir(parents=True, exist_ok=True)
        (work / "theme" / relative).write_bytes(content)  # the organisation's colour, logo
    if custom_dir:
        shutil.copytree(custom_dir, work / "theme", dirs_exist_ok=True)
    theme = {"name": "material", "custom_dir": "theme"}  # paths relative to mkdocs.yml
    theme |= {key: config.theme[key] for key in THEME_OPTIONS if config.theme.get(key)}
    if not config.theme.get("font"):
        theme["font"] = False
    generated: dict[str, Any] = {
        "site_name": str(_as_html(config.site_name)),
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": bool(config.use_directory_urls) and not offline,
        "theme": theme,
        "extra_css": [str(path) for path in config.extra_css],
        "extra_javascript": [str(script) for script in config.extra_javascript],
        "markdown_extensions": extensions,
        "plugins": [
            *(["search"] if _enabled(config, "material/search") else []),
            *(["offline"] if offline else []),
        ],
    }
    for key in ("site_url", "site_description", "site_author", "copyright", "repo_url"):
        if config.get(key):
            generated[key] = str(config[key])
    if config.extra:
        generated["extra"] = _plain(dict(config.extra))
    if own_nav:
        generated["nav"] = _plain(own_nav)
    elif plugin.config.navigation:
        generated["nav"] = _plain(site.nav)
    return generated


def apply_theme_fixes(theme: Path) -> None:
    """Write the installed Zensical's partials that ``THEME_FIXES`` changes into ``theme``.

    The site name and the navigation and page titles reach Zensical as HTML text, escaped
    once (``playbook.plan.escaping``), and the fixed partials do not escape them again; the
    search dialog gets its accessible name in the playbook's language. A project's own
    overrides, copied later, still win.
    """
    templates = _zensical_templates()
    for relative in THEME_FIXES:
        source = templates / relative
        if not source.is_file():
            log.warning(f"Zensical has no {relative} any more; check what THEME_FIXES changes")
            continue
        text, missing = fix_theme_template(relative, source.read_text(encoding="utf-8"))
        if missing:
            log.warning(
                f"Zensical's {relative} changed; the playbook's fix of it is left out "
                f"(not found: {', '.join(missing)})"
            )
        (theme / relative).parent.mkdir(parents=True, exist_ok=True)
        (theme / relative).write_text(text, encoding="utf-8")


def _zensical_templates() -> Path:
    spec = importlib.util.find_spec("zensical")
    assert spec is not None and spec.origin is not None  # refuse_what_it_cannot_do checked
    return Path(spec.origin).parent / "templates"


def _as_html(site_name: str) -> str:
    """The site name as HTML text: the plugin's is already; a name from mkdocs.yml is not."""
    return site_name if isinstance(site_name, Markup) else text_as_html(site_name)


def _markdown_extensions(config: MkDocsConfig) -> tuple[list[Any], list[str]]:
    """The Markdown extensions as mkdocs.yml entries, and the ones that cannot be written."""
    entries: list[Any] = []
    dropped: list[str] = []
    for extension in config.markdown_extensions:
        if isinstance(extension, str):
            options = config.mdx_configs.get(extension)
            entries.append({extension: _plain(options)} if options else extension)
        elif isinstance(extension, AccessibleMarkupExtension):
            entries.append(ACCESSIBLE_MARKUP)
        else:
            dropped.append(f"the Markdown extension {type(extension).__name__}")
    return entries, dropped


def _plain(value: Any) -> Any:
    """Settings as plain YAML data (MkDocs wraps some values in its own types)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)  # text marked safe (Markup) is written as the HTML text it holds
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _enabled(config: MkDocsConfig, name: str) -> bool:
    plugin = config.plugins.get(name)
    return plugin is not None and getattr(plugin, "config", {}).get("enabled", True)


def _playbook_plugin(config: MkDocsConfig) -> PlaybookPlugin:
    plugin = config.plugins.get("playbook")
    if not isinstance(plugin, PlaybookPlugin):
        raise BuildError("the playbook plugin is not listed under plugins in the settings")
    return plugin


def _write_yaml(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _run_zensical(arguments: list[str], work: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zensical", *arguments],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        last = output.splitlines()[-10:] if output else ["(no output)"]
        raise BuildError("zensical failed:\n" + "\n".join(last))
    log.info(output)


@contextlib.contextmanager
def _build_folder() -> Iterator[Path]:
    """A folder for one build, outside the project, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="playbook-zensical-") as folder:
        yield Path(folder)


def _inputs(config: MkDocsConfig, settings: Any) -> dict[str, int]:
    """Modification times of what the rendered pages are made from."""
    paths = [Path(settings.profile_path), Path(settings.config_file)]
    for folder in {Path(config.docs_dir), packaged_content_dir()}:
        paths += sorted(path for path in folder.rglob("*") if path.is_file())
    return {str(path): path.stat().st_mtime_ns for path in paths if path.exists()}


def _rerender(settings: Any, work: Path) -> None:
    """Render the pages again, writing only those whose text (or the settings) changed."""
    fresh = work / "next"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    try:
        config = settings.load()
        generated = prepare_project(config, _playbook_plugin(config), fresh)
    except Exception as error:
        log.error(f"the pages were not rendered again: {error}")
        shutil.rmtree(fresh, ignore_errors=True)
        return
    _write_yaml(fresh / "mkdocs.yml", generated)
    for path in sorted(fresh.rglob("*")):
        if path.is_file():
            current = work / path.relative_to(fresh)
            if not current.is_file() or current.read_bytes() != path.read_bytes():
                current.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, current)
    shutil.rmtree(fresh, ignore_errors=True)
