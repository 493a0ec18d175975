"""The built site: every contract page, its content and links, read from real builds.

One rich profile is built once for the module (``rich``) and most tests assert on its
HTML; the tests that need a different input (minimal profile, many roles, project
overrides, an invalid profile) build their own project.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sitekit import (
    MINIMAL_PROFILE,
    Project,
    Site,
    cli_build,
    collapse,
    heading_text,
    mkdocs_build,
    module_build,
    section,
    table_header,
    table_rows,
    warning_lines,
    write_project,
)

RICH_PROFILE = """\
    schema_version: 1
    organisation:
      name: Acme Shoes
      mission: Make walking a joy for everyone.
      vision: Nobody walks in pain by 2030.
      customers: People who are on their feet all day.
      promise: Shoes that fit, delivered in two days.
    values:
      - id: care
        name: Care
        summary: We treat every customer like a neighbour.
        why_it_matters: Customers remember how we made them feel.
        behaviours:
          everyone: [Listen before answering.]
          leaders: [Coach with real customer calls.]
        anti_behaviours: [Closing tickets without reading them.]
        interview_questions: [Tell us about a customer you helped.]
        recognition_examples: [Calling a customer back before they chased us.]
      - id: candour
        name: Candour
        summary: We tell customers the truth.
        behaviours:
          everyone: [Say what you know and what you do not.]
    journey:
      - id: discover
        name: Discover
        customer_goal: Find shoes that fit.
        moments_that_matter: [The size guide answers the question.]
      - id: buy
        name: Buy
        customer_goal: Pay without fuss.
      - id: get-help
        name: Get help
        customer_goal: Get a problem solved on the first contact.
        moments_that_matter: [Someone answers within a minute.]
    roles:
      - id: head-of-care
        title: Head of customer care
        department: Customer care
        customer_facing: false
        customer_position: Sets how the care team treats every customer.
        kpis: [csat]
      - id: agent
        title: Support agent
        department: Customer care
        customer_facing: true
        customer_position: Answers customers' questions the same day.
        touchpoints: [buy, get-help]
        decisions:
          - decision: Offer a refund outside the policy
            customer_question: Would I feel treated fairly?
        kpis: [csat, first-contact]
        values_in_action:
          care: [Read the whole ticket history before replying.]
        onboarding:
          - phase: week-1
            activity: Shadow three senior agents.
        reports_to: head-of-care
      - id: buyer
        title: Shoe buyer
        department: Merchandising
        customer_facing: false
        customer_position: Chooses the shoes customers can buy.
        touchpoints: [discover]
    kpis:
      - id: csat
        name: Customer satisfaction
        definition: Share of 4 and 5 star ratings after a ticket closes.
        customer_outcome: Customers get their problem solved.
        target: ">= 90%"
        cadence: weekly
        values: [care]
      - id: first-contact
        name: First-contact resolution
        definition: Share of tickets solved without a second contact.
        customer_outcome: Customers do not have to chase us.
        target: ">= 75%"
    leadership:
      behaviours: [Join one customer call every week.]
      rituals:
        - name: Monday huddle
          cadence: weekly
          purpose: Share one customer story.
    onboarding:
      phases:
        - id: day-1
          name: Day 1
          goals: [Know who our customers are.]
          activities: [Meet your buddy.]
          owner: Manager
        - id: week-1
          name: Week 1
          activities: [Listen to ten customer calls.]
          owner: Buddy
    recognition:
      principles: [Name the value and the customer.]
      programs:
        - id: care-star
          name: Care star
          cadence: monthly
          who_can_nominate: Anyone
          criteria: Went out of their way for a customer.
          reward: A day off
          values: [care]
    feedback_channels:
      - id: survey
        name: Post-ticket survey
        cadence: daily
        owner: agent
        shared_with: Everyone in customer care
        action: Agents call back every unhappy customer within a day.
    changelog:
      - date: 2024-03-05
        summary: Added first-contact resolution.
      - date: 2024-06-01
        summary: Added the shoe buyer role.
      - date: 2024-01-10
        summary: First version of the playbook.
"""

CONTRACT_URLS = [
    "",
    "values/",
    "values/care/",
    "values/candour/",
    "roles/",
    "roles/head-of-care/",
    "roles/agent/",
    "roles/buyer/",
    "journey/",
    "leadership/",
    "onboarding/",
    "hiring/",
    "recognition/",
    "decisions/",
    "kpis/",
    "feedback/",
    "culture-health/",
    "changes/",
]

TEMPLATE_LEFTOVERS = ("{{", "{%", "Undefined", "Traceback", "jinja2")


@pytest.fixture(scope="module")
def rich_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = write_project(tmp_path_factory.mktemp("rich"), RICH_PROFILE)
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"built {len(CONTRACT_URLS)} pages into ")
    return project


@pytest.fixture(scope="module")
def rich(rich_project: Project) -> Site:
    return rich_project.site()


def role_titles_in_nav(site: Site, url: str, titles: list[str]) -> list[str]:
    nav = site.nav_text(url)
    return [title for title in titles if re.search(rf"\b{re.escape(title)}\b", nav)]


# -- every page exists, every link resolves ------------------------------------------------


@pytest.mark.parametrize("url", CONTRACT_URLS)
def test_contract_url_exists(rich: Site, url: str) -> None:
    assert rich.file_for(url).is_file()


def test_site_has_exactly_the_planned_pages(rich: Site) -> None:
    assert sorted(rich.page_urls) == sorted(CONTRACT_URLS)


def test_every_internal_link_resolves(rich: Site) -> None:
    broken = {url: rich.broken_links(url) for url in rich.page_urls}
    assert {url: links for url, links in broken.items() if links} == {}


def test_links_on_the_404_page_resolve_against_the_site_root(rich: Site) -> None:
    # 404.html is served at any depth, so MkDocs gives it root-relative links.
    page = BeautifulSoup((rich.root / "404.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in page.find_all("a", href=True) if a["href"].startswith("/")]
    assert "/values/" in hrefs
    for href in hrefs:
        target = rich.resolve("", href).partition("#")[0]
        assert (rich.root / target / "index.html").is_file(), href


def test_strict_mkdocs_build_of_the_same_project_passes_without_warnings(
    rich_project: Project, tmp_path: Path
) -> None:
    # MkDocs' own command in a new process: nothing of an earlier build is loaded.
    result = mkdocs_build(rich_project, site_dir=tmp_path / "strict-site", fresh_process=True)
    assert result.returncode == 0, result.stderr
    assert warning_lines(result.stdout + result.stderr) == []
    assert sorted(Site(tmp_path / "strict-site").page_urls) == sorted(CONTRACT_URLS)


@pytest.mark.parametrize("url", CONTRACT_URLS)
def test_no_template_leftovers_in_any_page(rich: Site, url: str) -> None:
    text = rich.article(url).get_text()
    assert [marker for marker in TEMPLATE_LEFTOVERS if marker in text] == []


# -- home ------------------------------------------------------------------------------------


def test_home_states_mission_vision_customers_and_promise(rich: Site) -> None:
    text = rich.text("")
    assert "Make walking a joy for everyone." in text
    assert "Nobody walks in pain by 2030." in text
    assert "People who are on their feet all day." in text
    assert "Shoes that fit, delivered in two days." in text


def test_home_links_every_value(rich: Site) -> None:
    at_a_glance = section(rich.article(""), "Our values at a glance")
    assert rich.internal_links("", at_a_glance) == ["values/care/", "values/candour/"]
    assert "We treat every customer like a neighbour." in at_a_glance.get_text()


def test_home_has_where_to_start_for_new_hire_leader_and_hr(rich: Site) -> None:
    start = section(rich.article(""), "Where to start")
    assert [heading_text(h) for h in start.find_all("h3")] == [
        "You are new here",
        "You lead people",
        "You look after the playbook",
    ]
    new_hire = section(rich.article(""), "You are new here")
    assert {"roles/", "onboarding/"} <= set(rich.internal_links("", new_hire))
    leader = section(rich.article(""), "You lead people")
    assert "leadership/" in rich.internal_links("", leader)
    hr = section(rich.article(""), "You look after the playbook")
    assert "kpis/" in rich.internal_links("", hr)


# -- values ------------------------------------------------------------------------------------


def test_value_page_shows_summary_why_and_behaviours(rich: Site) -> None:
    article = rich.article("values/care/")
    assert heading_text(article.find("h1")) == "Care"
    text = rich.text("values/care/")
    assert "We treat every customer like a neighbour." in text
    assert "Customers remember how we made them feel." in text
    looks_like = section(article, "What it looks like").get_text()
    assert "Listen before answering." in looks_like
    assert "Coach with real customer calls." in looks_like
    undermines = section(article, "What undermines it").get_text()
    assert "Closing tickets without reading them." in undermines


def test_value_page_shows_role_behaviours_with_a_link_to_the_role(rich: Site) -> None:
    in_roles = section(rich.article("values/care/"), "How it shows up in our roles")
    assert rich.internal_links("values/care/", in_roles) == ["roles/agent/"]
    assert "Read the whole ticket history before replying." in in_roles.get_text()


def test_value_page_links_related_kpis_and_lists_recognition_examples(rich: Site) -> None:
    article = rich.article("values/care/")
    numbers = section(article, "How we see it in the numbers")
    assert rich.internal_links("values/care/", numbers) == ["kpis/#kpi-csat"]
    recognising = section(article, "Recognising it")
    assert "Calling a customer back before they chased us." in recognising.get_text()
    assert "recognition/#program-care-star" in rich.internal_links("values/care/", recognising)


def test_value_without_optional_parts_still_has_a_page(rich: Site) -> None:
    text = rich.text("values/candour/")
    assert "We tell customers the truth." in text
    assert "Say what you know and what you do not." in text
    assert "No role describes this value in its own words yet, so the behaviours above" in text


def test_values_overview_links_every_value(rich: Site) -> None:
    article = rich.article("values/")
    headings = [h for h in article.find_all("h2") if h.find("a", href=True, class_=False)]
    assert [heading_text(h) for h in headings] == ["Care", "Candour"]
    assert [rich.internal_links("values/", h)[0] for h in headings] == [
        "values/care/",
        "values/candour/",
    ]


# -- roles -------------------------------------------------------------------------------------


def test_roles_directory_groups_roles_by_department(rich: Site) -> None:
    article = rich.article("roles/")
    assert [heading_text(h) for h in article.find_all("h2")] == ["Customer care", "Merchandising"]
    care = section(article, "Customer care")
    assert sorted(rich.internal_links("roles/", care)) == ["roles/agent/", "roles/head-of-care/"]
    merchandising = section(article, "Merchandising")
    assert rich.internal_links("roles/", merchandising) == ["roles/buyer/"]
    assert "Chooses the shoes customers can buy." in merchandising.get_text()


def test_role_page_header_shows_title_department_and_customer_position(rich: Site) -> None:
    article = rich.article("roles/agent/")
    assert heading_text(article.find("h1")) == "Support agent"
    text = rich.text("roles/agent/")
    assert "Customer care · Works with customers directly" in text
    assert "Answers customers' questions the same day." in text


def test_role_page_links_touchpoints_to_journey_stages(rich: Site) -> None:
    journey = section(rich.article("roles/agent/"), "Where you shape the journey")
    for figure in journey.find_all("figure"):
        figure.decompose()  # the journey map links every stage, the list only the role's
    stage_links = [link for link in rich.internal_links("roles/agent/", journey) if "#" in link]
    assert stage_links == ["journey/#stage-buy", "journey/#stage-get-help"]
    assert "Get a problem solved on the first contact." in journey.get_text()


def test_role_page_lists_decisions_with_their_customer_question(rich: Site) -> None:
    decisions = section(rich.article("roles/agent/"), "Decisions you make")
    assert table_rows(decisions.find("table")) == [
        ["Offer a refund outside the policy", "Would I feel treated fairly?"]
    ]


def test_role_page_lists_kpis_with_definition_target_and_outcome(rich: Site) -> None:
    measured = section(rich.article("roles/agent/"), "How success is measured")
    table = measured.find("table")
    assert table_header(table) == [
        "KPI",
        "How it is measured",
        "Target",
        "What it means for customers",
    ]
    assert table_rows(table) == [
        [
            "Customer satisfaction",
            "Share of 4 and 5 star ratings after a ticket closes.",
            ">= 90%",
            "Customers get their problem solved.",
        ],
        [
            "First-contact resolution",
            "Share of tickets solved without a second contact.",
            ">= 75%",
            "Customers do not have to chase us.",
        ],
    ]
    assert rich.internal_links("roles/agent/", table) == [
        "kpis/#kpi-csat",
        "kpis/#kpi-first-contact",
    ]


def test_role_page_shows_values_in_action_role_specific_and_for_everyone(rich: Site) -> None:
    article = rich.article("roles/agent/")
    # The role's own behaviours in full; what every role shares, once, as links.
    care = [li.get_text() for li in section(article, "Care").find_all("li")]
    assert care == ["Read the whole ticket history before replying."]
    assert [heading_text(h) for h in section(article, "Our values in your work")("h3")] == ["Care"]
    values = section(article, "Our values in your work")
    assert rich.internal_links("roles/agent/", values) == [
        "values/care/",
        "values/care/",
        "values/candour/",
    ]
    assert "Listen before answering." not in rich.text("roles/agent/")


def test_role_page_onboarding_adds_role_activities_to_their_phase(rich: Site) -> None:
    plan = section(rich.article("roles/agent/"), "Your onboarding checklist")
    assert rich.internal_links("roles/agent/", plan) == [
        "onboarding/",
        "onboarding/#phase-week-1",
        "onboarding/#phase-day-1",
        "onboarding/#phase-week-1",
    ]
    checklists = [[collapse(li.get_text()) for li in ul.find_all("li")] for ul in plan("ul")]
    # The role's own step is ticked; the phase owners' jobs are listed apart (the profile's
    # activities name no `who`, so each belongs to its phase's owner).
    assert checklists == [["Shadow three senior agents."], ["Manager: Day 1", "Buddy: Week 1"]]
    assert plan.find_all("input", attrs={"type": "checkbox"})[0] is not None
    assert len(plan.find_all("input")) == 1


def test_role_pages_link_manager_and_direct_reports(rich: Site) -> None:
    agent = section(rich.article("roles/agent/"), "Who you work with")
    assert "roles/head-of-care/" in rich.internal_links("roles/agent/", agent)
    assert "You report to the Head of customer care." in collapse(agent.get_text())
    head = section(rich.article("roles/head-of-care/"), "Who you work with")
    chart = head.find("figure")
    assert rich.internal_links("roles/head-of-care/", chart) == ["roles/agent/"]
    chart.decompose()  # the sentences below link the same roles
    assert rich.internal_links("roles/head-of-care/", head) == ["roles/agent/", "leadership/"]
    assert "Reporting to you: the Support agent." in collapse(head.get_text())


def test_role_page_lists_recognition_programs_it_can_earn(rich: Site) -> None:
    earn = section(rich.article("roles/agent/"), "Recognition you can earn")
    assert rich.internal_links("roles/agent/", earn) == ["recognition/#program-care-star"]
    assert collapse(earn.get_text()) == "This programme is open to work like yours: Care star."


def test_role_pages_are_not_in_the_navigation(rich: Site) -> None:
    titles = ["Head of customer care", "Support agent", "Shoe buyer"]
    role_pages = {"roles/head-of-care/", "roles/agent/", "roles/buyer/"}
    for url in ("", "roles/", "roles/agent/"):
        assert role_titles_in_nav(rich, url, titles) == []
        nav = rich.soup(url).find("nav", class_="md-nav--primary")
        linked = {target.partition("#")[0] for target in rich.internal_links(url, nav)}
        assert linked & role_pages == set()
    # The values, by contrast, are in the navigation.
    assert "Care" in rich.nav_text("") and "Candour" in rich.nav_text("")


# -- journey, KPIs, feedback, changes ---------------------------------------------------------


def test_journey_lists_stages_in_order_with_goal_and_moments(rich: Site) -> None:
    article = rich.article("journey/")
    stages = [h for h in article.find_all("h2") if (h.get("id") or "").startswith("stage-")]
    assert [(h["id"], heading_text(h)) for h in stages] == [
        ("stage-discover", "1. Discover"),
        ("stage-buy", "2. Buy"),
        ("stage-get-help", "3. Get help"),
    ]
    discover = collapse(section(article, "1. Discover").get_text())
    assert "What they are trying to do: Find shoes that fit." in discover
    assert "The size guide answers the question." in discover
    assert "Shape it behind the scenes: Shoe buyer." in discover
    get_help = collapse(section(article, "3. Get help").get_text())
    assert "Someone answers within a minute." in get_help
    assert "Meet customers here: Support agent." in get_help


NOT_HERE = "Not involved"


def test_journey_matrix_marks_customer_facing_and_behind_the_scenes_roles(rich: Site) -> None:
    matrix = section(rich.article("journey/"), "Who shapes which stage").find("table")
    assert isinstance(matrix, Tag)
    assert table_header(matrix) == ["Role", "Department", "Discover", "Buy", "Get help"]
    assert table_rows(matrix) == [
        ["Support agent", "Customer care", NOT_HERE, "Meets them", "Meets them"],
        ["Shoe buyer", "Merchandising", "Behind the scenes", NOT_HERE, NOT_HERE],
    ]


def test_kpis_page_has_an_anchor_per_kpi(rich: Site) -> None:
    article = rich.article("kpis/")
    for kpi_id, name in [
        ("csat", "Customer satisfaction"),
        ("first-contact", "First-contact resolution"),
    ]:
        anchor = article.find(id=f"kpi-{kpi_id}")
        assert isinstance(anchor, Tag)
        assert heading_text(anchor) == name
    csat = collapse(section(article, "Customer satisfaction").get_text())
    assert "Customer outcome: Customers get their problem solved." in csat
    assert "Target: >= 90%" in csat


def test_feedback_page_links_the_channel_owner(rich: Site) -> None:
    table = rich.article("feedback/").find("table")
    row = table.find("tbody").find("tr")
    assert table_rows(table) == [
        [
            "Post-ticket survey",
            "daily",
            "Support agent",
            "Everyone in customer care",
            "Agents call back every unhappy customer within a day.",
        ]
    ]
    assert rich.internal_links("feedback/", row) == ["roles/agent/"]
    assert row.find(id="channel-survey") is not None


def test_changes_page_lists_the_changelog_newest_first_with_dates(rich: Site) -> None:
    article = rich.article("changes/")
    entries = [
        (heading_text(h), collapse(h.find_next_sibling("p").get_text()))
        for h in article.find_all("h2")
    ]
    assert entries == [
        ("1 June 2024", "Added the shoe buyer role."),
        ("5 March 2024", "Added first-contact resolution."),
        ("10 January 2024", "First version of the playbook."),
    ]
    # The anchors stay the same in every language: bookmarks and links keep working.
    assert [h["id"] for h in article.find_all("h2")] == ["2024-06-01", "2024-03-05", "2024-01-10"]


def test_leadership_page_shows_profile_behaviours_and_rituals(rich: Site) -> None:
    article = rich.article("leadership/")
    assert "Join one customer call every week." in article.get_text()
    rituals = section(article, "Rituals and cadences").find("table")
    assert table_rows(rituals) == [["Monday huddle", "weekly", "Share one customer story."]]


# -- page size does not grow with the number of roles -----------------------------------------


def many_roles_profile(count: int) -> str:
    """A profile with ``count`` plain roles (no cross-links, so pages only differ by the nav)."""
    roles = "".join(
        f"""
          - id: role-{number}
            title: Role number {number}
            department: Department {number % 7}
            customer_facing: {"true" if number % 2 else "false"}
            customer_position: Role {number} keeps orders moving for customers.
        """
        for number in range(count)
    )
    return f"""\
        schema_version: 1
        organisation:
          name: Scale Test
          mission: Serve customers at any size.
          customers: Everyone.
        values:
          - id: care
            name: Care
            summary: We care.
            behaviours:
              everyone: [Listen.]
              leaders: [Coach.]
          - id: speed
            name: Speed
            summary: We are quick.
            behaviours:
              everyone: [Answer today.]
        roles:{roles}
    """


def test_page_size_does_not_grow_with_the_number_of_roles(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    sizes = {}
    for count in (5, 200):
        project = write_project(
            tmp_path_factory.mktemp(f"roles-{count}"), many_roles_profile(count)
        )
        result = cli_build(project)
        assert result.exit_code == 0, result.output
        site = project.site()
        assert len([url for url in site.page_urls if url.startswith("roles/")]) == count + 1
        assert role_titles_in_nav(site, "", ["Role number 0", "Role number 3"]) == []
        guide_urls = ["values/care/", "values/speed/", "leadership/"]
        sizes[count] = {
            "guide": sum(site.file_for(url).stat().st_size for url in guide_urls) / 3,
            "role": site.file_for("roles/role-3/").stat().st_size,
        }
    assert sizes[200]["guide"] <= 1.25 * sizes[5]["guide"], sizes
    assert sizes[200]["role"] <= 1.25 * sizes[5]["role"], sizes


# -- a minimal profile degrades gracefully ----------------------------------------------------


MINIMAL_URLS = [
    "",
    "values/",
    "values/kindness/",
    "roles/",
    "roles/shopkeeper/",
    "journey/",
    "leadership/",
    "onboarding/",
    "hiring/",
    "recognition/",
    "decisions/",
    "kpis/",
    "feedback/",
    "culture-health/",
    "changes/",
]


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = write_project(tmp_path_factory.mktemp("minimal"), MINIMAL_PROFILE)
    strict = mkdocs_build(project)
    assert strict.returncode == 0, strict.stderr
    assert warning_lines(strict.stdout + strict.stderr) == []
    # The same project also builds through `python -m playbook`, run from its folder.
    result = module_build(project, "--site-dir", str(project.root / "playbook-site"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"built {len(MINIMAL_URLS)} pages into ")
    assert result.stderr == ""
    assert sorted(Site(project.root / "playbook-site").page_urls) == sorted(MINIMAL_URLS)
    return project.site()


def test_minimal_profile_builds_every_page(minimal: Site) -> None:
    assert sorted(minimal.page_urls) == sorted(MINIMAL_URLS)
    broken = {url: minimal.broken_links(url) for url in minimal.page_urls}
    assert {url: links for url, links in broken.items() if links} == {}


@pytest.mark.parametrize("url", MINIMAL_URLS)
def test_minimal_profile_pages_have_no_template_leftovers(minimal: Site, url: str) -> None:
    text = minimal.article(url).get_text()
    assert [marker for marker in TEMPLATE_LEFTOVERS if marker in text] == []


def test_minimal_profile_onboarding_uses_the_default_plan(minimal: Site) -> None:
    article = minimal.article("onboarding/")
    phases = [
        heading_text(h) for h in article.find_all("h3") if h.get("id", "").startswith("phase-")
    ]
    assert phases == [
        "Before day 1",
        "Day 1",
        "Week 1",
        "First 30 days",
        "First 60 days",
        "First 90 days",
    ]
    # The default plan splits each phase: the new hire's ticks, and what others do.
    first_day = section(article, "Day 1")
    ticks = [collapse(li.get_text()) for li in first_day("li") if li.find("input")]
    assert "Meet your buddy for lunch or a coffee." in ticks
    assert "arranged by its lead (Manager): Hold the first conversation" in collapse(
        first_day.get_text()
    )


def test_minimal_profile_pages_explain_what_is_missing(minimal: Site) -> None:
    assert "The stages customers go through are not mapped yet." in minimal.text("journey/")
    assert "We have not agreed any KPIs yet." in minimal.text("kpis/")
    assert "We have not set up any feedback channels yet." in minimal.text("feedback/")
    assert "No changes have been recorded yet." in minimal.text("changes/")
    assert "We have not agreed any leadership rituals yet." in minimal.text("leadership/")
    assert "We have no formal recognition programmes." in minimal.text("recognition/")
    role = minimal.text("roles/shopkeeper/")
    # No journey and no KPIs: the page says what to do, and drops the empty sections.
    assert "Agree how you will know it is working." in role
    assert "How success is measured" not in role
    assert "Where you shape the journey" not in role


# -- a project can override packaged templates and pages --------------------------------------


def test_project_templates_and_pages_override_the_packaged_ones(tmp_path: Path) -> None:
    project = write_project(
        tmp_path,
        MINIMAL_PROFILE,
        files={
            "docs/_templates/role.md": """\
                # Custom {{ role.title }}

                Owned by {{ role.department }}.
            """,
            "docs/leadership.md": """\
                # How we lead at {{ org.name }}

                Our own leadership page.
            """,
        },
    )
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    site = project.site()
    role = site.article("roles/shopkeeper/")
    assert heading_text(role.find("h1")) == "Custom Shopkeeper"
    assert [p.get_text() for p in role.find_all("p")] == ["Owned by Shop."]
    leadership = site.article("leadership/")
    assert heading_text(leadership.find("h1")) == "How we lead at Tiny Co"
    assert "The behaviours to model" not in leadership.get_text()
    # Templates are not pages of their own.
    assert not (site.root / "_templates").exists()


# -- plain MkDocs reports an invalid profile with its location --------------------------------


def test_plain_mkdocs_build_reports_an_invalid_profile_with_file_line_and_column(
    tmp_path: Path,
) -> None:
    project = write_project(
        tmp_path,
        """\
        schema_version: 1
        organisation:
          name: Tiny Co
          mission: Help our neighbours.
          customers: The people on our street.
        values:
          - id: kindness
            name: Kindness
            summary: We are kind.
            behaviours:
              everyone: [Say hello.]
        roles:
          - id: shopkeeper
            title: Shopkeeper
            department: Shop
            customer_facing: true
            customer_position: Serves every customer who walks in.
            kpis: [nsp]
        kpis:
          - id: nps
            name: Net promoter score
            definition: Survey after each visit.
            customer_outcome: Customers would recommend us.
        """,
    )
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 1
    assert (
        "org_config.yml:18:12: roles[0].kpis[0]: unknown KPI 'nsp' (did you mean 'nps'?)"
        in result.stderr.splitlines()
    )
    assert "Traceback" not in result.stderr
    assert not project.site_dir.exists()
