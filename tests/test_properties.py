"""Property tests: whatever a person types, loading ends in a Profile or a located ProfileError.

Never a traceback: no KeyError, RecursionError, ValueError or pydantic error may escape
the loader, because `playbook validate` only knows how to report ProfileError.
"""

from __future__ import annotations

import copy
import json
import unicodedata
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.errors import ProfileError, printable
from playbook.profile.checks import validate_loaded
from playbook.profile.model import Profile
from playbook.profile.reader import MAX_REPORTED, parse_yaml_bytes, parse_yaml_text

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# A valid profile as Python data: the starting point for the mutations below.
VALID_PROFILE: dict[str, Any] = {
    "schema_version": 1,
    "organisation": {
        "name": "Acme Shoes",
        "mission": "Make walking a joy.",
        "customers": "People who walk a lot.",
        "vision": "Everyone walks without pain.",
    },
    "values": [
        {
            "id": "care",
            "name": "Care",
            "summary": "We treat every customer like a neighbour.",
            "behaviours": {"everyone": ["Listen before answering."], "leaders": ["Coach."]},
            "interview_questions": ["Tell us about a customer you helped."],
        },
        {
            "id": "candour",
            "name": "Candour",
            "summary": "We tell customers the truth.",
            "behaviours": {"everyone": ["Say what you know."]},
        },
    ],
    "journey": [
        {"id": "discover", "name": "Discover", "customer_goal": "Find shoes that fit."},
        {"id": "buy", "name": "Buy", "customer_goal": "Pay without fuss."},
    ],
    "roles": [
        {
            "id": "agent",
            "title": "Support agent",
            "department": "Customer care",
            "customer_facing": True,
            "customer_position": "Answers customers' questions.",
            "touchpoints": ["discover", "buy"],
            "kpis": ["nps"],
            "values_in_action": {"care": ["Call back when you promised."]},
            "onboarding": [{"phase": "day-1", "activity": "Listen to ten calls."}],
            "reports_to": "lead",
            "decisions": [{"decision": "Refund?", "customer_question": "Is it fair?"}],
        },
        {
            "id": "lead",
            "title": "Team lead",
            "department": "Customer care",
            "customer_facing": False,
            "customer_position": "Coaches the agents.",
        },
    ],
    "kpis": [
        {
            "id": "nps",
            "name": "Net promoter score",
            "definition": "Survey after each order.",
            "customer_outcome": "Customers recommend us.",
            "values": ["care"],
        }
    ],
    "recognition": {
        "programs": [{"id": "star", "name": "Star", "criteria": "Went further.", "values": []}]
    },
    "feedback_channels": [{"id": "survey", "name": "Survey", "owner": "agent"}],
    "changelog": [{"date": "2024-01-05", "summary": "First version."}],
}
VALID_TEXT = yaml.safe_dump(VALID_PROFILE, sort_keys=False)


def load_text(text: str) -> Profile:
    """Parse and validate, the way `playbook validate` does for a file's text."""
    return validate_loaded(parse_yaml_text(text, "org_config.yml"))


def assert_located(error: ProfileError) -> None:
    assert error.problems, "a ProfileError must name at least one problem"
    for problem in error.problems:
        assert problem.file == "org_config.yml"
        assert problem.line >= 1, str(problem)
        assert problem.column >= 1, str(problem)
        assert problem.message, str(problem)


def test_the_valid_profile_used_for_mutations_is_valid() -> None:
    profile = load_text(VALID_TEXT)

    assert [value.id for value in profile.values] == ["care", "candour"]


# --- (1) arbitrary text -----------------------------------------------------------------

WORDS = ["schema_version", "organisation", "values", "roles", "id", "name", "kpis", "agent"]
WORDS += ["reports_to", "care", "<<", "~", "null", "yes", "NO", "1.10", "0123", "2024-02-30"]
WORDS += ["!!python/object/apply:os.system ", "!!binary "]
MARKS = [":", ": ", "- ", "-", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a", "&b ", "*b"]
MARKS += ["!!", "!", "?", "|", ">", "#", "%", "@", "`", "---", "...", " ", "\t"]
BREAKS = ["\n", "\n  ", "\n    ", "\r\n", "\r"]
ODD_CHARACTERS = ["\u200b", "\u202e", "\x00", "\ufeff", "\u2028", "é"]
YAML_FRAGMENTS = st.sampled_from(WORDS + MARKS + BREAKS + ODD_CHARACTERS)
YAML_ISH_TEXT = st.lists(YAML_FRAGMENTS, max_size=60).map("".join)


@st.composite
def spliced_profiles(draw: st.DrawFn) -> str:
    """The valid profile's text with a few fragments cut in at random places."""
    text = VALID_TEXT
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        cut = draw(st.integers(min_value=0, max_value=3))
        text = text[:at] + draw(YAML_FRAGMENTS) + text[at + cut :]
    return text


@PROPERTY_SETTINGS
@given(st.one_of(st.text(), YAML_ISH_TEXT, spliced_profiles()))
def test_any_text_gives_a_profile_or_a_located_profile_error(text: str) -> None:
    try:
        profile = load_text(text)
    except ProfileError as error:
        assert_located(error)
    else:
        assert isinstance(profile, Profile)


@PROPERTY_SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_give_plain_data_or_a_located_profile_error(raw: bytes) -> None:
    try:
        loaded = parse_yaml_bytes(raw, "org_config.yml")
    except ProfileError as error:
        assert_located(error)
    else:
        assert loaded.data is not None


# --- (2) mutated valid profiles ---------------------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from(["", " ", "Care", "Customer Care", "nps", "day-1", "<b>", "{{ x }}"]),
    st.text(max_size=20),
)
ANY_VALUE = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=3),
    ),
    max_leaves=6,
)
MUTATIONS = st.sampled_from(["delete", "replace", "rename", "duplicate"])


def containers(data: Any) -> list[dict | list]:
    """Every dict and non-empty list inside data, data included."""
    found: list[dict | list] = []
    if isinstance(data, dict):
        found.append(data)
        for child in data.values():
            found.extend(containers(child))
    elif isinstance(data, list):
        if data:
            found.append(data)
        for child in data:
            found.extend(containers(child))
    return found


@st.composite
def mutated_profiles(draw: st.DrawFn) -> dict[str, Any]:
    profile = copy.deepcopy(VALID_PROFILE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        target = draw(st.sampled_from(containers(profile)))
        if not target:
            continue
        mutation = draw(MUTATIONS)
        if isinstance(target, dict):
            key = draw(st.sampled_from(sorted(target)))
            if mutation == "delete":
                del target[key]
            elif mutation == "replace":
                target[key] = draw(ANY_VALUE)
            elif mutation == "rename":
                new_key = draw(st.one_of(st.text(min_size=1, max_size=12), st.just(key + "s")))
                target[new_key] = target.pop(key)
            else:
                target[key] = [target[key], copy.deepcopy(target[key])]
        else:
            index = draw(st.integers(min_value=0, max_value=len(target) - 1))
            if mutation == "delete":
                del target[index]
            elif mutation == "replace":
                target[index] = draw(ANY_VALUE)
            elif mutation == "rename" and isinstance(target[index], dict) and target[index]:
                item = target[index]
                key = draw(st.sampled_from(sorted(item)))
                item[key + draw(st.sampled_from(["s", "_", "x"]))] = item.pop(key)
            else:
                target.insert(index, copy.deepcopy(target[index]))
    return profile


@PROPERTY_SETTINGS
@given(mutated_profiles())
def test_mutated_profiles_validate_or_every_problem_is_located(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    try:
        profile = load_text(text)
    except ProfileError as error:
        assert_located(error)
    else:
        assert isinstance(profile, Profile)


# --- (3) positions, escapes and cuts ------------------------------------------------------

INVISIBLE_OR_BREAK = st.sampled_from(["\u200b", "\u202e", "\x00", "\x1b", *BREAKS, "a", "é"])


def naive_position(text: str, index: int) -> tuple[int, int]:
    """Line and column counted from the start of the text, the slow way."""
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    return line, index - (max(before.rfind("\n"), before.rfind("\r")) + 1) + 1


@PROPERTY_SETTINGS
@given(st.lists(INVISIBLE_OR_BREAK, max_size=80).map("".join))
def test_invisible_characters_are_located_as_counting_from_the_start_would(text: str) -> None:
    try:
        parse_yaml_text(text, "org_config.yml")
    except ProfileError as error:
        found = [(problem.line, problem.column) for problem in error.problems]
    else:
        found = []
    expected = [
        naive_position(text, index)
        for index, char in enumerate(text)
        if char in "\u200b\u202e\x00\x1b"
    ]
    if expected:
        # the first twenty one by one, then one line counting the rest from the next one
        assert found == expected[: MAX_REPORTED + 1]


@PROPERTY_SETTINGS
@given(st.text())
def test_printable_text_holds_no_control_or_reordering_character(text: str) -> None:
    shown = printable(text)

    assert not any(
        unicodedata.category(char) == "Cc" or char in "\u202a\u202b\u202c\u202d\u202e\u2028"
        for char in shown
    )
    assert printable(shown) == shown


@PROPERTY_SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"))))
def test_text_in_double_quotes_is_kept_whole_and_never_reported(text: str) -> None:
    loaded = parse_yaml_text(f"note: {json.dumps(text, ensure_ascii=False)} # a comment\n", "f")

    assert loaded.data == {"note": text}
    assert loaded.warnings == []


PLAIN_WORDS = st.text(alphabet="abcdefghij #-", min_size=1, max_size=20).filter(
    lambda text: text.strip() == text and " #" not in text and not text.startswith(("#", "-"))
)


@PROPERTY_SETTINGS
@given(PLAIN_WORDS, st.text(alphabet="abc #4411-", max_size=20))
def test_plain_text_followed_by_a_comment_is_reported_at_the_hash(kept: str, rest: str) -> None:
    line = f"note: {kept} #{rest}"

    [warning] = parse_yaml_text(line + "\n", "f").warnings

    assert (warning.line, line[warning.column - 1]) == (1, "#")
    assert warning.column == len("note: ") + len(kept) + 2
