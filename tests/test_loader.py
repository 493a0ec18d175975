"""The YAML loader: syntax errors, YAML 1.1 surprises, unsafe input and unreadable files.

Each test writes a real file to tmp_path and loads it with the real loader; user-facing
messages are asserted word for word, with their line and column.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from textwrap import dedent

import pytest

from playbook import ProfileError, load_profile
from playbook.profile.reader import (
    MAX_FILE_BYTES,
    Position,
    format_path,
    parse_yaml_bytes,
    parse_yaml_text,
)

UNEXPECTED_COLON = (
    "YAML syntax error: unexpected ':' here; check this line's indentation, or if the text "
    "contains ': ', put the whole text in quotes: \"like: this\""
)
TAB_MESSAGE = "a tab character is used for indentation; YAML needs spaces"
REFUSED_TAG = "is not allowed; write plain text, lists and mappings only"
INVISIBLE = "delete it (it usually arrives by copy and paste)"


def run_validate(path: Path, cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """`playbook validate PATH` as a real process, bounded in time and memory.

    Within `timeout` seconds and 2 GB of address space: a regression that reads a device
    or a huge file whole fails here instead of taking the machine's memory.
    """
    return subprocess.run(
        [sys.executable, "-m", "playbook", "validate", str(path)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        preexec_fn=_limit_memory if sys.platform != "win32" else None,
    )


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


# --- syntax -------------------------------------------------------------------------------


def test_a_line_indented_too_far_is_a_located_syntax_error(edited, problems):
    # line 4 becomes "   mission: ..." (three spaces); column 11 is its ':'
    text = edited("  mission: Make walking a joy.", "   mission: Make walking a joy.")

    assert problems(text) == [f"org_config.yml:4:11: {UNEXPECTED_COLON}"]


def test_unquoted_colon_inside_text_is_a_located_syntax_error(edited, problems):
    text = edited(
        "summary: We treat every customer like a neighbour.",
        "summary: Our rule: every customer is a neighbour.",
    )

    assert problems(text) == [f"org_config.yml:9:22: {UNEXPECTED_COLON}"]


def test_tab_indentation_is_a_located_syntax_error(edited, problems):
    text = edited("  name: Acme Shoes", "\tname: Acme Shoes")

    [line] = problems(text)

    assert line.startswith("org_config.yml:3:1: ")


def test_tab_indentation_says_so(edited, problems):
    text = edited("  name: Acme Shoes", "\tname: Acme Shoes")

    assert problems(text) == [f"org_config.yml:3:1: {TAB_MESSAGE}"]


def test_two_yaml_documents_are_refused(minimal_profile, problems):
    text = minimal_profile + "---\nschema_version: 1\n"

    assert problems(text) == [
        "org_config.yml:30:1: the file holds more than one YAML document ('---'); "
        "keep the whole profile in one"
    ]


def test_windows_line_endings_keep_lines_and_columns(edited, problems):
    text = edited("kpis: [nps]", "kpis: [nsp]").replace("\n", "\r\n")

    assert problems(text) == [
        "org_config.yml:24:12: roles[0].kpis[0]: unknown KPI 'nsp' (did you mean 'nps'?)"
    ]


# --- duplicate keys -----------------------------------------------------------------------


def test_duplicate_key_is_an_error_not_a_silent_overwrite(edited, problems):
    text = edited("    name: Care\n", "    name: Care\n    name: Kindness\n")

    assert problems(text) == [
        "org_config.yml:9:5: values[0].name: duplicate key 'name' (first written on line 8); "
        "YAML would silently keep only one of them"
    ]


def test_duplicate_top_level_section_is_an_error(minimal_profile, problems):
    text = minimal_profile + "roles:\n  - id: lead\n"

    assert problems(text) == [
        "org_config.yml:30:1: roles: duplicate key 'roles' (first written on line 17); "
        "YAML would silently keep only one of them"
    ]


# --- YAML 1.1 look-alikes stay text -------------------------------------------------------


def test_yaml_1_1_lookalikes_stay_exactly_the_text_written(minimal_profile, load):
    text = (
        minimal_profile.replace("    name: Care\n", "    name: NO\n")
        .replace("title: Support agent", "title: yes")
        .replace("department: Customer care", "department: on")
        .replace("    name: Discover\n", "    name: 1.10\n")
        .replace("name: Net promoter score", "name: 0123")
        .replace("customer_outcome: Customers recommend us.\n", "customer_outcome: 1:30\n")
        + "    target: 2024-01-05\n"
    )

    profile = load(text)

    assert profile.values[0].name == "NO"
    assert profile.roles[0].title == "yes"
    assert profile.roles[0].department == "on"
    assert profile.journey[0].name == "1.10"
    assert profile.kpis[0].name == "0123"
    assert profile.kpis[0].customer_outcome == "1:30"
    assert profile.kpis[0].target == "2024-01-05"


def test_quoted_and_block_text_is_kept(edited, load):
    text = edited(
        "    summary: We treat every customer like a neighbour.\n",
        '    summary: "Say: \\"hello\\""\n'
        "    why_it_matters: |\n      Line one.\n      Line two.\n",
    )

    value = load(text).values[0]

    assert value.summary == 'Say: "hello"'
    assert value.why_it_matters == "Line one.\nLine two."


@pytest.mark.parametrize("null_word", ["~", "null"])
def test_null_words_mean_absent(edited, load, null_word):
    text = edited(
        "  customers: People who walk a lot.\n",
        f"  customers: People who walk a lot.\n  vision: {null_word}\n",
    )

    assert load(text).organisation.vision is None


def test_empty_section_says_it_is_empty(edited, problems):
    text = edited(
        "organisation:\n  name: Acme Shoes\n  mission: Make walking a joy.\n"
        "  customers: People who walk a lot.\n",
        "organisation:\n",
    )

    assert problems(text) == [
        "org_config.yml:2:1: organisation: is empty; write its fields below it, indented "
        "('name: value' lines)"
    ]


# --- refused YAML features ----------------------------------------------------------------


def test_python_object_tag_is_refused_and_never_run(edited, problems, tmp_path):
    marker = tmp_path / "pwned"
    text = edited(
        "    summary: We treat every customer like a neighbour.",
        f"    summary: !!python/object/apply:os.system ['touch {marker}']",
    )

    assert problems(text) == [
        f"org_config.yml:9:14: YAML tag '!!python/object/apply:os.system' {REFUSED_TAG}"
    ]
    assert not marker.exists()


def test_binary_tag_is_refused(edited, problems):
    text = edited(
        "    summary: We treat every customer like a neighbour.", "    summary: !!binary aGk="
    )

    assert problems(text) == [f"org_config.yml:9:14: YAML tag '!!binary' {REFUSED_TAG}"]


# A second role copied from the first with a merge key: lines 18 and 26.
MERGED_ROLE = ("  - id: agent\n", "  - &agent\n    id: agent\n")
MERGED_ROLE_TAIL = ("    kpis: [nps]\n", "    kpis: [nps]\n  - <<: *agent\n    id: senior-agent\n")


def test_merge_key_is_refused_not_merged(minimal_profile, problems):
    text = minimal_profile.replace(*MERGED_ROLE).replace(*MERGED_ROLE_TAIL)

    assert any(line.startswith("org_config.yml:26:5: roles[1]") for line in problems(text))


def test_merge_key_gets_its_own_message(minimal_profile, problems):
    text = minimal_profile.replace(*MERGED_ROLE).replace(*MERGED_ROLE_TAIL)

    assert problems(text) == [
        "org_config.yml:26:5: roles[1]: merge keys ('<<') are not supported; "
        "write the fields out in full"
    ]


def test_alias_bomb_fails_fast_naming_the_alias(problems):
    # "billion laughs": each line holds nine copies of the line before, 9**9 values in all
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    text = "\n".join(lines) + "\n"

    # line 5 is "e: &e [*d, *d, ...]"; the fourth '*d' (column 16) passes 100,000 characters
    assert problems(text) == [
        "org_config.yml:5:16: '*d' repeats 27,064 characters: with it, the aliases add more "
        "than 100,000 characters to the profile, the most allowed for a file of this size; "
        "write the text out where it is needed instead of repeating it through aliases"
    ]


def test_alias_bomb_of_empty_lists_fails_fast_with_the_count_of_values(problems):
    lines = ["a: &a [[], [], [], [], [], [], [], [], []]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    text = "\n".join(lines) + "\n"

    # line 5 is "e: &e [*d, *d, ...]"; the sixth '*d' (column 28) passes 50,000 values
    assert problems(text) == [
        "org_config.yml:5:28: aliases ('*name') expand to more than 50,000 values; "
        "write the content out instead of nesting aliases"
    ]


def test_one_long_text_repeated_through_aliases_is_refused_at_the_alias(edited, problems):
    # 2,000 characters repeated 200 times: a 3 KB file that would publish 400 KB of text
    # on every page that shows it (a 274 KB file built a 379 MB site this way).
    paragraph = "Listen before answering. " * 80
    text = edited(
        "      everyone:\n        - Listen before answering.\n",
        f'      everyone:\n        - &long "{paragraph}"\n'
        + "".join("        - *long\n" for _ in range(200)),
    )

    # each alias repeats 2,001 characters: the 50th passes 100,000 (line 12 is the first)
    assert problems(text) == [
        "org_config.yml:62:11: '*long' repeats 2,001 characters: with it, the aliases add "
        "more than 100,000 characters to the profile, the most allowed for a file of this "
        "size; write the text out where it is needed instead of repeating it through aliases"
    ]


def test_aliases_that_share_a_list_between_a_few_roles_still_load(minimal_profile, load):
    roles = "".join(
        f"  - id: agent-{number}\n"
        f"    title: Support agent {number}\n"
        "    department: Customer care\n"
        "    customer_facing: true\n"
        "    customer_position: Answers customers' questions.\n"
        f"    touchpoints: {'&stages [discover]' if number == 1 else '*stages'}\n"
        for number in range(1, 13)
    )
    text = minimal_profile.replace("roles:\n", "roles:\n" + roles)

    profile = load(text)

    assert [role.touchpoints for role in profile.roles[:12]] == [["discover"]] * 12


def test_deep_nesting_fails_with_the_nesting_message(problems):
    assert problems("[" * 100_000) == [
        "org_config.yml:1:33: the data is nested more than 32 levels deep; "
        "a profile never needs that"
    ]


def test_deep_nesting_after_other_content_fails_with_the_nesting_message(problems):
    # libyaml (PyYAML 6.0.4 and later) refuses 1,000 levels of flow nesting while scanning
    # ahead; the loader's own limit must still be what the reader sees, at its own place.
    text = "schema_version: 1\norganisation:\n  name: x\nvalues: " + "[" * 5_000 + "\n"

    assert problems(text) == [
        "org_config.yml:4:40: the data is nested more than 32 levels deep; "
        "a profile never needs that"
    ]


def test_deep_block_nesting_fails_with_the_nesting_message(problems):
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(40))

    assert problems(text) == [
        "org_config.yml:33:65: the data is nested more than 32 levels deep; "
        "a profile never needs that"
    ]


def test_alias_to_an_undefined_anchor_is_an_error(edited, problems):
    text = edited(
        "  customers: People who walk a lot.\n",
        "  customers: People who walk a lot.\n  vision: *mision\n",
    )

    [line] = problems(text)

    assert line.startswith("org_config.yml:6:11: ")
    assert "mision" in line


# --- files and encodings ------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused(problems):
    assert problems(b"#" * (MAX_FILE_BYTES + 1)) == [
        "org_config.yml: the file is 8,388,609 bytes; a profile may be at most 8,388,608 bytes "
        "(8 MB)"
    ]


def test_bytes_over_the_size_limit_are_refused_where_they_come_from_git():
    with pytest.raises(ProfileError) as caught:
        parse_yaml_bytes(b"#" * (MAX_FILE_BYTES + 1), "git:HEAD:org_config.yml")

    assert caught.value.lines == [
        "git:HEAD:org_config.yml:1:1: the file is 8,388,609 bytes; a profile may be at most "
        "8,388,608 bytes (8 MB)"
    ]


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    # A sparse file: 32 MB long, no disk used. Reading it whole would take 32 MB.
    path = tmp_path / "org_config.yml"
    with path.open("wb") as stream:
        stream.truncate(4 * MAX_FILE_BYTES)

    tracemalloc.start()
    try:
        with pytest.raises(ProfileError) as caught:
            load_profile(path, "org_config.yml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert caught.value.lines == [
        "org_config.yml: the file is 33,554,432 bytes; a profile may be at most 8,388,608 bytes "
        "(8 MB)"
    ]
    assert peak < 1_000_000


NOT_A_FILE = (
    "org_config.yml: this is not a regular file (it is a device, a pipe or a socket); "
    "a profile is a YAML file saved on disk"
)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("through_link", [False, True], ids=["device", "link-to-device"])
def test_a_device_that_never_ends_is_refused_at_once(tmp_path, through_link):
    # Read before this check, /dev/zero grew memory without end (4.6 GB in 8 s).
    path = Path("/dev/zero")
    if through_link:
        path = tmp_path / "org_config.yml"
        path.symlink_to("/dev/zero")

    result = run_validate(path, cwd=tmp_path, timeout=30)

    assert (result.returncode, result.stderr) == (
        2,
        f"{NOT_A_FILE}\n".replace("org_config.yml", str(path)),
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    # Opening a pipe for reading waits until something writes to it: forever, here.
    os.mkfifo(tmp_path / "org_config.yml")

    result = run_validate(tmp_path / "org_config.yml", cwd=tmp_path, timeout=30)

    assert (result.returncode, result.stderr) == (
        2,
        f"{NOT_A_FILE}\n".replace("org_config.yml", str(tmp_path / "org_config.yml")),
    )


def test_non_utf8_bytes_are_located(problems):
    raw = b"schema_version: 1\norganisation:\n  name: Caf\xe9 Lumi\xe8re\n"

    assert problems(raw) == [
        "org_config.yml:3:12: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8"
    ]


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe" + "schema_version: 1\n".encode("utf-16-le"),
        b"\xfe\xff" + "schema_version: 1\n".encode("utf-16-be"),
    ],
    ids=["little-endian", "big-endian"],
)
def test_utf16_file_is_refused(problems, raw):
    assert problems(raw) == ["org_config.yml:1:1: the file is saved as UTF-16; save it as UTF-8"]


def test_utf8_byte_order_mark_is_accepted(minimal_profile, load):
    profile = load(b"\xef\xbb\xbf" + minimal_profile.encode())

    assert profile.organisation.name == "Acme Shoes"


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# org profile\n# to be written\n"], ids=["empty", "blank", "comments"]
)
def test_file_without_content_is_refused(problems, text):
    assert problems(text) == [
        "org_config.yml:1:1: the file is empty; a profile starts with 'schema_version: 1'"
    ]


def test_top_level_list_is_refused(problems):
    text = dedent(
        """\
        - schema_version: 1
        - organisation: Acme Shoes
        """
    )

    assert problems(text) == [
        "org_config.yml:1:1: the top level must be a mapping of sections "
        "(schema_version, organisation, values, roles, ...), not a list"
    ]


def test_missing_file_is_reported(tmp_path):
    path = tmp_path / "org_config.yml"

    with pytest.raises(ProfileError) as caught:
        load_profile(path, "org_config.yml")

    assert caught.value.lines == ["org_config.yml: file not found"]


def test_folder_instead_of_file_is_reported(tmp_path):
    folder = tmp_path / "org_config.yml"
    folder.mkdir()

    with pytest.raises(ProfileError) as caught:
        load_profile(folder, "org_config.yml")

    assert caught.value.lines == ["org_config.yml: this is a folder, not a profile file"]


@pytest.mark.parametrize(
    ("char", "label"),
    [
        ("\u200b", "U+200B (ZERO WIDTH SPACE)"),
        ("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\x00", "U+0000 (NUL)"),
    ],
    ids=["zero-width-space", "right-to-left-override", "nul"],
)
def test_invisible_character_is_located_and_named(edited, problems, char, label):
    text = edited("    name: Care\n", f"    name: Ca{char}re\n")

    assert problems(text) == [f"org_config.yml:8:13: invisible character {label}; {INVISIBLE}"]


def test_invisible_character_is_located_with_carriage_return_line_endings(edited, problems):
    text = edited("    name: Care\n", "    name: Ca\u200bre\n").replace("\n", "\r")

    assert problems(text) == [
        f"org_config.yml:8:13: invisible character U+200B (ZERO WIDTH SPACE); {INVISIBLE}"
    ]


def test_many_invisible_characters_are_counted_after_the_first_twenty(edited, problems):
    text = edited("    name: Care\n", "    name: Care\n    # pasted: " + "\u200b" * 25 + "\n")

    lines = problems(text)

    # line 9 is the comment; its first zero-width space is in column 15
    assert lines[:2] == [
        f"org_config.yml:9:15: invisible character U+200B (ZERO WIDTH SPACE); {INVISIBLE}",
        f"org_config.yml:9:16: invisible character U+200B (ZERO WIDTH SPACE); {INVISIBLE}",
    ]
    assert lines[20:] == [
        "org_config.yml:9:35: and 5 more invisible characters from here on; delete them too "
        "(search and replace them with nothing)"
    ]
    assert len(lines) == 21


def test_300000_invisible_characters_are_reported_in_seconds(tmp_path, minimal_profile):
    # The scan counted lines from the start of the file at every match: 84 s here.
    path = tmp_path / "org_config.yml"
    path.write_text(minimal_profile + "# " + "\u200b" * 300_000 + "\n", encoding="utf-8")

    result = run_validate(path, cwd=tmp_path, timeout=30)

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"{path}:30:23: and 299,980 more invisible characters from here on; delete them too "
        "(search and replace them with nothing)"
    )


# --- positions ----------------------------------------------------------------------------


def test_positions_are_kept_for_keys_values_and_missing_paths(minimal_profile):
    loaded = parse_yaml_text(minimal_profile, "org_config.yml")

    # line 24 is "    kpis: [nps]"
    assert loaded.keys[("roles", 0, "kpis")] == Position(24, 5)
    assert loaded.values[("roles", 0, "kpis", 0)] == Position(24, 12)
    # a field is shown at its key; a field the file lacks, at its nearest ancestor
    assert loaded.position(("roles", 0, "kpis")) == Position(24, 5)
    assert loaded.position(("roles", 0, "reports_to")) == Position(18, 5)
    assert format_path(("roles", 0, "kpis", 0)) == "roles[0].kpis[0]"
