"""``playbook init``: create a new playbook project that builds at once.

Nothing is ever overwritten: every file that would be written is checked first,
and if any exists, nothing is written at all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from playbook import __version__
from playbook.errors import ProjectError

SCAFFOLD_DIR = Path(__file__).parent / "scaffold"


@dataclass
class ValueAnswer:
    """A value as written into the new profile."""

    id: str
    name: str
    summary: str
    why: str
    everyone: list[str]
    leaders: list[str]
    anti: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


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


def value_from_answers(name: str, summary: str, behaviour: str) -> ValueAnswer:
    """A value typed in at the prompt, with starter text HR is told to replace."""
    return ValueAnswer(
        id=slugify(name),
        name=name,
        summary=summary,
        why=f"Customers notice {name} in how we treat them. (Replace with your own words.)",
        everyone=[behaviour],
        leaders=[f"Points out {name} when they see it, naming the customer it helped."],
        anti=[f"Treating {name} as a slogan rather than a way of working."],
        questions=[f"Tell me about a time you showed {name} for a customer. What happened?"],
        examples=[f"Someone who showed {name} and made a customer's day better."],
    )


def slugify(text: str) -> str:
    """A valid id from a name: 'Own it!' -> 'own-it'."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64].strip("-")
    return slug or "value"


def planned_files(target: Path, answers: InitAnswers) -> dict[Path, str]:
    """Every file ``init`` writes, with its content."""
    from playbook.profile import profile_json_schema

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(SCAFFOLD_DIR)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    # JSON strings are valid YAML double-quoted scalars: any text the user typed is safe.
    environment.filters["yaml_text"] = lambda text: json.dumps(text, ensure_ascii=False)
    _unique_ids(answers.values)
    profile = environment.get_template("org_config.yml.j2").render(
        name=answers.name,
        mission=answers.mission,
        customers=answers.customers,
        values=answers.values,
        today=dt.date.today().isoformat(),
    )
    workflow = environment.get_template("workflow.yml").render(
        requirement=f"playbook=={__version__}"
    )
    return {
        target / "org_config.yml": profile,
        target / "org-profile.schema.json": json.dumps(profile_json_schema(), indent=2) + "\n",
        target / "mkdocs.yml": (SCAFFOLD_DIR / "mkdocs.yml").read_text("utf-8"),
        target / "README.md": (SCAFFOLD_DIR / "README.md").read_text("utf-8"),
        target / ".github" / "workflows" / "playbook.yml": workflow,
        target / ".gitignore": (SCAFFOLD_DIR / "gitignore").read_text("utf-8"),
        # MkDocs needs the docs folder to exist; dotfiles are never published.
        target / "docs" / ".gitkeep": "",
    }


def _unique_ids(values: list[ValueAnswer]) -> None:
    seen: set[str] = set()
    for value in values:
        base, number = value.id, 2
        while value.id in seen:
            value.id, number = f"{base}-{number}", number + 1
        seen.add(value.id)


def init_project(target: Path, answers: InitAnswers | None = None) -> list[Path]:
    """Write a new project into target (created if needed); return the files written.

    Raises:
        ProjectError: if any file would be overwritten (then nothing is written).
    """
    files = planned_files(target, answers or InitAnswers())
    _check_profile(files[target / "org_config.yml"])
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing:
        names = ", ".join(str(path) for path in existing)
        raise ProjectError(f"nothing written: these files already exist: {names}")
    if target.exists() and not target.is_dir():
        raise ProjectError(f"nothing written: {target} exists and is not a folder")
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(content)
    return list(files)


def _check_profile(text: str) -> None:
    """The profile init writes must be valid, whatever was typed at the prompts."""
    from playbook.checks import validate_loaded
    from playbook.loader import parse_yaml_text

    validate_loaded(parse_yaml_text(text, "org_config.yml"))
