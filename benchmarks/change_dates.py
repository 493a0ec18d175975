"""What dating pages from git history costs, and what ``playbook diff`` costs.

For the sample profile and for generated profiles, a git repository is made in a
temporary folder with N commits of the profile (each commit edits one value's
everyday behaviour, one role's customer position or one KPI's definition, in turn).
Then it times, best of ``--repeat`` runs:

- reading the versions (``git log`` + one ``git cat-file --batch``) and validating them;
- comparing each pair of consecutive versions and dating every page;
- ``playbook diff`` between the first and the last version (the whole command).

Usage::

    python benchmarks/change_dates.py                    # sample at 1 and 50 commits, 1,000 roles
    python benchmarks/change_dates.py --commits 1,10,50 --roles 0,100
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import dump_profile, generate_profile  # noqa: E402

from playbook.hr.history import git_versions, history_changes  # noqa: E402
from playbook.plan.pages import plan_pages  # noqa: E402
from playbook.profile.checks import default_onboarding  # noqa: E402
from playbook.profile.load import load_profile  # noqa: E402


def git(cwd: Path, *args: str, when: dt.datetime | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="HR", GIT_AUTHOR_EMAIL="hr@example.com")
    env.update(GIT_COMMITTER_NAME="HR", GIT_COMMITTER_EMAIL="hr@example.com")
    if when is not None:
        env.update(GIT_AUTHOR_DATE=when.isoformat(), GIT_COMMITTER_DATE=when.isoformat())
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def edited(data: dict, step: int) -> dict:
    """The profile with one small edit, different at every step."""
    kind = step % 3
    if kind == 0:
        value = data["values"][step % len(data["values"])]
        value["behaviours"]["everyone"][0] = f"Edit {step}: " + value["behaviours"]["everyone"][0]
    elif kind == 1:
        role = data["roles"][step % len(data["roles"])]
        role["customer_position"] = f"Edit {step}: " + role["customer_position"]
    elif data.get("kpis"):
        kpi = data["kpis"][step % len(data["kpis"])]
        kpi["definition"] = f"Edit {step}: " + kpi["definition"]
    return data


def make_repository(folder: Path, data: dict, commits: int) -> Path:
    profile = folder / "org_config.yml"
    git(folder, "init", "-q")
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for step in range(commits):
        if step:
            data = edited(data, step)
        profile.write_text(dump_profile(data), encoding="utf-8")
        git(folder, "add", "org_config.yml")
        git(folder, "commit", "-qm", f"edit {step}", when=start + dt.timedelta(days=step))
    return profile


def best(repeat: int, action) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return min(times), result


def measure(name: str, data: dict, commits: int, repeat: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        profile = make_repository(Path(folder), data, commits)
        plan = plan_pages(load_profile(profile), default_onboarding().phases)
        sources = [page.src_path for page in plan.pages]
        now = dt.datetime.now(dt.UTC)
        read_time, versions = best(repeat, lambda: git_versions(profile, now))
        date_time, _ = best(repeat, lambda: history_changes(versions, sources))
        diff_command = [sys.executable, "-m", "playbook", "diff", "git:HEAD~1", "org_config.yml"]
        if commits > 1:
            git(Path(folder), "checkout", "-q", "HEAD~1", "--", "org_config.yml")
            diff_time, _ = best(
                repeat,
                lambda: subprocess.run(diff_command, cwd=folder, capture_output=True, check=True),
            )
            diff_cell = f"{diff_time:.2f} s"
        else:
            diff_cell = "-"
        return (
            f"| {name} | {len(plan.profile.roles)} | {commits} | {len(versions)} | "
            f"{len(sources)} | {read_time:.2f} s | {date_time:.2f} s | "
            f"{read_time + date_time:.2f} s | {diff_cell} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", default="1,50", help="commit counts, e.g. 1,10,50")
    parser.add_argument("--roles", default="0,1000", help="role counts; 0 is the sample")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args(argv)
    print(
        "| profile | roles | commits | versions read | pages | read + validate | "
        "compare + date | history total | `playbook diff` (whole command) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for roles in (int(part) for part in options.roles.split(",")):
        if roles == 0:
            name = "sample"
            data = yaml.safe_load((ROOT / "org_config.yml").read_text(encoding="utf-8"))
        else:
            name = f"generated {roles}"
            data = generate_profile(roles)
        for commits in (int(part) for part in options.commits.split(",")):
            print(measure(name, data, commits, options.repeat), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
