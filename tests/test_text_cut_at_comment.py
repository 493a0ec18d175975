"""Text that YAML cuts at " #": found on the raw line, located at the '#', never silent.

In a plain (unquoted) value, " #" starts a comment, so `raise it in #payments-risk the
moment you see it` is loaded as `raise it in`. The parser drops comments; only the line
itself tells. The wording below is how HR teams write: Slack channels, hashtags, tickets.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main
from playbook.profile.reader import parse_yaml_text

FIX = (
    "if it belongs to the text, put the whole text in double quotes; if it is a comment, "
    "give it a line of its own"
)


def warnings_for(text: str) -> list[str]:
    return [str(warning) for warning in parse_yaml_text(text, "org_config.yml").warnings]


@pytest.fixture
def behaviour(edited):
    """The minimal profile with its one behaviour (line 12, column 11) written as given."""

    def write(line: str) -> str:
        return edited("        - Listen before answering.\n", f"        - {line}\n")

    return write


def test_a_slack_channel_is_reported_at_its_hash(behaviour):
    text = behaviour("Stop and raise it in #payments-risk the moment you see a refund loop.")

    assert warnings_for(text) == [
        "org_config.yml:12:32: warning: values[0].behaviours.everyone[0]: YAML reads ' #' as "
        "the start of a comment, so this text ends at 'Stop and raise it in' and "
        f"'#payments-risk the moment yo...' is left out; {FIX}"
    ]
    loaded = parse_yaml_text(text, "org_config.yml")
    assert loaded.data["values"][0]["behaviours"]["everyone"] == ["Stop and raise it in"]


def test_a_hashtag_at_the_end_is_reported(behaviour):
    assert warnings_for(behaviour("Share a customer's thank-you with #teamwin")) == [
        "org_config.yml:12:45: warning: values[0].behaviours.everyone[0]: YAML reads ' #' as "
        "the start of a comment, so this text ends at '...a customer's thank-you with' "
        f"and '#teamwin' is left out; {FIX}"
    ]


def test_an_issue_number_is_reported(edited):
    text = edited(
        "    summary: We treat every customer like a neighbour.\n",
        "    summary: Since ticket #4411 we call back within the hour.\n",
    )

    assert warnings_for(text) == [
        "org_config.yml:9:27: warning: values[0].summary: YAML reads ' #' as the start of a "
        "comment, so this text ends at 'Since ticket' and '#4411 we call back within th...' "
        f"is left out; {FIX}"
    ]


def test_a_value_that_is_only_a_hashtag_is_reported_as_empty(edited):
    text = edited(
        "  customers: People who walk a lot.\n",
        "  customers: People who walk a lot.\n  vision: #1 for walkers\n",
    )

    assert warnings_for(text) == [
        "org_config.yml:6:11: warning: organisation.vision: YAML reads ' #' as the start of a "
        f"comment, so this text is empty and '#1 for walkers' is left out; {FIX}"
    ]


def test_text_over_two_lines_is_reported_on_the_line_it_is_cut(edited):
    text = edited(
        "    summary: We treat every customer like a neighbour.\n",
        "    summary: We treat every customer like a neighbour\n"
        "      and post thanks in #kudos every Friday.\n",
    )

    assert warnings_for(text) == [
        "org_config.yml:10:26: warning: values[0].summary: YAML reads ' #' as the start of a "
        "comment, so this text ends at '...eighbour and post thanks in' and "
        f"'#kudos every Friday.' is left out; {FIX}"
    ]


def test_a_list_written_in_brackets_is_checked_too(edited):
    text = edited("    kpis: [nps]\n", "    kpis: [nps #main one\n      ]\n")

    assert [line.split(": warning: ")[0] for line in warnings_for(text)] == ["org_config.yml:24:16"]


@pytest.mark.parametrize(
    "text",
    [
        # a comment on its own line
        "    # raise it in #payments-risk\n    name: Care\n",
        # after a quoted value
        '    name: "Care" # shown on the values page\n',
        "    name: 'Care'   # shown on the values page\n",
        # after a key with a nested block
        "    name: Care\n    tags: # the channels we use\n      - payments\n",
        # a key with nothing after it but a comment
        "    name: Care\n    vision: # to be written\n",
        # '#' inside text, not after a blank: not a comment
        "    name: Care#1\n",
        # a block of text keeps its '#'
        "    name: |\n      Care #1\n",
    ],
    ids=[
        "own-line",
        "double-quoted",
        "single-quoted",
        "nested-block",
        "empty-key",
        "no-blank",
        "block-text",
    ],
)
def test_comments_people_write_are_not_reported(edited, text):
    assert warnings_for(edited("    name: Care\n", text)) == []


def test_a_cut_is_shown_beside_the_error_it_causes(project, edited):
    # the channel alone becomes an empty value: the error and its cause, side by side
    _write(edited("    name: Care\n", "    name: #payments-risk\n"))

    result = CliRunner().invoke(main, ["validate"])

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "org_config.yml:8:5: values[0].name: is empty; write some text here",
        "org_config.yml:8:11: warning: values[0].name: YAML reads ' #' as the start of a "
        f"comment, so this text is empty and '#payments-risk' is left out; {FIX}",
    ]


def _write(text: str) -> str:
    Path("org_config.yml").write_text(text, encoding="utf-8")
    return "org_config.yml"


# --- the command line ---------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_prints_the_warning_and_passes(project, behaviour):
    _write(behaviour("Raise it in #payments-risk at once."))

    result = CliRunner().invoke(main, ["validate"])

    assert (result.exit_code, result.stdout) == (
        0,
        "valid: 1 value, 1 role, 1 KPI, 1 journey stage\n",
    )
    assert result.stderr == (
        "org_config.yml:12:23: warning: values[0].behaviours.everyone[0]: YAML reads ' #' as "
        "the start of a comment, so this text ends at 'Raise it in' and "
        f"'#payments-risk at once.' is left out; {FIX}\n"
    )


def test_validate_strict_fails_on_the_warning(project, behaviour):
    _write(behaviour("Raise it in #payments-risk at once."))

    result = CliRunner().invoke(main, ["validate", "--strict"])

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("org_config.yml:12:23: warning: ")


def test_quoting_the_whole_text_is_the_fix(project, behaviour):
    _write(behaviour('"Raise it in #payments-risk at once."'))

    result = CliRunner().invoke(main, ["validate", "--strict"])

    assert (result.exit_code, result.stderr) == (0, "")


def test_a_new_project_validates_clean_with_strict(tmp_path):
    # the scaffold comments its profile generously; none of that is a cut
    project = tmp_path / "playbook"
    created = CliRunner().invoke(main, ["init", "--no-build", str(project)])
    assert created.exit_code == 0, created.output

    result = subprocess.run(
        [sys.executable, "-m", "playbook", "validate", "--strict", "org_config.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert (result.returncode, result.stderr) == (0, "")


def test_build_strict_fails_on_the_warning_and_build_shows_it(project, behaviour):
    _write(behaviour("Raise it in #payments-risk at once."))

    warning = "org_config.yml:12:23: warning: values[0].behaviours.everyone[0]: YAML reads"

    strict = CliRunner().invoke(main, ["build", "--strict"])

    assert strict.exit_code == 1
    assert warning in strict.stderr
    assert not (project / "site").exists()

    relaxed = CliRunner().invoke(main, ["build"])

    assert relaxed.exit_code == 0, relaxed.output
    assert warning in relaxed.stderr


def test_past_twenty_cuts_the_rest_are_counted(minimal_profile):
    # 140,000 of them sorted one by one took 10 s; the first twenty say what to do
    notes = "".join(f"  - Note it in #log-{number} at once.\n" for number in range(25))
    text = minimal_profile + "notes:\n" + notes

    lines = warnings_for(text)

    assert len(lines) == 21
    assert lines[0].startswith("org_config.yml:31:16: warning: notes[0]: YAML reads ' #'")
    assert lines[20] == (
        "org_config.yml:51:16: warning: notes[20]: and 5 more texts cut at ' #' from here on; "
        "quote each whole text, or give each comment a line of its own"
    )
