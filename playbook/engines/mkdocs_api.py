"""The MkDocs and Material the rest of the playbook uses, in one place.

Only ``playbook/engines/`` imports a site engine (tests/test_architecture.py checks that).
The plugin, the settings, the safe build and the preview take what they need of MkDocs from
here, so a reader sees in one file how much of MkDocs the playbook relies on, and a new
MkDocs or Material release is checked against this file.

Import this module only inside functions of modules that ``playbook --help`` loads: it loads
MkDocs. With the ProperDocs engine, ``select_engine`` must run first (``mkdocs.*`` then
loads ``properdocs.*``).

Private internals used here and elsewhere in engines/ (each has a test in
tests/test_engine_internals.py that names the engine and the internal when a release moves
it): MkDocs' ``mkdocs.livereload._serve_url``, ``mkdocs.commands.build._build_page`` and
``MkDocsConfig._current_page``; Material's offline plugin class
(``material.plugins.offline.plugin.OfflinePlugin``) and its search plugin's
``search_index`` (``add_entry_from_context``, ``entries``); mkdocs-macros' ``env``
attribute of its plugin (the Jinja environment its pages render with); and that MkDocs
makes the theme's environment with ``theme.get_env()`` and copies no hidden theme file
(``compile_theme_once``).
"""

from __future__ import annotations

import functools
import sysconfig
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import base, config_options, load_config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme
from mkdocs.utils import get_relative_url
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from playbook.plan.template_cache import BYTECODE

__all__ = [
    "Abort",
    "BasePlugin",
    "ConfigurationError",
    "ExtraScriptValue",
    "File",
    "Files",
    "MkDocsConfig",
    "MkDocsException",
    "PluginError",
    "base",
    "build",
    "compile_theme_once",
    "config_options",
    "enable_offline",
    "event_priority",
    "get_plugin_logger",
    "get_relative_url",
    "live_reload_server",
    "load_config",
    "macros_jinja_environment",
    "offline_enabled",
    "read_settings_file",
    "serve_url",
]


def read_settings_file(path: str | Path, config: MkDocsConfig | None = None) -> Any:
    """A mkdocs.yml as MkDocs reads it (``!ENV`` and ``!relative`` tags included; ``config``
    is the loaded settings that ``!relative`` resolves against, if there are any).

    Raises:
        OSError, ValueError, yaml.YAMLError or ConfigurationError: the file cannot be read.
    """
    with open(path, encoding="utf-8") as stream:
        return yaml_load(stream, loader=get_yaml_loader(config=config))


def _offline_plugin_class() -> type[BasePlugin[Any]]:
    # Material documents the plugin's name (``offline``), not the module of its class.
    from material.plugins.offline.plugin import OfflinePlugin

    return OfflinePlugin


def offline_enabled(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is in the build and enabled."""
    offline = _offline_plugin_class()
    return any(
        isinstance(plugin, offline) and plugin.config.enabled for plugin in config.plugins.values()
    )


def enable_offline(config: MkDocsConfig) -> None:
    """Switch on Material's offline plugin, adding it if mkdocs.yml does not list it."""
    offline = _offline_plugin_class()
    for plugin in config.plugins.values():
        if isinstance(plugin, offline):
            plugin.config.enabled = True
            return
    plugin = offline()
    plugin.load_config({})
    config.plugins["material/offline"] = plugin


def macros_jinja_environment(macros_plugin: Any) -> Any:
    """The Jinja environment mkdocs-macros renders pages with (its plugin's ``env``)."""
    return macros_plugin.env


def serve_url(host: str, port: int, path: str) -> str:
    """The address ``mkdocs serve`` prints and serves the site at."""
    from mkdocs.livereload import _serve_url

    return _serve_url(host, port, path)


def live_reload_server(**options: Any) -> Any:
    """MkDocs' live-reloading server (``mkdocs.livereload.LiveReloadServer``)."""
    from mkdocs.livereload import LiveReloadServer

    return LiveReloadServer(**options)


def compile_theme_once(theme: Theme) -> None:
    """Let every Jinja environment MkDocs and Material make for ``theme`` reuse work.

    A build makes several (MkDocs one for the pages, Material's search one per word it
    translates); each compiled the theme's templates again, and MkDocs listed the
    theme's 14,500 files (mostly Material's icons) to find its assets, together about a
    fifth of a small build. Now the templates are compiled once (``template_cache``) and
    an installed theme is listed once per process.
    """
    make_environment = type(theme).get_env

    def get_env() -> jinja2.Environment:
        environment = make_environment(theme)
        if type(environment.loader) is jinja2.FileSystemLoader:
            environment.loader = _ThemeLoader(environment.loader.searchpath)
        environment.bytecode_cache = BYTECODE
        return environment

    theme.get_env = get_env  # type: ignore[method-assign]


class _ThemeLoader(jinja2.FileSystemLoader):
    """The theme's loader, listing an installed theme's folder once per process.

    Installed packages do not change while a build or ``serve`` runs; a project's own
    theme folder (``custom_dir``) may, and is listed every time. MkDocs lists the theme
    only to copy its assets, and never copies a hidden file or folder (its pattern
    ``.*``), so an installed theme's hidden folders are left out of the listing:
    Material's ``.icons`` holds 14,000 of its 14,500 files. They still load by name.
    """

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if _installed(folder):
                found.update(_listing(folder))
            else:
                found.update(jinja2.FileSystemLoader(folder).list_templates())
        return sorted(found)


@functools.cache
def _listing(folder: str) -> tuple[str, ...]:
    names = jinja2.FileSystemLoader(folder).list_templates()
    return tuple(name for name in names if not name.startswith("."))


@functools.cache
def _installed(folder: str) -> bool:
    packages = {Path(sysconfig.get_paths()[kind]).resolve() for kind in ("purelib", "platlib")}
    resolved = Path(folder).resolve()
    return any(resolved.is_relative_to(place) for place in packages)
