"""Coverage is computed once: `playbook lint` and the culture-health page read the same gaps."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook import load_profile
from playbook.profile.coverage import coverage_of
from playbook.profile.lint import lint_file

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
# Lint rules that report one coverage gap each, and the gap they read.
RULE_OF_GAP = {
    "stage-unowned": "unowned_stages",
    "role-no-touchpoints": "roles_without_stage",
    "role-no-kpis": "roles_without_kpis",
    "kpi-unowned": "unowned_kpis",
    "value-no-leader-behaviours": "values_without_leader_behaviours",
    "value-not-in-action": "values_not_in_action",
    "value-no-interview-questions": "values_without_questions",
    "value-no-recognition": "values_not_recognised",
    "channel-no-action": "channels_without_action",
}


@pytest.mark.parametrize("fixture", sorted(path.stem for path in FIXTURES.glob("*.yml")))
def test_each_coverage_gap_is_one_lint_finding(fixture: str) -> None:
    profile = load_profile(FIXTURES / f"{fixture}.yml")
    gaps = coverage_of(profile)
    findings = lint_file(FIXTURES / f"{fixture}.yml")
    for rule, gap in RULE_OF_GAP.items():
        reported = [finding for finding in findings if finding.rule == rule]
        assert len(reported) == len(getattr(gaps, gap)), (fixture, rule)


def test_counts_of_a_profile_with_gaps() -> None:
    gaps = coverage_of(load_profile(FIXTURES / "charity.yml"))
    assert gaps.roles == 6 and gaps.customer_facing == 3
    # The chief officer, the coordinator and the trustees shape no journey stage.
    assert gaps.roles_on_journey == 3
    assert gaps.roles_without_stage == (0, 1, 5)
    # No role lists a KPI: both are unowned.
    assert gaps.owned_kpis == 0 and gaps.unowned_kpis == (0, 1)
