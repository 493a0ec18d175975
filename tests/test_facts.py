"""The playbook states as fact only what the profile says.

Profiles unlike the sample (tests/fixtures/facts/: a dental group of three practices with
behaviours named by role, headcounts and ritual attendees; a five-person agency with no HR)
are built for real and read back: behaviours land only on the roles they are written for,
no sentence assumes one person where the headcount says more or nothing, ritual advice and
invitations follow who attends, and practices the profile never names (reviews, panels,
awards) appear only as advice.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from sitekit import SharedSites, Site, collapse
from sitekit import section as section_of

from playbook import load_profile
from playbook.plan.catalog import Catalog, build_catalog
from playbook.profile.checks import default_onboarding
from playbook.profile.model import Role

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "facts"
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate import write_profile  # noqa: E402  (the benchmarks' profile generator)

# Practices a playbook may mention as fact only when the profile names them.
INVENTED_PRACTICES = re.compile(
    r"yearly reviews?|annual reviews?|appraisals?|performance reviews?|interview panels?"
    r"|interview loops?|award panels?|host immersion|every thank-you names|the time booked"
    r"|check-ins? of the onboarding plan|the panel finds|every week, and",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def sites(shared_sites: SharedSites) -> dict[str, Site]:
    return {profile.stem: shared_sites.site(profile) for profile in sorted(FIXTURES.glob("*.yml"))}


def text(site: Site, url: str) -> str:
    return collapse(site.article(url).get_text(" "))


def section(site: Site, url: str, heading: str) -> str:
    return collapse(section_of(site.article(url), heading).get_text(" "))


def test_role_behaviours_reach_only_the_roles_they_name(sites: dict[str, Site]) -> None:
    dental = sites["dental"]
    read_back = "Read the appointment time and the cost back before the call ends."
    stop_signal = "Explain each step before you do it, and agree a stop signal."
    assert read_back in section(dental, "roles/receptionist/", "Our values in your work")
    assert stop_signal in section(dental, "roles/dentist/", "Our values in your work")
    for other in ("dentist", "hygienist", "practice-manager", "sterilisation-tech"):
        assert read_back not in text(dental, f"roles/{other}/"), other
    # The decontamination technician shares the Clinical department with the dentists but
    # is not told to agree a stop signal with patients.
    assert stop_signal not in text(dental, "roles/sterilisation-tech/")
    value_page = section(dental, "values/straight-talk/", "How it shows up in our roles")
    assert "Receptionist" in value_page and read_back in value_page


def test_one_person_only_where_the_headcount_says_one(sites: dict[str, Site]) -> None:
    manager = text(sites["dental"], "roles/practice-manager/")
    assert "Meet the person who reports to you, the Receptionist" in manager
    assert "to the person who reports to you by the end of the week" in manager
    director = text(sites["dental"], "roles/clinical-director/")
    assert "Meet everyone who reports to you" in director
    assert "the person who reports to you" not in director
    founder = text(sites["agency"], "roles/founder/")
    assert "Meet everyone who reports to you" in founder
    assert "the person who reports to you" not in founder


def test_ritual_advice_follows_who_attends(sites: dict[str, Site]) -> None:
    dental = text(sites["dental"], "leadership/")
    # The governance meeting is attended by clinicians who treat patients: nobody needs
    # to be invited who works with patients; a private one-on-one is a one-to-one.
    assert "invite someone who does" not in dental and "consider inviting" not in dental
    assert "Ask the people who work with patients directly to bring one recent example" in dental
    assert "let them lead" in dental
    agency = text(sites["agency"], "leadership/")
    # The founder's pipeline review: the founder meets clients, so no invitation either.
    assert "consider inviting" not in agency
    for site in sites.values():
        assert "Who takes part" in text(site, "leadership/")


def test_a_role_page_lists_the_meetings_it_takes_part_in(sites: dict[str, Site]) -> None:
    dental = sites["dental"]
    receptionist = section(dental, "roles/receptionist/", "Meetings you take part in")
    assert "Morning huddle" in receptionist
    assert "Clinical governance meeting" not in receptionist
    assert "One-on-ones" not in receptionist
    dentist = section(dental, "roles/dentist/", "Meetings you take part in")
    assert "Morning huddle" in dentist and "Clinical governance meeting" in dentist
    director = section(dental, "roles/clinical-director/", "Meetings you take part in")
    assert "One-on-ones" in director


def test_the_buddy_takes_new_hires_only_to_meetings_everyone_attends(
    sites: dict[str, Site],
) -> None:
    assert "brings them to their first Morning huddle" in text(sites["dental"], "onboarding/")
    assert "brings them to their first Friday demo" in text(sites["agency"], "onboarding/")
    # The library's annual appraisal is for everyone, but it is a private conversation.
    assert "first Annual appraisal" not in text(sites["library"], "onboarding/")
    assert "Pipeline review" not in section(sites["agency"], "onboarding/", "The buddy guide")


def test_no_invented_practices(sites: dict[str, Site]) -> None:
    for name, site in sites.items():
        profile = (FIXTURES / f"{name}.yml").read_text(encoding="utf-8").lower()
        for url in site.page_urls:
            if url.startswith(("print/", "404")):
                continue
            found = [
                phrase
                for phrase in INVENTED_PRACTICES.findall(text(site, url))
                if phrase.lower() not in profile  # the organisation's own practice
            ]
            assert not found, (name, url, found)


def test_hiring_example_comes_from_a_role_that_is_hired_often(sites: dict[str, Site]) -> None:
    # The dentists (seven, customer-facing, nobody reports to them), not the director.
    assert "for the Dentist role, ask how they would decide this" in text(
        sites["dental"], "hiring/"
    )
    # The designers (two, customer-facing), not the founder listed first.
    assert "for the Designer role" in text(sites["agency"], "hiring/")


def test_kpi_owner_named_by_the_profile(sites: dict[str, Site]) -> None:
    kpis = text(sites["dental"], "kpis/")
    assert "No owner named" not in kpis and "No role owns this KPI yet" not in kpis


def test_self_assessment_has_one_line_per_value_and_no_prohibitions(
    sites: dict[str, Site],
) -> None:
    assessment = section_of(sites["agency"].article("leadership/"), "Quarterly self-assessment")
    lines = collapse(assessment.get_text(" "))
    assert "Never sign off a proposal" not in lines
    assert "Read one client email a week from each person" in lines
    values = len(load_profile(FIXTURES / "agency.yml").values)
    assert len(assessment.find_all("fieldset")) == values + 4 + 1


def test_colleagues_to_spend_time_with_are_the_most_relevant() -> None:
    profile = load_profile(FIXTURES / "agency.yml")
    catalog = build_catalog(profile, default_onboarding().phases)
    developer = catalog.roles_by_id["developer"]
    # The designer shares the build stage and the same manager; the founder is on no stage
    # of the developer's, so is never suggested however early the file lists them.
    assert [role.id for role in catalog.immersion_hosts(developer)] == ["designer"]


def _plainly_ranked_hosts(catalog: Catalog, role: Role, limit: int = 3) -> list[str]:
    """What the immersion hosts are, ranked over every colleague without shortcuts."""
    shared = {
        other.id: sum(other.meets_customers_at(stage) for stage in role.touchpoints)
        for other in catalog.profile.roles
        if other.id != role.id
    }
    order = [other.id for other in catalog.profile.roles]

    def relevance(other: Role) -> tuple[int, bool, bool, int]:
        near = other.id == role.reports_to or other.reports_to in (role.id, role.reports_to)
        different = other.department != role.department
        return (-shared[other.id], not near, different, order.index(other.id))

    ranked = sorted(
        (other for other in catalog.profile.roles if shared.get(other.id)), key=relevance
    )
    return [other.id for other in ranked[:limit]]


@pytest.mark.parametrize(
    "profile",
    [*sorted(FIXTURES.glob("*.yml")), REPO_ROOT / "org_config.yml", "generated"],
    ids=lambda profile: profile if isinstance(profile, str) else profile.stem,
)
def test_colleagues_to_spend_time_with_rank_as_a_plain_ranking_does(
    profile: Path | str, tmp_path: Path
) -> None:
    if profile == "generated":  # hundreds of roles share each stage here
        profile = write_profile(tmp_path / "org_config.yml", 300)
    catalog = build_catalog(loaded := load_profile(profile), default_onboarding().phases)
    for role in loaded.roles:
        for limit in (3, 12):
            assert [host.id for host in catalog.immersion_hosts(role, limit)] == (
                _plainly_ranked_hosts(catalog, role, limit)
            ), (role.id, limit)


def test_nothing_assumes_daily_contact(sites: dict[str, Site]) -> None:
    for name, site in sites.items():
        for url in ("", "hiring/", "onboarding/"):
            assert "directly every day" not in text(site, url), (name, url)


def test_the_default_onboarding_plan_reads_as_a_suggestion(sites: dict[str, Site]) -> None:
    suggested = "We have not written down an onboarding plan of our own yet"
    agency = sites["agency"]  # no onboarding section: the default plan is shown
    assert suggested in text(agency, "onboarding/")
    checklist = section(agency, "roles/designer/", "Your onboarding checklist")
    assert f"{suggested}: the suggested plan is a starting point, so ask your manager" in (
        checklist
    )
    founder = section(agency, "roles/founder/", "Your onboarding checklist")
    assert "so decide which of its steps fit this role" in founder
    assert "every new colleague follows" not in text(agency, "roles/developer/")
    dental = sites["dental"]  # its own plan is stated as it is
    assert suggested not in text(dental, "onboarding/")
    assert suggested not in text(dental, "roles/receptionist/")


def test_no_page_sends_anything_to_a_leadership_team_the_profile_does_not_name(
    sites: dict[str, Site],
) -> None:
    for name, site in sites.items():
        for url in ("feedback/", "leadership/"):
            assert "leadership team" not in text(site, url), (name, url)


def test_worked_examples_do_not_pair_a_decision_with_a_moment_as_if_the_profile_did(
    sites: dict[str, Site],
) -> None:
    # The profile ties a decision to its role, not to a stage or a moment: the example
    # asks the reader to check the role's moments instead of naming one as the decision's.
    examples = section(sites["dental"], "decisions/", "Worked examples")
    assert "Check whether the decision touches a moment that matters there" in examples
    assert "One moment that matters at" not in examples
    assert "which stands for this" not in examples


def test_the_numbers_are_looked_up_where_we_track_them_not_with_an_assumed_team(
    sites: dict[str, Site],
) -> None:
    ramp = text(sites["airline"], "roles/ramp-agent/")
    assert "Find out where we track" in ramp and "where your team looks at" not in ramp


def test_review_meetings_are_prepared_before_the_meeting_whatever_their_cadence(
    sites: dict[str, Site],
) -> None:
    # "A few days ahead" cannot be done for a daily review.
    prepared = [
        name
        for name, site in sites.items()
        if "said before the meeting" in text(site, "leadership/")
    ]
    assert prepared
    for name, site in sites.items():
        assert "a few days ahead" not in text(site, "leadership/"), name


def test_a_kpi_is_owned_by_the_owner_the_profile_names_not_by_the_roles_measured_on_it(
    sites: dict[str, Site],
) -> None:
    airline = sites["airline"]  # ramp agents list the KPI; the profile names the duty manager
    entry = tidy(section(airline, "kpis/", "On-time departure"))
    assert "Owned by the Duty manager." in entry and "Ramp agent" not in entry
    drawing = [collapse(box.get_text(" ")) for box in airline.article("kpis/").select("svg a")]
    assert any(box.startswith("On-time departure Owned by Duty manager") for box in drawing)
    # A KPI without a named owner is still owned by the roles that list it.
    assert "Owned by the Ramp agent." in tidy(section(airline, "kpis/", "First bag on the belt"))


def test_a_role_held_by_several_people_is_not_told_it_leads_all_their_reports(
    sites: dict[str, Site],
) -> None:
    # Four duty managers share the ramp and check-in agents: none of them leads all 78.
    first_week = section(sites["airline"], "roles/duty-manager/", "Your first week")
    assert "Meet the people who report to you, in small groups first" in first_week
    assert not re.search(r"\b\d+ people\b", first_week)


def test_the_values_page_claims_interview_questions_only_for_values_that_have_them(
    sites: dict[str, Site],
) -> None:
    mixed = 0
    for name, site in sites.items():
        values = load_profile(FIXTURES / f"{name}.yml").values
        page = text(site, "values/")
        if all(value.interview_questions for value in values):
            assert "every value has interview questions" in page or len(values) == 1, name
        else:
            mixed += 1
            assert "some values still need questions of our own" in page, name
            assert "questions to ask for each value" not in page, name
    assert mixed  # the fixtures hold both kinds


def test_kpis_moved_by_one_role_are_not_said_to_be_moved_by_most_roles_together(
    sites: dict[str, Site],
) -> None:
    leadership = text(sites["airline"], "leadership/")  # only the ramp agents list KPIs
    assert "Make it concrete with our measures of what passengers experience:" in leadership
    assert "the most roles move together" not in leadership


def tidy(words: str) -> str:
    """Text as read: no space before punctuation that follows a link."""
    return re.sub(r" ([.,:;])", r"\1", words)


def test_onboarding_phases_reach_only_the_roles_they_are_for(sites: dict[str, Site]) -> None:
    charity = sites["charity"]
    plan = tidy(text(charity, "onboarding/"))
    assert "For: the Helpline volunteer and Drop-in volunteer." in plan
    assert "For: the Helpline volunteer." in plan
    # Trustees go through none of the volunteers' phases, and have no manager to ask.
    trustee = tidy(section(charity, "roles/trustee/", "Your onboarding checklist"))
    assert "None of the phases of the onboarding plan is for this role" in trustee
    assert "Ask your manager" not in trustee
    drop_in = tidy(section(charity, "roles/drop-in-volunteer/", "Your onboarding checklist"))
    assert "these phases are for this role: Before your first session." in drop_in
    assert "First three sessions" not in drop_in


def test_steps_that_name_nobody_are_arranged_not_done_by_the_phase_lead(
    sites: dict[str, Site],
) -> None:
    plan = tidy(text(sites["charity"], "onboarding/"))
    arranged = "arranged by its lead (volunteer coordinator): Six evenings of listening-skills"
    assert arranged in plan
    # Only steps the profile gives to someone by name are said to be done by them.
    assert "Volunteer coordinator: Six evenings" not in plan
    assert "Volunteer coordinator: Basic DBS check and two references" in plan


def test_the_default_plan_leaves_out_what_the_profile_lacks(sites: dict[str, Site]) -> None:
    plan = text(sites["agency"], "onboarding/")  # no KPIs, the default onboarding plan
    assert "Day 1" in plan and "First 90 days" in plan
    assert "KPI" not in plan
    assert "team meeting" not in plan


def test_a_customer_facing_role_can_shape_a_stage_behind_the_scenes(
    sites: dict[str, Site],
) -> None:
    dental = sites["dental"]
    aftercare = section(dental, "journey/", "4. Aftercare")
    meet, _, behind = aftercare.partition("Shape it behind the scenes:")
    assert "Dentist" in behind and "Dentist" not in meet
    treatment = section(dental, "journey/", "3. Treatment")
    assert "Dentist" in treatment.partition("Shape it behind the scenes:")[0]


def test_recognition_without_programmes_nominates_nobody(sites: dict[str, Site]) -> None:
    agency = text(sites["agency"], "recognition/")
    assert "How to nominate" not in agency
    assert "How to put a thank-you into words" in agency


def test_kpi_table_names_the_roles_that_move_each_kpi(sites: dict[str, Site]) -> None:
    table = sites["charity"].article("kpis/").find("table")
    row = collapse(table.find("a", string="Calls answered").find_parent("tr").get_text(" "))
    assert "1 role" not in row
