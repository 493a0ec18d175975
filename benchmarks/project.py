"""Benchmark projects: a generated profile plus an mkdocs.yml that uses the packaged templates."""

from __future__ import annotations

import re
from pathlib import Path

from generate import DEFAULT_SEED, write_profile

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_MKDOCS_YML = REPO_ROOT / "mkdocs.yml"


def mkdocs_yml_text(hooks: list[Path] | None = None) -> str:
    """The sample mkdocs.yml, pointed at an empty ``docs/`` folder.

    With no page of its own in ``docs/``, the project is built entirely from the
    templates shipped in the playbook package, exactly as a fresh ``playbook init``
    project would be.
    """
    text = SAMPLE_MKDOCS_YML.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^docs_dir:.*$", "docs_dir: docs", text)
    if count != 1:
        text = "docs_dir: docs\n" + text
    if hooks:
        text += "\nhooks:\n" + "".join(f"  - {hook}\n" for hook in hooks)
    return text


def write_project(root: Path, roles: int, seed: int = DEFAULT_SEED) -> Path:
    """Create (or refresh) a benchmark project of ``roles`` roles in ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    write_profile(root / "org_config.yml", roles, seed)
    (root / "mkdocs.yml").write_text(mkdocs_yml_text(), encoding="utf-8")
    return root
