"""What changed between two profiles, and whom each change affects.

HR regenerates the playbook whenever values, roles or KPIs change, and then has to
re-brief the people concerned. ``diff_profiles`` compares two validated profiles and
says, in HR's words:

- every item added, removed, renamed (new id) or changed, field by field, as readable
  lines ("was ... / now ...", "added ...", "removed ...");
- whom to re-brief, in HR's terms, each with its reason: everyone (what a value means,
  its behaviours for everyone), a department's or named roles' people and their
  managers (their behaviours), whoever hires (interview questions, red flags), a role
  and its manager (the role's own fields); the rules are in ``playbook.hr.briefing``.
  A change of name only is listed as a name change, not as a reason to re-brief anyone;
- the pages whose text changes, exactly: with a ``PageRenderer`` both sides' pages are
  rendered and compared (``playbook.hr.pagetexts``);
- the addresses that stop working (``/roles/<old id>/``) and the ``former_ids`` entry
  that keeps each one working.

References are compared after renames are applied, so renaming a value's id does not
also show up as a change to every role that mentions it. The reports are in
``playbook.hr.report``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from playbook.checks import validate_loaded
from playbook.errors import ProjectError
from playbook.hr.briefing import ChangeReport
from playbook.hr.changeset import (
    SECTIONS,
    WHOLE_SECTIONS,
    Change,
    ChangedPage,
    FieldChange,
    Line,
    LostAddress,
    NameChange,
    ProfileDiff,
    ProfileSide,
    Rebrief,
    match_renames,
    rename_references,
    with_new_ids,
)
from playbook.hr.pagetexts import PageRenderer, changed_pages
from playbook.loader import parse_yaml_bytes, read_yaml_file
from playbook.profile import Profile


def load_revision(spec: str, cwd: Path | None = None) -> tuple[Profile, str]:
    """Load a profile from a file path or from ``git:REV[:PATH]``.

    Raises:
        ProfileError: the profile is invalid (located as ``REV:PATH:LINE:COL``).
        ProjectError: git is missing or the revision or file does not exist.
    """
    if spec.startswith("git:"):
        revision, _, path = spec[4:].partition(":")
        path = path or "org_config.yml"
        try:
            result = subprocess.run(
                ["git", "show", f"{revision}:./{path}"],
                cwd=cwd,
                capture_output=True,
                check=False,
            )
        except FileNotFoundError:
            raise ProjectError(f"{spec}: git is not installed") from None
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ProjectError(f"{spec}: {detail[-1] if detail else 'git show failed'}")
        name = f"{revision}:{path}"
        return validate_loaded(parse_yaml_bytes(result.stdout, name)), name
    return validate_loaded(read_yaml_file(Path(spec))), spec


def profile_path(spec: str) -> Path:
    """Where the profile of a side lives in the working tree (a file, or ``git:REV:PATH``'s
    path): its folder is the project whose settings render the pages."""
    if spec.startswith("git:"):
        return Path(spec[4:].partition(":")[2] or "org_config.yml")
    return Path(spec)


def diff_profiles(
    old: Profile,
    new: Profile,
    old_name: str = "old",
    new_name: str = "new",
    *,
    renderer: PageRenderer | None = None,
) -> ProfileDiff:
    """Compare two profiles: changes, whom to re-brief, names and addresses that change.

    With a renderer, both sides' pages are rendered and compared, and the diff names
    exactly the pages whose text differs (``changed_pages``).
    """
    before, after = ProfileSide(old), ProfileSide(new)
    renames = {
        section: match_renames(before.items[section], after.items[section])
        for section, _, _ in SECTIONS
    }
    renamed_before = with_new_ids(before, renames)
    report = ChangeReport(before, after, renames)
    for section, label, page in SECTIONS:
        report.compare_section(section, label, page, renamed_before[section])
    for section, label, pages in WHOLE_SECTIONS:
        old_data = rename_references(before.whole[section], renames)
        fields = report.field_changes(old_data, after.whole[section])
        if fields:
            report.whole_changed(section, label, pages, fields)
    rebrief = [
        Rebrief(role_id, after.name("roles", role_id) or role_id, report.reasons[role_id])
        for role_id in after.role_ids
        if report.reasons.get(role_id)
    ]
    pages = None
    if renderer is not None:
        same = old == new  # nothing to render
        pages = [] if same else changed_pages(renderer.texts(old), renderer.texts(new))
    return ProfileDiff(
        old_name,
        new_name,
        report.changes,
        rebrief,
        report.name_changes,
        report.lost,
        everyone=report.everyone,
        changed_pages=pages,
    )


__all__ = [
    "Change",
    "ChangedPage",
    "FieldChange",
    "Line",
    "LostAddress",
    "NameChange",
    "ProfileDiff",
    "Rebrief",
    "diff_profiles",
    "load_revision",
    "profile_path",
]
