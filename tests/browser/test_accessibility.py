"""axe-core finds no serious or critical WCAG 2.x A/AA problem, in light and dark mode.

Also checks by hand what axe cannot judge: the tables' header structure (the journey matrix
must read as "role x stage" to a screen reader) and the names of the checklist checkboxes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from playbook.plan.catalog import is_new_hire
from tests.browser.browserkit import PageFactory, Server, expect, run_axe, serious
from tests.sitefiles import SAMPLE

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ROLE = SAMPLE.roles[0]
VALUE = SAMPLE.values[0]

PAGES = {
    "home": "",
    "role": f"roles/{ROLE.id}/",
    "value": f"values/{VALUE.id}/",
    "journey": "journey/",
    "onboarding": "onboarding/",
    "kpis": "kpis/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_axe_violations(
    new_page: PageFactory, server: Server, axe_script: Path, name: str, scheme: str
) -> None:
    page = new_page(dark=scheme == "dark")
    page.goto(server.url(PAGES[name]))
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    checkboxes = page.get_by_role("checkbox")
    if checkboxes.count():  # checked once the checklist script has made them clickable
        expect(checkboxes.first).to_be_enabled()

    assert serious(run_axe(page, axe_script)) == []


def test_search_dialog_has_a_name(page: Page, server: Server) -> None:
    page.goto(server.url())
    expect(page.get_by_role("dialog", name="Search")).to_have_count(1)


def test_journey_matrix_reads_as_roles_by_stages(page: Page, server: Server) -> None:
    page.goto(server.url(PAGES["journey"]))
    role_column = page.get_by_role("columnheader", name="Role", exact=True)
    matrix = page.locator("table").filter(has=role_column)
    expect(matrix).to_have_count(1)
    column_headers = matrix.get_by_role("columnheader")
    expected_columns = ["Role", "Department", *(stage.name for stage in SAMPLE.journey)]
    expect(column_headers).to_have_text(expected_columns)
    staged_roles = [role.title for role in SAMPLE.roles if role.touchpoints]
    expect(matrix.get_by_role("rowheader")).to_have_text(staged_roles)
    # Every body cell is tied to its column header and its row header.
    scopes = matrix.locator("th").evaluate_all("cells => cells.map(c => c.scope)")
    assert set(scopes) == {"col", "row"}


def test_checklist_checkboxes_are_named_by_their_item(page: Page, server: Server) -> None:
    page.goto(server.url(PAGES["onboarding"]))
    # The new hire's own steps are the checklist (the owners' jobs are listed, not ticked).
    own_steps = [
        activity.do
        for phase in (SAMPLE.onboarding.phases if SAMPLE.onboarding else [])
        for activity in phase.activities
        if not isinstance(activity, str) and is_new_hire(activity.who)
    ]
    first_activity = own_steps[0] if own_steps else None
    checkboxes = page.get_by_role("checkbox")
    expect(checkboxes.first).to_be_enabled()
    if first_activity:
        expect(page.get_by_role("checkbox", name=first_activity)).to_have_count(1)
    unnamed = checkboxes.evaluate_all(
        "boxes => boxes.filter(b => !b.labels.length && !b.getAttribute('aria-labelledby')).length"
    )
    assert unnamed == 0
