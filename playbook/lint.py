"""Culture-coverage findings: gaps between what the profile says and what it sets up.

A profile can be valid and still leave customers to chance: a journey stage that no
role owns, a value nobody hires for, a feedback channel nobody acts on. Each finding
names the rule, the place in the file and why it matters. Teams may accept a gap on
purpose by listing it under ``lint.ignore`` with a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playbook.checks import load_checked
from playbook.loader import LoadedYaml, Path_
from playbook.profile import Profile

WHY = {
    "stage-unowned": "a customer moment nobody owns is left to chance",
    "role-no-touchpoints": "people in this role cannot see where their work reaches customers",
    "role-no-kpis": "the role has no measure that ties its work to a customer outcome",
    "kpi-unowned": "a number nobody owns does not move",
    "value-no-leader-behaviours": "people copy leaders; say what leaders do to model it",
    "value-not-in-action": "no role says what the value means in its daily work",
    "value-no-interview-questions": "candidates are not screened for it, so hiring ignores it",
    "value-no-recognition": "behaviour that is never recognised fades",
    "channel-no-action": "collecting feedback nobody acts on teaches customers we do not listen",
    "redirect-lost": "people bookmark their pages; an old address that leads nowhere loses them",
    "unused-ignore": "stale exceptions hide future gaps",
}


@dataclass(frozen=True, order=True)
class Finding:
    """One coverage gap, located in the profile."""

    file: str
    line: int
    column: int
    rule: str
    item_id: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}:{self.column}: {self.rule}: {self.message} "
            f"({WHY.get(self.rule, 'see the lint documentation')})"
        )


def lint_file(path: Path) -> list[Finding]:
    """Lint a profile file. Raises ProfileError if the profile is invalid.

    In a git repository, the profile is also compared with its last commit: a role or
    value whose address would stop working is a finding (``redirect-lost``).
    """
    from playbook.hr.redirects import lost_address_gaps

    profile, source = load_checked(path)
    return lint_profile(profile, source, lost_address_gaps(path, profile))


def lint_profile(
    profile: Profile,
    source: LoadedYaml,
    history_gaps: list[tuple[str, str, Path_, str]] | None = None,
) -> list[Finding]:
    """Every coverage finding not accepted under ``lint.ignore``, sorted by line.

    An ignore entry that matches no finding is itself reported, so stale
    exceptions do not pile up.
    """
    accepted = {(entry.rule, entry.id): index for index, entry in enumerate(profile.lint.ignore)}
    used: set[tuple[str, str]] = set()
    findings = []
    for rule, item_id, path, message in [*_gaps(profile), *(history_gaps or [])]:
        if (rule, item_id) in accepted:
            used.add((rule, item_id))
            continue
        where = source.position(path)
        findings.append(Finding(source.file, where.line, where.column, rule, item_id, message))
    for key, index in accepted.items():
        if key not in used:
            where = source.position(("lint", "ignore", index))
            findings.append(
                Finding(
                    source.file,
                    where.line,
                    where.column,
                    "unused-ignore",
                    key[1],
                    f"lint.ignore[{index}] accepts {key[0]} for '{key[1]}', but there is no such "
                    "finding; remove the entry",
                )
            )
    return sorted(findings)


def _gaps(profile: Profile) -> Iterator[tuple[str, str, Path_, str]]:
    owned_stages = {stage for role in profile.roles for stage in role.touchpoints}
    owned_kpis = {kpi for role in profile.roles for kpi in role.kpis}
    values_in_action = {value for role in profile.roles for value in role.values_in_action}
    recognised = {value for program in profile.recognition.programs for value in program.values}

    for index, stage in enumerate(profile.journey):
        if stage.id not in owned_stages:
            yield (
                "stage-unowned",
                stage.id,
                ("journey", index, "id"),
                f"no role shapes the journey stage '{stage.id}'",
            )
    for index, role in enumerate(profile.roles):
        if profile.journey and not role.touchpoints:
            yield (
                "role-no-touchpoints",
                role.id,
                ("roles", index, "id"),
                f"role '{role.id}' shapes no journey stage (add touchpoints)",
            )
        if not role.kpis:
            yield ("role-no-kpis", role.id, ("roles", index, "id"), f"role '{role.id}' has no KPIs")
    for index, kpi in enumerate(profile.kpis):
        if kpi.id not in owned_kpis:
            yield ("kpi-unowned", kpi.id, ("kpis", index, "id"), f"no role owns the KPI '{kpi.id}'")
    for index, value in enumerate(profile.values):
        path: Path_ = ("values", index, "id")
        if not value.behaviours.leaders:
            yield (
                "value-no-leader-behaviours",
                value.id,
                path,
                f"value '{value.id}' has no behaviours for leaders",
            )
        if value.id not in values_in_action:
            yield (
                "value-not-in-action",
                value.id,
                path,
                f"no role puts the value '{value.id}' into action (values_in_action)",
            )
        if not value.interview_questions:
            yield (
                "value-no-interview-questions",
                value.id,
                path,
                f"value '{value.id}' has no interview questions",
            )
        if value.id not in recognised:
            yield (
                "value-no-recognition",
                value.id,
                path,
                f"no recognition program celebrates the value '{value.id}'",
            )
    for index, channel in enumerate(profile.feedback_channels):
        if not channel.action:
            yield (
                "channel-no-action",
                channel.id,
                ("feedback_channels", index, "id"),
                f"feedback channel '{channel.id}' has no action",
            )
