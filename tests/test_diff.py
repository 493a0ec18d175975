"""`playbook diff` through the real CLI, on files and on real git repositories."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sitekit import run_playbook

from tests.test_hr_workflow import BASE_PROFILE, run, write

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def diff(tmp_path: Path, new_text: str, *options: str) -> str:
    old = write(tmp_path / "old.yml", BASE_PROFILE)
    new = write(tmp_path / "new.yml", new_text)
    code, output = run("diff", str(old), str(new), *options)
    assert code == 0, output
    return output


def section(output: str, heading: str) -> list[str]:
    """The indented lines under one heading of the text report."""
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(heading))
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        body.append(line.strip())
    return body


def without_role(text: str, role_id: str, next_marker: str) -> str:
    start = text.index(f"  - id: {role_id}")
    end = text.index(next_marker, start)
    return text[:start] + text[end:]


def test_changed_everyday_behaviour_rebriefs_everyone_once(tmp_path: Path) -> None:
    new = BASE_PROFILE.replace("Explain each step before doing it", "Show each tool first")
    output = diff(tmp_path, new)
    assert output.splitlines()[0] == (
        f"Changes from {tmp_path / 'old.yml'} to {tmp_path / 'new.yml'}: "
        "1 change; re-brief everyone; 0 addresses will stop working."
    )
    assert section(output, "What changed") == [
        "Value Gentle care [gentle]: changed",
        "behaviours for everyone:",
        "removed: Explain each step before doing it",
        "added: Show each tool first",
    ]
    # Everyone is told once, not role by role; the role pages only link to the value.
    assert section(output, "Who to re-brief (everyone)") == [
        "Everyone: Gentle care [gentle]: behaviours for everyone changed"
    ]
    assert section(output, "Pages that change (3)") == [
        "Values: /values/",
        "Gentle care: /values/gentle/",
        "Hiring: /hiring/",
    ]
    assert "{" not in output and '["' not in output


def test_renaming_a_value_is_a_name_change_not_a_rebrief(tmp_path: Path) -> None:
    output = diff(tmp_path, BASE_PROFILE.replace("name: Gentle care", "name: Gentle & calm"))
    assert section(output, "Who to re-brief") == ["nobody"]
    assert section(output, "Names changed") == [
        "value [gentle]: 'Gentle care' is now 'Gentle & calm'"
    ]


def test_changed_role_rebriefs_the_role_and_its_manager(tmp_path: Path) -> None:
    text = BASE_PROFILE.replace(
        "customer_position: Cleans teeth and teaches home care.",
        "customer_position: Cleans teeth and teaches home care.\n    reports_to: receptionist",
    )
    old = write(tmp_path / "old.yml", text)
    new = write(
        tmp_path / "new.yml",
        text.replace("Cleans teeth and teaches home care.", "Keeps teeth healthy for life.")
        .replace("touchpoints: [visit]", "touchpoints: [book, visit]")
        .replace("gentle: [Stops when a patient raises a hand]", "gentle: [Pauses on request]"),
    )
    code, output = run("diff", str(old), str(new))
    assert code == 0, output
    assert section(output, "What changed") == [
        "Role Hygienist [hygienist]: changed",
        "customer position:",
        "was: Cleans teeth and teaches home care.",
        "now: Keeps teeth healthy for life.",
        "journey stages:",
        "added: Book [book]",
        "Gentle care [gentle] in action:",
        "removed: Stops when a patient raises a hand",
        "added: Pauses on request",
    ]
    what = "customer position, journey stages, Gentle care [gentle] in action"
    assert section(output, "Who to re-brief") == [
        f"Receptionist [receptionist]: their direct report Hygienist [hygienist] changed ({what})",
        f"Hygienist [hygienist]: their role Hygienist [hygienist] changed ({what})",
    ]


def test_removed_role_is_listed_as_removed_and_its_address_as_lost(tmp_path: Path) -> None:
    new = without_role(BASE_PROFILE, "bookkeeper", "kpis:\n  - id: wait-time")
    output = diff(tmp_path, new)
    assert section(output, "Removed") == ["role Bookkeeper [bookkeeper]"]
    assert section(output, "Who to re-brief") == ["nobody"]
    assert section(output, "Addresses that will stop working") == [
        "/roles/bookkeeper/: the role is removed; if another role takes over its work, add "
        "former_ids: [bookkeeper] to that role and the address leads there"
    ]


def test_new_role_id_suggests_former_ids_and_references_are_not_changes(tmp_path: Path) -> None:
    new = BASE_PROFILE.replace("id: receptionist", "id: front-desk").replace(
        "owner: receptionist", "owner: front-desk"
    )
    output = diff(tmp_path, new)
    assert section(output, "What changed") == [
        "Role Receptionist [front-desk]: new id (was [receptionist])"
    ]
    assert section(output, "Who to re-brief") == ["nobody"]
    assert section(output, "Addresses that will stop working") == [
        "/roles/receptionist/: the page is now /roles/front-desk/; add former_ids: "
        "[receptionist] to the role Receptionist [front-desk] and the old address leads there"
    ]
    # With the former id recorded, the address keeps working: nothing is lost.
    kept = new.replace(
        "  - id: front-desk\n", "  - id: front-desk\n    former_ids: [receptionist]\n"
    )
    output = diff(tmp_path, kept)
    assert "Addresses that will stop working" not in output
    assert "0 addresses will stop working" in output.splitlines()[0]


def test_new_value_id_with_a_new_name_is_one_change(tmp_path: Path) -> None:
    new = (
        BASE_PROFILE.replace("id: on-time", "id: punctual")
        .replace("name: On time", "name: Punctual")
        .replace("on-time: [Tells", "punctual: [Tells")
        .replace("values: [on-time]", "values: [punctual]")
    )
    report = json.loads(diff(tmp_path, new, "--format", "json"))
    assert [(c["section"], c["kind"], c["item_id"], c["old_id"]) for c in report["changes"]] == [
        ("value", "renamed", "punctual", "on-time")
    ]
    assert report["affected_roles"] == []
    assert report["name_changes"] == [
        {"section": "value", "item_id": "punctual", "old_name": "On time", "new_name": "Punctual"}
    ]
    assert [lost["address"] for lost in report["lost_addresses"]] == ["/values/on-time/"]


def test_kpi_change_rebriefs_the_roles_that_hold_it(tmp_path: Path) -> None:
    new = BASE_PROFILE.replace("Minutes from appointment", "Minutes from arrival")
    output = diff(tmp_path, new)
    assert section(output, "Who to re-brief") == [
        "Receptionist [receptionist]: the KPI Wait time [wait-time] changed (definition)"
    ]


def test_markdown_report_escapes_profile_text(tmp_path: Path) -> None:
    new = BASE_PROFILE.replace(
        "Explain each step before doing it",
        '"<script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }}"',
    )
    output = diff(tmp_path, new, "--format", "markdown")
    assert "<script>" not in output
    assert "](javascript:" not in output
    assert "{{" not in output
    assert (
        "- added: &lt;script&gt;alert(1)&lt;/script&gt; &#91;x&#93;(javascript:alert(1)) "
        "&#123;&#123; 7*7 &#125;&#125;"
    ) in output
    assert "### Who to re-brief (everyone)" in output
    assert "- **Everyone**: Gentle care &#91;gentle&#93;: behaviours for everyone changed" in output


def test_identical_profiles(tmp_path: Path) -> None:
    output = diff(tmp_path, BASE_PROFILE)
    assert output.strip() == (
        f"No changes between {tmp_path / 'old.yml'} and {tmp_path / 'new.yml'}."
    )


def test_an_invalid_side_exits_2_with_located_problems(tmp_path: Path) -> None:
    old = write(tmp_path / "old.yml", BASE_PROFILE)
    new = write(tmp_path / "new.yml", BASE_PROFILE.replace("kpis: [wait-time]", "kpis: [wait]"))
    code, output = run("diff", str(old), str(new))
    assert code == 2
    assert output.strip() == (
        f"{new}:33:12: roles[0].kpis[0]: unknown KPI 'wait' (did you mean 'wait-time'?)"
    )


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=HR", "-c", "user.email=hr@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


@needs_git
def test_diff_between_git_revisions(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path / "org_config.yml", BASE_PROFILE)
    git(tmp_path, "add", "org_config.yml")
    git(tmp_path, "commit", "-qm", "first")
    write(tmp_path / "org_config.yml", BASE_PROFILE.replace("Wait time", "Waiting time"))
    git(tmp_path, "commit", "-qam", "second")
    result = run_playbook(tmp_path, "diff", "git:HEAD~1", "git:HEAD:org_config.yml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:7] == [
        "Changes from HEAD~1:org_config.yml to HEAD:org_config.yml: 1 change; re-brief 0 "
        "roles; 0 addresses will stop working.",
        "",
        "What changed",
        "  KPI Waiting time [wait-time]: changed",
        "    name:",
        "      was: Wait time",
        "      now: Waiting time",
    ]
    missing = run_playbook(tmp_path, "diff", "git:nope", "org_config.yml")
    assert missing.returncode == 2
    assert missing.stderr.startswith("git:nope: ")
    assert "Traceback" not in missing.stderr


@needs_git
def test_an_invalid_committed_side_is_located_in_the_revision(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path / "org_config.yml", BASE_PROFILE.replace("values: [gentle]", "values: [gentl]"))
    git(tmp_path, "add", "org_config.yml")
    git(tmp_path, "commit", "-qm", "broken")
    write(tmp_path / "org_config.yml", BASE_PROFILE)
    result = run_playbook(tmp_path, "diff", "git:HEAD", "org_config.yml")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "HEAD:org_config.yml:64:16: recognition.programs[0].values[0]: unknown value 'gentl' "
        "(did you mean 'gentle'?)"
    )


def test_diff_of_two_large_profiles_names_the_pages_that_change(tmp_path: Path) -> None:
    roles = "".join(
        f"  - id: role-{n}\n    title: Role {n}\n    department: Team {n % 20}\n"
        f"    customer_facing: true\n    customer_position: Serves customers, desk {n}.\n"
        f"    touchpoints: [book]\n"
        for n in range(1000)
    )
    text = BASE_PROFILE.replace("roles:\n", "roles:\n" + roles, 1)
    old = write(tmp_path / "old.yml", text)
    new = write(tmp_path / "new.yml", text.replace("Explain each step", "Show each step"))
    code, output = run("diff", str(old), str(new))
    assert code == 0, output
    assert "re-brief everyone" in output.splitlines()[0]
    # Both sides' 1,018 pages are rendered to name the pages that change.
    assert section(output, "Pages that change (3)") == [
        "Values: /values/",
        "Gentle care: /values/gentle/",
        "Hiring: /hiring/",
    ]


def test_text_report_names_forty_pages_and_counts_the_rest(tmp_path: Path) -> None:
    roles = "".join(
        f"  - id: role-{n}\n    title: Role {n}\n    department: Team {n % 5}\n"
        f"    customer_facing: true\n    customer_position: Serves customers, desk {n}.\n"
        for n in range(60)
    )
    text = BASE_PROFILE.replace("roles:\n", "roles:\n" + roles, 1)
    old = write(tmp_path / "old.yml", text)
    new = write(
        tmp_path / "new.yml", text.replace("name: Harbour Dental", "name: Harbour Dentists")
    )
    code, output = run("diff", str(old), str(new), "--format", "json")
    assert code == 0, output
    pages = json.loads(output)["pages"]
    assert len(pages) > 60  # the organisation's name is on every role page
    code, output = run("diff", str(old), str(new))
    listed = section(output, f"Pages that change ({len(pages)})")
    assert len(listed) == 41
    assert listed[-1] == f"and {len(pages) - 40} more pages (--format json lists them all)"
    assert [line.rsplit(": /", 1)[1] for line in listed[:40]] == pages[:40]


def test_interview_questions_without_leaders_are_for_whoever_hires(tmp_path: Path) -> None:
    # Nobody reports to anyone here: whoever hires is told, with everyone.
    new = BASE_PROFILE.replace(
        "interview_questions: [Tell me about calming a nervous person.]",
        "interview_questions: [Tell me about calming a nervous person., What calms you?]",
    )
    output = diff(tmp_path, new)
    assert section(output, "Who to re-brief (everyone)") == [
        "Everyone: Gentle care [gentle]: interview questions changed (for whoever hires)"
    ]
    assert section(output, "Pages that change (1)") == ["Hiring: /hiring/"]


def test_a_changelog_entry_changes_the_what_changed_page_only(tmp_path: Path) -> None:
    old = BASE_PROFILE + "changelog:\n  - date: 2026-03-02\n    summary: First version.\n"
    write(tmp_path / "old.yml", old)
    new = write(tmp_path / "new.yml", old.replace("First version.", "The first version."))
    code, output = run("diff", str(tmp_path / "old.yml"), str(new))
    assert code == 0, output
    assert section(output, "What changed") == ["the changelog only"]
    assert section(output, "Who to re-brief (0 roles)") == ["nobody"]
    assert section(output, "Pages that change (1)") == ["What changed: /changes/"]


@needs_git
@pytest.mark.parametrize("revision", ["--output=d", "-p", "", "--end-of-options"])
def test_a_git_revision_is_never_read_as_an_option(tmp_path: Path, revision: str) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path / "org_config.yml", BASE_PROFILE)
    git(tmp_path, "add", "org_config.yml")
    git(tmp_path, "commit", "-qm", "first")
    # `git show --output=d:./org_config.yml` would write the file d:./org_config.yml.
    (tmp_path / "d:.").mkdir()
    result = run_playbook(tmp_path, "diff", f"git:{revision}", "org_config.yml")
    assert result.returncode == 2
    assert result.stderr == (
        f"git:{revision}: '{revision}' is not a git revision; write git:REV[:PATH] with a "
        "commit, branch or tag as REV (for example git:HEAD~1), never starting with '-'\n"
    )
    assert list((tmp_path / "d:.").iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == [".git", "d:.", "org_config.yml"]


@needs_git
def test_a_missing_revision_or_file_is_a_sentence(tmp_path: Path) -> None:
    outside = run_playbook(tmp_path, "diff", "git:HEAD", "org_config.yml")
    assert outside.returncode == 2
    assert outside.stderr == "git:HEAD: this folder is not inside a git repository\n"
    git(tmp_path, "init", "-q")
    write(tmp_path / "org_config.yml", BASE_PROFILE)
    git(tmp_path, "add", "org_config.yml")
    git(tmp_path, "commit", "-qm", "first")
    missing = run_playbook(tmp_path, "diff", "git:HEAD~3", "org_config.yml")
    assert missing.returncode == 2
    assert missing.stderr == (
        "git:HEAD~3: there is no commit 'HEAD~3' in this repository (git log lists the commits)\n"
    )
    no_file = run_playbook(tmp_path, "diff", "git:HEAD:other.yml", "org_config.yml")
    assert no_file.returncode == 2
    assert no_file.stderr == "git:HEAD:other.yml: revision HEAD has no file other.yml\n"


def test_program_change_rebriefs_the_roles_whose_page_shows_it(tmp_path: Path) -> None:
    # The bookkeeper has no value in action of its own, but the value names behaviours
    # for its department, so its role page lists the Calm award: it is re-briefed too.
    with_department = BASE_PROFILE.replace(
        "      leaders: [Ask patients how the visit felt]\n",
        "      leaders: [Ask patients how the visit felt]\n"
        "      departments:\n"
        "        Office: [Explain each bill line on the phone]\n",
    )
    assert with_department != BASE_PROFILE
    old = write(tmp_path / "old.yml", with_department)
    new = write(
        tmp_path / "new.yml",
        with_department.replace("Made a frightened patient", "Made an anxious patient"),
    )
    code, output = run("diff", str(old), str(new))
    assert code == 0, output
    assert section(output, "Who to re-brief") == [
        "Hygienist [hygienist]: the recognition program Calm award [calm-award] changed",
        "Bookkeeper [bookkeeper]: the recognition program Calm award [calm-award] changed",
    ]
