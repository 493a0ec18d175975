"""The private engine internals the playbook relies on are still where it expects them.

Each one is used only inside playbook/engines/ (see playbook/engines/mkdocs_api.py). When
an engine release moves or reshapes one, its test fails with the engine, its installed
version, the internal and the module that uses it, instead of a build failing somewhere
later with an AttributeError.

The theme templates the playbook edits as they load (``THEME_FIXES``: titles escaped once,
the search dialog's name, where the page decorations go) count too: Material's and
Zensical's templates must still hold the text each fix replaces.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

from playbook.plan.escaping import THEME_FIXES, fix_theme_template


@dataclass(frozen=True)
class Internal:
    """One private internal of an engine and how to tell it is still the same."""

    distribution: str
    name: str
    used_by: str
    check: Callable[[], str | None]
    """None when the internal is as expected, else what is different."""


def _parameters(function: Callable[..., object]) -> list[str]:
    return list(inspect.signature(function).parameters)


def _build_page() -> str | None:
    build = importlib.import_module("mkdocs.commands.build")
    function = getattr(build, "_build_page", None)
    if function is None:
        return "it is gone"
    expected = ["page", "config", "doc_files", "nav", "env"]
    found = _parameters(function)[:5]
    return None if found == expected else f"its parameters are {found}, not {expected}"


def _current_page() -> str | None:
    from mkdocs.config.defaults import MkDocsConfig

    return None if "_current_page" in MkDocsConfig.__annotations__ else "it is gone"


def _serve_url() -> str | None:
    livereload = importlib.import_module("mkdocs.livereload")
    function = getattr(livereload, "_serve_url", None)
    if function is None:
        return "it is gone"
    if _parameters(function) != ["host", "port", "path"]:
        return f"its parameters are {_parameters(function)}"
    address = function("127.0.0.1", 8000, "/docs/")
    return None if address == "http://127.0.0.1:8000/docs/" else f"it returned {address!r}"


def _build() -> str | None:
    from mkdocs.commands.build import build

    missing = {"config", "serve_url", "dirty"} - set(_parameters(build))
    return f"it takes no {sorted(missing)}" if missing else None


def _theme_files() -> str | None:
    from mkdocs.commands import build
    from mkdocs.structure.files import Files

    if "config.theme.get_env()" not in inspect.getsource(build.build):
        return "build() no longer asks the theme for its Jinja environment"
    source = inspect.getsource(Files.add_files_from_theme)
    if "'.*'" not in source and '".*"' not in source:
        return "add_files_from_theme no longer leaves out hidden files"
    return None


def _offline_plugin() -> str | None:
    from mkdocs.plugins import BasePlugin

    try:
        module = importlib.import_module("material.plugins.offline.plugin")
    except ImportError:
        return "the module is gone"
    plugin = getattr(module, "OfflinePlugin", None)
    if not (isinstance(plugin, type) and issubclass(plugin, BasePlugin)):
        return "OfflinePlugin is no longer a MkDocs plugin class there"
    instance = plugin()
    instance.load_config({})
    return None if "enabled" in instance.config else "its settings have no 'enabled'"


def _search_index() -> str | None:
    search = importlib.import_module("material.plugins.search.plugin")
    plugin = search.SearchPlugin()
    plugin.load_config({})
    if "self.search_index = SearchIndex(" not in inspect.getsource(search.SearchPlugin):
        return "SearchPlugin no longer keeps its index in `search_index`"
    index = search.SearchIndex(**plugin.config)
    if _parameters(search.SearchIndex.add_entry_from_context) != ["self", "page"]:
        return "SearchIndex.add_entry_from_context(page) changed"
    return None if index.entries == [] else "SearchIndex.entries is not a list"


def _macros_env() -> str | None:
    from mkdocs_macros.plugin import MacrosPlugin

    return None if hasattr(MacrosPlugin, "env") else "MacrosPlugin has no `env`"


def _theme_template(package: str, name: str) -> Callable[[], str | None]:
    """A check that the package's template ``name`` still holds what its fixes replace."""

    def check() -> str | None:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin is not None
        template = Path(spec.origin).parent / "templates" / name
        if not template.is_file():
            return "the template is gone"
        missing = fix_theme_template(name, template.read_text(encoding="utf-8"))[1]
        return f"it no longer writes {' nor '.join(missing)}" if missing else None

    return check


needs_zensical = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None, reason="zensical is not installed"
)
THEME_TEMPLATES = [
    pytest.param(
        Internal(
            distribution,
            f"{package}/templates/{name}",
            "plan/escaping.py (THEME_FIXES)",
            _theme_template(package, name),
        ),
        marks=[needs_zensical] if package == "zensical" else [],
    )
    for distribution, package in (("mkdocs-material", "material"), ("zensical", "zensical"))
    for name in THEME_FIXES
]

INTERNALS = [
    Internal("mkdocs", "mkdocs.commands.build._build_page", "engines/preview.py", _build_page),
    Internal("mkdocs", "MkDocsConfig._current_page", "engines/preview.py", _current_page),
    Internal("mkdocs", "mkdocs.livereload._serve_url", "engines/mkdocs_api.py", _serve_url),
    Internal("mkdocs", "mkdocs.commands.build.build", "engines/mkdocs_api.py", _build),
    Internal(
        "mkdocs",
        "theme.get_env() and Files.add_files_from_theme",
        "engines/mkdocs_api.py (compile_theme_once)",
        _theme_files,
    ),
    Internal(
        "mkdocs-material",
        "material.plugins.offline.plugin.OfflinePlugin",
        "engines/mkdocs_api.py",
        _offline_plugin,
    ),
    Internal(
        "mkdocs-material",
        "SearchPlugin.search_index (add_entry_from_context, entries)",
        "engines/mkdocs.py, engines/preview.py",
        _search_index,
    ),
    Internal("mkdocs-macros-plugin", "MacrosPlugin.env", "engines/mkdocs_api.py", _macros_env),
]


@pytest.mark.parametrize(
    "internal", [*INTERNALS, *THEME_TEMPLATES], ids=lambda internal: internal.name
)
def test_engine_internal_is_where_the_playbook_expects_it(internal: Internal) -> None:
    problem = internal.check()
    if problem is not None:
        pytest.fail(
            f"{internal.distribution} {version(internal.distribution)} changed the internal "
            f"{internal.name} ({problem}); playbook/{internal.used_by} relies on it"
        )


def test_a_moved_internal_fails_with_the_engine_and_its_name() -> None:
    moved = Internal("mkdocs", "mkdocs.nothing._here", "engines/x.py", lambda: "it is gone")
    with pytest.raises(pytest.fail.Exception) as failure:
        test_engine_internal_is_where_the_playbook_expects_it(moved)
    assert str(failure.value) == (
        f"mkdocs {version('mkdocs')} changed the internal mkdocs.nothing._here (it is gone); "
        "playbook/engines/x.py relies on it"
    )
