"""How `playbook build` fails on a project's own settings and templates: as the project's
mkdocs.yml asks (strict mode), located, and with the previous site left as it was."""

from __future__ import annotations

from pathlib import Path

from sitekit import MINIMAL_PROFILE, module_build, tree_hashes, write_project

BROKEN_LINK_PAGE = "# Notes\n\nSee [the plan](plan.md).\n"
BROKEN_LINK_WARNING = (
    "WARNING -  Doc file 'notes.md' contains a link 'plan.md', but the target is not found "
    "among documentation files."
)


def test_strict_true_in_mkdocs_yml_holds_for_playbook_build(tmp_path: Path) -> None:
    project = write_project(tmp_path, MINIMAL_PROFILE)
    assert "\nstrict: true\n" in project.mkdocs_yml.read_text(encoding="utf-8")
    first = module_build(project)
    assert first.returncode == 0, first.stderr
    before = tree_hashes(project.site_dir)
    (project.docs / "notes.md").write_text(BROKEN_LINK_PAGE, encoding="utf-8")
    result = module_build(project)
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
    lenient = module_build(project)
    assert lenient.returncode == 0, lenient.stderr
    assert lenient.stderr.splitlines() == [BROKEN_LINK_WARNING]
    strict = module_build(project, "--strict")
    assert strict.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in strict.stderr
