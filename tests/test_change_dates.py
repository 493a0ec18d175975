"""Change dates: real builds through the CLI, the record kept in the site, real git history."""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main
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


def test_the_note_sits_right_under_the_title_and_the_theme_draws_it(tmp_path: Path) -> None:
    project = write_project(tmp_path, PROFILE)
    build(project)
    article = project.site().article("kpis/")
    after_title = article.find("h1").find_next_sibling()
    assert "playbook-updated" in after_title["class"]
    assert article.select(".playbook-updated") == [after_title]

    # The note is page data that a theme override may draw elsewhere; the page's words
    # (a project's own _partials/page-updated.html) still write it.
    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "page-content.html").write_text(
        '{{ page.content }}<footer class="moved">{{ page.meta.playbook_updated }}</footer>',
        encoding="utf-8",
    )
    (project.docs / "_partials").mkdir()
    (project.docs / "_partials" / "page-updated.html").write_text(
        '<p class="playbook-updated" data-changed="{{ stamp }}">Last edited {{ date }}</p>',
        encoding="utf-8",
    )
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(
        text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1),
        encoding="utf-8",
    )
    build(project)
    article = project.site().article("kpis/")
    assert "playbook-updated" not in str(article.find("h1").find_next_sibling())
    assert note(project, "kpis/") == f"Last edited {today()}"
    assert article.select_one("footer.moved > .playbook-updated") is not None


def test_the_home_page_and_roles_directory_carry_every_page_s_change_time(
    tmp_path: Path,
) -> None:
    project = write_project(tmp_path, PROFILE)
    pages = build(project)
    site = project.site()
    for url, own in (("", "index.md"), ("roles/", "roles/index.md")):
        # The theme writes the plugin's page data after the content column, for the script.
        data = site.soup(url).select("div.md-main__inner > script#playbook-page-changes")
        assert len(data) == 1
        assert data[0]["data-mark-label"] == "changed since your last visit"
        times = json.loads(data[0].get_text())
        folder = url.rstrip("/") or "."
        expected = {
            posixpath.relpath(entry["url"] or ".", folder) + "/": entry["changed"]
            for src, entry in pages.items()
            if src != own
        }
        assert times == expected
    assert site.soup("kpis/").find(id="playbook-page-changes") is None


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


def changed_lists(project: Project) -> dict[str, list[str]]:
    """Under each changelog entry of the what-changed page: the texts of its list."""
    article = project.site().article("changes/")
    lists = {}
    for heading in article.find_all("h2"):
        if not heading.get("id", "").startswith("2026-"):
            continue
        texts = lists.setdefault(heading["id"], [])
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            if "playbook-changed-pages" in (sibling.get("class") or []):
                texts += [" ".join(item.get_text().split()) for item in sibling(["p", "li"])]
    return lists


def test_a_first_build_without_history_lists_no_page_under_an_entry(tmp_path: Path) -> None:
    project = write_project(tmp_path, PROFILE)
    build(project)
    # Without a previous site or git, nothing shows which pages changed when.
    assert changed_lists(project) == {
        "2026-02-10": [
            "The pages that change will be listed here from the next time the playbook is "
            "regenerated."
        ],
        "2026-01-05": [],
    }
    build(project)  # nothing changed: still nothing witnessed
    assert changed_lists(project)["2026-02-10"][0].startswith("The pages that change will")

    old_profile = tmp_path / "before.yml"
    shutil.copy(project.profile, old_profile)
    project.profile.write_text(
        PROFILE.replace("Listen before answering.", "Listen, then answer."), encoding="utf-8"
    )
    build(project)
    # The next build lists the pages it saw change: those `playbook diff` names.
    result = CliRunner().invoke(
        main, ["diff", str(old_profile), str(project.profile), "--format", "json"]
    )
    titles = [page["title"] for page in json.loads(result.output)["changed_pages"]]
    assert changed_lists(project) == {
        "2026-02-10": ["Pages that changed:", *sorted(titles)],
        "2026-01-05": [],
    }
    assert sorted(titles) == ["Care", "Hiring", "Values"]
