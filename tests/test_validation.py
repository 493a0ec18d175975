"""Profile validation: types, required and unknown fields, ids, references and cycles.

Each test makes one kind of mistake in the minimal profile (see conftest.py for its line
numbers), loads it from a real file and asserts the exact lines a person would read.
"""

from __future__ import annotations

import datetime as dt
from textwrap import dedent, indent

import pytest

from playbook.profile.checks import default_onboarding

SLUG_RULE = "use lowercase letters, digits and hyphens, starting with a letter or digit"
ROLE_FIELDS = (
    "behind_the_scenes, customer_facing, customer_position, decisions, department, "
    "former_ids, headcount, id, kpis, last_reviewed, onboarding, owner, reports_to, "
    "review_every, title, touchpoints, values_in_action"
)
DEFAULT_PHASES = ["before-day-1", "day-1", "week-1", "day-30", "day-60", "day-90"]
LEAD_ROLE = indent(
    dedent(
        """\
        - id: lead
          title: Team lead
          department: Customer care
          customer_facing: false
          customer_position: Coaches the agents who answer customers.
        """
    ),
    "  ",
)


def test_minimal_profile_is_valid(minimal_profile, load):
    profile = load(minimal_profile)

    assert profile.organisation.name == "Acme Shoes"
    assert [role.id for role in profile.roles] == ["agent"]
    assert profile.roles[0].customer_facing is True


# --- wrong types --------------------------------------------------------------------------


def test_list_where_text_is_expected(edited, problems):
    text = edited(
        "    summary: We treat every customer like a neighbour.",
        "    summary: [Kind, Patient]",
    )

    assert problems(text) == ["org_config.yml:9:5: values[0].summary: expected text, got a list"]


def test_text_where_a_list_is_expected(edited, problems):
    text = edited("    kpis: [nps]", "    kpis: nps")

    assert problems(text) == [
        "org_config.yml:24:5: roles[0].kpis: expected a list ('- item' lines), got the text 'nps'"
    ]


def test_text_where_a_mapping_is_expected(edited, problems):
    text = edited(
        "organisation:\n  name: Acme Shoes\n  mission: Make walking a joy.\n"
        "  customers: People who walk a lot.\n",
        "organisation: Acme Shoes\n",
    )

    assert problems(text) == [
        "org_config.yml:2:1: organisation: expected fields ('name: value' lines, indented "
        "below), got the text 'Acme Shoes'"
    ]


def test_customer_facing_yes_is_not_a_boolean(edited, problems):
    text = edited("customer_facing: true", "customer_facing: yes")

    assert problems(text) == [
        "org_config.yml:21:5: roles[0].customer_facing: must be true or false (got 'yes')"
    ]


@pytest.mark.parametrize(("written", "meaning"), [("false", False), ("True", True)])
def test_customer_facing_accepts_true_and_false(edited, load, written, meaning):
    text = edited("customer_facing: true", f"customer_facing: {written}")

    assert load(text).roles[0].customer_facing is meaning


# --- required and unknown fields ----------------------------------------------------------


def test_missing_mission(edited, problems):
    text = edited("  mission: Make walking a joy.\n", "")

    assert problems(text) == ["org_config.yml:2:1: organisation: missing required field 'mission'"]


def test_missing_customer_position(edited, problems):
    text = edited("    customer_position: Answers customers' questions.\n", "")

    assert problems(text) == [
        "org_config.yml:18:5: roles[0]: missing required field 'customer_position'"
    ]


def test_misspelt_field_suggests_the_right_one(edited, problems):
    text = edited("    name: Care\n", "    nmae: Care\n")

    assert problems(text) == [
        "org_config.yml:8:5: values[0].nmae: unknown field 'nmae' (did you mean 'name'?)",
    ]


def test_misspelt_top_level_section_suggests_the_right_one(edited, problems):
    text = edited("values:\n", "value:\n")

    assert problems(text) == [
        "org_config.yml:6:1: value: unknown field 'value' (did you mean 'values'?)",
    ]


def test_unknown_field_without_a_close_match_lists_the_allowed_ones(edited, problems):
    text = edited("    title: Support agent\n", "    title: Support agent\n    salary_band: B2\n")

    assert problems(text) == [
        f"org_config.yml:20:5: roles[0].salary_band: unknown field 'salary_band'; "
        f"allowed here: {ROLE_FIELDS}"
    ]


# --- ids ----------------------------------------------------------------------------------


def test_id_with_capitals_and_spaces_gets_a_slug_hint(edited, problems):
    text = edited("  - id: agent", "  - id: Customer Care")

    assert problems(text) == [
        f"org_config.yml:18:5: roles[0].id: 'Customer Care' is not a valid id: {SLUG_RULE} "
        "(e.g. 'customer-care')"
    ]


def test_duplicate_value_id(edited, problems):
    second_value = indent(
        dedent(
            """\
            - id: care
              name: Kindness
              summary: We are kind.
              behaviours:
                everyone: [Smile.]
            """
        ),
        "  ",
    )
    text = edited("journey:\n", second_value + "journey:\n")

    assert problems(text) == [
        "org_config.yml:13:5: values[1].id: duplicate value id 'care' (first used on line 7)"
    ]


# --- references ---------------------------------------------------------------------------


def test_unknown_touchpoint(edited, problems):
    text = edited("touchpoints: [discover]", "touchpoints: [discovr]")

    assert problems(text) == [
        "org_config.yml:23:19: roles[0].touchpoints[0]: "
        "unknown journey stage 'discovr' (did you mean 'discover'?)"
    ]


def test_touchpoint_when_the_profile_has_no_journey(edited, problems):
    text = edited(
        "journey:\n  - id: discover\n    name: Discover\n    customer_goal: Find shoes that fit.\n",
        "",
    )

    # roles now start on line 13: touchpoints is line 19
    assert problems(text) == [
        "org_config.yml:19:19: roles[0].touchpoints[0]: unknown journey stage 'discover': "
        "the profile defines no journey stages"
    ]


def test_unknown_kpi(edited, problems):
    text = edited("kpis: [nps]", "kpis: [nsp]")

    assert problems(text) == [
        "org_config.yml:24:12: roles[0].kpis[0]: unknown KPI 'nsp' (did you mean 'nps'?)"
    ]


def test_unknown_value_in_values_in_action(edited, problems):
    in_action = "    values_in_action:\n      cares:\n        - Call back when you promised.\n"
    text = edited("    kpis: [nps]\n", "    kpis: [nps]\n" + in_action)

    assert problems(text) == [
        "org_config.yml:26:7: roles[0].values_in_action.cares: "
        "unknown value 'cares' (did you mean 'care'?)"
    ]


def test_unknown_onboarding_phase_with_the_default_plan(edited, problems):
    onboarding = "    onboarding:\n      - phase: week1\n        activity: Listen to ten calls.\n"
    text = edited("    kpis: [nps]\n", "    kpis: [nps]\n" + onboarding)

    assert problems(text) == [
        "org_config.yml:26:9: roles[0].onboarding[0].phase: "
        "unknown onboarding phase 'week1' (did you mean 'week-1'?)"
    ]


@pytest.mark.parametrize("phase", DEFAULT_PHASES)
def test_default_plan_phases_can_be_referenced(edited, load, phase):
    onboarding = f"    onboarding:\n      - phase: {phase}\n        activity: Listen to calls.\n"
    text = edited("    kpis: [nps]\n", "    kpis: [nps]\n" + onboarding)

    assert load(text).roles[0].onboarding[0].phase == phase
    assert [default.id for default in default_onboarding().phases] == DEFAULT_PHASES


def test_unknown_onboarding_phase_with_the_profiles_own_phases(minimal_profile, problems):
    role_onboarding = indent(
        dedent(
            """\
            onboarding:
              - phase: day-1
                activity: Listen to ten calls.
              - phase: frist-month
                activity: Answer calls alone.
            """
        ),
        "    ",
    )
    own_phases = dedent(
        """\
        onboarding:
          phases:
            - id: start
              name: Start
            - id: first-month
              name: First month
        """
    )
    text = minimal_profile.replace("    kpis: [nps]\n", "    kpis: [nps]\n" + role_onboarding)

    # own phases replace the default plan, so 'day-1' is no longer known
    assert problems(text + own_phases) == [
        "org_config.yml:26:9: roles[0].onboarding[0].phase: unknown onboarding phase 'day-1'",
        "org_config.yml:28:9: roles[0].onboarding[1].phase: "
        "unknown onboarding phase 'frist-month' (did you mean 'first-month'?)",
    ]


def test_unknown_reports_to(edited, problems):
    text = edited("    kpis: [nps]\n", "    kpis: [nps]\n    reports_to: agnet\n")

    assert problems(text) == [
        "org_config.yml:25:5: roles[0].reports_to: unknown role 'agnet' (did you mean 'agent'?)"
    ]


def test_unknown_value_in_a_kpi(minimal_profile, problems):
    text = minimal_profile + "    values: [cares]\n"

    assert problems(text) == [
        "org_config.yml:30:14: kpis[0].values[0]: unknown value 'cares' (did you mean 'care'?)"
    ]


def test_unknown_value_in_a_recognition_program(minimal_profile, problems):
    recognition = dedent(
        """\
        recognition:
          programs:
            - id: star
              name: Customer star
              criteria: Went further for a customer.
              values: [car]
        """
    )

    assert problems(minimal_profile + recognition) == [
        "org_config.yml:35:16: recognition.programs[0].values[0]: "
        "unknown value 'car' (did you mean 'care'?)"
    ]


def test_unknown_feedback_channel_owner(minimal_profile, problems):
    channels = dedent(
        """\
        feedback_channels:
          - id: survey
            name: Post-purchase survey
            owner: agnt
        """
    )

    assert problems(minimal_profile + channels) == [
        "org_config.yml:33:5: feedback_channels[0].owner: "
        "unknown role 'agnt' (did you mean 'agent'?)"
    ]


# --- reporting lines ----------------------------------------------------------------------


def test_reporting_cycle_is_reported_once(edited, problems):
    text = edited(
        "    kpis: [nps]\n",
        "    kpis: [nps]\n    reports_to: lead\n" + LEAD_ROLE + "    reports_to: agent\n",
    )

    assert problems(text) == [
        "org_config.yml:25:5: roles[0].reports_to: reporting cycle: agent -> lead -> agent"
    ]


def test_role_reporting_to_itself(edited, problems):
    text = edited("    kpis: [nps]\n", "    kpis: [nps]\n    reports_to: agent\n")

    assert problems(text) == [
        "org_config.yml:25:5: roles[0].reports_to: a role cannot report to itself"
    ]


def test_reporting_chain_without_a_cycle_is_valid(edited, load):
    text = edited("    kpis: [nps]\n", "    kpis: [nps]\n    reports_to: lead\n" + LEAD_ROLE)

    assert [role.reports_to for role in load(text).roles] == ["lead", None]


# --- several mistakes ---------------------------------------------------------------------


def test_every_mistake_is_reported_sorted_by_line(minimal_profile, problems):
    text = (
        minimal_profile.replace("    name: Care\n", "    nmae: Care\n")
        .replace("customer_facing: true", "customer_facing: yes")
        .replace("kpis: [nps]", "kpis: [nsp]")
        + "changelog:\n  - date: 2024-02-30\n    summary: First version.\n"
    )

    assert problems(text) == [
        "org_config.yml:8:5: values[0].nmae: unknown field 'nmae' (did you mean 'name'?)",
        "org_config.yml:21:5: roles[0].customer_facing: must be true or false (got 'yes')",
        "org_config.yml:24:12: roles[0].kpis[0]: unknown KPI 'nsp' (did you mean 'nps'?)",
        "org_config.yml:31:5: changelog[0].date: '2024-02-30' is not a real calendar date",
    ]


# --- dates and the schema version ---------------------------------------------------------


def test_changelog_date_is_read_as_a_date(minimal_profile, load):
    text = minimal_profile + "changelog:\n  - date: 2024-01-05\n    summary: First version.\n"

    assert load(text).changelog[0].date == dt.date(2024, 1, 5)


def test_impossible_changelog_date(minimal_profile, problems):
    text = minimal_profile + "changelog:\n  - date: 2024-02-30\n    summary: First version.\n"

    assert problems(text) == [
        "org_config.yml:31:5: changelog[0].date: '2024-02-30' is not a real calendar date"
    ]


def test_changelog_date_in_another_format(minimal_profile, problems):
    text = minimal_profile + "changelog:\n  - date: 5 January 2024\n    summary: First version.\n"

    assert problems(text) == [
        "org_config.yml:31:5: changelog[0].date: '5 January 2024' is not a date; "
        "write it as YYYY-MM-DD"
    ]


def test_schema_version_2_gets_one_clear_sentence(edited, problems):
    # a newer profile would fail many version-1 checks; only the version is reported
    text = edited("schema_version: 1\n", "schema_version: 2\nteams: []\n")

    assert problems(text) == [
        "org_config.yml:1:1: schema_version: version '2' is not supported; "
        "this version of playbook reads version 1"
    ]


# --- names and text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("'{{ x }}'", "a name cannot contain '{{'; it appears in page titles"),
        ('"Care\\nKindness"', "a name must fit on one line"),
        (
            '"Care\\u200e"',
            "contains the invisible character U+200E; remove it (names are compared and "
            "sorted, where invisible marks make equal names differ)",
        ),
        (
            "Care &amp; kindness",
            "a name cannot contain HTML character references such as "
            "'&lt;'; write the character itself",
        ),
    ],
    ids=["jinja", "newline", "direction-mark", "character-reference"],
)
def test_unsafe_name_is_refused(edited, problems, written, message):
    text = edited("    name: Care\n", f"    name: {written}\n")

    assert problems(text) == [f"org_config.yml:8:5: values[0].name: {message}"]


@pytest.mark.parametrize("written", ["First reply < 10 min", "R&D <lead>", "'<script>x</script>'"])
def test_names_may_hold_angle_brackets_and_ampersands(edited, load, written):
    text = edited("    name: Care\n", f"    name: {written}\n")

    assert load(text).values[0].name == written.strip("'")


def test_direction_marks_are_allowed_in_text(edited, load):
    # mixed Hebrew and Latin text needs left-to-right and right-to-left marks
    text = edited(
        "    summary: We treat every customer like a neighbour.",
        '    summary: "We say \u05e9\u05dc\u05d5\u05dd\u200f (shalom)\u200e to everyone."',
    )

    assert "\u200f" in load(text).values[0].summary


def test_markup_in_a_text_field_is_kept_as_written(edited, load):
    # text fields are escaped when pages are made; the loader keeps the exact text
    text = edited(
        "    summary: We treat every customer like a neighbour.",
        '    summary: "<script>alert(1)</script> and {{ config }}"',
    )

    assert load(text).values[0].summary == "<script>alert(1)</script> and {{ config }}"


@pytest.mark.parametrize("device", ["con", "nul", "aux", "prn", "com1", "lpt1"])
def test_windows_device_names_are_refused_as_role_ids(edited, problems, device):
    text = edited("  - id: agent\n", f"  - id: {device}\n").replace("[agent]", f"[{device}]")

    assert [line for line in problems(text) if ".id:" in line] == [
        f"org_config.yml:18:5: roles[0].id: the id '{device}' names a device on Windows, so "
        "its page could not be copied to a Windows share; choose another id "
        f"(e.g. '{device}-1')"
    ]


def test_windows_device_names_are_fine_inside_longer_ids(edited, load):
    assert load(edited("  - id: care\n", "  - id: con-care\n")).values[0].id == "con-care"


# --- facts the contract added: role behaviours, headcount, attendees, owners and reviews ---


def test_role_behaviours_name_known_roles(edited, problems, load):
    named = "      everyone:\n        - Listen before answering.\n"
    good = named + "      roles:\n        agent: [Read the order back.]\n"
    bad = named + "      roles:\n        agnet: [Read the order back.]\n"

    assert load(edited(named, good)).values[0].behaviours.roles == {
        "agent": ["Read the order back."]
    }
    assert problems(edited(named, bad)) == [
        "org_config.yml:14:9: values[0].behaviours.roles.agnet: unknown role 'agnet' "
        "(did you mean 'agent'?)"
    ]


@pytest.mark.parametrize(("written", "meaning"), [("6", 6), ("1", 1)])
def test_headcount_is_a_whole_number_of_people(edited, load, written, meaning):
    text = edited("    kpis: [nps]\n", f"    kpis: [nps]\n    headcount: {written}\n")

    assert load(text).roles[0].headcount == meaning


def test_headcount_is_unknown_when_absent(minimal_profile, load):
    assert load(minimal_profile).roles[0].headcount is None


def test_headcount_of_zero_is_refused(edited, problems):
    text = edited("    kpis: [nps]\n", "    kpis: [nps]\n    headcount: 0\n")

    assert problems(text) == ["org_config.yml:25:5: roles[0].headcount: must be at least 1 (got 0)"]


def test_ritual_attendees_are_roles_departments_or_keywords(minimal_profile, problems, load):
    ritual = (
        "leadership:\n  rituals:\n    - name: Huddle\n      cadence: weekly\n"
        "      attendees: [everyone, leaders, agent, Customer care, {who}]\n"
    )
    good = load(minimal_profile + ritual.format(who="Customer care"))

    assert good.leadership.rituals[0].attendees[-1] == "Customer care"
    assert problems(minimal_profile + ritual.format(who="Custmer care")) == [
        "org_config.yml:34:60: leadership.rituals[0].attendees[4]: 'Custmer care' is neither a "
        "role id, a department, 'everyone' nor 'leaders' (did you mean 'Customer care'?)"
    ]


def test_owner_and_review_dates(edited, load, problems):
    fields = "  owner: agent\n  last_reviewed: 2026-05-01\n  review_every: 6 months\n"
    text = edited(
        "  customers: People who walk a lot.\n", "  customers: People who walk a lot.\n" + fields
    )
    organisation = load(text).organisation

    assert (organisation.owner, organisation.review_every) == ("agent", "6 months")
    assert organisation.last_reviewed == dt.date(2026, 5, 1)
    assert problems(text.replace("owner: agent", "owner: agnet")) == [
        "org_config.yml:6:3: organisation.owner: unknown role 'agnet' (did you mean 'agent'?)"
    ]


@pytest.mark.parametrize("interval", ["6 months", "quarterly", "1 year", "2 Weeks", "yearly"])
def test_review_intervals_people_write(edited, load, interval):
    text = edited("    kpis: [nps]\n", f"    kpis: [nps]\n    review_every: {interval}\n")

    assert load(text).roles[0].review_every == interval


def test_review_interval_that_is_not_one(edited, problems):
    text = edited("    kpis: [nps]\n", "    kpis: [nps]\n    review_every: sometimes\n")

    assert problems(text) == [
        "org_config.yml:25:5: roles[0].review_every: 'sometimes' is not a review interval; "
        "write a number and a unit ('6 months', '2 weeks', '1 year') or monthly, quarterly "
        "or yearly"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [("'#fff'", "(did you mean '#ffffff'?)"), ("'1a7f5a'", "(did you mean '#1a7f5a'?)")],
)
def test_short_or_bare_colour_suggests_the_full_form(edited, problems, written, hint):
    text = edited(
        "  customers: People who walk a lot.\n",
        f"  customers: People who walk a lot.\n  brand:\n    colour: {written}\n",
    )

    [line] = problems(text)
    assert line.endswith(f"is not a colour written as #RRGGBB {hint}")
