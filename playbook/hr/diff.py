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
from playbook.profile.checks import validate_loaded
from playbook.profile.model import Profile
from playbook.profile.reader import parse_yaml_bytes, read_yaml_file


def load_revision(spec: str, cwd: Path | None = None) -> tuple[Profile, str]:
    """Load a profile from a file path or from ``git:REV[:PATH]``.

    Raises:
        ProfileError: the profile is invalid (located as ``REV:PATH:LINE:COL``).
        ProjectError: git is missing, the revision is not one (e.g. it starts with '-'),
            or the revision or file does not exist.
    """
    if spec.startswith("git:"):
        revision, _, path = spec[4:].partition(":")
        path = path or "org_config.yml"
        name = f"{revision}:{path}"
        return validate_loaded(
            parse_yaml_bytes(read_revision(spec, revision, path, cwd), name)
        ), name
    return validate_loaded(read_yaml_file(Path(spec))), spec


def read_revision(spec: str, revision: str, path: str, cwd: Path | None = None) -> bytes:
    """The bytes of ``path`` (relative to ``cwd``) as committed in ``revision``.

    Text such as ``--output=FILE`` must never reach git as an option (``git show`` would
    write that file): a revision starting with '-' is refused before git runs, every
    argument made from it starts with the revision itself, and only the object id that
    ``git rev-parse --verify`` resolved reaches ``git cat-file``. (``--end-of-options``
    would say the same to git, but ``rev-parse`` knows it only since git 2.30.)

    Raises:
        ProjectError: git is missing, the revision is not valid or does not exist, or it
            holds no such file.
    """
    if not revision or revision.startswith("-") or not revision.isprintable():
        raise ProjectError(
            f"{_shown(spec)}: '{_shown(revision)}' is not a git revision; write "
            "git:REV[:PATH] with a commit, branch or tag as REV (for example git:HEAD~1), "
            "never starting with '-'"
        )
    commit = _git(cwd, spec, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        detail = _last_line(commit.stderr)
        if "not a git repository" in detail:
            raise ProjectError(f"{_shown(spec)}: this folder is not inside a git repository")
        raise ProjectError(
            f"{_shown(spec)}: there is no commit '{_shown(revision)}' in this repository "
            "(git log lists the commits)"
        )
    sha = commit.stdout.decode("ascii").strip()
    blob = _git(cwd, spec, "rev-parse", "--verify", "--quiet", f"{sha}:./{path}")
    if blob.returncode != 0:
        raise ProjectError(
            f"{_shown(spec)}: revision {_shown(revision)} has no file {_shown(path)}"
        )
    content = _git(cwd, spec, "cat-file", "blob", blob.stdout.decode("ascii").strip())
    if content.returncode != 0:
        raise ProjectError(
            f"{_shown(spec)}: {_last_line(content.stderr) or 'git could not read it'}"
        )
    return content.stdout


def _git(cwd: Path | None, spec: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise ProjectError(f"{_shown(spec)}: git is not installed") from None


def _shown(text: str) -> str:
    """Text typed on the command line, with control characters written as escapes."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _last_line(output: bytes) -> str:
    lines = output.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else ""


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
        for section, _ in SECTIONS
    }
    renamed_before = with_new_ids(before, renames)
    report = ChangeReport(before, after, renames)
    for section, label in SECTIONS:
        report.compare_section(section, label, renamed_before[section])
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
