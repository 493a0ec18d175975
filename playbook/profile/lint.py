"""Culture-coverage findings: gaps between what the profile says and what it sets up.

A profile can be valid and still leave customers to chance: a journey stage that no
role owns, a value nobody hires for, a feedback channel nobody acts on. Each finding
names the rule, the place in the file and why it matters. Teams may accept a gap on
purpose by listing it under ``lint.ignore`` with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from playbook.exports.cadence import read_cadence, ritual_slug
from playbook.hr.reviews import opted_in, reviews
from playbook.profile.checks import load_checked
from playbook.profile.coverage import coverage_of
from playbook.profile.model import Profile
from playbook.profile.reader import LoadedYaml, Path_

SCAFFOLD_DIR = Path(__file__).parents[1] / "scaffold"
# Markers in capitals only: "todo" is Spanish for "all", "tbd" and "fixme" mean nothing else.
_PLACEHOLDER_WORDS = re.compile(
    r"\b(?:TODO|TBD|FIXME)\b|\b(?i:lorem ipsum|replace this|example\.com)\b"
)

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
    "channel-no-cadence": "a channel read 'when there is time' is read too late",
    "channel-no-audience": "feedback nobody hears changes nothing",
    "kpi-no-target": "without a target nobody can tell whether the number is good enough",
    "duplicate-value-name": "two values with one name confuse everyone who reads them",
    "init-placeholder": "example text from 'playbook init' describes another organisation",
    "behaviour-names-other-department": (
        "the people whose work it describes read their own department's behaviours, not this one"
    ),
    "unused-ignore": "stale exceptions hide future gaps",
    "review-overdue": "a page nobody checks drifts from how the work is really done",
    "review-no-owner": "a page nobody owns is nobody's job to keep true",
    "ritual-no-calendar": "a ritual in people's calendars happens; one remembered by hand slips",
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


def _calendar_gaps(profile: Profile) -> Iterator[tuple[str, str, Path_, str]]:
    """Rituals with attendees whose cadence no calendar can follow without a guess."""
    for index, ritual in enumerate(profile.leadership.rituals):
        if ritual.attendees and read_cadence(ritual.cadence) is None:
            yield (
                "ritual-no-calendar",
                ritual_slug(ritual.name),
                ("leadership", "rituals", index, "cadence"),
                f"ritual '{ritual.name}' is in no calendar: its cadence '{ritual.cadence}' "
                "names no day a calendar can repeat (write e.g. 'Weekly, Monday 9:00' or "
                "'first Tuesday of the month')",
            )


def _review_gaps(profile: Profile) -> Iterator[tuple[str, str, Path_, str]]:
    """Overdue reviews and parts nobody owns, once the organisation tracks reviews."""
    if not opted_in(profile):
        return
    for review in reviews(profile):
        item_id = getattr(review.item, "id", "organisation")
        if review.kind == "organisation":
            name = f"organisation '{review.label}'"
        else:
            name = _named("KPI" if review.kind == "kpi" else review.kind, review.label, item_id)
        owner = f" (owner: {review.owner.title})" if review.owner else ""
        if review.overdue and review.next_due:
            yield (
                "review-overdue",
                item_id,
                (*review.path, "last_reviewed"),
                f"{name} was due for review on {review.next_due.isoformat()}{owner}",
            )
        if review.owner is None:
            yield (
                "review-no-owner",
                item_id,
                review.path if review.kind != "organisation" else ("organisation",),
                f"{name} has no owner; set owner to the id of the role that keeps it true",
            )


def _gaps(profile: Profile) -> Iterator[tuple[str, str, Path_, str]]:
    gaps = coverage_of(profile)
    for index in gaps.unowned_stages:
        stage = profile.journey[index]
        yield (
            "stage-unowned",
            stage.id,
            ("journey", index, "id"),
            f"no role shapes the {_named('journey stage', stage.name, stage.id)}",
        )
    for index, role in enumerate(profile.roles):
        if index in gaps.roles_without_stage:
            yield (
                "role-no-touchpoints",
                role.id,
                ("roles", index, "id"),
                f"{_named('role', role.title, role.id)} shapes no journey stage (add touchpoints)",
            )
        if index in gaps.roles_without_kpis:
            yield (
                "role-no-kpis",
                role.id,
                ("roles", index, "id"),
                f"{_named('role', role.title, role.id)} has no KPIs",
            )
    for index in gaps.unowned_kpis:
        kpi = profile.kpis[index]
        yield (
            "kpi-unowned",
            kpi.id,
            ("kpis", index, "id"),
            f"no role owns the {_named('KPI', kpi.name, kpi.id)}",
        )
    for index, value in enumerate(profile.values):
        path: Path_ = ("values", index, "id")
        if index in gaps.values_without_leader_behaviours:
            yield (
                "value-no-leader-behaviours",
                value.id,
                path,
                f"{_named('value', value.name, value.id)} has no behaviours for leaders",
            )
        if index in gaps.values_not_in_action:
            yield (
                "value-not-in-action",
                value.id,
                path,
                f"no role puts the {_named('value', value.name, value.id)} into action "
                "(values_in_action)",
            )
        if index in gaps.values_without_questions:
            yield (
                "value-no-interview-questions",
                value.id,
                path,
                f"{_named('value', value.name, value.id)} has no interview questions",
            )
        if index in gaps.values_not_recognised:
            yield (
                "value-no-recognition",
                value.id,
                path,
                f"no recognition program celebrates the {_named('value', value.name, value.id)}",
            )
    for index in gaps.channels_without_action:
        channel = profile.feedback_channels[index]
        yield (
            "channel-no-action",
            channel.id,
            ("feedback_channels", index, "id"),
            f"{_named('feedback channel', channel.name, channel.id)} has no action",
        )
    yield from _wording_gaps(profile)


@cache
def _scaffold_texts() -> frozenset[str]:
    """Every example sentence `playbook init` writes into a new profile."""
    texts: set[str] = set()

    def collect(item: object) -> None:
        if isinstance(item, str) and len(item) > 20:
            texts.add(item.strip())
        elif isinstance(item, dict):
            for value in item.values():
                collect(value)
        elif isinstance(item, list):
            for value in item:
                collect(value)

    example_values = SCAFFOLD_DIR / "example_values.yml"
    if example_values.is_file():
        collect(yaml.safe_load(example_values.read_text(encoding="utf-8")))
    template = SCAFFOLD_DIR / "org_config.yml.j2"
    if template.is_file():
        for line in template.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\s*(?:- )?(?:[a-z_]+: )?\"?([^{#\"][^{\"]*?)\"?\s*$", line)
            if match and not line.lstrip().startswith("#"):
                collect(match.group(1))
    return frozenset(texts)


def _texts_with_paths(data: object, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts_with_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts_with_paths(value, (*path, index))


def _named(kind: str, name: str, item_id: str) -> str:
    return f"{kind} '{name}' [{item_id}]"


def _wording_gaps(profile: Profile) -> Iterator[tuple[str, str, Path_, str]]:
    """Gaps that make pages weak although the profile is complete."""
    for index, kpi in enumerate(profile.kpis):
        if not kpi.target:
            yield (
                "kpi-no-target",
                kpi.id,
                ("kpis", index, "id"),
                f"{_named('KPI', kpi.name, kpi.id)} has no target",
            )
    for index, channel in enumerate(profile.feedback_channels):
        named = _named("feedback channel", channel.name, channel.id)
        if not channel.cadence:
            path: Path_ = ("feedback_channels", index, "id")
            yield ("channel-no-cadence", channel.id, path, f"{named} has no cadence")
        if not channel.shared_with:
            path = ("feedback_channels", index, "id")
            yield ("channel-no-audience", channel.id, path, f"{named} is shared with nobody")
    seen: dict[str, str] = {}
    for index, value in enumerate(profile.values):
        key = value.name.casefold()
        if key in seen:
            yield (
                "duplicate-value-name",
                value.id,
                ("values", index, "name"),
                f"{_named('value', value.name, value.id)} has the same name as [{seen[key]}]",
            )
        else:
            seen[key] = value.id
    yield from _placeholder_gaps(profile)
    yield from _department_gaps(profile)
    yield from _review_gaps(profile)
    yield from _calendar_gaps(profile)


def _placeholder_gaps(profile: Profile) -> Iterator[tuple[str, str, Path_, str]]:
    examples = _scaffold_texts()
    data = profile.model_dump(mode="json", exclude={"lint", "changelog"})
    for path, text in _texts_with_paths(data):
        if text.strip() in examples or _PLACEHOLDER_WORDS.search(text):
            shown = text if len(text) <= 50 else text[:47] + "..."
            yield (
                "init-placeholder",
                _path_id(profile, path),
                path,
                f"'{shown}' is example or placeholder text; write your own",
            )


def _path_id(profile: Profile, path: Path_) -> str:
    """The id of the item a text belongs to (for lint.ignore), or its section."""
    data = profile.model_dump(mode="json")
    current: object = data
    found = str(path[0])
    for part in path:
        current = current[part]  # type: ignore[index]
        if isinstance(current, dict) and isinstance(current.get("id"), str):
            found = current["id"]
    return found


def _department_gaps(profile: Profile) -> Iterator[tuple[str, str, Path_, str]]:
    """Department behaviours that describe what another department does.

    A behaviour is written to the people of its department ("Agree the spring rota with
    the Head of Workshop" asks the shop to work with the workshop: a cross-team behaviour,
    fine where it is). It is misplaced only when its subject is another department or
    one of that department's roles: "Mechanics test-ride every repaired bike" listed
    under Shops tells the workshop what to do, and the workshop never reads it there.
    """
    subjects: dict[str, dict[str, str | None]] = {}
    for role in profile.roles:
        words = subjects.setdefault(role.department, {role.department: None})
        words[role.title] = role.id
    for index, value in enumerate(profile.values):
        for department, behaviours in value.behaviours.departments.items():
            for number, behaviour in enumerate(behaviours):
                found = _subject_department(behaviour, department, subjects)
                if found is None:
                    continue
                other, role_id = found
                where = f"departments: {other}"
                if role_id is not None:
                    where = f"roles: {role_id} (or {where})"
                yield (
                    "behaviour-names-other-department",
                    value.id,
                    ("values", index, "behaviours", "departments", department, number),
                    f"a behaviour of {_named('value', value.name, value.id)} for "
                    f"'{department}' says what '{other}' does; list it under {where}",
                )


# Words that follow an imperative verb rather than a subject: a department named like a
# verb ("Support the new starter", "Design with customers") starts an instruction.
_AFTER_A_VERB = re.compile(
    r"the|a|an|your|our|their|my|every|each|all|any|them|it|this|that|these|those|with|to"
    r"|for|and|or|on|in|at|by|from"
)
# Words that may come before the subject of a behaviour: "The mechanics ...".
_DETERMINERS = re.compile(r"^(?:the|all|every|each|our|any|a|an)\s+", re.IGNORECASE)


def _subject_department(
    behaviour: str, department: str, subjects: dict[str, dict[str, str | None]]
) -> tuple[str, str | None] | None:
    """The other department (and role id, if a role is named) a behaviour's subject is.

    The subject is what the behaviour starts with, after an optional determiner: another
    department's name or one of its role titles, singular or plural, followed by a word
    boundary. A behaviour that starts with a verb ("Tell the Receptionist ...") has none.
    """
    text = _DETERMINERS.sub("", behaviour.strip().lstrip("*_ "))
    for other, words in subjects.items():
        if other == department:
            continue
        for word, role_id in words.items():
            found = re.match(rf"{re.escape(word)}(?:s|es)?(?!\w)\W*(\w*)", text, re.IGNORECASE)
            if found and not _AFTER_A_VERB.fullmatch(found.group(1).lower()):
                return other, role_id
    return None


# --- addresses a change would lose ----------------------------------------------------

LOST_ADDRESS_RULE = "redirect-lost"


def lost_address_gaps(profile_path: Path, profile: Profile) -> list[tuple[str, str, Path_, str]]:
    """Lint gaps for page addresses of the last commit that the profile now loses.

    The profile is compared with its version in git HEAD: a role or value that got a new
    id without listing the old one in ``former_ids``, or that was removed, loses its old
    address (``/roles/<id>/``), which people have bookmarked. Outside a git repository,
    or before the first commit, there is nothing to compare with and nothing is reported.
    """
    import shutil

    from playbook.errors import PlaybookError
    from playbook.hr.diff import diff_profiles, load_revision

    if shutil.which("git") is None:
        return []
    folder = profile_path.resolve().parent
    try:
        committed, _ = load_revision(f"git:HEAD:{profile_path.name}", cwd=folder)
    except PlaybookError:
        return []  # not a repository, no commit yet, or the committed version is invalid
    report = diff_profiles(committed, profile)
    sections = {"role": "roles", "value": "values"}
    gaps = []
    for lost in report.lost_addresses:
        section = sections[lost.section]
        if lost.new_id is not None:
            ids = [item.id for item in getattr(profile, section)]
            path: Path_ = (section, ids.index(lost.new_id), "id")
            message = (
                f"the {lost.section} '{lost.new_id}' was '{lost.old_id}' in the last commit: "
                f"add 'former_ids: [{lost.old_id}]' so {lost.address} keeps working"
            )
            gaps.append((LOST_ADDRESS_RULE, lost.new_id, path, message))
        else:
            message = (
                f"the {lost.section} '{lost.old_id}' of the last commit is gone, and "
                f"{lost.address} will lead nowhere; if another {lost.section} takes over, "
                f"add 'former_ids: [{lost.old_id}]' to it"
            )
            gaps.append((LOST_ADDRESS_RULE, lost.old_id, (section,), message))
    return gaps
