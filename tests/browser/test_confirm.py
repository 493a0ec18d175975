"""Read and confirm, and the onboarding plan with dates, in a real Chromium.

A reader confirms a role page, the page is rebuilt with a change, and the page asks again;
the home page lists the reader's pages that need a (new) read; the onboarding page turns a
start date into dated phases and a calendar file that icalendar parses.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from playbook.sitebuild.build import build_site
from tests.browser.browserkit import PageFactory, expect, serving
from tests.conftest import MINIMAL_PROFILE
from tests.sitekit import write_project

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ONBOARDING = (
    "onboarding:\n  phases:\n"
    "    - id: day-1\n      name: First day\n      goals: [Meet the team.]\n"
    "    - id: week-2\n      name: Second week\n"
    "    - id: day-30\n      name: After a month <30 days>\n"
    "    - id: settling-in\n      name: Settling in\n"
)


def profile_text(confirm_to: str = "") -> str:
    text = MINIMAL_PROFILE + ONBOARDING
    if confirm_to:
        text = text.replace(
            "  customers: People who walk a lot.\n",
            f"  customers: People who walk a lot.\n  confirmations_to: '{confirm_to}'\n",
        )
    return text


def confirm_box(page: Page):
    return page.locator(".playbook-confirm")


def test_a_confirmed_page_asks_again_after_it_changes(
    new_page: PageFactory, tmp_path: Path
) -> None:
    project = write_project(tmp_path, profile_text())
    build_site(project.profile, strict=True)
    with serving(project.site_dir) as server:
        page = new_page()
        page.goto(server.url("roles/agent/"))
        box = confirm_box(page)
        expect(box).to_be_visible()
        expect(box).to_contain_text("Once you have read this page, confirm it here.")
        box.get_by_role("button", name="I have read this page").click()
        expect(box).to_contain_text("that you have read this page.")
        expect(box.get_by_role("button")).to_be_hidden()
        expect(box.locator(".playbook-confirm-send")).to_be_hidden()  # nowhere to send it

        page.reload()
        expect(box).to_contain_text("that you have read this page.")

        # The home page: the reader chooses their role once; the role page is read, the
        # value page and the onboarding plan are not yet.
        page.goto(server.url(""))
        reading = page.locator(".playbook-reading")
        reading.locator("select").select_option(label="Support agent")
        expect(reading).to_contain_text("Pages to read: 2.")
        expect(
            reading.locator(".playbook-reading-list li", has_text="Support agent")
        ).to_contain_text("(read on")

        edited = profile_text().replace(
            "customer_position: Answers customers' questions.",
            "customer_position: Answers customers' questions by phone and chat.",
        )
        project.profile.write_text(edited, encoding="utf-8")
        build_site(project.profile, strict=True)

        page.goto(server.url("roles/agent/"))
        expect(box).to_contain_text("This page has changed since you confirmed reading it")
        box.get_by_role("button", name="I have read the new version").click()
        expect(box).to_contain_text("that you have read this page.")

        page.goto(server.url(""))
        # The role is remembered; the role page is read again.
        expect(reading.locator("select")).to_have_value("roles/agent.md")
        expect(
            reading.locator(".playbook-reading-list li", has_text="Support agent")
        ).to_contain_text("(read on")

        # Another page of the site was never confirmed: its own box asks.
        page.goto(server.url("values/care/"))
        expect(confirm_box(page)).to_contain_text("Once you have read this page")


def test_a_confirmation_can_be_sent_where_the_profile_says(
    new_page: PageFactory, tmp_path: Path
) -> None:
    project = write_project(tmp_path, profile_text("mailto:people@acme.example"))
    build_site(project.profile, strict=True)
    with serving(project.site_dir) as server:
        page = new_page()
        page.goto(server.url("values/care/"))
        box = confirm_box(page)
        box.get_by_role("button", name="I have read this page").click()
        send = box.locator(".playbook-confirm-send")
        expect(send).to_be_visible()
        href = send.get_attribute("href") or ""
        assert href.startswith("mailto:people@acme.example?subject=Read%3A%20Care&body=I%20have")


def test_the_onboarding_plan_with_dates(new_page: PageFactory, tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    project = write_project(tmp_path, profile_text())
    build_site(project.profile, strict=True)
    with serving(project.site_dir) as server:
        page = new_page()
        page.goto(server.url("onboarding/"))
        plan = page.locator(".playbook-start-plan")
        expect(plan).to_be_visible()
        plan.locator("input[type=date]").fill("2027-01-04")
        plan.locator("input[type=date]").dispatch_event("change")
        items = plan.locator(".playbook-start-plan-list li")
        expect(items).to_have_count(4)
        # Dates as the pages write them (British English without a region).
        expect(items.nth(0)).to_have_text("First day: Monday, 4 January 2027")
        expect(items.nth(2)).to_have_text("After a month <30 days>: Tuesday, 2 February 2027")
        expect(items.nth(3)).to_have_text("Settling in")  # no date the profile does not give
        with page.expect_download() as caught:
            plan.get_by_role("link", name="Download these dates for your calendar").click()
        calendar = icalendar.Calendar.from_ical(Path(caught.value.path()).read_bytes())
        starts = {
            str(event["summary"]): event.decoded("dtstart") for event in calendar.walk("VEVENT")
        }
        assert starts == {
            "First day": dt.date(2027, 1, 4),
            "Second week": dt.date(2027, 1, 11),
            "After a month <30 days>": dt.date(2027, 2, 2),
        }
