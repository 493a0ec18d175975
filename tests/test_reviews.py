"""Owners and review dates: due dates on the calendar, the pages that show them, lint.

Dates are judged against a fixed build date (SOURCE_DATE_EPOCH), so "overdue" does not
depend on the day the tests run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sitekit import Site, cli_build, collapse, write_project

from playbook import load_profile
from playbook.hr.reviews import add_interval, build_date, opted_in, reviews
from playbook.profile.lint import lint_file

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
DENTAL = FIXTURES / "dental.yml"
# 4 December 2026, 00:00 UTC.
BUILD_DAY = dt.date(2026, 12, 4)
EPOCH = "1796342400"


@pytest.mark.parametrize(
    ("start", "interval", "due"),
    [
        (dt.date(2026, 1, 31), (1, "month"), dt.date(2026, 2, 28)),
        (dt.date(2024, 2, 29), (1, "year"), dt.date(2025, 2, 28)),
        (dt.date(2026, 11, 15), (3, "month"), dt.date(2027, 2, 15)),
        (dt.date(2026, 12, 1), (2, "week"), dt.date(2026, 12, 15)),
        (dt.date(2026, 12, 1), (10, "day"), dt.date(2026, 12, 11)),
    ],
)
def test_due_dates_count_on_the_calendar(start, interval, due) -> None:
    assert add_interval(start, interval) == due


def test_build_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert build_date() == BUILD_DAY


def test_reviews_of_the_dental_group() -> None:
    profile = load_profile(DENTAL)
    found = {review.label: review for review in reviews(profile, BUILD_DAY)}
    organisation = found["Brightwater Dental"]
    assert organisation.next_due == dt.date(2026, 7, 15) and organisation.overdue
    gentle = found["Gentle care"]
    # Its own owner; the organisation's interval (6 months) from its own review date.
    assert gentle.owner.id == "clinical-director" and gentle.own_owner
    assert gentle.next_due == dt.date(2026, 9, 1) and gentle.overdue
    assert not reviews_overdue_before(profile, dt.date(2026, 7, 14))
    # Parts without an owner of their own are kept by the organisation's owner.
    assert found["Dentist"].owner.id == "practice-manager" and not found["Dentist"].own_owner
    assert found["Dentist"].next_due is None and not found["Dentist"].overdue
    assert opted_in(profile)


def reviews_overdue_before(profile, day: dt.date) -> list[str]:
    return [review.label for review in reviews(profile, day) if review.overdue]


def test_a_profile_without_owners_has_not_opted_in() -> None:
    assert not opted_in(load_profile(FIXTURES / "agency.yml"))


def test_lint_reports_overdue_reviews(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    findings = [str(f) for f in lint_file(DENTAL) if f.rule.startswith("review-")]
    assert findings == [
        f"{DENTAL}:9:3: review-overdue: organisation 'Brightwater Dental' was due for review "
        "on 2026-07-15 (owner: Practice manager) (a page nobody checks drifts from how the "
        "work is really done)",
        f"{DENTAL}:16:5: review-overdue: value 'Gentle care' [gentle-care] was due for review "
        "on 2026-09-01 (owner: Clinical director) (a page nobody checks drifts from how the "
        "work is really done)",
    ]


def test_lint_reports_parts_nobody_owns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    text = DENTAL.read_text(encoding="utf-8").replace("  owner: practice-manager\n", "", 1)
    profile = tmp_path / "org_config.yml"
    profile.write_text(text, encoding="utf-8")
    unowned = {f.item_id for f in lint_file(profile) if f.rule == "review-no-owner"}
    assert unowned == {
        "organisation",
        "straight-talk",
        *(role.id for role in load_profile(profile).roles),
    }


@pytest.fixture(scope="module")
def dental(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = write_project(tmp_path_factory.mktemp("dental"), DENTAL.read_text("utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = cli_build(project, "--strict")
    assert result.exit_code == 0, result.output
    return project.site()


def test_pages_say_who_keeps_them_true_and_when_they_are_due(dental: Site) -> None:
    value = collapse(dental.article("values/gentle-care/").get_text(" "))
    assert (
        "Kept up to date by the Clinical director . Last reviewed on 1 March 2026; next "
        "review due on 1 September 2026." in value
    )
    overdue = dental.article("values/gentle-care/").select_one(".admonition.note")
    assert "Due for review" in overdue.get_text()
    assert "This page was due for review on 1 September 2026" in overdue.get_text()
    role = collapse(dental.article("roles/dentist/").get_text(" "))
    assert "Kept up to date by the Practice manager ." in role
    assert "Due for review" not in role
    home = collapse(dental.article("").get_text(" "))
    assert "next review due on 15 July 2026" in home


def test_no_review_lines_without_owners(tmp_path: Path) -> None:
    project = write_project(tmp_path, (FIXTURES / "agency.yml").read_text("utf-8"))
    assert cli_build(project, "--strict").exit_code == 0
    site = project.site()
    for url in ("", "values/plain-words/", "roles/founder/", "changes/"):
        text = collapse(site.article(url).get_text(" "))
        assert "Kept up to date" not in text and "Reviews, by owner" not in text, url


def test_the_keepers_list_of_reviews(dental: Site) -> None:
    text = collapse(dental.article("changes/").get_text(" "))
    assert "Reviews, by owner" in text
    first = text.index("Clinical director Gentle care 1 March 2026 1 September 2026 (overdue)")
    assert first < text.index("Practice manager Brightwater Dental 15 January 2026")
