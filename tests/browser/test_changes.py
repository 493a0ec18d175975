"""A returning reader sees what changed since the last visit; old addresses still lead home."""

from __future__ import annotations

import time
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


def profile_text() -> str:
    # The delivery role goes with the other roles, before the KPIs.
    base = MINIMAL_PROFILE.replace("  - id: agent\n", "  - id: agent\n    former_ids: [helper]\n")
    delivery = (
        "  - id: delivery\n"
        "    title: Delivery driver\n"
        "    department: Logistics\n"
        "    customer_facing: true\n"
        "    customer_position: Brings the shoes to the door.\n"
        "    kpis: [nps]\n"
    )
    return base.replace("kpis:\n  - id: nps", delivery + "kpis:\n  - id: nps") + (
        "changelog:\n  - date: 2026-01-05\n    summary: First version.\n"
    )


def marked_links(page: Page) -> list[str]:
    """The text of the article's links marked as changed since the last visit."""
    marks = page.locator("article a:has(.playbook-changed-mark)")
    return [" ".join(text.split()) for text in marks.all_inner_texts()]


def test_a_returning_reader_sees_what_changed_since_the_last_visit(
    new_page: PageFactory, tmp_path: Path
) -> None:
    project = write_project(tmp_path, profile_text())
    build_site(project.profile, strict=True)
    with serving(project.site_dir) as server:
        first = new_page()
        first.goto(server.url(""))
        expect(first.locator("article h1")).to_contain_text("Acme Shoes")
        expect(first.locator(".playbook-updated")).to_contain_text("Updated on")
        assert marked_links(first) == []  # a first visit: nothing is marked
        first.close()

        time.sleep(1.1)  # change times are kept to the second
        edited = profile_text().replace("Listen before answering.", "Listen, then answer.")
        # The support agent's own decisions change too; the delivery driver's page does not.
        edited = edited.replace(
            "    touchpoints: [discover]\n",
            "    touchpoints: [discover]\n    decisions:\n      - decision: Refunds.\n"
            "        customer_question: Is it fair?\n",
            1,
        )
        project.profile.write_text(edited, encoding="utf-8")
        build_site(project.profile, strict=True)

        # The reader comes back in a new tab of the same browser.
        home = first.context.new_page()
        home.goto(server.url(""))
        expect(home.locator("article .playbook-changed-mark").first).to_be_visible()
        # Pages that show the value's everyday behaviours changed, and the culture health
        # check, which counts the roles that record their decisions; the others did not (the
        # leadership page scores leaders on leader behaviours only).
        assert [
            text.removesuffix(" changed since your last visit") for text in marked_links(home)
        ] == [
            "Care",
            "our values",
            "hiring guide",
            "culture health check",
            "hiring",
        ]

        home.goto(server.url("roles/"))
        expect(home.locator("article .playbook-changed-mark").first).to_be_visible()
        # Role pages show what is specific to each role, not the behaviours all roles share.
        assert marked_links(home) == ["Support agent changed since your last visit"]

        home.goto(server.url("roles/agent/"))
        updated = home.locator(".playbook-updated")
        expect(updated).to_contain_text("Changed since your last visit.")
        expect(updated).to_contain_text("What changed: Your first week, Decisions you make.")
        updated.get_by_role("link", name="Decisions you make").click()
        expect(home).to_have_url(server.url("roles/agent/#decisions"))

        # The journey page did not change: no mark there.
        home.goto(server.url("journey/"))
        expect(home.locator(".playbook-updated")).to_contain_text("Updated on")
        expect(home.locator(".playbook-changed-mark")).to_have_count(0)


def test_a_former_id_leads_to_the_new_page(new_page: PageFactory, tmp_path: Path) -> None:
    project = write_project(tmp_path, profile_text())
    build_site(project.profile, strict=True)
    with serving(project.site_dir) as server:
        page = new_page()
        page.goto(server.url("roles/helper/"))
        expect(page).to_have_url(server.url("roles/agent/"))
        expect(page.locator("article h1")).to_contain_text("Support agent")


def test_a_former_id_leads_to_the_new_page_offline(new_page: PageFactory, tmp_path: Path) -> None:
    project = write_project(tmp_path, profile_text())
    build_site(project.profile, strict=True, offline=True)
    page = new_page()
    page.goto((project.site_dir / "roles" / "helper.html").as_uri())
    expect(page).to_have_url((project.site_dir / "roles" / "agent.html").as_uri())
    expect(page.locator("article h1")).to_contain_text("Support agent")
