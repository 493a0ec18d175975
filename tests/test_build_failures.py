"""How `playbook build` fails on a project's own settings and templates: as the project's
mkdocs.yml asks (strict mode), located, and with the previous site left as it was."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sitekit import (
    MINIMAL_PROFILE,
    REPO_ROOT,
    module_build,
    playbook_build,
    tree_hashes,
    write_project,
)

BROKEN_LINK_PAGE = "# Notes\n\nSee [the plan](plan.md).\n"
BROKEN_LINK_WARNING = (
    "WARNING -  Doc file 'notes.md' contains a link 'plan.md', but the target is not found "
    "among documentation files."
)


def test_strict_true_in_mkdocs_yml_holds_for_playbook_build(tmp_path: Path) -> None:
    project = write_project(tmp_path, MINIMAL_PROFILE)
    assert "\nstrict: true\n" in project.mkdocs_yml.read_text(encoding="utf-8")
    first = playbook_build(project)
    assert first.returncode == 0, first.stderr
    before = tree_hashes(project.site_dir)
    (project.docs / "notes.md").write_text(BROKEN_LINK_PAGE, encoding="utf-8")
    result = playbook_build(project)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        BROKEN_LINK_WARNING,
        "build failed, the previous site is unchanged: Aborted with 1 warnings in strict mode!",
    ]
    assert tree_hashes(project.site_dir) == before


def test_strict_false_in_mkdocs_yml_lets_warnings_pass_unless_asked(tmp_path: Path) -> None:
    project = write_project(tmp_path, MINIMAL_PROFILE, {"docs/notes.md": BROKEN_LINK_PAGE})
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(text.replace("\nstrict: true\n", "\nstrict: false\n"), "utf-8")
    lenient = playbook_build(project)
    assert lenient.returncode == 0, lenient.stderr
    assert lenient.stderr.splitlines() == [BROKEN_LINK_WARNING]
    strict = playbook_build(project, "--strict")
    assert strict.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in strict.stderr


def _role_template(line: int, addition: str) -> str:
    """The packaged role template with ``addition`` at the end of one line (1-based)."""
    lines = (REPO_ROOT / "content" / "_templates" / "role.md").read_text("utf-8").split("\n")
    lines[line - 1] += addition
    return "\n".join(lines)


def test_a_syntax_error_in_an_override_template_names_its_file_and_line(tmp_path: Path) -> None:
    project = write_project(tmp_path, MINIMAL_PROFILE)
    assert playbook_build(project).returncode == 0
    before = tree_hashes(project.site_dir)
    template = project.docs / "_templates" / "role.md"
    template.parent.mkdir()
    template.write_text(_role_template(8, " {% if %}"), encoding="utf-8")
    result = playbook_build(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "docs/_templates/role.md:8: template syntax: Expected an expression, got 'end of "
        "statement block'; the previous site is unchanged"
    ]
    assert tree_hashes(project.site_dir) == before


def test_every_template_mistake_is_listed_at_once(tmp_path: Path) -> None:
    project = write_project(
        tmp_path,
        MINIMAL_PROFILE,
        {
            "docs/_partials/note.md": "Hello\n{% for x in y %}\n",
            "docs/leadership.md": "# Lead\n\n{{ org.name }\n",
            "docs/raw.md": "---\nrender_macros: false\n---\n# Raw {{ not jinja\n",
        },
    )
    result = playbook_build(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "docs/_partials/note.md:2: template syntax: Unexpected end of template. Jinja was "
        "looking for the following tags: 'endfor' or 'else'. The innermost block that needs "
        "to be closed is 'for'.",
        "docs/leadership.md:3: template syntax: unexpected '}'; the previous site is unchanged",
    ]


def test_a_mistake_that_shows_when_the_template_runs_names_its_file_and_line(
    tmp_path: Path,
) -> None:
    project = write_project(
        tmp_path,
        MINIMAL_PROFILE,
        {"docs/_templates/role.md": _role_template(16, " {{ role.rank }}")},
    )
    result = playbook_build(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "docs/_templates/role.md:16: template error: 'playbook.profile.model.Role object' has no "
        "attribute 'rank'; the previous site is unchanged"
    )
    assert "Traceback" not in result.stderr
    assert not project.site_dir.exists()


@pytest.mark.skipif(importlib.util.find_spec("zensical") is None, reason="zensical missing")
def test_the_zensical_engine_names_the_template_and_line_too(tmp_path: Path) -> None:
    template = _role_template(8, " {% if %}")
    project = write_project(tmp_path, MINIMAL_PROFILE, {"docs/_templates/role.md": template})
    result = module_build(project, "--engine", "zensical")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "docs/_templates/role.md:8: template syntax: Expected an expression, got 'end of "
        "statement block'; the previous site is unchanged"
    )
