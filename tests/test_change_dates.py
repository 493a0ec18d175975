"""Change dates: real builds through the CLI, the record kept in the site, real git history."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from playbook.hr.changes import RECORD_FILE
from tests.conftest import MINIMAL_PROFILE
from tests.sitekit import Project, cli_build, write_project

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PROFILE = MINIMAL_PROFILE + (
    "changelog:\n"
    "  - date: 2026-02-10\n"
    "    summary: Clearer KPI.\n"
    "  - date: 2026-01-05\n"
    "    summary: First version.\n"
)
EARLIER = "2026-03-02T09:00:00Z"


def build(project: Project, *options: str) -> dict[str, dict[str, object]]:
    result = cli_build(project, *options)
    assert result.exit_code == 0, result.output
    record = json.loads((project.site_dir / RECORD_FILE).read_text(encoding="utf-8"))
    assert record["version"] == 1
    return record["pages"]


def backdate(project: Project, stamp: str = EARLIER) -> None:
    """Make every page of the built site look as if it last changed at stamp."""
    path = project.site_dir / RECORD_FILE
    record = json.loads(path.read_text(encoding="utf-8"))
    for entry in record["pages"].values():
        entry["changed"] = stamp
    path.write_text(json.dumps(record), encoding="utf-8")


def note(project: Project, url: str) -> str:
    return " ".join(project.site().article(url).select_one(".playbook-updated").get_text().split())


def today() -> str:
    day = dt.datetime.now(dt.UTC).date()
    return f"{day.day} {day.strftime('%B %Y')}"


def test_every_page_is_dated_and_the_record_lives_in_the_site(tmp_path: Path) -> None:
    project = write_project(tmp_path, PROFILE)
    pages = build(project)
    assert sorted(pages) == sorted(
        ["index.md", "values/index.md", "values/care.md", "roles/index.md", "roles/agent.md"]
        + [
            f"{name}.md"
            for name in [
                "journey",
                "leadership",
                "onboarding",
                "hiring",
                "recognition",
                "decisions",
                "kpis",
                "feedback",
                "culture-health",
                "changes",
            ]
        ]
    )
    assert pages["roles/agent.md"]["url"] == "roles/agent/"
    assert note(project, "roles/agent/") == f"Updated on {today()}."
    stamp = project.site().article("").select_one(".playbook-updated")["data-changed"]
    assert stamp == pages["index.md"]["changed"]


def test_an_unchanged_page_keeps_its_date_and_a_changed_one_says_what_changed(
    tmp_path: Path,
) -> None:
    project = write_project(tmp_path, PROFILE)
    build(project)
    backdate(project)
    pages = build(project)
    assert {entry["changed"] for entry in pages.values()} == {EARLIER}
    assert note(project, "kpis/") == "Updated on 2 March 2026."

    project.profile.write_text(
        PROFILE.replace("Listen before answering.", "Listen, then answer."), encoding="utf-8"
    )
    pages = build(project)
    changed = sorted(src for src, entry in pages.items() if entry["changed"] != EARLIER)
    assert "values/care.md" in changed
    # Role pages show what is specific to the role, not the behaviours every role shares.
    assert "roles/agent.md" not in changed
    assert "kpis.md" not in changed and "journey.md" not in changed
    assert note(project, "kpis/") == "Updated on 2 March 2026."

    backdate(project)
    project.profile.write_text(
        PROFILE.replace("Listen before answering.", "Listen, then answer.").replace(
            "    kpis: [nps]\n",
            "    kpis: [nps]\n    decisions:\n      - decision: Refunds.\n"
            "        customer_question: Is it fair?\n",
        ),
        encoding="utf-8",
    )
    pages = build(project)
    changed = sorted(src for src, entry in pages.items() if entry["changed"] != EARLIER)
    assert "roles/agent.md" in changed and "values/care.md" not in changed
    assert note(project, "roles/agent/") == (
        f"Updated on {today()}. What changed: Your first week, Decisions you make."
    )


def test_offline_and_directory_builds_share_the_dates(tmp_path: Path) -> None:
    project = write_project(tmp_path, PROFILE)
    build(project)
    backdate(project)
    pages = build(project, "--offline")
    assert {entry["changed"] for entry in pages.values()} == {EARLIER}
    assert pages["roles/agent.md"]["url"] == "roles/agent.html"


def test_dates_are_written_in_the_site_language(tmp_path: Path) -> None:
    project = write_project(
        tmp_path, PROFILE.replace("  name: Acme Shoes\n", "  name: Acme Shoes\n  language: de\n")
    )
    build(project)
    backdate(project)
    build(project)
    assert note(project, "kpis/") == "Aktualisiert am 2. März 2026."


def git(cwd: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="HR", GIT_AUTHOR_EMAIL="hr@example.com")
    env.update(GIT_COMMITTER_NAME="HR", GIT_COMMITTER_EMAIL="hr@example.com")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def committed_project(tmp_path: Path) -> Project:
    """A project whose profile has two commits: the first version, then a clearer KPI."""
    project = write_project(tmp_path, PROFILE)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "First version", when="2026-01-05T10:00:00+00:00")
    project.profile.write_text(
        PROFILE.replace("Survey after each order.", "Survey a week after each order."),
        encoding="utf-8",
    )
    git(tmp_path, "commit", "-qam", "Clearer KPI", when="2026-02-10T10:00:00+00:00")
    return project


@needs_git
def test_a_first_build_dates_pages_by_the_commit_that_changed_them(tmp_path: Path) -> None:
    project = committed_project(tmp_path)
    pages = build(project)
    assert pages["kpis.md"]["changed"] == "2026-02-10T10:00:00Z"
    assert pages["roles/agent.md"]["changed"] == "2026-02-10T10:00:00Z"  # shows the KPI
    assert pages["values/care.md"]["changed"] == "2026-01-05T10:00:00Z"
    assert pages["journey.md"]["changed"] == "2026-01-05T10:00:00Z"
    assert note(project, "kpis/") == "Updated on 10 February 2026."
    assert note(project, "values/care/") == "Updated on 5 January 2026."


@needs_git
def test_an_uncommitted_edit_is_a_change_made_now(tmp_path: Path) -> None:
    project = committed_project(tmp_path)
    text = project.profile.read_text(encoding="utf-8")
    project.profile.write_text(text.replace("Make walking a joy.", "Walk happy."), "utf-8")
    pages = build(project)
    assert pages["index.md"]["changed"][:10] == dt.datetime.now(dt.UTC).date().isoformat()
    assert pages["kpis.md"]["changed"] == "2026-02-10T10:00:00Z"


@needs_git
def test_the_what_changed_page_lists_the_pages_of_each_entry(tmp_path: Path) -> None:
    project = committed_project(tmp_path)
    build(project)
    article = project.site().article("changes/")
    lists = {
        heading["id"]: [
            (link.get_text(), link["href"])
            for link in heading.find_next("div", class_="playbook-changed-pages").find_all("a")
        ]
        for heading in article.find_all("h2")
        if heading.get("id", "").startswith("2026-")
    }
    assert lists["2026-02-10"] == [("KPIs", "../kpis/"), ("Support agent", "../roles/agent/")]
    first = [title for title, _ in lists["2026-01-05"]]
    assert "Care" in first and "Customer journey" in first and "KPIs" not in first
