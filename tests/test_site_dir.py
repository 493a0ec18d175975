"""`--site-dir` and `site_dir` never delete what playbook did not build; builds clean up.

Every refused case plants a file first and proves, byte for byte, that the whole
project and the planted file survive. Builds run through the real command line.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sitekit import Project, cli_build, tree_hashes, write_project
from test_build_safety import PROFILE

from playbook.cli import main
from playbook.sitebuild.folder import SITE_MARKER, STAGING_MARKER

PLANTED = "important.txt"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return write_project(tmp_path / "project", PROFILE)


def plant(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    planted = folder / PLANTED
    planted.write_text("keep me\n", encoding="utf-8")
    return planted


def everything(root: Path) -> dict[str, str]:
    return tree_hashes(root)


@pytest.mark.parametrize(
    ("site_dir", "sentence"),
    [
        (".", "the site folder cannot be the project folder; choose another"),
        ("docs", "the site folder cannot be the docs folder; choose another"),
        (
            "docs/site",
            "the site folder cannot be inside the docs folder ({docs}); choose a folder "
            "outside it, such as 'site'",
        ),
        (
            "..",
            "the site folder would replace a folder that holds the project folder "
            "({root}); choose a folder of its own, such as 'site'",
        ),
    ],
    ids=["project-folder", "docs-folder", "inside-docs", "parent"],
)
def test_project_folders_are_refused_and_nothing_is_deleted(
    project: Project, site_dir: str, sentence: str
) -> None:
    planted = plant(project.root / Path(site_dir) if site_dir != ".." else project.root)
    plant(project.docs)
    before = everything(project.root.parent)
    target = project.root / site_dir
    result = cli_build(project, "--site-dir", str(target))
    assert result.exit_code == 2, result.output
    expected = sentence.format(docs=project.docs, root=project.root.resolve())
    assert result.stderr.splitlines() == [f"{target}: {expected}"]
    assert everything(project.root.parent) == before
    assert planted.read_text(encoding="utf-8") == "keep me\n"


def test_a_folder_of_other_files_is_refused(project: Project, tmp_path: Path) -> None:
    planted = plant(tmp_path / "x")
    result = cli_build(project, "--site-dir", str(planted.parent))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{planted.parent}: this folder holds files that playbook did not write ({PLANTED}) "
        f"and has no {SITE_MARKER} file, so a build here would replace them; choose an empty "
        "or new folder, or move them out yourself"
    ]
    assert sorted(path.name for path in planted.parent.iterdir()) == [PLANTED]
    assert not project.site_dir.exists()


def test_a_folder_holding_the_profile_is_refused(tmp_path: Path) -> None:
    project = write_project(tmp_path / "outer" / "project", PROFILE)
    result = cli_build(project, "--site-dir", str(tmp_path / "outer"))
    assert result.exit_code == 2
    assert "would replace a folder that holds the project folder" in result.stderr
    assert project.profile.is_file() and project.mkdocs_yml.is_file()


def test_site_dir_in_mkdocs_yml_follows_the_same_rule(project: Project) -> None:
    planted = plant(project.root / "public")
    config = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(config.replace("site_dir: site", "site_dir: public"))
    result = cli_build(project)
    assert result.exit_code == 2
    assert f"holds files that playbook did not write ({PLANTED})" in result.stderr
    assert planted.is_file()


def test_a_file_given_as_site_dir_is_refused(project: Project) -> None:
    planted = project.root / "notes.txt"
    planted.write_text("keep me\n", encoding="utf-8")
    result = cli_build(project, "--site-dir", str(planted))
    assert result.exit_code == 2
    assert planted.read_text(encoding="utf-8") == "keep me\n"


def test_absent_empty_and_playbook_built_folders_are_replaced(
    project: Project, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for target in (tmp_path / "absent", empty, empty):  # the last one: built just before
        result = cli_build(project, "--site-dir", str(target))
        assert result.exit_code == 0, result.output
        assert (target / SITE_MARKER).is_file()
        assert (target / "roles" / "agent" / "index.html").is_file()


def test_plain_mkdocs_builds_are_marked_too(project: Project) -> None:
    from sitekit import mkdocs_build

    process = mkdocs_build(project)
    assert process.returncode == 0, process.stderr
    assert (project.site_dir / SITE_MARKER).is_file()
    assert cli_build(project).exit_code == 0


def test_stale_folders_of_killed_builds_are_removed(project: Project) -> None:
    dead = _dead_pid()
    stale_staging = project.root / f".site-building-{dead}-abc123"
    (stale_staging / "site").mkdir(parents=True)
    (stale_staging / STAGING_MARKER).write_text("", encoding="utf-8")
    stale_retired = project.root / f".site-previous-{dead}"
    stale_retired.mkdir()
    (stale_retired / SITE_MARKER).write_text("", encoding="utf-8")
    unmarked = project.root / f".site-building-{dead}-zzz999"
    plant(unmarked)
    alive = project.root / f".site-building-{os.getppid()}-live00"
    alive.mkdir()
    (alive / STAGING_MARKER).write_text("", encoding="utf-8")

    result = cli_build(project)

    assert result.exit_code == 0, result.output
    assert not stale_staging.exists() and not stale_retired.exists()
    assert (unmarked / PLANTED).is_file()  # not ours: kept
    assert alive.is_dir()  # a build still running: kept


def test_sigterm_during_a_build_cleans_up_and_keeps_the_previous_site(project: Project) -> None:
    assert cli_build(project).exit_code == 0
    before = tree_hashes(project.site_dir)
    # Enough roles that the build is still running when the signal arrives.
    roles = "".join(
        f"  - id: role-{n}\n    title: Role {n}\n    department: Team\n"
        f"    customer_facing: false\n    customer_position: Helps.\n"
        for n in range(300)
    )
    text = project.profile.read_text(encoding="utf-8")
    project.profile.write_text(text.replace("roles:\n", "roles:\n" + roles, 1), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "playbook", "build", "--config", str(project.profile)],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(project.root.glob(".site-building-*/site")) and time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the build ended before the signal: {process.communicate()}")
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.splitlines()[-1] == "interrupted"
    assert "Traceback" not in stderr
    assert [path.name for path in project.root.iterdir() if path.name.startswith(".site-")] == []
    assert tree_hashes(project.site_dir) == before


def test_a_folder_with_only_the_profile_builds(tmp_path: Path) -> None:
    (tmp_path / "org_config.yml").write_text(textwrap.dedent(PROFILE), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "org_config.yml")])
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    assert result.stdout == f"built 15 pages into {site}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["org_config.yml", "site"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Acme Shoes playbook</title>" in home
    assert (site / "roles" / "agent" / "index.html").is_file()
    assert (site / "search" / "search_index.json").is_file()


def test_a_missing_docs_folder_gets_a_sentence(project: Project) -> None:
    project.docs.rmdir()
    result = cli_build(project)
    assert result.exit_code == 1
    assert "internal error" not in result.output
    assert result.stderr.splitlines()[-1] == (
        f"{project.mkdocs_yml}: Config value 'docs_dir': The path '{project.docs}' isn't an "
        "existing directory. Create that folder (it may stay empty: the pages come from the "
        "profile), or set docs_dir to an existing one"
    )


def test_a_site_dir_below_a_file_gets_a_sentence(project: Project) -> None:
    blocker = project.root / "blocker"
    blocker.write_text("keep me\n", encoding="utf-8")
    result = cli_build(project, "--site-dir", str(blocker / "site"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{blocker / 'site'}: {blocker} is a file, so no folder can be made inside it; "
        "choose another site folder"
    ]
    assert blocker.read_text(encoding="utf-8") == "keep me\n"


def _dead_pid() -> int:
    """The pid of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid
