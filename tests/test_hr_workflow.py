"""HR's workflow through the real CLI: lint (diff is in test_diff.py, init in test_init.py)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

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


def test_lint_flags_placeholder_markers_but_not_the_spanish_word_todo(tmp_path: Path) -> None:
    old = "Cleans teeth and teaches home care."
    assert old in BASE_PROFILE
    spanish = BASE_PROFILE.replace(old, "Anotamos todo lo que entra y Todo se revisa.")
    _, output = run("lint", str(write(tmp_path / "es.yml", spanish)))
    assert "init-placeholder" not in output
    marked = BASE_PROFILE.replace(old, "TODO describe the hygienist.")
    _, output = run("lint", str(write(tmp_path / "todo.yml", marked)))
    assert ": init-placeholder: 'TODO describe the hygienist.'" in output
    example = BASE_PROFILE.replace(old, "Write to Lorem Ipsum at Example.com.")
    _, output = run("lint", str(write(tmp_path / "lorem.yml", example)))
    assert "init-placeholder" in output


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


# A bike shop's Shops department with behaviours that name the workshop. Asking the shop
# to work with the workshop is a cross-team behaviour of the shop; telling the workshop's
# mechanics what to do, under Shops, is misplaced (the mechanics read Workshop's list).
CROSS_TEAM = BASE_PROFILE.replace(
    "      leaders: [Ask patients how the visit felt]\n",
    "      leaders: [Ask patients how the visit felt]\n"
    "      departments:\n"
    "        Front desk:\n"
    "          - Agree the spring rota with the Hygienist.\n"
    "          - Tell the Clinic when a patient arrives anxious.\n"
    "          - Support the clinic team at peak times.\n"
    "          - The hygienists explain each step before starting.\n"
    "          - Clinic staff confirm the next visit before the patient leaves.\n",
).replace("department: Office", "department: Support")


def test_lint_department_rule_fires_only_on_behaviours_about_another_department(
    tmp_path: Path,
) -> None:
    profile = write(tmp_path / "org_config.yml", CROSS_TEAM)
    code, output = run("lint", str(profile))
    assert code == 1
    found = [line for line in output.splitlines() if "behaviour-names-other-department" in line]
    value = "a behaviour of value 'Gentle care' [gentle] for 'Front desk'"
    why = (
        "(the people whose work it describes read their own department's behaviours, not this one)"
    )
    assert found == [
        f"{profile}:18:13: behaviour-names-other-department: {value} says what 'Clinic' does; "
        f"list it under roles: hygienist (or departments: Clinic) {why}",
        f"{profile}:19:13: behaviour-names-other-department: {value} says what 'Clinic' does; "
        f"list it under departments: Clinic {why}",
    ]
