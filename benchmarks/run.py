"""Scale benchmark: does the playbook build in time linear in the number of roles?

For each size (default 10, 100, 1,000 and 3,000 roles) this script generates a
profile, then, each as a separate process measured on its own:

- ``playbook validate`` (five runs);
- ``playbook build`` (wall time, CPU time, peak memory), then the site's page count,
  average and largest page HTML and the size of the search index;
- the floor: the same pages' final Markdown (captured from an extra build by
  ``capture_hook.py``) rendered by ``floor.py`` with Python-Markdown and one Jinja
  template, no MkDocs;
- for 200 and 1,000 roles, ``playbook serve``: the time from saving one edit to the
  profile until the server has rebuilt and reloads browsers.

Timed commands run ``--repeat`` times (validate five times) and the fastest run is
reported: on a shared machine the minimum is the number least disturbed by other
work. The CPU time of that run is shown too. It prints a Markdown table and checks
the targets from the scaling issue.

Usage::

    python benchmarks/run.py [--sizes 10,100,1000,3000] [--skip-serve] [--output results.md]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capture_hook import CAPTURE_ENV
from generate import DEFAULT_SEED, dump_profile, generate_profile
from project import REPO_ROOT, mkdocs_yml_text, write_project

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_SIZES = (10, 100, 200, 1000, 3000)
SERVE_SIZES = (200, 1000)
# Seconds from saving one edit to the profile until the preview shows it.
SERVE_TARGETS = {200: 2.0, 1000: 8.0}

# Decimal units, the stricter reading of the targets ("80 KB", "8 MB", "1 GB").
KB, MB, GB = 1000, 1000**2, 1000**3

TARGET_SCALING = 12.0  # t(1,000 roles) / t(100 roles)
TARGET_FLOOR_FACTOR = 4.0  # build(1,000) / floor(1,000)
TARGET_AVG_PAGE = 80 * KB  # at 3,000 roles
TARGET_SEARCH_INDEX = 8 * MB  # at 3,000 roles
TARGET_VALIDATE = 1.0  # seconds, 1,000 roles
TARGET_PEAK_RSS = 1 * GB  # 3,000-role build

COMMAND_TIMEOUT = 1800.0  # seconds; a hung command is killed, never waited on forever
SERVE_START_TIMEOUT = 900.0
SERVE_REBUILD_TIMEOUT = 900.0
SERVE_STOP_TIMEOUT = 20.0


# --- measuring one process --------------------------------------------------------------------


@dataclass
class Run:
    """One finished command: wall and CPU seconds, peak resident memory, output."""

    command: list[str]
    wall: float
    cpu: float
    peak_rss: int  # bytes
    returncode: int
    stdout: str
    stderr: str

    def check(self) -> Run:
        """Raise with the command's output if it failed."""
        if self.returncode != 0:
            raise RuntimeError(
                f"{' '.join(self.command)} exited {self.returncode}\n{self.stdout}\n{self.stderr}"
            )
        return self


def measure(
    command: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = COMMAND_TIMEOUT,
) -> Run:
    """Run a command to completion and measure it on its own.

    Peak memory comes from ``os.wait4``, which returns the resource usage of exactly
    the child being reaped (its ``ru_maxrss`` is the child's high-water mark, in KiB on
    Linux). ``getrusage(RUSAGE_CHILDREN)`` would not do: it reports the maximum over
    every child ever reaped, so a small run after a large one shows the large one's
    memory. ``wait4`` needs no external tool and no polling, and its wall time is exact
    because we block until the child exits. A timer kills the child's process group if
    it runs longer than ``timeout``.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True
        )
        timer = threading.Timer(timeout, _kill_group, args=(process.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: tell Popen
        out.seek(0)
        err.seek(0)
        return Run(
            command=command,
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            peak_rss=usage.ru_maxrss * 1024,
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def _kill_group(pgid: int, sig: signal.Signals) -> None:
    """Signal the process group of a child we started (its id is the child's pid)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, sig)


def playbook_command() -> list[str]:
    """The ``playbook`` executable of this interpreter's environment."""
    executable = Path(sys.executable).parent / "playbook"
    return [str(executable)] if executable.exists() else [sys.executable, "-m", "playbook"]


# --- one size ---------------------------------------------------------------------------------


@dataclass
class ServeResult:
    """Timings of ``playbook serve`` for one edit of the profile."""

    first_build: float  # as reported by MkDocs ("Documentation built in ...")
    rebuild_reported: float  # MkDocs' own timing of the rebuild
    edit_to_reload: float  # saving the file -> "Reloading browsers" (includes file polling)
    page_updated: bool  # the served page showed the edited text afterwards


@dataclass
class SizeResult:
    """Everything measured for one number of roles."""

    roles: int
    profile_bytes: int
    validate: float  # fastest run
    validate_cpu: float
    validate_runs: list[float]
    build: Run  # fastest run
    build_runs: list[float]
    pages: int
    avg_page: float
    max_page: int
    max_page_url: str
    search_index: int
    floor: Run  # fastest run
    floor_runs: list[float]
    floor_inprocess: float
    floor_pages: int
    source: str = ""  # fingerprint of playbook/ and content/ when the build ran
    serve: ServeResult | None = None
    notes: list[str] = field(default_factory=list)


def fastest(command: list[str], cwd: Path, repeat: int) -> tuple[Run, list[float]]:
    """Run a command ``repeat`` times; the fastest run and every run's wall time."""
    runs = [measure(command, cwd).check() for _ in range(max(1, repeat))]
    return min(runs, key=lambda run: run.wall), [run.wall for run in runs]


def measure_size(
    roles: int,
    root: Path,
    *,
    seed: int,
    repeat: int,
    serve: bool,
    log: Callable[[str], None],
) -> SizeResult:
    """Run every measurement for one profile size in its own project folder."""
    project = write_project(root, roles, seed)
    source = source_fingerprint()
    profile_bytes = (project / "org_config.yml").stat().st_size
    playbook = playbook_command()

    log(f"[{roles} roles] validate x5 (load average {load_average()})")
    validate, validate_runs = fastest([*playbook, "validate", "org_config.yml"], project, 5)

    log(f"[{roles} roles] build x{repeat}")
    build, build_runs = fastest([*playbook, "build", "--config", "org_config.yml"], project, repeat)
    pages, avg_page, max_page, max_page_url = page_sizes(project / "site")
    search_index = (project / "site" / "search" / "search_index.json").stat().st_size

    log(f"[{roles} roles] capture the pages' Markdown (extra build, not timed)")
    capture = project / "capture"
    shutil.rmtree(capture, ignore_errors=True)
    capture_yml = project / "mkdocs-capture.yml"
    capture_yml.write_text(mkdocs_yml_text(hooks=[BENCH_DIR / "capture_hook.py"]), encoding="utf-8")
    env = dict(os.environ, **{CAPTURE_ENV: str(capture)})
    command = [*playbook, "build", "--config", "org_config.yml", "-f", capture_yml.name]
    measure([*command, "--site-dir", "site-capture"], project, env=env).check()
    shutil.rmtree(project / "site-capture", ignore_errors=True)

    log(f"[{roles} roles] floor x{repeat} (Python-Markdown + one Jinja template)")
    floor_out = project / "floor-site"
    shutil.rmtree(floor_out, ignore_errors=True)
    floor, floor_runs = fastest(
        [
            sys.executable,
            str(BENCH_DIR / "floor.py"),
            str(capture),
            str(floor_out),
        ],
        project,
        repeat,
    )
    floor_info = json.loads(floor.stdout.strip().splitlines()[-1])
    shutil.rmtree(floor_out, ignore_errors=True)

    result = SizeResult(
        roles=roles,
        profile_bytes=profile_bytes,
        validate=validate.wall,
        validate_cpu=validate.cpu,
        validate_runs=validate_runs,
        build=build,
        build_runs=build_runs,
        pages=pages,
        avg_page=avg_page,
        max_page=max_page,
        max_page_url=max_page_url,
        search_index=search_index,
        floor=floor,
        floor_runs=floor_runs,
        floor_inprocess=floor_info["seconds"],
        floor_pages=floor_info["pages"],
    )
    result.source = source
    if source_fingerprint() != source:
        result.notes.append(
            "playbook/ or content/ changed while this size was measured; "
            "its build, capture and floor may not be of the same code"
        )
    if floor_info["pages"] != pages:
        result.notes.append(f"floor rendered {floor_info['pages']} pages, the build {pages}")
    if serve:
        log(f"[{roles} roles] serve: one edit to the profile")
        result.serve = measure_serve(project, roles, seed, log)
    return result


def source_fingerprint() -> str:
    """A short hash of every file under playbook/ and content/ (the code being measured).

    Others may be editing the code while a long run is going; the report shows which
    version each size was measured on.
    """
    digest = hashlib.sha256()
    for folder in ("playbook", "content"):
        for path in sorted((REPO_ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(REPO_ROOT).as_posix().encode())
                with contextlib.suppress(OSError):
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def page_sizes(site: Path) -> tuple[int, float, int, str]:
    """Pages (index.html files), their average and largest size in bytes, the largest's URL."""
    sizes = {path: path.stat().st_size for path in site.rglob("index.html")}
    if not sizes:
        return 0, 0.0, 0, ""
    largest = max(sizes, key=lambda path: sizes[path])
    url = largest.parent.relative_to(site).as_posix()
    return (
        len(sizes),
        sum(sizes.values()) / len(sizes),
        sizes[largest],
        "/" if url == "." else f"/{url}/",
    )


# --- playbook serve -----------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _LineReader:
    """Collects a process's stderr lines with the time each arrived, on a thread."""

    def __init__(self, stream: object) -> None:
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.history: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: object) -> None:
        for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
            self.lines.put((time.perf_counter(), line.rstrip("\n")))

    def wait_for(self, pattern: str, deadline: float) -> tuple[float, str, list[str]]:
        """The first line matching ``pattern`` before ``deadline``, and the lines before it."""
        seen: list[str] = []
        regex = re.compile(pattern)
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(
                    f"no line matching {pattern!r}; last lines:\n" + "\n".join(self.history[-20:])
                )
            try:
                arrived, line = self.lines.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                continue
            self.history.append(line)
            seen.append(line)
            if regex.search(line):
                return arrived, line, seen


_BUILT = r"Documentation built in ([0-9.]+) seconds"


def measure_serve(
    project: Path, roles: int, seed: int, log: Callable[[str], None], engine: str = "mkdocs"
) -> ServeResult:
    """Start ``playbook serve``, save one edit to the profile, time the rebuild, stop it."""
    port = free_port()
    profile_path = project / "org_config.yml"
    original = profile_path.read_text(encoding="utf-8")
    process = subprocess.Popen(
        [
            *playbook_command(),
            "serve",
            "--verbose",  # the build times are INFO messages
            "--config",
            "org_config.yml",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--engine",
            engine,
        ],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so it and any child can be stopped
    )
    try:
        reader = _LineReader(process.stderr)
        deadline = time.perf_counter() + SERVE_START_TIMEOUT
        _, line, _ = reader.wait_for(_BUILT, deadline)
        first_build = float(re.search(_BUILT, line).group(1))  # type: ignore[union-attr]
        reader.wait_for(r"Serving on ", deadline)
        time.sleep(1.5)  # let the file watcher (it polls every 0.5 s) take its first snapshot

        profile = generate_profile(roles, seed)
        value = profile["values"][0]
        marker = f"Rebuild marker {os.getpid()}-{time.time_ns()}"
        value["summary"] = f"{value['summary']} {marker}."
        edited = dump_profile(profile)
        edit_time = time.perf_counter()
        profile_path.write_text(edited, encoding="utf-8")

        deadline = time.perf_counter() + SERVE_REBUILD_TIMEOUT
        reload_time, _, lines = reader.wait_for(r"Reloading browsers", deadline)
        built = [re.search(_BUILT, text) for text in lines]
        reported = [float(match.group(1)) for match in built if match]
        page_updated = _page_shows(f"http://127.0.0.1:{port}/values/{value['id']}/", marker)
        log(f"[{roles} roles] serve rebuild: {reload_time - edit_time:.2f} s after the edit")
        return ServeResult(
            first_build=first_build,
            rebuild_reported=reported[-1] if reported else float("nan"),
            edit_to_reload=reload_time - edit_time,
            page_updated=page_updated,
        )
    finally:
        _stop(process)
        profile_path.write_text(original, encoding="utf-8")


def _page_shows(url: str, text: str, timeout: float = 10.0) -> bool:
    """Whether the page at a 127.0.0.1 URL contains ``text`` within ``timeout`` seconds."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
            if text in response.read().decode("utf-8", "replace"):
                return True
        time.sleep(0.2)
    return False


def _stop(process: subprocess.Popen[str]) -> None:
    """Stop the server we started: Ctrl-C first, then SIGKILL; leave nothing behind."""
    pgid = process.pid  # start_new_session made it the leader of its own group
    _kill_group(pgid, signal.SIGINT)
    try:
        process.wait(timeout=SERVE_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill_group(pgid, signal.SIGKILL)
        process.wait(timeout=SERVE_STOP_TIMEOUT)
    # Anything left in the group (there should be nothing) is killed too.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, 0)
        _kill_group(pgid, signal.SIGKILL)
    if process.stderr:
        process.stderr.close()


# --- reporting ----------------------------------------------------------------------------------


@dataclass
class Check:
    name: str
    passed: bool | None  # None: the sizes needed were not run
    detail: str
    cpu_passed: bool | None = None  # the same target on CPU time, for timing targets

    def line(self) -> str:
        status = {True: "PASS", False: "FAIL", None: "n/a "}[self.passed]
        text = f"- **{status}** {self.name}: {self.detail}"
        if self.cpu_passed is not None:
            text += f"; on CPU time: {'PASS' if self.cpu_passed else 'FAIL'}"
        return text


def _times(walls: list[float]) -> str:
    return ", ".join(f"{wall:.2f}" for wall in walls)


def check_targets(results: dict[int, SizeResult]) -> list[Check]:
    """The targets of the scaling issue, evaluated on this run's numbers."""
    checks = []
    r100, r1000, r3000 = results.get(100), results.get(1000), results.get(3000)
    missing = "not measured in this run"
    if r100 and r1000:
        ratio = r1000.build.wall / r100.build.wall
        cpu_ratio = r1000.build.cpu / r100.build.cpu
        checks.append(
            Check(
                f"build time t(1,000)/t(100) <= {TARGET_SCALING:g}",
                ratio <= TARGET_SCALING,
                f"{r1000.build.wall:.1f} s / {r100.build.wall:.1f} s = {ratio:.1f} "
                f"(CPU time: {r1000.build.cpu:.1f} s / {r100.build.cpu:.1f} s = {cpu_ratio:.1f})",
                cpu_ratio <= TARGET_SCALING,
            )
        )
    else:
        checks.append(Check(f"build time t(1,000)/t(100) <= {TARGET_SCALING:g}", None, missing))
    if r1000:
        factor = r1000.build.wall / r1000.floor.wall
        checks.append(
            Check(
                f"build(1,000) <= {TARGET_FLOOR_FACTOR:g} x floor(1,000)",
                factor <= TARGET_FLOOR_FACTOR,
                f"{r1000.build.wall:.1f} s vs floor {r1000.floor.wall:.1f} s = {factor:.2f}x "
                f"(CPU time: {r1000.build.cpu:.1f} s vs {r1000.floor.cpu:.1f} s = "
                f"{r1000.build.cpu / r1000.floor.cpu:.2f}x)",
                r1000.build.cpu <= TARGET_FLOOR_FACTOR * r1000.floor.cpu,
            )
        )
        checks.append(
            Check(
                f"validate(1,000) < {TARGET_VALIDATE:g} s",
                r1000.validate < TARGET_VALIDATE,
                f"{r1000.validate:.2f} s (fastest of {_times(r1000.validate_runs)}; "
                f"median {statistics.median(r1000.validate_runs):.2f} s; "
                f"CPU time of the fastest {r1000.validate_cpu:.2f} s)",
                r1000.validate_cpu < TARGET_VALIDATE,
            )
        )
    else:
        checks.append(
            Check(f"build(1,000) <= {TARGET_FLOOR_FACTOR:g} x floor(1,000)", None, missing)
        )
        checks.append(Check(f"validate(1,000) < {TARGET_VALIDATE:g} s", None, missing))
    if r3000:
        checks += [
            Check(
                "average page HTML < 80 KB at 3,000 roles",
                r3000.avg_page < TARGET_AVG_PAGE,
                f"{r3000.avg_page / KB:.1f} KB",
            ),
            Check(
                "search index < 8 MB at 3,000 roles",
                r3000.search_index < TARGET_SEARCH_INDEX,
                f"{r3000.search_index / MB:.2f} MB",
            ),
            Check(
                "peak memory of a 3,000-role build < 1 GB",
                r3000.build.peak_rss < TARGET_PEAK_RSS,
                f"{r3000.build.peak_rss / MB:.0f} MB",
            ),
        ]
    else:
        checks += [
            Check("average page HTML < 80 KB at 3,000 roles", None, missing),
            Check("search index < 8 MB at 3,000 roles", None, missing),
            Check("peak memory of a 3,000-role build < 1 GB", None, missing),
        ]
    for roles, target in SERVE_TARGETS.items():
        served = results.get(roles)
        name = f"preview shows a profile edit within {target:g} s at {roles:,} roles"
        if served is None or served.serve is None:
            checks.append(Check(name, None, missing))
            continue
        shown = served.serve.page_updated
        checks.append(
            Check(
                name,
                served.serve.edit_to_reload <= target and shown,
                f"{served.serve.edit_to_reload:.2f} s"
                + ("" if shown else " (the page did not show the edit)"),
            )
        )
    return checks


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _header(*titles: str) -> list[str]:
    return [_row(*titles), _row(*["---:"] * len(titles))]


def results_table(results: dict[int, SizeResult]) -> list[str]:
    """The main table, one row per size."""
    lines = _header(
        "roles",
        "pages",
        "validate (s)",
        "build (s)",
        "build CPU (s)",
        "build peak RSS (MB)",
        "floor (s)",
        "build / floor",
        "avg page (KB)",
        "largest page (KB)",
        "search index (MB)",
        "serve rebuild (s)",
    )
    for roles in sorted(results):
        r = results[roles]
        lines.append(
            _row(
                f"{roles:,}",
                f"{r.pages:,}",
                f"{r.validate:.2f}",
                f"{r.build.wall:.1f}",
                f"{r.build.cpu:.1f}",
                f"{r.build.peak_rss / MB:.0f}",
                f"{r.floor.wall:.1f}",
                f"{r.build.wall / r.floor.wall:.2f}",
                f"{r.avg_page / KB:.1f}",
                f"{r.max_page / KB:.0f} ({r.max_page_url})",
                f"{r.search_index / MB:.2f}",
                f"{r.serve.edit_to_reload:.1f}" if r.serve else "-",
            )
        )
    return lines


def details(results: dict[int, SizeResult]) -> list[str]:
    """Secondary numbers: per-page cost, floor in-process, serve breakdown."""
    lines = _header(
        "roles",
        "profile (KB)",
        "build ms/page",
        "floor ms/page",
        "floor in-process (s)",
        "floor CPU (s)",
        "floor peak RSS (MB)",
        "build runs (s)",
        "floor runs (s)",
        "code version",
    )
    for roles in sorted(results):
        r = results[roles]
        lines.append(
            _row(
                f"{roles:,}",
                f"{r.profile_bytes / KB:.0f}",
                f"{1000 * r.build.wall / r.pages:.1f}",
                f"{1000 * r.floor.wall / r.pages:.1f}",
                f"{r.floor_inprocess:.1f}",
                f"{r.floor.cpu:.1f}",
                f"{r.floor.peak_rss / MB:.0f}",
                _times(r.build_runs),
                _times(r.floor_runs),
                r.source,
            )
        )
    served = [r for _, r in sorted(results.items()) if r.serve]
    if served:
        lines += [
            "",
            *_header(
                "roles",
                "serve: first build (s, MkDocs)",
                "rebuild (s, MkDocs)",
                "edit -> browsers reload (s)",
                "page updated",
            ),
        ]
        for r in served:
            s = r.serve
            assert s is not None
            lines.append(
                _row(
                    f"{r.roles:,}",
                    f"{s.first_build:.1f}",
                    f"{s.rebuild_reported:.1f}",
                    f"{s.edit_to_reload:.1f}",
                    "yes" if s.page_updated else "NO",
                )
            )
    notes = [f"- {r.roles:,} roles: {note}" for _, r in sorted(results.items()) for note in r.notes]
    return lines + (["", "Notes:", *notes] if notes else [])


def environment() -> list[str]:
    """Where and on what the numbers were taken."""
    import jinja2
    import markdown
    import mkdocs
    from material import __version__ as material_version

    commit = _git("rev-parse", "--short", "HEAD")
    dirty = (
        " (with uncommitted changes)"
        if _git("status", "--porcelain", "--", "playbook", "content")
        else ""
    )
    return [
        f"- date: {dt.datetime.now().isoformat(timespec='seconds')}",
        f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, {_memory_gb():.0f} GB RAM, "
        f"Linux {platform.release()}",
        f"- Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
        f"Material {material_version}, Python-Markdown {markdown.__version__}, "
        f"Jinja2 {jinja2.__version__}",
        f"- playbook at {commit or 'unknown commit'}{dirty}",
    ]


def _git(*args: str) -> str:
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        return subprocess.run(
            ["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=True, timeout=30
        ).stdout.strip()
    return ""


def _memory_gb() -> float:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024 / 1024**3
    return 0.0


def load_average() -> str:
    with contextlib.suppress(OSError):
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    return "unknown"


def report(
    results: dict[int, SizeResult], load_before: str, load_after: str, elapsed: float
) -> str:
    checks = check_targets(results)
    lines = [
        "# Playbook scale benchmark",
        "",
        *environment(),
        f"- load average (1, 5, 15 min) before: {load_before}; after: {load_after}; "
        f"whole run {elapsed / 60:.1f} min",
        "",
        *results_table(results),
        "",
        *details(results),
        "",
        "## Targets",
        "",
        *(check.line() for check in checks),
        "",
        f"{sum(c.passed is True for c in checks)} passed, "
        f"{sum(c.passed is False for c in checks)} failed, "
        f"{sum(c.passed is None for c in checks)} not measured.",
        *busy_warning(results),
    ]
    return "\n".join(lines) + "\n"


def busy_warning(results: dict[int, SizeResult]) -> list[str]:
    """A warning when other work on the machine inflated wall times.

    The build and the floor are single-threaded, so on an idle machine their wall time
    is their CPU time plus a little I/O; much more means they waited for a CPU.
    """
    runs = [run for r in results.values() for run in (r.build, r.floor) if run.cpu > 0]
    worst = max((run.wall / run.cpu for run in runs), default=1.0)
    if worst < 1.3:
        return []
    return [
        "",
        f"**The machine was busy**: some timed runs took {worst:.1f}x their CPU time in wall "
        "time, waiting for a CPU. Wall-time ratios are unreliable in this run; the CPU-time "
        "verdicts are the better guide (or rerun with `--repeat` when the machine is quiet).",
    ]


@contextlib.contextmanager
def workspace(path: Path | None, keep: bool) -> Iterator[Path]:
    """The folder the projects are generated in; a temporary one is removed afterwards."""
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    folder = Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    try:
        yield folder
    finally:
        if keep:
            print(f"kept the projects in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in DEFAULT_SIZES),
        help="comma-separated numbers of roles (default: %(default)s)",
    )
    parser.add_argument("--skip-serve", action="store_true", help="do not measure playbook serve")
    parser.add_argument("--output", type=Path, help="also write the report (Markdown) here")
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    parser.add_argument("--workdir", type=Path, help="generate the projects here (kept)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="profile generator seed")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs of each build and floor; the fastest counts (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    sizes = sorted({int(part) for part in args.sizes.split(",") if part.strip()})

    def log(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)

    load_before = load_average()
    start = time.perf_counter()
    results: dict[int, SizeResult] = {}
    with workspace(args.workdir, args.keep) as folder:
        for roles in sizes:
            serve = not args.skip_serve and roles in SERVE_SIZES
            results[roles] = measure_size(
                roles,
                folder / f"roles-{roles}",
                seed=args.seed,
                repeat=args.repeat,
                serve=serve,
                log=log,
            )
    text = report(results, load_before, load_average(), time.perf_counter() - start)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(
            json.dumps({str(k): asdict(v) for k, v in results.items()}, indent=1, default=str),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
