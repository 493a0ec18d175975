"""Former ids: validated, and their old addresses lead to the new page in every kind of build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from playbook.cli import main
from tests.conftest import MINIMAL_PROFILE
from tests.sitekit import cli_build, write_project

RENAMED = MINIMAL_PROFILE.replace(
    "  - id: agent\n", "  - id: agent\n    former_ids: [helper, desk-agent]\n"
).replace("  - id: care\n", "  - id: care\n    former_ids: [kindness]\n")


def test_a_former_id_may_not_be_a_current_id(problems: Callable[[str], list[str]]) -> None:
    text = MINIMAL_PROFILE.replace("  - id: agent\n", "  - id: agent\n    former_ids: [agent]\n")
    assert problems(text) == [
        "org_config.yml:19:18: roles[0].former_ids[0]: 'agent' is the id of a "
        "current role; a former id must be an id that is no longer used"
    ]


def test_a_former_id_may_be_listed_once(problems: Callable[[str], list[str]]) -> None:
    text = MINIMAL_PROFILE.replace(
        "  - id: agent\n", "  - id: agent\n    former_ids: [helper, helper, index]\n"
    )
    assert problems(text) == [
        "org_config.yml:19:26: roles[0].former_ids[1]: former id 'helper' is already listed for "
        "this role (line 19); an old address can lead to one page only",
        "org_config.yml:19:34: roles[0].former_ids[2]: 'index' is the address of the roles "
        "overview; it cannot be a former id",
    ]


def test_former_ids_are_in_the_published_schema() -> None:
    from playbook.profile.model import profile_json_schema

    definitions = profile_json_schema()["$defs"]
    for model in ("Role", "Value"):
        former = definitions[model]["properties"]["former_ids"]
        assert former["items"]["pattern"] == "^[a-z0-9][a-z0-9-]{0,63}$"
        assert "redirect" in former["description"]


def redirect_of(path: Path) -> dict[str, str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    return {
        "refresh": str(refresh["content"]),
        "canonical": str(soup.find("link", rel="canonical")["href"]),
        "robots": str(soup.find("meta", attrs={"name": "robots"})["content"]),
        "link": str(soup.body.find("a")["href"]),
        "text": soup.body.get_text(" ", strip=True),
    }


def test_old_addresses_redirect_with_directory_urls(tmp_path: Path) -> None:
    project = write_project(tmp_path, RENAMED)
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    site = project.site_dir
    assert redirect_of(site / "roles" / "helper" / "index.html") == {
        "refresh": "0; url=../agent/",
        "canonical": "../agent/",
        "robots": "noindex",
        "link": "../agent/",
        "text": "This page has moved: Support agent . Please update your bookmark.",
    }
    assert (site / "roles" / "desk-agent" / "index.html").is_file()
    assert redirect_of(site / "values" / "kindness" / "index.html")["link"] == "../care/"
    # Redirects are not pages: search never lists them.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if "helper" in doc["location"]]


def test_old_addresses_redirect_in_offline_builds(tmp_path: Path) -> None:
    project = write_project(tmp_path, RENAMED)
    result = cli_build(project, "--offline")
    assert result.exit_code == 0, result.output
    assert redirect_of(project.site_dir / "roles" / "helper.html")["link"] == "agent.html"
    assert redirect_of(project.site_dir / "values" / "kindness.html")["refresh"] == (
        "0; url=care.html"
    )
    assert not (project.site_dir / "roles" / "helper").exists()


def test_canonical_is_absolute_when_the_site_url_is_known(tmp_path: Path) -> None:
    project = write_project(tmp_path, RENAMED)
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(
        text.replace("site_name:", "site_url: https://people.example.org/playbook/\nsite_name:", 1),
        encoding="utf-8",
    )
    assert cli_build(project).exit_code == 0
    page = redirect_of(project.site_dir / "roles" / "helper" / "index.html")
    assert page["canonical"] == "https://people.example.org/playbook/roles/agent/"


def test_redirect_titles_are_text(tmp_path: Path) -> None:
    project = write_project(
        tmp_path, RENAMED.replace("title: Support agent", 'title: "R&D \\"lab\\""')
    )
    assert cli_build(project).exit_code == 0
    raw = (project.site_dir / "roles" / "helper" / "index.html").read_text(encoding="utf-8")
    assert "<title>R&amp;D &#34;lab&#34;</title>" in raw


def test_invalid_former_ids_stop_the_build(tmp_path: Path) -> None:
    project = write_project(tmp_path, RENAMED.replace("[kindness]", "[care]"))
    result = cli_build(project)
    assert result.exit_code == 2
    assert "values[0].former_ids[0]: 'care' is the id of a current value" in result.output
    assert not project.site_dir.exists()


def commit(folder: Path, text: str) -> Path:
    profile = folder / "org_config.yml"
    profile.write_text(text, encoding="utf-8")
    env = dict(os.environ, GIT_AUTHOR_NAME="HR", GIT_AUTHOR_EMAIL="hr@example.com")
    env.update(GIT_COMMITTER_NAME="HR", GIT_COMMITTER_EMAIL="hr@example.com")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "profile"]):
        subprocess.run(["git", *command], cwd=folder, env=env, check=True, capture_output=True)
    return profile


def lost_findings(profile: Path) -> list[str]:
    result = CliRunner().invoke(main, ["lint", str(profile)])
    return [line for line in result.output.splitlines() if ": redirect-lost: " in line]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_lint_warns_when_a_new_id_would_lose_the_old_address(tmp_path: Path) -> None:
    profile = commit(tmp_path, MINIMAL_PROFILE)
    assert lost_findings(profile) == []
    renamed = MINIMAL_PROFILE.replace("id: agent", "id: support-agent")
    profile.write_text(renamed, encoding="utf-8")
    assert lost_findings(profile) == [
        f"{profile}:18:5: redirect-lost: the role 'support-agent' was 'agent' in the last "
        "commit: add 'former_ids: [agent]' so /roles/agent/ keeps working (people bookmark "
        "their pages; an old address that leads nowhere loses them)"
    ]
    kept = renamed.replace(
        "  - id: support-agent\n", "  - id: support-agent\n    former_ids: [agent]\n"
    )
    profile.write_text(kept, encoding="utf-8")
    assert lost_findings(profile) == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_lint_warns_when_a_removed_value_loses_its_address(tmp_path: Path) -> None:
    second = (
        "  - id: speed\n    name: Speed\n    summary: Fast answers.\n"
        "    behaviours:\n      everyone: [Reply within a day.]\n"
    )
    with_speed = MINIMAL_PROFILE.replace("journey:\n", second + "journey:\n", 1)
    profile = commit(tmp_path, with_speed)
    profile.write_text(MINIMAL_PROFILE, encoding="utf-8")
    findings = lost_findings(profile)
    assert findings == [
        f"{profile}:6:1: redirect-lost: the value 'speed' of the last commit is gone, and "
        "/values/speed/ will lead nowhere; if another value takes over, add "
        "'former_ids: [speed]' to it (people bookmark their pages; an old address that "
        "leads nowhere loses them)"
    ]


def test_lint_outside_git_compares_with_nothing(tmp_path: Path) -> None:
    profile = tmp_path / "org_config.yml"
    profile.write_text(MINIMAL_PROFILE, encoding="utf-8")
    assert lost_findings(profile) == []
