"""HR's workflow through the real CLI: init, lint, diff (files and git revisions)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main

BASE_PROFILE = textwrap.dedent(
    """\
    schema_version: 1
    organisation:
      name: Harbour Dental
      mission: Healthy smiles without the dread.
      customers: Families in the harbour district.
    values:
      - id: gentle
        name: Gentle care
        summary: Nobody leaves more anxious than they came.
        behaviours:
          everyone: [Explain each step before doing it]
          leaders: [Ask patients how the visit felt]
        interview_questions: [Tell me about calming a nervous person.]
      - id: on-time
        name: On time
        summary: Patients' time matters as much as ours.
        behaviours:
          everyone: [Call ahead when running late]
    journey:
      - id: book
        name: Book
        customer_goal: Get an appointment that fits.
      - id: visit
        name: Visit
        customer_goal: Get treated without fear.
    roles:
      - id: receptionist
        title: Receptionist
        department: Front desk
        customer_facing: true
        customer_position: The first voice patients hear.
        touchpoints: [book, visit]
        kpis: [wait-time]
        values_in_action:
          on-time: [Tells waiting patients the real delay]
      - id: hygienist
        title: Hygienist
        department: Clinic
        customer_facing: true
        customer_position: Cleans teeth and teaches home care.
        touchpoints: [visit]
        values_in_action:
          gentle: [Stops when a patient raises a hand]
      - id: bookkeeper
        title: Bookkeeper
        department: Office
        customer_facing: false
        customer_position: Keeps bills right so patients trust them.
    kpis:
      - id: wait-time
        name: Wait time
        definition: Minutes from appointment time to chair.
        customer_outcome: Patients are seen when promised.
        values: [on-time]
      - id: recall-rate
        name: Recall rate
        definition: Share of patients back within a year.
        customer_outcome: Patients keep their teeth healthy.
    recognition:
      programs:
        - id: calm-award
          name: Calm award
          criteria: Made a frightened patient feel safe.
          values: [gentle]
    feedback_channels:
      - id: exit-card
        name: Exit card
        owner: receptionist
    """
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


# --- lint ---------------------------------------------------------------------------------


def test_lint_reports_each_gap_with_position_and_why(tmp_path: Path) -> None:
    profile = write(tmp_path / "org_config.yml", BASE_PROFILE)
    code, output = run("lint", str(profile))
    lines = output.splitlines()
    assert code == 1
    assert lines[-1] == f"{profile}: 12 findings"
    assert sorted(line.split(": ")[1] for line in lines[:-1]) == [
        "channel-no-action",
        "channel-no-audience",
        "channel-no-cadence",
        "kpi-no-target",
        "kpi-no-target",
        "kpi-unowned",
        "role-no-kpis",
        "role-no-kpis",
        "role-no-touchpoints",
        "value-no-interview-questions",
        "value-no-leader-behaviours",
        "value-no-recognition",
    ]
    assert (
        f"{profile}:44:5: role-no-touchpoints: role 'Bookkeeper' [bookkeeper] shapes no journey "
        "stage (add touchpoints) (people in this role cannot see where their work reaches "
        "customers)"
    ) in lines
    assert (
        f"{profile}:55:5: kpi-unowned: no role owns the KPI 'Recall rate' [recall-rate]" in output
    )
    assert (
        f"{profile}:66:5: channel-no-action: feedback channel 'Exit card' [exit-card] has no action"
        in output
    )
    assert f"{profile}:50:5: kpi-no-target: KPI 'Wait time' [wait-time] has no target" in output


def test_lint_finds_unowned_stage_and_value_nobody_puts_in_action(tmp_path: Path) -> None:
    text = (
        BASE_PROFILE.replace("touchpoints: [visit]", "touchpoints: []")
        .replace("touchpoints: [book, visit]", "touchpoints: [book]")
        .replace("      gentle: [Stops when a patient raises a hand]\n", "      {}\n")
    )
    text = text.replace("    values_in_action:\n      {}\n", "")
    profile = write(tmp_path / "org_config.yml", text)
    code, output = run("lint", str(profile))
    assert code == 1
    assert "stage-unowned: no role shapes the journey stage 'Visit' [visit]" in output
    assert (
        "value-not-in-action: no role puts the value 'Gentle care' [gentle] into action" in output
    )


def test_lint_is_clean_when_gaps_are_accepted_with_reasons(tmp_path: Path) -> None:
    profile = write(tmp_path / "org_config.yml", BASE_PROFILE)
    code, output = run("lint", "--format", "json", str(profile))
    findings = json.loads(output)
    accepted = "\n".join(
        f"    - rule: {item['rule']}\n      id: {item['item_id']}\n      reason: Accepted."
        for item in findings
    )
    write(profile, BASE_PROFILE + f"lint:\n  ignore:\n{accepted}\n")
    code, output = run("lint", str(profile))
    assert (code, output.strip()) == (0, f"{profile}: no findings")


def test_lint_reports_an_ignore_that_matches_nothing(tmp_path: Path) -> None:
    text = BASE_PROFILE + (
        "lint:\n  ignore:\n    - rule: role-no-kpis\n      id: receptionist\n"
        "      reason: Old exception.\n"
    )
    code, output = run("lint", str(write(tmp_path / "org_config.yml", text)))
    assert code == 1
    assert "unused-ignore: lint.ignore[0] accepts role-no-kpis for 'receptionist'" in output


def test_lint_refuses_an_unknown_rule_with_a_suggestion(tmp_path: Path) -> None:
    text = BASE_PROFILE + (
        "lint:\n  ignore:\n    - rule: role-no-kpi\n      id: bookkeeper\n      reason: x\n"
    )
    profile = write(tmp_path / "org_config.yml", text)
    code, output = run("lint", str(profile))
    assert code == 2
    assert (
        f"{profile}:71:7: lint.ignore[0].rule: unknown rule 'role-no-kpi' "
        "(did you mean 'role-no-kpis'?)"
    ) in output


def test_lint_of_an_invalid_profile_exits_2(tmp_path: Path) -> None:
    profile = write(tmp_path / "org_config.yml", BASE_PROFILE.replace("[wait-time]", "[wait]"))
    code, output = run("lint", str(profile))
    assert code == 2
    assert "unknown KPI 'wait' (did you mean 'wait-time'?)" in output


# --- diff ---------------------------------------------------------------------------------


def diff(tmp_path: Path, new_text: str, *options: str) -> str:
    old = write(tmp_path / "old.yml", BASE_PROFILE)
    new = write(tmp_path / "new.yml", new_text)
    code, output = run("diff", str(old), str(new), *options)
    assert code == 0, output
    return output


def test_diff_of_a_renamed_value_affects_roles_using_it(tmp_path: Path) -> None:
    new = (
        BASE_PROFILE.replace("id: on-time", "id: punctual")
        .replace("on-time: [Tells", "punctual: [Tells")
        .replace("values: [on-time]", "values: [punctual]")
    )
    report = json.loads(diff(tmp_path, new, "--format", "json"))
    values = [change for change in report["changes"] if change["section"] == "value"]
    assert values == [
        {
            "section": "value",
            "kind": "renamed",
            "item_id": "punctual",
            "name": "On time",
            "old_id": "on-time",
            "fields": [],
            "affected_roles": ["receptionist"],
            "pages": ["values/punctual/"],
        }
    ]


def test_diff_of_a_changed_behaviour_shows_old_and_new_text(tmp_path: Path) -> None:
    new = BASE_PROFILE.replace("Explain each step before doing it", "Show each tool first")
    output = diff(tmp_path, new)
    assert output.splitlines() == [
        f"{tmp_path / 'old.yml'} -> {tmp_path / 'new.yml'}: 1 change, 1 role to re-brief",
        "",
        "value 'gentle' (Gentle care) changed",
        "  behaviours:",
        '    - {"everyone": ["Explain each step before doing it"], '
        '"leaders": ["Ask patients how the visit felt"]}',
        '    + {"everyone": ["Show each tool first"], '
        '"leaders": ["Ask patients how the visit felt"]}',
        "  affects: hygienist",
        "  pages: /values/gentle/",
        "",
        "roles to re-brief: hygienist",
    ]


def test_diff_of_a_changed_value_names_roles_with_linked_kpis(tmp_path: Path) -> None:
    new = BASE_PROFILE.replace("Patients' time matters as much as ours.", "Time is care.")
    output = diff(tmp_path, new, "--format", "markdown")
    assert "### value 'on-time' (On time) changed" in output
    assert "| `summary` | Patients' time matters as much as ours. | Time is care. |" in output
    assert "**Roles to re-brief (1):** `receptionist`" in output


def test_diff_of_a_removed_role(tmp_path: Path) -> None:
    start = BASE_PROFILE.index("  - id: bookkeeper")
    end = BASE_PROFILE.index("kpis:\n  - id: wait-time")
    new = BASE_PROFILE[:start] + BASE_PROFILE[end:]
    output = diff(tmp_path, new)
    assert "role 'bookkeeper' (Bookkeeper) removed" in output
    assert "roles to re-brief: bookkeeper" in output


def test_diff_of_identical_profiles(tmp_path: Path) -> None:
    output = diff(tmp_path, BASE_PROFILE)
    assert output.strip().startswith("no changes between")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_between_git_revisions(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=HR", "-c", "user.email=hr@example.com", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    write(tmp_path / "org_config.yml", BASE_PROFILE)
    git("add", "org_config.yml")
    git("commit", "-qm", "first")
    write(tmp_path / "org_config.yml", BASE_PROFILE.replace("Wait time", "Waiting time"))
    git("commit", "-qam", "second")
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "diff", "git:HEAD~1", "git:HEAD:org_config.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:6] == [
        "HEAD~1:org_config.yml -> HEAD:org_config.yml: 1 change, 1 role to re-brief",
        "",
        "KPI 'wait-time' (Waiting time) changed",
        "  name:",
        "    - Wait time",
        "    + Waiting time",
    ]
    missing = subprocess.run(
        [sys.executable, "-m", "playbook", "diff", "git:nope", "org_config.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert missing.stderr.startswith("git:nope: ")
    assert "Traceback" not in missing.stderr


# --- init ---------------------------------------------------------------------------------


def test_init_creates_a_project_that_builds_and_lints_clean(tmp_path: Path) -> None:
    project = tmp_path / "new-playbook"
    code, output = run("init", str(project))
    assert code == 0, output
    assert sorted(
        str(path.relative_to(project)) for path in project.rglob("*") if path.is_file()
    ) == [
        ".github/workflows/playbook.yml",
        ".gitignore",
        "README.md",
        "docs/.gitkeep",
        "mkdocs.yml",
        "org-profile.schema.json",
        "org_config.yml",
    ]
    profile = project / "org_config.yml"
    assert profile.read_text().startswith(
        "# yaml-language-server: $schema=./org-profile.schema.json\n"
    )
    assert run("validate", str(profile)) == (
        0,
        "valid: 3 values, 4 roles, 3 KPIs, 4 journey stages\n",
    )
    # A fresh project is example text: lint points at every sentence still to be rewritten.
    code, output = run("lint", str(profile))
    assert code == 1
    findings = output.splitlines()[:-1]
    assert findings and all(": init-placeholder: " in line for line in findings)
    code, output = run("build", "--config", str(profile))
    assert code == 0, output
    assert (project / "site" / "roles" / "support-agent" / "index.html").is_file()


def test_init_never_overwrites(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", "site_name: mine\n")
    code, output = run("init", str(tmp_path))
    assert code == 2
    assert output.strip() == (
        f"nothing written: these files already exist: {tmp_path / 'mkdocs.yml'}"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mkdocs.yml"]
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: mine\n"


def test_init_interactive_writes_the_answers_safely(tmp_path: Path) -> None:
    project = tmp_path / "acme"
    answers = (
        "\n".join(
            [
                "Acme Works",
                'We fix things: "properly" {{ 7*7 }}',
                "- Households # and shops",
                "Own it, Be kind!",
                "We finish what we start.",
                "Calls back the same day.",
                "Kindness first.",
                "Listens before answering.",
            ]
        )
        + "\n"
    )
    result = CliRunner().invoke(main, ["init", "--interactive", str(project)], input=answers)
    assert result.exit_code == 0, result.output
    code, output = run("validate", str(project / "org_config.yml"))
    assert code == 0, output
    from playbook.profile import load_profile

    profile = load_profile(project / "org_config.yml")
    assert profile.organisation.name == "Acme Works"
    assert profile.organisation.mission == 'We fix things: "properly" {{ 7*7 }}'
    assert profile.organisation.customers == "- Households # and shops"
    assert [(value.id, value.name) for value in profile.values] == [
        ("own-it", "Own it"),
        ("be-kind", "Be kind!"),
    ]
    assert profile.values[1].behaviours.everyone == ["Listens before answering."]


def test_init_interactive_rejects_jinja_in_the_name(tmp_path: Path) -> None:
    answers = "Acme {{ x }}\nAcme\nMission.\nCustomers.\nCare\nWe care.\nListens.\n"
    result = CliRunner().invoke(main, ["init", "-i", str(tmp_path / "p")], input=answers)
    assert result.exit_code == 0, result.output
    assert "a name cannot contain '{{'" in result.output
    assert "Acme {{ x }}" not in (tmp_path / "p" / "org_config.yml").read_text()
