"""`playbook diff` names exactly the pages whose text changes, and whom to re-brief.

For each kind of everyday edit, both sides are built with the real `playbook build` and
every page's article text is compared; the pages that differ must be the ones
`diff --format json` lists, and the text and Markdown reports must name the same pages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitekit import Project, Site, cli_build, page_words, write_project
from tests.test_hr_workflow import BASE_PROFILE, run

# The dental practice of test_hr_workflow with a clinic team: a dental nurse reporting to
# the hygienist, who reports to the receptionist (so both lead others and hire), and
# behaviours for the Clinic department and for the nurse alone.
PROFILE = (
    BASE_PROFILE.replace(
        "      leaders: [Ask patients how the visit felt]\n",
        "      leaders: [Ask patients how the visit felt]\n"
        "      departments:\n"
        "        Clinic: [Warm the instruments before use]\n"
        "      roles:\n"
        "        nurse: [Hand over the mirror before the patient asks]\n",
    )
    .replace(
        "    customer_position: Cleans teeth and teaches home care.\n",
        "    customer_position: Cleans teeth and teaches home care.\n"
        "    reports_to: receptionist\n",
    )
    .replace(
        "kpis:\n  - id: wait-time",
        "  - id: nurse\n"
        "    title: Dental nurse\n"
        "    department: Clinic\n"
        "    customer_facing: true\n"
        "    customer_position: Keeps patients calm in the chair.\n"
        "    touchpoints: [visit]\n"
        "    reports_to: hygienist\n"
        "kpis:\n  - id: wait-time",
    )
)

GENTLE = "Gentle care [gentle]"
# edit kind: (old text, new text, whom to re-brief: everyone's reasons, then role by role)
EDITS = {
    "department behaviour": (
        "Clinic: [Warm the instruments before use]",
        "Clinic: [Warm every instrument before use]",
        [],
        {
            "receptionist": [
                f"{GENTLE}: behaviours for their direct reports' department (Clinic) changed"
            ],
            "hygienist": [f"{GENTLE}: behaviours for the Clinic department changed"],
            "nurse": [f"{GENTLE}: behaviours for the Clinic department changed"],
        },
    ),
    "role behaviour": (
        "nurse: [Hand over the mirror before the patient asks]",
        "nurse: [Offer the mirror before the patient asks]",
        [],
        {
            "hygienist": [
                f"{GENTLE}: behaviours for their direct report Dental nurse [nurse] changed"
            ],
            "nurse": [f"{GENTLE}: behaviours for their role changed"],
        },
    ),
    "value summary": (
        "Nobody leaves more anxious than they came.",
        "Nobody leaves more worried than they came.",
        [f"{GENTLE}: what it means changed (summary)"],
        {},
    ),
    "interview question": (
        "interview_questions: [Tell me about calming a nervous person.]",
        "interview_questions: [Tell me about calming a nervous person., How do you pace a visit?]",
        [],
        {
            "receptionist": [f"{GENTLE}: interview questions changed (they hire)"],
            "hygienist": [f"{GENTLE}: interview questions changed (they hire)"],
        },
    ),
    "everyone behaviour": (
        "Explain each step before doing it",
        "Explain each step before you do it",
        [f"{GENTLE}: behaviours for everyone changed"],
        {},
    ),
    "role field": (
        "Cleans teeth and teaches home care.",
        "Keeps teeth healthy for life.",
        [],
        {
            "receptionist": [
                "their direct report Hygienist [hygienist] changed (customer position)"
            ],
            "hygienist": ["their role Hygienist [hygienist] changed (customer position)"],
        },
    ),
    # The name's grammar changes the sentences that name the organisation, role pages too.
    "organisation grammar": (
        "  name: Harbour Dental\n",
        "  name: Harbour Dental\n  grammar: {name: {article: true, gender: feminine}}\n",
        [],
        {},
    ),
    "KPI": (
        "Minutes from appointment time to chair.",
        "Minutes from arrival to chair.",
        [],
        {"receptionist": ["the KPI Wait time [wait-time] changed (definition)"]},
    ),
}


def article_texts(site: Site) -> dict[str, str]:
    """Every page's article text, without the build's own "Updated on" line."""
    texts = {}
    for url in site.page_urls:
        if url.startswith(("assets/", "search/")) or not site.file_for(url).is_file():
            continue
        html = site.html(url)
        if "<article" not in html:
            continue  # a redirect page
        texts[url] = page_words(html, within="article", skip_classes=("playbook-updated",))
    return texts


def build(root: Path, profile: str) -> tuple[Project, dict[str, str]]:
    project = write_project(root, profile)
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    return project, article_texts(project.site())


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, dict[str, str]]:
    return build(tmp_path_factory.mktemp("before"), PROFILE)


def report_pages(text: str, heading: str, prefix: str) -> list[str]:
    """The page addresses listed under a report's "Pages that change" heading."""
    lines = text.splitlines()
    start = next((index for index, line in enumerate(lines) if line.startswith(heading)), None)
    if start is None:
        return []
    pages = []
    for line in lines[start + 1 :]:
        if not line.strip():
            if pages:
                break
            continue
        if not line.startswith(prefix):
            break
        pages.append(line.rsplit(": ", 1)[1].strip("`").removeprefix("/"))
    return pages


@pytest.mark.parametrize("kind", list(EDITS))
def test_diff_lists_exactly_the_pages_whose_text_changes(
    kind: str, before: tuple[Project, dict[str, str]], tmp_path: Path
) -> None:
    old_text, new_text, everyone, roles = EDITS[kind]
    assert PROFILE.count(old_text) == 1
    old_project, old_pages = before
    new_project, new_pages = build(tmp_path, PROFILE.replace(old_text, new_text))
    differing = sorted(
        url
        for url in old_pages.keys() | new_pages.keys()
        if old_pages.get(url) != new_pages.get(url)
    )
    # Behaviours for named roles are not shown on any page yet: no page changes, and the
    # report must say none (the people concerned are still re-briefed).
    assert differing or kind == "role behaviour", "the edit changed no page"

    sides = (str(old_project.profile), str(new_project.profile))
    code, output = run("diff", *sides, "--format", "json")
    assert code == 0, output
    report = json.loads(output)
    assert sorted(report["pages"]) == differing
    assert report["everyone"] == everyone
    assert {entry["role_id"]: entry["reasons"] for entry in report["rebrief"]} == roles

    code, text = run("diff", *sides)
    assert code == 0, text
    assert sorted(report_pages(text, "Pages that change", "  ")) == differing
    code, markdown = run("diff", *sides, "--format", "markdown")
    assert code == 0, markdown
    assert sorted(report_pages(markdown, "### Pages that change", "- ")) == differing


def test_diff_renders_the_pages_as_the_project_builds_them(tmp_path: Path) -> None:
    # Interview questions are shown on the hiring guide only. The project's own hiring
    # page shows none: adding a question there changes no page, and the diff says so.
    old_text, new_text, _, _ = EDITS["interview question"]
    files = {"docs/hiring.md": "# Hiring\n\nAsk the people team.\n"}
    old = write_project(tmp_path / "old", PROFILE, files)
    new = write_project(tmp_path / "new", PROFILE.replace(old_text, new_text), files)
    code, output = run("diff", str(old.profile), str(new.profile), "--format", "json")
    assert code == 0, output
    assert json.loads(output)["pages"] == []
    # With the packaged templates (no mkdocs.yml beside the profile) the hiring guide
    # lists the question.
    new.mkdocs_yml.unlink()
    code, output = run("diff", str(old.profile), str(new.profile), "--format", "json")
    assert json.loads(output)["pages"] == ["hiring/"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_against_the_last_commit_lists_the_pages_the_build_changes(
    before: tuple[Project, dict[str, str]], tmp_path: Path
) -> None:
    old_pages = before[1]
    project = write_project(tmp_path, PROFILE)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "First version"]):
        subprocess.run(
            ["git", "-c", "user.name=HR", "-c", "user.email=hr@example.com", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )
    old_text, new_text, everyone, _ = EDITS["value summary"]
    project.profile.write_text(PROFILE.replace(old_text, new_text), encoding="utf-8")
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    new_pages = article_texts(project.site())
    differing = sorted(url for url in new_pages if old_pages.get(url) != new_pages[url])
    assert "onboarding/" in differing  # the manager's first-day script names the value

    diff = subprocess.run(
        [
            sys.executable,
            "-m",
            "playbook",
            "diff",
            "git:HEAD",
            "org_config.yml",
            "--format",
            "json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert diff.returncode == 0, diff.stderr
    report = json.loads(diff.stdout)
    assert sorted(report["pages"]) == differing
    assert report["everyone"] == everyone and report["rebrief"] == []
