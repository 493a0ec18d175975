"""The guidance the playbook gives: each guide page and role page says what to do, woven with
the organisation's own data, and still renders when the optional sections are missing.

Each profile is built once per module through the real ``playbook build --strict`` command,
into a project that has only ``org_config.yml``, a ``mkdocs.yml`` like the sample's and an
empty ``docs/`` folder, so every page comes from the packaged templates.
"""

from __future__ import annotations

import dataclasses
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from pydantic import BaseModel
from sitekit import MINIMAL_PROFILE, SharedSites, collapse, page_words, section

from playbook import Profile, load_profile
from playbook.cli import main

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PROFILE = REPO_ROOT / "org_config.yml"
SAMPLE_MKDOCS_YML = REPO_ROOT / "mkdocs.yml"

GUIDE_URLS = [
    "leadership/",
    "onboarding/",
    "hiring/",
    "recognition/",
    "decisions/",
    "kpis/",
    "feedback/",
    "culture-health/",
]
LEFTOVERS = ("{{", "{%", "{#", "Undefined", "jinja2", "Traceback")


# Every optional section present, but each as thin as the schema allows.
SPARSE_PROFILE = """\
    schema_version: 1
    organisation:
      name: Thin Ltd
      mission: Mend clocks well.
      customers: Clock owners.
    values:
      - id: care
        name: Care
        summary: We handle every clock as if it were ours.
        behaviours:
          everyone: [Wrap every clock before it leaves.]
      - id: candour
        name: Candour
        summary: We say what a repair will cost.
        behaviours:
          everyone: [Quote before you start.]
          leaders: [Publish the price list.]
        anti_behaviours: [Adding work without asking.]
    journey:
      - id: hand-in
        name: Hand in
        customer_goal: Leave my clock with someone I trust.
    roles:
      - id: clocksmith
        title: Clocksmith
        department: Workshop
        customer_facing: false
        customer_position: Repairs the clocks customers leave with us.
        touchpoints: [hand-in]
        decisions:
          - decision: Whether to replace a worn spring.
            customer_question: Will the owner hear it tick for another ten years?
        kpis: [comebacks]
        reports_to: counter
      - id: counter
        title: Counter assistant
        department: Shop
        customer_facing: true
        customer_position: Takes clocks in and hands them back.
    kpis:
      - id: comebacks
        name: Comebacks
        definition: Clocks returned within a month.
        customer_outcome: Clocks keep time after a repair.
      - id: orphan
        name: Orphan measure
        definition: Something nobody owns.
        customer_outcome: Customers are not kept waiting.
    leadership:
      rituals:
        - name: Friday look-back
          cadence: Whenever there is time
    onboarding:
      phases:
        - id: start
          name: Getting started
          activities: [Meet the team.]
    recognition:
      programs:
        - id: thanks
          name: Thank-you card
          criteria: A customer wrote to thank us.
    feedback_channels:
      - id: comment-book
        name: Comment book
    changelog:
      - date: 2025-01-01
        summary: First version.
"""


# -- building and reading sites ---------------------------------------------------------------


@dataclass
class Built:
    """A built site and the profile it was built from.

    Each page's article is parsed once and shared by the module's tests: read it, never
    change it (``section`` gives a part of it as a document of its own).
    """

    root: Path
    profile: Profile
    _articles: dict[str, Tag] = dataclasses.field(default_factory=dict)
    _texts: dict[str, str] = dataclasses.field(default_factory=dict)

    def article(self, url: str) -> Tag:
        if url not in self._articles:
            page = (self.root / url / "index.html").read_text("utf-8")
            article = BeautifulSoup(page, "html.parser").find("article")
            assert isinstance(article, Tag), f"no <article> in {url}"
            for permalink in article.select("a.headerlink"):
                permalink.decompose()
            self._articles[url] = article
        return self._articles[url]

    def text(self, url: str) -> str:
        """The article's words, without the permalinks (read without parsing a tree)."""
        if url not in self._texts:
            page = (self.root / url / "index.html").read_text("utf-8")
            self._texts[url] = page_words(page, within="article", skip_classes=("headerlink",))
        return self._texts[url]

    def section(self, url: str, heading: str) -> BeautifulSoup:
        return section(self.article(url), heading)


def build(root: Path, profile_yaml: str) -> Built:
    root.mkdir(parents=True, exist_ok=True)
    profile_path = root / "org_config.yml"
    profile_path.write_text(textwrap.dedent(profile_yaml), encoding="utf-8")
    mkdocs_yml = SAMPLE_MKDOCS_YML.read_text(encoding="utf-8")
    assert "\ndocs_dir: content\n" in mkdocs_yml
    (root / "mkdocs.yml").write_text(
        mkdocs_yml.replace("\ndocs_dir: content\n", "\ndocs_dir: docs\n"), encoding="utf-8"
    )
    (root / "docs").mkdir(exist_ok=True)
    result = CliRunner().invoke(main, ["build", "--config", str(profile_path), "--strict"])
    assert result.exit_code == 0, result.output
    return Built(root / "site", load_profile(profile_path))


@pytest.fixture(scope="module")
def sample(shared_sites: SharedSites) -> Built:
    return Built(shared_sites.root(SAMPLE_PROFILE), load_profile(SAMPLE_PROFILE))


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("minimal"), MINIMAL_PROFILE)


@pytest.fixture(scope="module")
def sparse(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("sparse"), SPARSE_PROFILE)


def crowd_profile(count: int) -> str:
    """A head of service with ``count`` customer-facing roles reporting to it."""
    roles = "".join(
        f"""
          - id: agent-{number}
            title: Agent {number}
            department: Service
            customer_facing: true
            customer_position: Agent {number} answers customers.
            touchpoints: [ask]
            reports_to: head
        """
        for number in range(count)
    )
    return f"""\
        schema_version: 1
        organisation:
          name: Crowd Inc
          mission: Answer every question.
          customers: Anyone with a question.
        values:
          - id: care
            name: Care
            summary: We care.
            behaviours:
              everyone: [Listen.]
        journey:
          - id: ask
            name: Ask
            customer_goal: Get an answer.
        roles:
          - id: head
            title: Head of service
            department: Service
            customer_facing: false
            customer_position: Sets up the service for every customer.
            touchpoints: [ask]
        {roles}
    """


@pytest.fixture(scope="module")
def crowd(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("crowd"), crowd_profile(60))


def profile_strings(model: object) -> list[str]:
    """Every piece of text in a profile (or part of one)."""
    if isinstance(model, str):
        return [model]
    if isinstance(model, BaseModel):
        return [
            text
            for name in type(model).model_fields
            for text in profile_strings(getattr(model, name))
        ]
    if isinstance(model, list):
        return [text for item in model for text in profile_strings(item)]
    if isinstance(model, dict):
        return [text for item in model.values() for text in profile_strings(item)]
    return []


def guidance_words(text: str, profile: Profile) -> int:
    """Words on a page that are not the profile's own text."""
    for piece in sorted(set(profile_strings(profile)), key=len, reverse=True):
        piece = collapse(piece)
        if len(piece) > 2:
            text = text.replace(piece, " ")
    return len(re.findall(r"[A-Za-z][A-Za-z'-]*", text))


# -- every page: rendered, with guidance of its own ------------------------------------------


@pytest.mark.parametrize("site_name", ["sample", "minimal", "sparse", "crowd"])
def test_no_page_shows_template_syntax_or_errors(site_name: str, request) -> None:
    built: Built = request.getfixturevalue(site_name)
    pages = sorted(built.root.rglob("index.html"))
    assert len(pages) > 10
    found = {}
    for page in pages:
        url = page.parent.relative_to(built.root).as_posix()
        text = built.text("" if url == "." else url)
        markers = [marker for marker in LEFTOVERS if marker in text]
        if markers:
            found[url] = markers
    assert found == {}


@pytest.mark.parametrize("site_name", ["sample", "minimal", "sparse"])
@pytest.mark.parametrize("url", GUIDE_URLS)
def test_guide_pages_carry_guidance_beyond_the_profile_text(
    site_name: str, url: str, request
) -> None:
    built: Built = request.getfixturevalue(site_name)
    minimum = 600 if url in ("leadership/", "onboarding/") else 300
    assert guidance_words(built.text(url), built.profile) >= minimum


@pytest.mark.parametrize("site_name", ["sample", "minimal", "sparse"])
def test_tables_have_header_rows_without_empty_header_cells(site_name: str, request) -> None:
    built: Built = request.getfixturevalue(site_name)
    for page in built.root.rglob("index.html"):
        url = page.parent.relative_to(built.root).as_posix()
        for table in built.article("" if url == "." else url).find_all("table"):
            header = table.find("thead")
            assert header is not None and header.find("th") is not None, url
            empty = [th for th in table.find_all("th") if not collapse(th.get_text())]
            assert empty == [], url


@pytest.mark.parametrize("site_name", ["sample", "minimal", "sparse", "crowd"])
def test_lists_on_guide_and_role_pages_stay_tight(site_name: str, request) -> None:
    """Stray blank lines from the templates would turn list items into loose paragraphs."""
    built: Built = request.getfixturevalue(site_name)
    urls = GUIDE_URLS + [f"roles/{role.id}/" for role in built.profile.roles[:20]]
    loose = {
        url: collapse(li.get_text(" "))[:60]
        for url in urls
        for li in built.article(url).find_all("li")
        if li.find("p", recursive=False)
    }
    assert loose == {}


# -- leadership -------------------------------------------------------------------------------


def test_leadership_shows_behaviours_rituals_and_how_to_run_each(sample: Built) -> None:
    leadership = sample.profile.leadership
    text = sample.text("leadership/")
    for behaviour in leadership.behaviours:
        assert behaviour in text
    for habit in ("Stay in contact with customers", "Share customer feedback, good and bad"):
        assert habit in text
    assert "Explain the why" in text and "Recognise in public" in text
    for ritual in leadership.rituals:
        assert ritual.name in text and ritual.cadence in text and ritual.purpose in text
        how = collapse(sample.section("leadership/", ritual.name).get_text(" "))
        assert [step in how for step in ("Before:", "During:", "After:")] == [True] * 3


def test_leadership_self_assessment_asks_about_every_value(sample: Built) -> None:
    assessment = sample.section("leadership/", "Quarterly self-assessment")
    text = collapse(assessment.get_text(" "))
    for value in sample.profile.values:
        assert value.name in text
        # One line per value: its first leader behaviour that is something to do.
        doable = [b for b in value.behaviours.leaders if not b.startswith(("Never", "Do not"))]
        assert doable[0] in text
        for behaviour in doable[1:]:
            assert behaviour not in text
    assert "Never set targets or incentives" not in text
    assert "What to do with the result" in text
    # One scale of 1 to 5 per question, with a field for the example it rests on: the
    # assessment grows with the values, one line each, plus the lines across all values.
    groups = assessment.find_all("fieldset")
    questions = len(sample.profile.values)
    assert len(groups) == questions + 4 + bool(sample.profile.leadership.rituals)
    for group in groups:
        radios = group.find_all("input", type="radio")
        assert [radio["value"] for radio in radios] == ["1", "2", "3", "4", "5"]
        assert len({radio["name"] for radio in radios}) == 1
        assert group.find("legend") and group.find("input", type="text")


def test_leadership_vision_section_uses_the_organisations_words(sample: Built) -> None:
    organisation = sample.profile.organisation
    vision = collapse(
        sample.section("leadership/", "Communicating the vision and the shared goal").get_text(" ")
    )
    for words in (organisation.mission, organisation.vision, organisation.promise):
        assert words in vision


# -- onboarding -------------------------------------------------------------------------------


def test_onboarding_is_a_checklist_per_phase(sample: Built) -> None:
    article = sample.article("onboarding/")
    phases = sample.profile.onboarding.phases
    for phase in phases:
        heading = article.find(id=f"phase-{phase.id}")
        assert isinstance(heading, Tag) and collapse(heading.get_text()) == phase.name
        body = section(article, phase.name)
        tasks = [collapse(li.get_text(" ")) for li in body.find_all("li") if li.find("input")]
        own = [
            item.do
            for item in phase.activities
            if not isinstance(item, str) and item.who and item.who.startswith("New")
        ]
        assert tasks == [*phase.goals, *own]
        text = collapse(body.get_text(" "))
        assert phase.owner in text
        others = [item for item in phase.activities if isinstance(item, str)]
        if others:  # the owner's to arrange: listed under the lead's name, not ticked
            arranged = text.partition(f"arranged by its lead ({phase.owner}):")[2]
            for item in others:
                assert item in arranged


def test_onboarding_script_quotes_mission_customers_promise_and_values(sample: Built) -> None:
    organisation = sample.profile.organisation
    script = collapse(
        sample.section("onboarding/", "The manager's script for the first conversation").get_text(
            " "
        )
    )
    for words in (organisation.mission, organisation.customers, organisation.promise):
        assert words in script
    for value in sample.profile.values:
        assert value.summary in script


def test_onboarding_has_buddy_guide_immersion_and_values_after_induction(sample: Built) -> None:
    text = sample.text("onboarding/")
    for heading in (
        "The buddy guide",
        "Customer immersion, for everyone new",
        "After induction: keeping the values alive",
    ):
        assert heading in text
    immersion = sample.section("onboarding/", "Customer immersion, for everyone new")
    hosts = [a.get_text() for a in immersion.find_all("a") if "roles/" in a["href"]]
    facing = [role.title for role in sample.profile.roles if role.customer_facing]
    assert hosts == facing[:12]


def test_onboarding_lists_at_most_twelve_immersion_hosts(crowd: Built) -> None:
    immersion = crowd.section("onboarding/", "Customer immersion, for everyone new")
    hosts = [a for a in immersion.find_all("a") if re.search(r"roles/agent-", a["href"])]
    assert len(hosts) == 12
    assert "and 48 more roles." in collapse(immersion.get_text())


def test_minimal_onboarding_uses_the_default_plan_as_checklists(minimal: Built) -> None:
    article = minimal.article("onboarding/")
    phases = [h for h in article.find_all("h3") if h.get("id", "").startswith("phase-")]
    assert len(phases) == 6
    for heading in phases:
        body = section(article, collapse(heading.get_text()))
        assert body.find("input", attrs={"type": "checkbox"}) is not None
    assert "Help our neighbours." in minimal.text("onboarding/")


# -- hiring, recognition, decisions, KPIs, feedback -------------------------------------------


def test_hiring_shows_every_question_with_strong_and_weak_answers(sample: Built) -> None:
    article = sample.article("hiring/")
    for value in sample.profile.values:
        heading = article.find(id=f"value-{value.id}")
        assert isinstance(heading, Tag)
        block = collapse(section(article, value.name).get_text(" "))
        for question in value.interview_questions:
            assert question in block
        assert "Sounds strong" in block and "Sounds weak" in block
    scorecard = sample.section("hiring/", "Scorecard").find("table")
    rows = [collapse(tr.find(["th", "td"]).get_text()) for tr in scorecard.tbody.find_all("tr")]
    assert rows == [value.name for value in sample.profile.values]
    flags = collapse(sample.section("hiring/", "Red flags").get_text(" "))
    for value in sample.profile.values:
        for behaviour in value.anti_behaviours:
            assert behaviour in flags


def test_recognition_shows_every_program_and_example(sample: Built) -> None:
    text = sample.text("recognition/")
    article = sample.article("recognition/")
    for program in sample.profile.recognition.programs:
        assert article.find(id=f"program-{program.id}") is not None
        for field in (program.criteria, program.cadence, program.who_can_nominate, program.reward):
            assert field in text
    for principle in sample.profile.recognition.principles:
        assert principle in text
    for value in sample.profile.values:
        for example in value.recognition_examples:
            assert example in text
    assert "Share customer wins across every level" in text


def test_decisions_show_the_questions_checklist_and_every_role_decision(sample: Built) -> None:
    text = sample.text("decisions/")
    assert "How does this affect our customers?" in text
    assert "What would we decide if we were acting in our customers' best interests?" in text
    assert "Worked examples" in text
    checklist = sample.section("decisions/", "A checklist before you decide")
    assert len(checklist.find_all("input")) >= 5
    for role in sample.profile.roles:
        for decision in role.decisions:
            assert decision.decision in text and decision.customer_question in text


def test_kpis_show_outcome_definition_target_cadence_values_and_owners(sample: Built) -> None:
    article = sample.article("kpis/")
    for kpi in sample.profile.kpis:
        assert isinstance(article.find(id=f"kpi-{kpi.id}"), Tag)
        entry = collapse(section(article, kpi.name).get_text(" "))
        for field in (kpi.customer_outcome, kpi.definition, kpi.target, kpi.cadence):
            assert field in entry
        owners = [r.title for r in sample.profile.roles if kpi.id in r.kpis]
        assert all(title in entry for title in owners)
    assert "Why every KPI traces to a customer outcome" in collapse(article.get_text(" "))


def test_feedback_shows_every_channel_owner_cadence_audience_and_action(sample: Built) -> None:
    article = sample.article("feedback/")
    titles = {role.id: role.title for role in sample.profile.roles}
    for channel in sample.profile.feedback_channels:
        row = article.find(id=f"channel-{channel.id}").find_parent("tr")
        cells = collapse(row.get_text(" "))
        for field in (channel.name, channel.cadence, channel.shared_with, channel.action):
            assert field in cells
        assert titles[channel.owner] in cells
    assert "Closing the loop" in collapse(article.get_text(" "))


def test_culture_health_scores_four_dimensions_and_nine_aspects(sample: Built) -> None:
    article = sample.article("culture-health/")
    for dimension in (
        "collective-focus",
        "external-orientation",
        "change-and-innovation",
        "shared-beliefs",
    ):
        assert isinstance(article.find(id=dimension), Tag)
    aspects = [h for h in article.find_all("h3") if h.get("id", "").startswith("aspect-")]
    assert len(aspects) == 9
    for heading in aspects:
        # A radio group per area: each level with what it looks like and its next step.
        group = section(article, collapse(heading.get_text())).find("fieldset")
        assert collapse(group.legend.get_text()) == collapse(heading.get_text())
        levels = group.find_all("li")
        scores = [collapse(li.find(class_="pb-level__score").get_text()) for li in levels]
        assert scores == ["1", "2", "3", "4", "5"]
        for level in levels:
            assert level.find("label").find("input", type="radio")  # labelled by its text
            assert collapse(level.find(class_="pb-level__next").get_text()).startswith("Next step:")


# -- role pages ------------------------------------------------------------------------------


def test_every_role_page_leads_with_its_position_first_week_and_stages(sample: Built) -> None:
    stages = {stage.id: stage for stage in sample.profile.journey}
    titles = {role.id: role.title for role in sample.profile.roles}
    for role in sample.profile.roles:
        url = f"roles/{role.id}/"
        article = sample.article(url)
        position = collapse(article.find("div", class_="admonition").get_text(" "))
        assert role.customer_position in position
        # The position is said once, not repeated further down the page.
        assert collapse(article.get_text(" ")).count(role.customer_position) == 1
        first_week = collapse(sample.section(url, "Your first week").get_text(" "))
        if role.reports_to:
            assert titles[role.reports_to] in first_week
        for stage_id in role.touchpoints:
            assert stages[stage_id].name in first_week
        if role.touchpoints:
            journey = collapse(sample.section(url, "Where you shape the journey").get_text(" "))
            for stage_id in role.touchpoints:
                for moment in stages[stage_id].moments_that_matter:
                    assert moment in journey
        if role.decisions:
            assert "Get ready for your first decisions" in first_week
            table = collapse(sample.section(url, "Decisions you make").get_text(" "))
            assert role.decisions[0].customer_question in table
        measured = collapse(sample.section(url, "How success is measured").get_text(" "))
        for kpi in sample.profile.kpis:
            if kpi.id in role.kpis:
                assert kpi.customer_outcome in measured
        intro = collapse(article.get_text(" ")).split("Your first week")[0]
        expected = (
            "Customers deal with you directly."
            if role.customer_facing
            else "Customers rarely see you"
        )
        assert expected in intro


def test_role_pages_speak_to_the_holder_with_sparse_data(minimal: Built, sparse: Built) -> None:
    shopkeeper = collapse(minimal.article("roles/shopkeeper/").get_text(" "))
    assert "Serves every customer who walks in." in shopkeeper
    first_week = collapse(minimal.section("roles/shopkeeper/", "Your first week").get_text(" "))
    # No journey in the profile: no journey step, and no note about missing data.
    assert "journey" not in first_week
    assert "Agree how you will know it is working" in first_week
    clocksmith = collapse(sparse.section("roles/clocksmith/", "Your first week").get_text(" "))
    assert "Counter assistant" in clocksmith
    decisions = collapse(sparse.section("roles/clocksmith/", "Decisions you make").get_text(" "))
    assert "Will the owner hear it tick for another ten years?" in decisions


def test_role_page_caps_the_people_it_lists(crowd: Built) -> None:
    first_week = crowd.section("roles/head/", "Your first week")
    meet = next(
        li for li in first_week.find_all("li") if "Meet everyone who reports" in li.get_text()
    )
    assert len([a for a in meet.find_all("a") if "agent-" in a["href"]]) == 12
    assert "and 48 more roles)." in collapse(meet.get_text())
    hosts = next(li for li in first_week.find_all("li") if "Walk your part" in li.get_text())
    assert len(hosts.find_all("a", href=re.compile("agent-"))) == 3
    who = crowd.section("roles/head/", "Who you work with")
    chart = who.find("figure")
    assert len(chart.find_all("a", href=re.compile("agent-"))) == 11
    assert "and 49 more roles" in collapse(chart.get_text(" "))
    chart.decompose()
    assert len(who.find_all("a", href=re.compile("agent-"))) == 50
    assert "and 10 more roles." in collapse(who.get_text())


# -- optional sections missing or thin --------------------------------------------------------


def test_thin_sections_say_what_is_missing(sparse: Built) -> None:
    feedback = sparse.text("feedback/")
    assert "Nobody owns Comment book" in feedback
    assert "No action is agreed for Comment book" in feedback
    assert "No role owns this KPI yet" in sparse.text("kpis/")
    leadership = sparse.text("leadership/")
    assert "Friday look-back" in leadership and "Whenever there is time" in leadership
    assert "asks nothing extra of leaders in writing" in leadership
    hiring = sparse.text("hiring/")
    assert "No questions are recorded for this value yet" in hiring
    assert "Adding work without asking." in hiring
    recognition = sparse.text("recognition/")
    assert "A customer wrote to thank us." in recognition
    assert "you are writing the stories that show what our values mean here" in recognition
    onboarding = sparse.article("onboarding/")
    assert [h["id"] for h in onboarding.find_all("h3") if h.get("id", "").startswith("phase-")] == [
        "phase-start"
    ]


def test_minimal_guide_pages_explain_what_to_do_without_data(minimal: Built) -> None:
    assert "We have not agreed any leadership rituals yet." in minimal.text("leadership/")
    assert "We have no formal recognition programmes." in minimal.text("recognition/")
    assert "We have not set up any feedback channels yet." in minimal.text("feedback/")
    assert "We have not agreed any KPIs yet." in minimal.text("kpis/")
    assert "No role lists its typical decisions yet." in minimal.text("decisions/")
    assert "Help our neighbours." in minimal.text("onboarding/")
