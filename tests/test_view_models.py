"""What the catalog and the guide pages' view models (playbook.plan.views) hand templates as
finished lists and sentences, so the templates only word them."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest

from playbook import load_profile
from playbook.plan.catalog import Catalog, build_catalog, ritual_kind
from playbook.plan.health_texts import ASPECTS, DIMENSIONS
from playbook.plan.views import (
    ASSESSMENT_WORDS,
    SCRIPT_WORDS,
    FeedbackPage,
    Words,
    feedback_page,
    health_check,
    leadership_page,
)
from playbook.profile.checks import default_onboarding, load_checked
from playbook.profile.lint import lint_profile
from playbook.profile.model import Ritual, Role
from playbook.words.phrases import people_served
from playbook.words.translations import select_language

PROFILE = dedent(
    """\
    schema_version: 1
    organisation:
      name: Harbour Library
      mission: Every question finds its book.
      customers: Readers of the harbour district.
    values:
      - id: care
        name: Care
        summary: We help every reader find what they came for.
        behaviours:
          everyone: [Ask what the reader is looking for]
    journey:
      - id: visit
        name: Visit
        customer_goal: Find a book.
    roles:
      - id: cataloguer
        title: Cataloguer
        department: Collections
        customer_facing: false
        customer_position: Makes every book findable.
        kpis: [findable]
        decisions:
          - decision: Which shelf a new book goes to.
            customer_question: Where would a reader look first?
          - decision: Which books to withdraw.
            customer_question: Who still borrows them?
      - id: desk
        title: Desk librarian
        department: Front desk
        customer_facing: true
        customer_position: Answers readers' questions.
        touchpoints: [visit]
        kpis: [findable, answered]
        decisions:
          - decision: Whether to extend a loan.
            customer_question: What does the reader need the book for?
      - id: buyer
        title: Buyer
        department: Collections
        customer_facing: false
        customer_position: Chooses the books we buy.
        kpis: [findable, answered]
        decisions:
          - decision: Which new titles to buy.
            customer_question: What did readers ask for that we lacked?
      - id: host
        title: Event host
        department: Front desk
        customer_facing: true
        customer_position: Runs readings.
        touchpoints: [visit]
        decisions:
          - decision: Which author to invite.
            customer_question: Whom would our readers come out for?
    kpis:
      - id: wait
        name: Wait at the desk
        definition: Minutes in the queue.
        customer_outcome: Readers are served quickly.
      - id: answered
        name: Questions answered
        definition: Share of questions answered on the spot.
        customer_outcome: Readers leave with an answer.
      - id: findable
        name: Books found
        definition: Share of searches that end at the shelf.
        customer_outcome: Readers find the book they came for.
    """
)


def catalog_of(profile_file: Callable[[str], Path], text: str) -> Catalog:
    return build_catalog(load_profile(profile_file(text)), default_onboarding().phases)


def test_worked_examples_come_from_three_roles_facing_customers_first(
    profile_file: Callable[[str], Path],
) -> None:
    catalog = catalog_of(profile_file, PROFILE)
    picked = [(item.role.id, item.decision) for item in catalog.worked_examples()]
    assert picked == [
        ("desk", "Whether to extend a loan."),
        ("cataloguer", "Which shelf a new book goes to."),
        ("buyer", "Which new titles to buy."),  # the next role in the profile's order
    ]


def test_worked_examples_without_customer_facing_roles(
    profile_file: Callable[[str], Path],
) -> None:
    text = PROFILE.replace("customer_facing: true", "customer_facing: false")
    picked = [item.role.id for item in catalog_of(profile_file, text).worked_examples()]
    assert picked == ["cataloguer", "desk", "buyer"]


def test_shared_kpis_most_roles_first_ties_in_profile_order(
    profile_file: Callable[[str], Path],
) -> None:
    catalog = catalog_of(profile_file, PROFILE)
    assert [kpi.id for kpi in catalog.shared_kpis()] == ["findable", "answered"]


# --- the guide pages' view models (playbook.plan.views) --------------------------------


def english_words(singular: str | None = None, plural: str | None = None) -> Words:
    return Words(gettext.NullTranslations(), people_served(singular, plural))


def markdown_link(item: Role) -> str:
    return f"[{item.title}](roles/{item.id}.md)"


def health_of(profile_file: Callable[[str], Path], text: str, words: Words | None = None):
    profile = load_profile(profile_file(text))
    catalog = build_catalog(profile, default_onboarding().phases)
    return health_check(profile, catalog, words or english_words(), markdown_link)


def test_health_check_has_four_dimensions_and_nine_signs_with_five_levels_each(
    profile_file: Callable[[str], Path],
) -> None:
    check = health_of(profile_file, PROFILE, english_words("reader", "readers"))
    assert [area["id"] for area in check.dimensions] == [
        "collective-focus",
        "external-orientation",
        "change-and-innovation",
        "shared-beliefs",
    ]
    assert [area["id"] for area in check.aspects] == [
        "mandate",
        "think-big",
        "champion",
        "clicks",
        "shared-success",
        "evidence-first",
        "data-and-people",
        "people-process-platforms",
        "daily-decisions",
    ]
    for area in check.dimensions + check.aspects:
        assert len(area["levels"]) == len(area["next"]) == 5, area["id"]
        texts = [area["name"], area["prompt"], *area["levels"], *area["next"]]
        # Every placeholder filled, with the profile's word (an anchor may say "customer").
        unfilled = [text for text in texts if "%(" in text or " customer" in text.lower()]
        assert unfilled == [], area["id"]
    assert check.aspects[-1]["name"] == "Reader focus in day-to-day decisions"
    assert check.dimensions[0]["prompt"] == (
        "Does everyone know their part in what we promise readers?"
    )
    assert check.assessment["next_label"] == "Next step:"
    assert check.assessment["words"]["script"]["level"] == "Level {level} of 5"


def test_health_evidence_counts_the_gaps_lint_reports(profile_file: Callable[[str], Path]) -> None:
    path = profile_file(PROFILE)
    profile, source = load_checked(path)
    unlinked = [f.item_id for f in lint_profile(profile, source) if f.rule == "role-no-touchpoints"]
    assert unlinked == ["cataloguer", "buyer"]  # so 2 of the 4 roles are on the journey
    check = health_of(profile_file, PROFILE)
    evidence = {area["id"]: area["evidence"] for area in check.dimensions + check.aspects}
    assert {key: text for key, text in evidence.items() if text} == {
        "collective-focus": "2 of our 4 roles are linked to a stage of the [journey](journey.md). "
        "A link on paper is not the same as knowing it: ask five people "
        "in different teams how their work reaches customers, and compare their answers with "
        "their role pages.",
        "shared-beliefs": "No value has its own interview questions yet. Values that never "
        "appear in hiring, onboarding or recognition are values on a wall.",
        "clicks": "For the people in roles behind the scenes, the moment has to be created on "
        "purpose.",
        "data-and-people": "Which of our [KPIs](kpis.md) led to a change in how people work last "
        "quarter?",
        "daily-decisions": "Pick three decisions made last month from the [decision guide]"
        "(decisions.md) and check whether the question was really asked.",
    }


LOOSE_ENDS = PROFILE.replace(
    "  customers: Readers of the harbour district.\n",
    "  customers: Readers of the harbour district.\n"
    "  vision: A book for every reader within a day.\n",
).replace("customer_facing: true", "customer_facing: false").replace(
    "    touchpoints: [visit]\n", "", 1
) + dedent(
    """\
    leadership:
      rituals:
        - name: Monthly reader review
          cadence: Monthly
        - name: Quarterly reader review
          cadence: Quarterly
    feedback_channels:
      - id: desk-notes
        name: Notes from the desk
        owner: desk
        action: The desk fixes the top issue.
      - id: survey
        name: Reader survey
        cadence: Yearly
      - id: email
        name: Email inbox
        owner: buyer
        cadence: Weekly
    """
)


def test_health_evidence_for_channels_rituals_vision_and_no_one_facing_customers(
    profile_file: Callable[[str], Path],
) -> None:
    check = health_of(profile_file, LOOSE_ENDS)
    evidence = {area["id"]: area["evidence"] for area in check.dimensions + check.aspects}
    assert evidence["collective-focus"].startswith("1 of our 4 roles is linked to a stage")
    assert evidence["external-orientation"] == (
        "1 of our 3 [feedback channels](feedback.md) has an agreed action. "
        "What do the people who never meet customers hear from them?"
    )
    assert evidence["change-and-innovation"].startswith(
        "Look at the actions agreed in our [leadership rituals]"
    )
    assert evidence["mandate"].startswith("Compare what the [leadership playbook]")
    assert evidence["think-big"] == (
        "Our big ambition is: *A book for every reader within a day.* Which small step this "
        "quarter brought it visibly closer?"
    )
    assert evidence["clicks"] == (
        "None of our roles works with customers directly, so for everyone the moment has to be "
        "created on purpose."
    )
    assert evidence["shared-success"] is None  # no recognition programmes


def test_health_evidence_when_every_role_is_linked_and_every_channel_acted_on(
    profile_file: Callable[[str], Path],
) -> None:
    text = LOOSE_ENDS.replace(
        "customer_position: Makes", "touchpoints: [visit]\n    customer_position: Makes"
    )
    text = text.replace(
        "customer_position: Answers", "touchpoints: [visit]\n    customer_position: Answers"
    )
    text = text.replace(
        "customer_position: Chooses", "touchpoints: [visit]\n    customer_position: Chooses"
    )
    text = text.replace(
        "    name: Reader survey\n",
        "    name: Reader survey\n    action: We read it.\n",
    )
    text = text.replace(
        "    cadence: Weekly\n", "    cadence: Weekly\n    action: Answer in a day.\n"
    )
    check = health_of(profile_file, text)
    evidence = {area["id"]: area["evidence"] for area in check.dimensions + check.aspects}
    assert evidence["collective-focus"].startswith(
        "Every role is linked to at least one stage of the [journey](journey.md). A link on paper"
    )
    assert evidence["external-orientation"].startswith(
        "Every one of our [feedback channels](feedback.md) has an agreed action."
    )


def test_health_check_in_german(profile_file: Callable[[str], Path]) -> None:
    german = select_language("de").translations
    words = Words(german, people_served(None, None, german.gettext))
    check = health_of(profile_file, PROFILE, words)
    assert check.dimensions[0]["name"] == "Gemeinsamer Fokus"
    collective = check.dimensions[0]["evidence"]
    assert collective.startswith("2 ") and "journey.md" in collective
    assert collective == german.ngettext(
        "%(num)s of our %(total)s roles is linked to a stage of the [journey](journey.md).",
        "%(num)s of our %(total)s roles are linked to a stage of the [journey](journey.md).",
        2,
    ) % {"num": 2, "total": 4} + " " + german.gettext(
        "A link on paper is not the same as knowing it: ask five people in different teams how "
        "their work reaches %(customers)s, and compare their answers with their role pages."
    ) % {"customers": words.served.plural}


@pytest.mark.parametrize("code", ["de", "fr", "es"])
def test_every_health_check_text_is_translated(code: str) -> None:
    translations = select_language(code).translations
    texts = [
        text
        for area in DIMENSIONS + ASPECTS
        for text in (area.name, area.prompt, *area.levels, *area.next_steps)
    ]
    texts += [*ASSESSMENT_WORDS.values(), *SCRIPT_WORDS.values()]
    untranslated = [text for text in texts if translations.gettext(text) == text]
    # ": " (the separator) and a few short words may read the same in a language.
    assert [text for text in untranslated if len(text) > 12] == []


def test_feedback_page_lists_open_loops_owners_and_the_review_ritual(
    profile_file: Callable[[str], Path],
) -> None:
    profile = load_profile(profile_file(LOOSE_ENDS))
    catalog = build_catalog(profile, default_onboarding().phases)
    page = feedback_page(profile, catalog, english_words("reader", "readers"), markdown_link)
    assert [channel.id for channel in page.without_owner] == ["survey"]
    assert [channel.id for channel in page.without_action] == ["survey", "email"]
    assert [channel.id for channel in page.without_cadence] == ["desk-notes"]
    assert page.owners == [
        "the [Desk librarian](roles/desk.md) for Notes from the desk",
        "the [Buyer](roles/buyer.md) for Email inbox",
    ]
    assert page.review_ritual == "Monthly reader review"  # the first review ritual


def test_feedback_page_names_an_owner_of_several_channels_once(
    profile_file: Callable[[str], Path],
) -> None:
    assert LOOSE_ENDS.count("owner: buyer") == 1
    profile = load_profile(profile_file(LOOSE_ENDS.replace("owner: buyer", "owner: desk")))
    catalog = build_catalog(profile, default_onboarding().phases)
    page = feedback_page(profile, catalog, english_words("reader", "readers"), markdown_link)
    assert page.owners == [
        "the [Desk librarian](roles/desk.md) for Notes from the desk and Email inbox"
    ]


def test_unfunded_fixes_go_to_the_review_the_leaders_attend(
    profile_file: Callable[[str], Path],
) -> None:
    monthly = "    - name: Monthly reader review\n      cadence: Monthly\n"
    quarterly = "    - name: Quarterly reader review\n      cadence: Quarterly\n"
    assert monthly in LOOSE_ENDS and quarterly in LOOSE_ENDS
    text = LOOSE_ENDS.replace(monthly, f"{monthly}      attendees: [desk]\n")
    for attendees, expected in (
        ("      attendees: [leaders]\n", "Quarterly reader review"),
        ("      attendees: [everyone]\n", "Quarterly reader review"),
    ):
        profile = load_profile(profile_file(text.replace(quarterly, quarterly + attendees)))
        catalog = build_catalog(profile, default_onboarding().phases)
        page = feedback_page(profile, catalog, english_words(), markdown_link)
        assert page.review_ritual == expected, attendees
    # Unnamed attendees come before one team's own review.
    profile = load_profile(profile_file(text))
    page = feedback_page(
        profile, build_catalog(profile, default_onboarding().phases), english_words(), markdown_link
    )
    assert page.review_ritual == "Quarterly reader review"


def test_feedback_page_without_channels_or_rituals(profile_file: Callable[[str], Path]) -> None:
    profile = load_profile(profile_file(PROFILE))
    catalog = build_catalog(profile, default_onboarding().phases)
    page = feedback_page(profile, catalog, english_words(), markdown_link)
    assert page == FeedbackPage([], [], [], [], None)


def test_leadership_lines_ask_about_rituals_only_when_there_are_some(
    profile_file: Callable[[str], Path],
) -> None:
    words = english_words("reader", "readers")
    for text, count in ((PROFILE, 4), (LOOSE_ENDS, 5)):
        profile = load_profile(profile_file(text))
        catalog = build_catalog(profile, default_onboarding().phases)
        lines = leadership_page(profile, catalog, words, markdown_link).across_values
        assert len(lines) == count
        assert lines[0] == (
            "How many hours did I spend with readers, or listening to them, and did my team know?"
        )
    assert lines[-1] == "Did every one of our rituals happen, with readers first on the agenda?"


@pytest.mark.parametrize(
    ("name", "purpose", "kind"),
    [
        # A French team meeting named "Point ..." is a huddle, though its purpose speaks
        # of the team's rounds ("tournées"), which would make it a visit to the floor.
        ("Point portage", "Préparer les tournées de la semaine.", "huddle"),
        ("Tournée des sites", "La directrice passe une matinée dans chaque site.", "on-the-floor"),
        ("Comité de réseau", "Les indicateurs du mois et les réclamations.", "review"),
    ],
)
def test_a_ritual_is_judged_by_its_name_first(name: str, purpose: str, kind: str) -> None:
    ritual = Ritual(name=name, cadence="hebdomadaire", purpose=purpose)
    assert ritual_kind(ritual) == kind
