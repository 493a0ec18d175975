"""``playbook init``: create a new playbook project that builds at once.

Nothing is ever overwritten: every file that would be written is checked first,
and if any exists, nothing is written at all. When git is installed and the folder is
not inside a repository yet, the project becomes one (``playbook diff git:HEAD`` then
works once the first commit is made, which ``commit_first_version`` makes on request).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from playbook import __version__
from playbook.errors import ProjectError
from playbook.hr.interview import InterviewAnswers, ValueAnswer

SCAFFOLD_DIR = Path(__file__).parent
DISTRIBUTION = "culture-playbook"
"""The name playbook is installed by (the name ``playbook`` on the index is another project)."""
FIRST_COMMIT_MESSAGE = "First version of the playbook"
PROJECT_FILES = (
    "org_config.yml",
    "org-profile.schema.json",
    "mkdocs.yml",
    "README.md",
    ".github/workflows/playbook.yml",
    ".gitignore",
    "docs/.gitkeep",
)
"""Every file ``init`` writes, relative to the new project's folder."""
SITE_DIR = "site"
"""The site folder of a new project (``site_dir`` of its mkdocs.yml)."""


@dataclass
class InitAnswers:
    """What goes into a new profile; the defaults describe a small example company."""

    name: str = "Northwind Repairs"
    mission: str = "Keep our customers' equipment working, so their day is never on hold."
    customers: str = "Small businesses and households who rely on their equipment every day."
    values: list[ValueAnswer] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.values:
            example = yaml.safe_load((SCAFFOLD_DIR / "example_values.yml").read_text("utf-8"))
            self.values = [ValueAnswer(**value) for value in example]


def planned_files(target: Path, answers: InitAnswers | InterviewAnswers) -> dict[Path, str]:
    """Every file ``init`` writes, with its content."""
    from playbook.profile.model import profile_json_schema

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(SCAFFOLD_DIR)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    # JSON strings are valid YAML double-quoted scalars: any text the user typed is safe.
    environment.filters["yaml_text"] = lambda text: json.dumps(text, ensure_ascii=False)
    _unique_ids(answers.values)
    today = dt.date.today().isoformat()
    if isinstance(answers, InitAnswers):
        profile = environment.get_template("org_config.yml.j2").render(
            name=answers.name,
            mission=answers.mission,
            customers=answers.customers,
            values=answers.values,
            today=today,
        )
    else:
        profile = environment.get_template("answers.yml.j2").render(vars(answers), today=today)
    # Pinned to the version that wrote the project, by the distribution's own name.
    workflow = environment.get_template("workflow.yml").render(
        requirement=f"{DISTRIBUTION}=={__version__}"
    )
    contents = {
        "org_config.yml": profile,
        "org-profile.schema.json": json.dumps(profile_json_schema(), indent=2) + "\n",
        "mkdocs.yml": (SCAFFOLD_DIR / "mkdocs.yml").read_text("utf-8"),
        "README.md": (SCAFFOLD_DIR / "README.md").read_text("utf-8"),
        ".github/workflows/playbook.yml": workflow,
        ".gitignore": (SCAFFOLD_DIR / "gitignore").read_text("utf-8"),
        # MkDocs needs the docs folder to exist; dotfiles are never published.
        "docs/.gitkeep": "",
    }
    return {target / relative: text for relative, text in contents.items()}


def _unique_ids(values: list[ValueAnswer]) -> None:
    seen: set[str] = set()
    for value in values:
        base, number = value.id, 2
        while value.id in seen:
            value.id, number = f"{base}-{number}", number + 1
        seen.add(value.id)


def check_target(target: Path, *, build: bool) -> None:
    """Whether ``init`` can write a project into ``target`` (and build it there), before
    anything is asked or written.

    Raises:
        ProjectError: a file would be overwritten, ``target`` or a folder on the way is a
            file, or the site folder holds files playbook did not build (exit code 2).
    """
    if target.exists() and not target.is_dir():
        raise ProjectError(f"nothing written: {target} exists and is not a folder")
    existing = [
        target / relative
        for relative in PROJECT_FILES
        if (target / relative).exists() or (target / relative).is_symlink()
    ]
    if existing:
        names = ", ".join(str(path) for path in existing)
        raise ProjectError(f"nothing written: these files already exist: {names}")
    blocked = [
        folder
        for relative in PROJECT_FILES
        for folder in (target / relative).parents
        if folder.is_relative_to(target)
        and (folder.exists() or folder.is_symlink())
        and not folder.is_dir()
    ]
    if blocked:
        raise ProjectError(
            f"nothing written: {blocked[0]} is not a folder, but the project needs a folder there"
        )
    if build:
        from playbook.sitebuild.folder import check_site_dir

        try:
            check_site_dir(
                target / SITE_DIR,
                keep=[
                    ("the project folder", target),
                    ("the org profile", target / "org_config.yml"),
                    ("mkdocs.yml", target / "mkdocs.yml"),
                ],
                docs_dir=target / "docs",
            )
        except ProjectError as error:
            raise ProjectError(
                f"nothing written: {error} (or use --no-build and build elsewhere with --site-dir)"
            ) from None


def init_project(
    target: Path,
    answers: InitAnswers | InterviewAnswers | None = None,
    *,
    build: bool = False,
) -> list[Path]:
    """Write a new project into target (created if needed); return the files written.

    Everything that could stop ``init`` is checked before the first file is written
    (``check_target``; ``build``: also the site folder the first build replaces). If
    writing still fails (a full disk, a permission), the files and folders written so
    far are removed again: either the whole project is there, or nothing.

    Raises:
        ProjectError: if any file would be overwritten (then nothing is written).
        OSError: writing failed (nothing written is left behind).
    """
    files = planned_files(target, answers or InitAnswers())
    _check_profile(files[target / "org_config.yml"])
    check_target(target, build=build)
    written: list[Path] = []
    try:
        for path, content in files.items():
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    written.append(folder)
            with path.open("x", encoding="utf-8") as handle:
                written.append(path)
                handle.write(content)
    except BaseException:
        for path in reversed(written):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink()
        raise
    return list(files)


def _check_profile(text: str) -> None:
    """The profile init writes must be valid, whatever was typed at the prompts."""
    from playbook.profile.checks import validate_loaded
    from playbook.profile.reader import parse_yaml_text

    validate_loaded(parse_yaml_text(text, "org_config.yml"))


@dataclass(frozen=True)
class Repository:
    """What ``start_repository`` did: created a new repository, or why not."""

    created: bool
    reason: str = ""


def start_repository(target: Path) -> Repository:
    """Make the new project a git repository, unless git is missing or it already is one."""
    if shutil.which("git") is None:
        return Repository(False, "git is not installed")
    inside = _git(target, "rev-parse", "--is-inside-work-tree")
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        return Repository(False, "the folder is already inside a git repository")
    created = _git(target, "init", "-q")
    if created.returncode != 0:
        return Repository(False, f"git init failed: {_last_line(created.stderr)}")
    return Repository(True)


def commit_first_version(target: Path) -> None:
    """Commit every file of a new repository (the built site is ignored by .gitignore).

    Raises:
        ProjectError: git could not commit (e.g. no user.name and user.email are set);
            the project itself is complete.
    """
    _git(target, "add", "-A")
    done = _git(target, "commit", "-q", "-m", FIRST_COMMIT_MESSAGE)
    if done.returncode != 0:
        raise ProjectError(
            f"{target}: the project is ready, but git could not make the first commit "
            f"({_last_line(done.stderr or done.stdout)}); commit it yourself with "
            "git add -A && git commit"
        )


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"
