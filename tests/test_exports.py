"""Files other tools read: the ritual calendars, the changelog feed, playbook.json, llms.txt.

Built for real from the dental group (tests/fixtures/facts/dental.yml), with a fixed build
date, and read back with standard parsers: icalendar for the calendars, xml.etree for the
feed, json for the data file.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from sitekit import REPO_ROOT, Project, cli_build, write_project

from playbook.cli import main
from playbook.exports.cadence import read_cadence

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
EPOCH = "1796342400"  # 4 December 2026, a Friday
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<img src=x onerror="alert(1)"> & "Team" huddle'


@pytest.fixture(scope="module")
def dental(tmp_path_factory: pytest.TempPathFactory) -> Project:
    text = (FIXTURES / "dental.yml").read_text("utf-8")
    text = text.replace("    - name: Morning huddle\n", f"    - name: '{HOSTILE}'\n")
    text += (
        "changelog:\n"
        "  - date: 2026-11-20\n    summary: Added the <b>governance</b> meeting & its members.\n"
    )
    project = write_project(tmp_path_factory.mktemp("dental"), text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = cli_build(project, "--strict")
    assert result.exit_code == 0, result.output
    return project


def events(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize(
    ("cadence", "rule", "time"),
    [
        ("Daily, 8:15, in each practice", {"FREQ": "DAILY"}, dt.time(8, 15)),
        ("Weekly, Friday 4pm", {"FREQ": "WEEKLY", "BYDAY": ["FR"]}, dt.time(16)),
        ("every other Tuesday at 10:00", {"FREQ": "WEEKLY", "INTERVAL": 2, "BYDAY": ["TU"]}, None),
        ("first Monday of the month, 9am", {"FREQ": "MONTHLY", "BYDAY": ["1MO"]}, dt.time(9)),
        ("montags 9 Uhr", {"FREQ": "WEEKLY", "BYDAY": ["MO"]}, dt.time(9)),
        ("le dernier vendredi du mois à 16h", {"FREQ": "MONTHLY", "BYDAY": ["-1FR"]}, None),
        ("cada lunes a las 9:00", {"FREQ": "WEEKLY", "BYDAY": ["MO"]}, dt.time(9)),
    ],
)
def test_cadences_a_calendar_can_follow(cadence, rule, time) -> None:
    recurrence = read_cadence(cadence)
    assert recurrence is not None and recurrence.rule() == rule
    if time is not None:
        assert recurrence.time == time


@pytest.mark.parametrize(
    "cadence", ["Monthly", "Weekly, 15 minutes before opening", "Quarterly", "When needed"]
)
def test_cadences_that_would_need_a_guess_make_no_event(cadence) -> None:
    assert read_cadence(cadence) is None


def test_each_role_gets_the_rituals_it_attends(dental: Project) -> None:
    site = dental.site_dir
    receptionist = events(site / "calendars/roles/receptionist.ics")
    # The huddle (everyone) is daily at 8:15; the monthly governance meeting names no day,
    # so no calendar holds it; the receptionist leads nobody, so no one-on-ones.
    assert list(receptionist) == [HOSTILE]
    huddle = receptionist[HOSTILE]
    assert huddle["rrule"]["FREQ"] == ["DAILY"]
    assert huddle.decoded("dtstart") == dt.datetime(2026, 12, 4, 8, 15)
    director = events(site / "calendars/roles/clinical-director.ics")
    assert set(director) == {HOSTILE}
    assert "Clinical governance meeting" not in events(site / "calendars/leadership.ics")


def test_role_and_leadership_pages_link_their_calendars(dental: Project) -> None:
    site = dental.site()
    link = site.soup("roles/receptionist/").select_one("a.playbook-calendar")
    assert link["href"] == "../../calendars/roles/receptionist.ics"
    assert site.soup("leadership/").select_one("a.playbook-calendar")["href"] == (
        "../calendars/leadership.ics"
    )


def test_the_feed_lists_each_entry_and_the_pages_it_changed(dental: Project) -> None:
    feed = ET.parse(dental.site_dir / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Added the <b>governance</b> meeting & its members."
    related = [link.get("href") for link in entry.findall(f"{ATOM}link[@rel='related']")]
    # Only pages of the site (which ones depends on the change record and git history).
    assert set(related) <= set(dental.site().page_urls)
    link = dental.site().soup("changes/").select_one("a.playbook-feed")
    assert link["href"] == "../feed.xml"


def test_the_data_file(dental: Project) -> None:
    data = json.loads((dental.site_dir / "playbook.json").read_text("utf-8"))
    assert (data["format"], data["version"], data["language"]) == ("culture-playbook", 1, "en")
    pages = {page["url"]: page for page in data["pages"]}
    value = pages["values/gentle-care/"]
    assert value["owner"] == {"id": "clinical-director", "title": "Clinical director"}
    assert (value["last_reviewed"], value["next_review"], value["overdue"]) == (
        "2026-03-01",
        "2026-09-01",
        True,
    )
    assert len(value["fingerprint"]) == 20 and value["changed"].endswith("Z")
    assert pages["roles/dentist/"]["owner"]["id"] == "practice-manager"
    assert len(pages) == 22
    # The profile's own text, as written: JSON is data, readers escape it.
    assert data["profile"]["leadership"]["rituals"][0]["name"] == HOSTILE
    assert "lint" not in data["profile"]


def test_llms_txt_points_to_the_data_file(dental: Project) -> None:
    text = (dental.site_dir / "llms.txt").read_text("utf-8")
    assert text.startswith("# Brightwater Dental playbook\n\n> Healthy mouths for life")
    assert "[playbook.json](playbook.json)" in text
    assert "- [Receptionist](roles/receptionist/)" in text


def test_no_calendar_without_readable_cadences(tmp_path: Path) -> None:
    project = write_project(tmp_path, (FIXTURES / "agency.yml").read_text("utf-8"))
    assert cli_build(project).exit_code == 0
    site = project.site_dir
    # "Weekly, Friday 4pm" is readable; "Monthly" (the founder's pipeline review) is not.
    assert set(events(site / "calendars/roles/founder.ics")) == {"Friday demo"}
    assert (site / "calendars/roles/designer.ics").exists()


def test_pdf_without_chromium_fails_with_a_clear_message(tmp_path: Path) -> None:
    """`--pdf` prints with Chromium; without it the build says so and writes nothing."""
    missing = tmp_path / "no-chromium"
    arguments = [
        "build",
        "--config",
        str(REPO_ROOT / "org_config.yml"),
        "--site-dir",
        str(tmp_path / "site"),
    ]
    result = CliRunner().invoke(main, [*arguments, "--pdf", "--chromium", str(missing)])
    assert result.exit_code == 1
    assert f"--pdf: no Chromium at {missing}" in result.output
    assert not (tmp_path / "site").exists()
