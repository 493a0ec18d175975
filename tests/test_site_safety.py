"""A corrupt change record in the previous site is only a warning (real builds)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sitekit import Project, cli_build, write_project
from test_build_safety import PROFILE

from playbook.hr.changes import RECORD_FILE


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = write_project(tmp_path_factory.mktemp("built"), PROFILE)
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture
def project(built_once: Project, tmp_path: Path) -> Project:
    """A fresh copy of the built project (profile, mkdocs.yml, docs/ and site/)."""
    copy = Project(tmp_path / "project")
    shutil.copytree(built_once.root, copy.root, symlinks=True)
    return copy


def _corrupt(record: dict, how: str) -> str:
    pages = record["pages"]
    if how == "what-number":
        for entry in pages.values():
            entry["what"] = 5
    elif how == "reasons-number":
        for entry in pages.values():
            entry["reasons"] = 5
    elif how == "what-numbers":
        for entry in pages.values():
            entry["what"] = [[1, 2]]
    elif how == "pages-list":
        record["pages"] = []
    elif how == "entry-string":
        pages["index.md"] = "x"
    elif how == "changed-number":
        pages["index.md"]["changed"] = 20260302
    elif how == "changed-text":
        pages["index.md"]["changed"] = "2 March"
    return json.dumps(record)


@pytest.mark.parametrize(
    ("how", "problem"),
    [
        ("what-number", 'pages["404.md"].what is not a list of [id, title] pairs'),
        ("reasons-number", 'pages["404.md"].reasons is not a list of texts'),
        ("what-numbers", 'pages["404.md"].what is not a list of [id, title] pairs'),
        ("pages-list", "its pages are not a JSON object"),
        ("entry-string", 'pages["index.md"] is not a JSON object'),
        ("changed-number", 'pages["index.md"].changed is not a text'),
        ("changed-text", 'pages["index.md"].changed is not a date and time'),
    ],
)
def test_a_corrupt_change_record_is_ignored_with_a_warning(
    project: Project, how: str, problem: str
) -> None:
    path = project.site_dir / RECORD_FILE
    record = json.loads(path.read_text(encoding="utf-8"))
    record["pages"] = dict(sorted(record["pages"].items()))
    if "404.md" not in record["pages"]:
        problem = problem.replace("404.md", next(iter(record["pages"])))
    path.write_text(_corrupt(record, how), encoding="utf-8")
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"WARNING -  {path}: {problem}; it is ignored, and the pages are dated as in a " in (
        result.stderr
    )
    rebuilt = json.loads(path.read_text(encoding="utf-8"))
    assert rebuilt["version"] == 1 and "index.md" in rebuilt["pages"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"version": 1, "pages": {', "2:1: this is not valid JSON (Expecting property name"),
        ("\xff\xfe", "this is not UTF-8 text"),
        ('{"version": 7, "pages": {}}', "this record is of version 7, not 1"),
        ("[" * 100_000, "1:"),
    ],
    ids=["truncated", "not-utf8", "version", "deep"],
)
def test_an_unreadable_change_record_is_ignored_with_a_warning(
    project: Project, text: str, problem: str
) -> None:
    path = project.site_dir / RECORD_FILE
    path.write_bytes(text.encode("latin-1") if text == "\xff\xfe" else text.encode() + b"\n")
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if str(path) in line]
    assert warning.startswith(f"WARNING -  {path}")
    assert problem in warning
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
