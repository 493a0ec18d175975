"""Profile one ``playbook build`` in-process with cProfile and show where the time goes.

The build is the real one (``playbook.sitebuild.build.build_site``: validate the profile, load
mkdocs.yml, run MkDocs with the playbook and macros plugins and Material). Every
profiled function is put in a group, so it is clear which time is ours (``playbook/``
and the page templates under ``content/``) and which belongs to MkDocs, Material,
Python-Markdown, Jinja and the rest.

Usage::

    python benchmarks/profile_build.py 1000 [--top 30] [--save build.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from project import REPO_ROOT, write_project

# pstats keys: (filename, line, function name).
FuncKey = tuple[str, int, str]

# Ordered: the first matching fragment of the file name decides the group.
_GROUPS: list[tuple[str, str]] = [
    ("/playbook/content/", "ours: templates"),
    (str(REPO_ROOT / "content") + "/", "ours: templates"),
    (str(REPO_ROOT / "playbook" / "theme") + "/", "ours: theme overrides"),
    ("/site-packages/playbook/theme/", "ours: theme overrides"),
    (str(REPO_ROOT / "playbook") + "/", "ours: playbook"),
    ("/site-packages/playbook/", "ours: playbook"),
    ("/mkdocs_macros/", "mkdocs-macros"),
    ("/material/", "material"),
    ("/mkdocs/", "mkdocs"),
    ("/pymdownx/", "pymdown-extensions"),
    ("/markdown/", "python-markdown"),
    ("/jinja2/", "jinja2"),
    ("/markupsafe/", "jinja2"),
    ("/pydantic", "pydantic"),
    ("/yaml/", "pyyaml"),
    ("/babel/", "babel"),
    ("/watchdog/", "watchdog"),
    ("/site-packages/", "other libraries"),
]


def group_of(key: FuncKey) -> str:
    """The group a profiled function belongs to, from its file name."""
    filename = key[0]
    if filename == "~":
        return "builtins (C)"
    if filename.startswith("<template>"):
        return "ours: templates"  # the one-line page sources mkdocs-macros compiles
    for fragment, group in _GROUPS:
        if fragment in filename:
            return group
    if filename.startswith("<frozen "):
        return "stdlib"
    if filename.startswith("<"):
        return "generated code"
    return "stdlib"


# The phases of a build, as the cumulative time of the functions that enter them. Rows
# starting with "of which" are part of the row above. Owner: who can make the phase cheaper.
_PHASES: list[tuple[str, str, str, str]] = [
    # (label, owner, file name ending, function name)
    ("profile: load and validate (all calls)", "ours", "playbook/profile/model.py", "load_profile"),
    ("page plan: escape profile, build catalog", "ours", "playbook/plan/pages.py", "plan_pages"),
    (
        "page templates (mkdocs-macros + our templates)",
        "ours",
        "mkdocs_macros/plugin.py",
        "on_page_markdown",
    ),
    (
        "of which: compile each page's source (from_string)",
        "ours",
        "jinja2/environment.py",
        "from_string",
    ),
    ("of which: link() helper (incl. path_to)", "ours", "playbook/engines/macros.py", "link"),
    ("of which: role page template code", "ours", "_templates/role.md", "root"),
    (
        "Markdown -> HTML (Python-Markdown in Page.render)",
        "library",
        "mkdocs/structure/pages.py",
        "render",
    ),
    ("of which: our accessible-markup treeprocessors", "ours", "playbook/plan/markup.py", "run"),
    (
        "search: index every page (Material)",
        "library",
        "material/plugins/search/plugin.py",
        "on_page_context",
    ),
    (
        "search: write search_index.json (Material)",
        "library",
        "material/plugins/search/plugin.py",
        "on_post_build",
    ),
    ("theme: render each page's HTML (Material main.html)", "library", "/main.html", "root"),
    ("write files", "library", "mkdocs/utils/__init__.py", "write_file"),
]


def phase_rows(raw: dict[FuncKey, tuple[Any, ...]]) -> list[str]:
    """The build split into phases by the cumulative time of their entry functions."""
    total = _total_time(raw)
    lines = ["| phase | owner | calls | seconds | share |", "| --- | --- | --- | --- | --- |"]
    accounted = 0.0
    for label, owner, suffix, name in _PHASES:
        matched = [stat for key, stat in raw.items() if key[2] == name and key[0].endswith(suffix)]
        calls = sum(stat[1] for stat in matched)
        seconds = sum(stat[3] for stat in matched)
        if not label.startswith("of which"):
            accounted += seconds
        shown = f"&nbsp;&nbsp;{label}" if label.startswith("of which") else label
        lines.append(f"| {shown} | {owner} | {calls} | {seconds:.2f} | {seconds / total:.0%} |")
    rest = total - accounted
    lines.append(
        f"| everything else (MkDocs core, config, nav, ...) | library | | {rest:.2f} | "
        f"{rest / total:.0%} |"
    )
    return lines


def _total_time(raw: dict[FuncKey, tuple[Any, ...]]) -> float:
    return sum(stat[2] for stat in raw.values())


def describe(key: FuncKey) -> str:
    """A short, readable name for a profiled function."""
    filename, line, name = key
    if filename == "~":
        return name
    for marker in ("/site-packages/", "/lib/python3.11/", str(REPO_ROOT) + "/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({name})"


def profile_build(roles: int, workdir: Path) -> tuple[pstats.Stats, float, int]:
    """Build a ``roles``-role project under cProfile; return stats, wall seconds, pages."""
    from playbook.sitebuild.build import build_site

    project = write_project(workdir / f"roles-{roles}", roles)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    result = build_site(project / "org_config.yml", site_dir=project / "site")
    profiler.disable()
    elapsed = time.perf_counter() - start
    return pstats.Stats(profiler, stream=io.StringIO()), elapsed, result.pages


def _row(key: FuncKey, stat: tuple[Any, ...]) -> str:
    calls, _, tottime, cumtime, _ = stat
    return f"| {group_of(key)} | {describe(key)} | {calls} | {tottime:.2f} | {cumtime:.2f} |"


def report(stats: pstats.Stats, top: int) -> str:
    """Markdown: time per group, then the top functions by cumulative and by own time."""
    raw: dict[FuncKey, tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    total = sum(stat[2] for stat in raw.values())
    by_group: dict[str, float] = defaultdict(float)
    for key, stat in raw.items():
        by_group[group_of(key)] += stat[2]
    lines = [
        "## Where the build's time goes, by phase",
        "",
        'Cumulative time of each phase\'s entry function; "of which" rows are inside the',
        'row above. Phase times overlap nothing else, so the rows (without "of which")',
        "add up to the whole build.",
        "",
        *phase_rows(raw),
        "",
        "## Own time by group (sums to the whole build)",
        "",
        "Time spent in each group's own functions. The standard library and C built-ins",
        "(regular expressions, html.parser, str.join, ...) are shown on their own: they work",
        "for whoever called them, mostly Python-Markdown and Material's search indexer.",
        "",
        "| group | own time (s) | share |",
        "| --- | --- | --- |",
    ]
    for group, seconds in sorted(by_group.items(), key=lambda item: -item[1]):
        lines.append(f"| {group} | {seconds:.2f} | {seconds / total:.0%} |")
    header = [
        "| group | function | calls | own (s) | cumulative (s) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for title, index in (("cumulative", 3), ("own (total) time", 2)):
        lines += ["", f"## Top {top} functions by {title}", "", *header]
        ranked = sorted(raw.items(), key=lambda item: -item[1][index])[:top]
        lines += [_row(key, stat) for key, stat in ranked]
    ours = [item for item in raw.items() if group_of(item[0]).startswith("ours")]
    lines += ["", f"## Our functions by cumulative time (top {top})", "", *header]
    lines += [_row(key, stat) for key, stat in sorted(ours, key=lambda item: -item[1][3])[:top]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roles", type=int, nargs="?", default=1000, help="number of roles")
    parser.add_argument("--top", type=int, default=30, help="rows per table")
    parser.add_argument("--save", type=Path, help="also save the raw profile (for snakeviz etc.)")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    parser.add_argument("--load", type=Path, help="report on a profile saved with --save")
    args = parser.parse_args(argv)
    if args.load:
        stats = pstats.Stats(str(args.load), stream=io.StringIO())
        print(report(stats, args.top))
        return 0
    with tempfile.TemporaryDirectory(prefix="playbook-profile-") as tmp:
        stats, elapsed, pages = profile_build(args.roles, Path(tmp))
    if args.save:
        stats.dump_stats(str(args.save))
    text = (
        f"# cProfile of `playbook build`, {args.roles} roles\n\n"
        f"{pages} pages in {elapsed:.1f} s under the profiler "
        "(profiling slows Python code down roughly 1.5-2x).\n\n" + report(stats, args.top)
    )
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
