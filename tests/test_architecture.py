"""The package's shape, read from its source: data flows one way and only engines/ knows an engine.

The imports are read with `ast`, so an import inside a function counts as much as one at the
top of a module (it runs as soon as the function does), and so does one under
`if TYPE_CHECKING:` (the module still depends on the other one's types).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "playbook"

# The site engines the playbook can drive; their names as top-level import names.
ENGINE_PACKAGES = frozenset({"mkdocs", "material", "mkdocs_macros", "properdocs", "zensical"})

# The package root is the public facade: it re-exports lazily from below (`Profile`,
# `load_profile`), so modules below may take from it only what it defines itself.
ROOT_NAMES_BELOW_MAY_IMPORT = frozenset({"__version__"})


@dataclass
class Module:
    """One module of the package and what it imports."""

    name: str
    path: Path
    playbook_imports: set[str] = field(default_factory=set)
    other_imports: set[str] = field(default_factory=set)
    names_from_root: set[str] = field(default_factory=set)


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def read_modules() -> dict[str, Module]:
    """Every module of the package with the playbook modules and other packages it imports."""
    paths = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
    names = {name for name, _ in paths}
    modules: dict[str, Module] = {}
    for (name, is_package), path in paths.items():
        module = Module(name, path)
        package = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "playbook":
                        module.playbook_imports.add(alias.name)
                    else:
                        module.other_imports.add(alias.name)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                if target.split(".")[0] != "playbook":
                    module.other_imports.add(target)
                    continue
                for alias in node.names:
                    submodule = f"{target}.{alias.name}"
                    if submodule in names:
                        module.playbook_imports.add(submodule)
                    elif target == "playbook":
                        module.names_from_root.add(alias.name)
                    else:
                        module.playbook_imports.add(target)
        module.playbook_imports &= names
        module.playbook_imports.discard(name)
        modules[name] = module
    return modules


def import_cycles(modules: dict[str, Module]) -> list[list[str]]:
    """The groups of modules that import each other, directly or around a loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for target in sorted(modules[name].playbook_imports):
            if target not in index:
                visit(target)
                low[name] = min(low[name], low[target])
            elif target in on_stack:
                low[name] = min(low[name], index[target])
        if low[name] == index[name]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == name:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for name in sorted(modules):
        if name not in index:
            visit(name)
    return sorted(groups)


def _without_root(modules: dict[str, Module]) -> dict[str, Module]:
    """The modules with the root facade's own imports left out (it sits above everything)."""
    trimmed = dict(modules)
    trimmed["playbook"] = Module("playbook", modules["playbook"].path)
    return trimmed


MODULES = read_modules()


def test_the_reader_sees_imports_inside_functions() -> None:
    # The root imports `load_profile` only inside `__getattr__`; a reader that missed
    # function bodies would see nothing there.
    assert "playbook.profile.load" in MODULES["playbook"].playbook_imports
    assert "playbook.engines.zensical" in MODULES["playbook.sitebuild.serve"].playbook_imports
    assert "mkdocs.livereload" in MODULES["playbook.engines.mkdocs_api"].other_imports


def test_modules_take_only_the_version_from_the_package_root() -> None:
    offenders = {
        name: sorted(module.names_from_root - ROOT_NAMES_BELOW_MAY_IMPORT)
        for name, module in MODULES.items()
        if module.names_from_root - ROOT_NAMES_BELOW_MAY_IMPORT
    }
    assert offenders == {}


def test_no_import_cycles_between_modules() -> None:
    assert import_cycles(_without_root(MODULES)) == []


def test_a_cycle_is_found_when_there_is_one() -> None:
    looped = {name: Module(name, Path(name)) for name in ("a", "b", "c", "d")}
    looped["a"].playbook_imports = {"b"}
    looped["b"].playbook_imports = {"c"}
    looped["c"].playbook_imports = {"a"}
    looped["d"].playbook_imports = {"a"}
    assert import_cycles(looped) == [["a", "b", "c"]]


def engine_importers(modules: dict[str, Module]) -> dict[str, list[str]]:
    """The modules outside playbook/engines/ that import a site engine, with what they import."""
    return {
        name: sorted(i for i in module.other_imports if i.split(".")[0] in ENGINE_PACKAGES)
        for name, module in sorted(modules.items())
        if not name.startswith("playbook.engines")
        and any(i.split(".")[0] in ENGINE_PACKAGES for i in module.other_imports)
    }


def test_only_engines_import_a_site_engine() -> None:
    assert engine_importers(MODULES) == {}


@pytest.mark.parametrize("package", sorted(ENGINE_PACKAGES))
def test_the_engine_fence_sees_each_engine(package: str) -> None:
    fake = Module("playbook.sitebuild.build", Path("site.py"), other_imports={f"{package}.x"})
    assert engine_importers({"playbook.sitebuild.build": fake}) == {
        "playbook.sitebuild.build": [f"{package}.x"]
    }
