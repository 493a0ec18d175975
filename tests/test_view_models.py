"""What the catalog hands templates as finished lists, so the templates only word them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

from playbook import load_profile
from playbook.plan.catalog import Catalog, build_catalog
from playbook.profile.checks import default_onboarding

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
