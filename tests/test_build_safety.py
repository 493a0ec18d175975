"""`playbook build` never leaves HR with a broken site: a failed build keeps the previous one.

A valid project is built once for the module; each test works on its own copy of that
project (site included), breaks it in one way, rebuilds, and compares every file of the
site byte for byte with the state before.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sitekit import Project, cli_build, module_build, tree_hashes, write_project

PROFILE = """\
    schema_version: 1
    organisation:
      name: Acme Shoes
      mission: Make walking a joy.
      customers: People who walk a lot.
    values:
      - id: care
        name: Care
        summary: We treat every customer like a neighbour.
        behaviours:
          everyone: [Listen before answering.]
    roles:
      - id: agent
        title: Support agent
        department: Customer care
        customer_facing: true
        customer_position: Answers customers' questions the same day.
        kpis: [nps]
    kpis:
      - id: nps
        name: Net promoter score
        definition: Survey after each ticket.
        customer_outcome: Customers would recommend us.
"""

PAGES = 15  # the contract pages for one value and one role

BROKEN_ROLE_TEMPLATE = """\
    # {{ role.title }}

    {{ nonexistent_variable }}
"""


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = write_project(tmp_path_factory.mktemp("built"), PROFILE)
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    assert (project.site_dir / "roles" / "agent" / "index.html").is_file()
    return project


@pytest.fixture
def project(built_once: Project, tmp_path: Path) -> Project:
    """A fresh copy of the built project (profile, mkdocs.yml, docs/ and site/)."""
    copy = Project(tmp_path / "project")
    shutil.copytree(built_once.root, copy.root, symlinks=True)
    return copy


def leftovers(project: Project) -> list[str]:
    """Staging or retired site folders next to the site (named ``.site-...``)."""
    return sorted(path.name for path in project.root.iterdir() if path.name.startswith(".site-"))


def test_invalid_profile_exits_2_and_keeps_the_previous_site(project: Project) -> None:
    before = tree_hashes(project.site_dir)
    project.profile.write_text(
        project.profile.read_text(encoding="utf-8").replace("kpis: [nps]", "kpis: [nsp]"),
        encoding="utf-8",
    )
    result = cli_build(project)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{project.profile}:18:12: roles[0].kpis[0]: unknown KPI 'nsp' (did you mean 'nps'?)"
    ]
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert tree_hashes(project.site_dir) == before
    assert leftovers(project) == []


@pytest.mark.parametrize("runner", ["click", "subprocess"])
def test_template_error_exits_1_and_keeps_the_previous_site(project: Project, runner: str) -> None:
    before = tree_hashes(project.site_dir)
    template = project.docs / "_templates" / "role.md"
    template.parent.mkdir(parents=True)
    template.write_text(BROKEN_ROLE_TEMPLATE.replace("    ", ""), encoding="utf-8")
    if runner == "click":
        result = cli_build(project)
        exit_code, stdout, stderr = result.exit_code, result.stdout, result.stderr
    else:
        process = module_build(project)
        exit_code, stdout, stderr = process.returncode, process.stdout, process.stderr
    assert exit_code == 1
    assert stdout == ""
    assert "'nonexistent_variable' is undefined" in stderr
    shown = template if runner == "click" else template.relative_to(project.root)
    assert stderr.splitlines()[-1] == (
        f"{shown}:3: template error: 'nonexistent_variable' is undefined; the previous site "
        "is unchanged"
    )
    assert tree_hashes(project.site_dir) == before
    assert leftovers(project) == []


def test_template_error_output_has_no_traceback(project: Project) -> None:
    template = project.docs / "_templates" / "role.md"
    template.parent.mkdir(parents=True)
    template.write_text(BROKEN_ROLE_TEMPLATE.replace("    ", ""), encoding="utf-8")
    process = module_build(project)
    assert process.returncode == 1
    assert "Traceback" not in process.stdout + process.stderr


def test_plugin_error_exits_1_and_keeps_the_previous_site(project: Project) -> None:
    # mkdocs.yml without the macros plugin: the playbook plugin refuses to build.
    before = tree_hashes(project.site_dir)
    config = project.mkdocs_yml.read_text(encoding="utf-8")
    start = config.index("  - macros:")
    end = config.index("markdown_extensions:")
    project.mkdocs_yml.write_text(config[:start] + "\n" + config[end:], encoding="utf-8")
    result = cli_build(project)
    assert result.exit_code == 1
    assert "the playbook plugin needs the macros plugin: add to mkdocs.yml" in result.stderr
    assert result.stderr.splitlines()[-1].startswith(
        "build failed, the previous site is unchanged: "
    )
    assert "Traceback" not in result.output
    assert tree_hashes(project.site_dir) == before
    assert leftovers(project) == []


def test_successful_rebuild_replaces_the_site_and_leaves_nothing_behind(project: Project) -> None:
    project.profile.write_text(
        project.profile.read_text(encoding="utf-8").replace(
            "Make walking a joy.", "Make every step count."
        ),
        encoding="utf-8",
    )
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"built {PAGES} pages into {project.site_dir}\n"
    home = (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert "Make every step count." in home
    assert "Make walking a joy." not in home
    assert leftovers(project) == []


def test_site_dir_option_writes_to_the_given_folder(project: Project, tmp_path: Path) -> None:
    before = tree_hashes(project.site_dir)
    target = tmp_path / "published" / "playbook"
    result = cli_build(project, "--site-dir", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"built {PAGES} pages into {target}\n"
    assert (target / "index.html").is_file()
    assert (target / "roles" / "agent" / "index.html").is_file()
    assert (target / "kpis" / "index.html").is_file()
    assert tree_hashes(project.site_dir) == before  # the default site is not touched
    assert sorted(path.name for path in target.parent.iterdir()) == ["playbook"]


def test_built_site_folder_has_the_usual_permissions(project: Project, tmp_path: Path) -> None:
    reference = tmp_path / "made-with-mkdir"
    reference.mkdir()
    target = tmp_path / "public"
    result = cli_build(project, "--site-dir", str(target))
    assert result.exit_code == 0, result.output
    assert oct(target.stat().st_mode & 0o777) == oct(reference.stat().st_mode & 0o777)
    assert os.access(target, os.R_OK)
