"""`playbook validate` and `playbook schema`, run as people run them.

Most tests use click's CliRunner in a temporary project folder; a few start the real
`python -m playbook` process, so the entry point, exit codes and streams are real too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from playbook.cli import main

VALID_SUMMARY = "valid: 1 value, 1 role, 1 KPI, 1 journey stage\n"
UNKNOWN_KPI = "org_config.yml:24:12: roles[0].kpis[0]: unknown KPI 'nsp' (did you mean 'nps'?)\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder, made the current directory like a person's terminal."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_cli(*args: str):
    # color=True: click passes escape sequences through, as it does on a terminal
    return CliRunner().invoke(main, list(args), color=True)


def run_process(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "playbook", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# --- validate -----------------------------------------------------------------------------


def test_valid_profile_exits_0_with_a_summary(project, minimal_profile):
    (project / "org_config.yml").write_text(minimal_profile, encoding="utf-8")

    result = run_cli("validate")

    assert (result.exit_code, result.stdout, result.stderr) == (0, VALID_SUMMARY, "")


def test_summary_counts_use_plurals(project):
    (project / "team.yml").write_text(
        dedent(
            """\
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
                customer_position: Answers customers' questions.
              - id: lead
                title: Team lead
                department: Customer care
                customer_facing: false
                customer_position: Coaches the agents.
            """
        ),
        encoding="utf-8",
    )

    result = run_cli("validate", "team.yml")

    assert (result.exit_code, result.stdout) == (
        0,
        "valid: 1 value, 2 roles, 0 KPIs, 0 journey stages\n",
    )


def test_invalid_profile_exits_2_with_located_problems_on_stderr(project, minimal_profile):
    text = minimal_profile.replace("kpis: [nps]", "kpis: [nsp]").replace(
        "customer_facing: true", "customer_facing: yes"
    )
    (project / "org_config.yml").write_text(text, encoding="utf-8")

    result = run_cli("validate")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "org_config.yml:21:5: roles[0].customer_facing: must be true or false (got 'yes')\n"
        + UNKNOWN_KPI
    )


def test_unsafe_yaml_exits_2_without_a_traceback(project):
    (project / "org_config.yml").write_text(
        "schema_version: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8"
    )

    result = run_cli("validate")

    assert result.exit_code == 2
    assert result.stderr == (
        "org_config.yml:1:17: YAML tag '!!python/object/apply:os.system' "
        "is not allowed; write plain text, lists and mappings only\n"
    )
    assert "Traceback" not in result.output
    assert "hi" not in result.stdout


def test_missing_profile_exits_2(project):
    result = run_cli("validate", "nope.yml")

    assert (result.exit_code, result.stderr) == (2, "nope.yml: file not found\n")


def test_folder_instead_of_profile_exits_2(project):
    (project / "profiles").mkdir()

    result = run_cli("validate", "profiles")

    assert (result.exit_code, result.stderr) == (
        2,
        "profiles: this is a folder, not a profile file\n",
    )


def test_validate_in_a_real_process_valid(tmp_path, minimal_profile):
    (tmp_path / "org_config.yml").write_text(minimal_profile, encoding="utf-8")

    finished = run_process("validate", cwd=tmp_path)

    assert (finished.returncode, finished.stdout, finished.stderr) == (0, VALID_SUMMARY, "")


def test_validate_in_a_real_process_invalid(tmp_path, edited):
    (tmp_path / "org_config.yml").write_text(edited("kpis: [nps]", "kpis: [nsp]"), encoding="utf-8")

    finished = run_process("validate", "org_config.yml", cwd=tmp_path)

    assert (finished.returncode, finished.stdout, finished.stderr) == (2, "", UNKNOWN_KPI)


def test_alias_bomb_in_a_real_process_fails_fast(tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    (tmp_path / "org_config.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    finished = run_process("validate", cwd=tmp_path)

    assert finished.returncode == 2
    assert finished.stderr == (
        "org_config.yml:5:16: '*d' repeats 27,064 characters: with it, the aliases add more "
        "than 100,000 characters to the profile, the most allowed for a file of this size; "
        "write the text out where it is needed instead of repeating it through aliases\n"
    )


# --- what a profile can put on the terminal -----------------------------------------------

# Written as YAML escapes in a key, these clear the screen, move the cursor home, set the
# window title, ring the bell and print a fake green "valid" line.
HOSTILE_KEY = r'"\x1b[2J\x1b[H\x1b]0;owned\x07\x1b[32mvalid: 1 value\x1b[0m\nnext\u202eline"'
HOSTILE_KEY_SHOWN = r"\x1b[2J\x1b[H\x1b]0;owned\x07\x1b[32mvalid: 1 value\x1b[0m\x0anext\u202eline"


def _hostile_profile(minimal_profile: str) -> str:
    return minimal_profile.replace(
        "  customers: People who walk a lot.\n",
        f"  customers: People who walk a lot.\n  {HOSTILE_KEY}: x\n",
    )


def test_control_characters_in_an_unknown_key_are_shown_escaped(project, minimal_profile):
    (project / "org_config.yml").write_text(_hostile_profile(minimal_profile), encoding="utf-8")

    result = run_cli("validate")

    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"org_config.yml:6:3: organisation.{HOSTILE_KEY_SHOWN}: "
        f"unknown field '{HOSTILE_KEY_SHOWN}'; allowed here: "
    )
    assert result.stderr.count("\n") == 1
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", result.output)


def test_lint_shows_control_characters_escaped_too(project, minimal_profile):
    (project / "org_config.yml").write_text(_hostile_profile(minimal_profile), encoding="utf-8")

    result = run_cli("lint")

    assert result.exit_code == 2
    assert HOSTILE_KEY_SHOWN in result.stderr
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", result.output)


def test_control_characters_in_an_id_are_shown_escaped(project, edited):
    (project / "org_config.yml").write_text(
        edited("  - id: care\n", '  - id: "care\\x1b]0;owned\\x07"\n'), encoding="utf-8"
    )

    result = run_cli("validate")

    assert result.exit_code == 2
    assert result.stderr.startswith(
        "org_config.yml:7:5: values[0].id: 'care\\x1b]0;owned\\x07' is not a valid id"
    )
    assert "\x1b" not in result.output


def test_control_characters_are_escaped_in_a_real_process(tmp_path, minimal_profile):
    (tmp_path / "org_config.yml").write_text(_hostile_profile(minimal_profile), encoding="utf-8")

    finished = run_process("validate", cwd=tmp_path)

    assert finished.returncode == 2
    assert HOSTILE_KEY_SHOWN in finished.stderr
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", finished.stderr)


# --- many unknown fields ------------------------------------------------------------------


def _with_unknown_fields(minimal_profile: str, count: int) -> str:
    fields = "".join(f"  note-{number}: x\n" for number in range(count))
    return minimal_profile.replace("organisation:\n", "organisation:\n" + fields)


def test_past_twenty_unknown_fields_the_rest_are_counted(project, minimal_profile):
    (project / "org_config.yml").write_text(
        _with_unknown_fields(minimal_profile, 25), encoding="utf-8"
    )

    result = run_cli("validate")

    lines = result.stderr.splitlines()
    assert result.exit_code == 2
    assert lines[0] == (
        "org_config.yml:3:3: organisation.note-0: unknown field 'note-0'; allowed here: brand, "
        "confirmations_to, customer_term, customers, grammar, language, last_reviewed, mission, "
        "name, owner, promise, review_every, vision"
    )
    assert lines[20:] == [
        "org_config.yml:23:3: organisation.note-20: and 5 more unknown fields from here on, "
        "not listed one by one"
    ]


def test_a_misspelt_field_among_many_unknown_ones_is_still_suggested(project, edited):
    # the typo comes first; the thirty unknown fields after it are pasted below it
    text = edited("  mission: Make walking a joy.\n", "  misson: Make walking a joy.\n")
    text = text.replace("  customers: People who walk a lot.\n", "").replace(
        "  misson: Make walking a joy.\n",
        "  misson: Make walking a joy.\n  customers: People who walk a lot.\n"
        + "".join(f"  note-{number}: x\n" for number in range(30)),
    )
    (project / "org_config.yml").write_text(text, encoding="utf-8")

    result = run_cli("validate")

    assert "organisation.misson: unknown field 'misson' (did you mean 'mission'?)" in (
        result.stderr
    )
    assert "missing required field 'mission'" not in result.stderr


def test_100000_unknown_fields_are_reported_in_seconds(tmp_path, minimal_profile):
    # Each unknown field was compared with every allowed one, twice: 200,000 took 23 s.
    (tmp_path / "org_config.yml").write_text(
        _with_unknown_fields(minimal_profile, 100_000), encoding="utf-8"
    )

    finished = run_process("validate", cwd=tmp_path, timeout=30)

    assert finished.returncode == 2
    assert len(finished.stderr.splitlines()) == 21
    assert finished.stderr.splitlines()[-1] == (
        "org_config.yml:23:3: organisation.note-20: and 99,980 more unknown fields from here "
        "on, not listed one by one"
    )


def test_past_a_hundred_problems_the_rest_are_counted(project, edited):
    text = edited("    kpis: [nps]\n", f"    kpis: [{', '.join(['nsp'] * 150)}]\n")
    (project / "org_config.yml").write_text(text, encoding="utf-8")

    result = run_cli("validate")

    lines = result.stderr.splitlines()
    assert lines[0] == UNKNOWN_KPI.strip()
    assert lines[100:] == ["org_config.yml: and 50 more problems; fix the ones above first"]


# --- schema -------------------------------------------------------------------------------

# Plain YAML as an editor's schema check would see it: real booleans and numbers, and the
# date quoted so that it stays a string as JSON requires.
SCHEMA_INSTANCE = dedent(
    """\
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
        customer_position: Answers customers' questions.
    changelog:
      - date: "2024-01-05"
        summary: First version.
    """
)


@pytest.fixture(scope="module")
def schema_validator() -> jsonschema.Draft202012Validator:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_accepts_a_valid_profile(schema_validator):
    instance = yaml.safe_load(SCHEMA_INSTANCE)

    assert list(schema_validator.iter_errors(instance)) == []


def test_schema_rejects_a_misspelt_key(schema_validator):
    instance = yaml.safe_load(SCHEMA_INSTANCE.replace("  mission:", "  misson:"))

    messages = sorted(error.message for error in schema_validator.iter_errors(instance))

    assert messages == [
        "'mission' is a required property",
        "Additional properties are not allowed ('misson' was unexpected)",
    ]


def test_schema_rejects_schema_version_2(schema_validator):
    instance = yaml.safe_load(SCHEMA_INSTANCE.replace("schema_version: 1", "schema_version: 2"))

    assert [error.message for error in schema_validator.iter_errors(instance)] == ["1 was expected"]
