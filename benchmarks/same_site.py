"""Prove that a change of structure changed no page: build with a git revision and with this
checkout, with every engine, and compare every file of the two sites.

    python benchmarks/same_site.py HEAD~3                      # the sample and the fixtures
    python benchmarks/same_site.py main --engines mkdocs org_config.yml

The revision is checked out into a temporary worktree and imported from there (PYTHONPATH),
with the same installed dependencies; both builds run the real command line. Time stamps
(ISO times, iCalendar DTSTAMPs) are the only text allowed to differ; the site marker, the
change record and precompressed copies are skipped. Of the pages that differ, those whose
article (the page's own text, without the theme around it) differs are named apart: a
change to the theme alone leaves them out. Exit status 1 when any file differs.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
DEFAULT_PROFILES = [
    ROOT / "org_config.yml",
    FIXTURES / "tailoring" / "clinic.yml",
    FIXTURES / "tailoring" / "bare.yml",
    FIXTURES / "facts" / "charity.yml",
    FIXTURES / "languages" / "de.yml",
    FIXTURES / "languages" / "fr.yml",
    FIXTURES / "languages" / "es.yml",
]
ENGINES = ("mkdocs", "properdocs", "zensical")
TIME_STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|\d{8}T\d{6}Z")
SKIPPED = {".playbook-site", "playbook-changes.json"}
ARTICLE = re.compile(rb"<article\b.*?</article>", re.S)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the git revision to compare with (e.g. HEAD~1)")
    parser.add_argument("profiles", nargs="*", type=Path, help="profiles (default: fixtures)")
    parser.add_argument("--engines", default=",".join(ENGINES))
    options = parser.parse_intermixed_args(argv)
    profiles = [path.resolve() for path in options.profiles] or DEFAULT_PROFILES
    engines = options.engines.split(",")
    with tempfile.TemporaryDirectory(prefix="playbook-same-site-") as folder:
        work = Path(folder)
        before = work / "before-tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(before),
             options.revision],
            check=True,
        )  # fmt: skip
        try:
            results = [
                compare(profile, engine, before, work) for profile in profiles for engine in engines
            ]
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)],
                check=False,
            )
    differing = sum(files for files, _ in results)
    print(f"{differing} files differ ({sum(pages for _, pages in results)} in their article)")
    return 1 if differing else 0


def compare(profile: Path, engine: str, before_tree: Path, work: Path) -> tuple[int, int]:
    """Build one profile with one engine twice; print and count the files that differ, and
    the pages among them whose article differs."""
    name = f"{profile.parent.name}-{profile.stem}-{engine}"
    before, after = work / "before" / name, work / "after" / name
    # A profile of this checkout (the sample, a fixture) is built from the revision's own
    # copy, with the revision's mkdocs.yml and templates beside it.
    inside = profile.is_relative_to(ROOT) and (before_tree / profile.relative_to(ROOT)).is_file()
    build(
        before_tree / profile.relative_to(ROOT) if inside else profile, engine, before, before_tree
    )
    build(profile, engine, after, None)
    files_before = {path.relative_to(before) for path in before.rglob("*") if path.is_file()}
    files_after = {path.relative_to(after) for path in after.rglob("*") if path.is_file()}
    differing = sorted(str(path) for path in files_before ^ files_after)
    articles = []
    for relative in sorted(files_before & files_after):
        if relative.name in SKIPPED or relative.suffix in (".gz", ".br"):
            continue
        old, new = comparable(before / relative), comparable(after / relative)
        if old != new:
            differing.append(str(relative))
            if ARTICLE.findall(old) != ARTICLE.findall(new):
                articles.append(str(relative))
    print(
        f"{name}: {len(files_after)} files, {len(differing)} differ {differing[:6]}, "
        f"{len(articles)} in their article {articles[:6]}"
    )
    return len(differing), len(articles)


def build(profile: Path, engine: str, site: Path, tree: Path | None) -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    command = [sys.executable, "-m", "playbook", "build", "--config", str(profile)]
    command += ["--site-dir", str(site), "--engine", engine]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=site.parents[1])
    if result.returncode != 0:
        raise SystemExit(f"{profile} ({engine}, {tree or 'this checkout'}):\n{result.stderr}")


def comparable(path: Path) -> bytes:
    return TIME_STAMP.sub(b"T", path.read_bytes())


if __name__ == "__main__":
    sys.exit(main())
