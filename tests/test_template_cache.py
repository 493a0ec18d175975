"""Compiled templates are kept for the next build, in a folder only the user can use."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from sitekit import tree_hashes, write_project

from playbook.plan.template_cache import ProcessBytecodeCache, cache_folder
from tests.conftest import MINIMAL_PROFILE


class CountingEnvironment(jinja2.Environment):
    """A Jinja environment that counts the templates it compiles."""

    compiled = 0

    def compile(self, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        CountingEnvironment.compiled += 1
        return super().compile(*args, **kwargs)


def _environment(folder: Path, cache: ProcessBytecodeCache) -> CountingEnvironment:
    return CountingEnvironment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)


def test_a_second_process_renders_the_code_the_first_compiled(tmp_path: Path) -> None:
    templates, kept = tmp_path / "templates", tmp_path / "kept"
    templates.mkdir()
    kept.mkdir(mode=0o700)
    (templates / "page.html").write_text("{{ name }} & {{ 1 + 2 }}", encoding="utf-8")
    CountingEnvironment.compiled = 0
    first = _environment(templates, ProcessBytecodeCache(lambda: kept))
    assert first.get_template("page.html").render(name="Ada") == "Ada & 3"
    assert CountingEnvironment.compiled == 1
    assert len(list(kept.glob("*.jinja"))) == 1

    # A new cache (as in the next process) with the same folder compiles nothing.
    second = _environment(templates, ProcessBytecodeCache(lambda: kept))
    assert second.get_template("page.html").render(name="Bo") == "Bo & 3"
    assert CountingEnvironment.compiled == 1

    # A changed template is compiled again, and both versions are kept.
    (templates / "page.html").write_text("{{ name }}!", encoding="utf-8")
    third = _environment(templates, ProcessBytecodeCache(lambda: kept))
    assert third.get_template("page.html").render(name="Cy") == "Cy!"
    assert CountingEnvironment.compiled == 2
    assert len(list(kept.glob("*.jinja"))) == 2


def test_a_damaged_file_is_compiled_again_and_written_over(tmp_path: Path) -> None:
    templates, kept = tmp_path / "templates", tmp_path / "kept"
    templates.mkdir()
    kept.mkdir(mode=0o700)
    (templates / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    _environment(templates, ProcessBytecodeCache(lambda: kept)).get_template("page.html")
    [stored] = kept.glob("*.jinja")
    good = stored.read_bytes()
    stored.write_bytes(b"not compiled code")
    CountingEnvironment.compiled = 0
    fresh = _environment(templates, ProcessBytecodeCache(lambda: kept))
    assert fresh.get_template("page.html").render(name="Di") == "Hello Di"
    assert CountingEnvironment.compiled == 1
    assert stored.read_bytes() == good


def test_the_cache_folder_is_the_users_own_and_closed_to_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = cache_folder()
    assert folder is not None and folder.parent == tmp_path / "cache" / "culture-playbook"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    folder.chmod(0o775)  # others may write: compiled code is not loaded from it
    assert cache_folder() is None
    folder.chmod(0o700)
    assert cache_folder() == folder
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert cache_folder() is None  # then the cache stays in memory
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "no-home"))
    assert cache_folder() is None
    assert not (tmp_path / "no-home").exists()  # no home is made for a cache


def test_a_build_reuses_and_repairs_the_compiled_templates_of_the_last(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", MINIMAL_PROFILE)
    environment = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))

    def build() -> dict[str, str]:
        command = [sys.executable, "-m", "playbook", "build", "--config", str(project.profile)]
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return {
            path: digest
            for path, digest in tree_hashes(project.site_dir).items()
            if path.endswith(".html")
        }

    first = build()
    stored = list((tmp_path / "cache" / "culture-playbook").glob("*/*.jinja"))
    assert len(stored) > 20  # the theme's templates, the pages' and their includes
    for path in stored:
        path.write_bytes(b"damaged")
    assert build() == first
    assert all(path.read_bytes() != b"damaged" for path in stored)
