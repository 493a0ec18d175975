"""The preview (``playbook serve``) keeps up with edits to the profile and stays correct.

After an edit to the profile alone, the preview renders again only the pages whose content
changed. These tests run the real command in a child process, edit the profile on disk
like HR would, and read the served site over HTTP on the loopback interface only.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import REPO_ROOT, _clean_env, write_project

from playbook.plan.pages import plan_pages
from playbook.profile.checks import default_onboarding
from playbook.profile.load import load_profile

SAMPLE_PROFILE = REPO_ROOT / "org_config.yml"
SERVE_COMMAND = [
    sys.executable,
    "-m",
    "playbook",
    "serve",
    "--verbose",
    "--config",
    "org_config.yml",
]
START_TIMEOUT = 120.0
REBUILD_TIMEOUT = 120.0
# Between one rebuild's end and the next save: the next save gets a modification time of
# its own (file system clocks tick every few milliseconds), which the watcher compares.
SAVE_GAP = 0.1
# Requests go straight to 127.0.0.1, never through a proxy from the environment.
LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))
# The live-reload script the server adds to every HTML page it serves (it holds a time).
LIVERELOAD = re.compile(rb"<script>(?:(?!</script>).)*?livereload\(\d+, \d+\);\s*</script>", re.S)
# Change notes depend on the build history by design: a preview after edits says what
# changed, a fresh one does not, and each is stamped with its build's time.
CHANGE_NOTES = re.compile(
    rb'<div class="playbook-updated".*?</div>'
    rb'|<script type="application/json" id="playbook-page-changes".*?</script>'
    rb'|<div class="playbook-changed-pages">.*?</div>',
    re.S,
)
QUICK_UPDATE = re.compile(r"Profile changed: (\d+) of (\d+) pages rendered again")


class Preview:
    """A running ``playbook serve`` of one project, its log lines collected as they come."""

    def __init__(self, project_root: Path, *options: str) -> None:
        self.port = _free_port()
        self.lines: list[str] = []
        self._new_line = threading.Condition()
        self.process = subprocess.Popen(
            [*SERVE_COMMAND, *options, "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project_root,
            env=_clean_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        # No pause after this line: the file watcher takes its first look at the files
        # before the server says where it serves (watchdog's observer start does it).
        self.wait_for("Serving on", START_TIMEOUT)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._new_line:
                self.lines.append(line.rstrip("\n"))
                self._new_line.notify_all()

    def wait_for(self, text: str, timeout: float, after: int = 0) -> str:
        """The first log line from index ``after`` on that contains ``text``."""
        deadline = time.monotonic() + timeout
        with self._new_line:
            while True:
                for line in self.lines[after:]:
                    if text in line:
                        return line
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.process.poll() is not None:
                    log = "\n".join(self.lines[-30:])
                    raise AssertionError(f"no log line with {text!r}; last lines:\n{log}")
                self._new_line.wait(remaining)

    def save_and_wait(self, profile: Path, data: dict[str, Any]) -> list[str]:
        """Save an edited profile; the log lines of the rebuild it caused."""
        first = len(self.lines)
        _write_profile(profile, data)
        self.wait_for("Reloading browsers", REBUILD_TIMEOUT, after=first)
        time.sleep(SAVE_GAP)
        return self.lines[first:]

    def get(self, path: str) -> bytes:
        """A served file, without the live-reload script and the change notes, and with
        the server's own address (canonical links) written as ``http://preview/``."""
        with LOOPBACK.open(f"{self.url}{path}", timeout=30) as response:
            body = CHANGE_NOTES.sub(b"<change notes>", LIVERELOAD.sub(b"", response.read()))
        return body.replace(self.url.encode(), b"http://preview/")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()


@contextlib.contextmanager
def preview(project_root: Path, *options: str) -> Iterator[Preview]:
    server = Preview(project_root, *options)
    try:
        yield server
    finally:
        server.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _write_profile(path: Path, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")


def _sample(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    project = write_project(tmp_path, SAMPLE_PROFILE.read_text(encoding="utf-8"))
    return project.profile, yaml.safe_load(project.profile.read_text(encoding="utf-8"))


def _site_paths(profile: Path) -> list[str]:
    """Every file a reader's browser asks for that depends on the profile."""
    plan = plan_pages(load_profile(profile), default_onboarding().phases)
    pages = [page.url for page in plan.pages]
    return [*pages, "404.html", "search/search_index.json", "sitemap.xml"]


def _quick_updates(lines: list[str]) -> list[tuple[int, int]]:
    return [
        (int(match.group(1)), int(match.group(2)))
        for line in lines
        if (match := QUICK_UPDATE.search(line))
    ]


ESCAPED_SUMMARY = "We say what we will do &amp; then do it &lt;every time&gt;."


def _assert_summary_edit_served(server: Preview, value_id: str, lines: list[str]) -> None:
    """One quick update rendered the edited value's pages, shown escaped everywhere."""
    updates = _quick_updates(lines)
    assert updates, lines
    rendered, total = updates[0]
    assert 0 < rendered < total / 2
    # A busy machine's watcher may look twice at one save: the second look renders nothing.
    assert [again for again, _ in updates[1:] if again] == [], lines
    assert "Building documentation" not in "\n".join(lines)
    expected = ESCAPED_SUMMARY.encode()
    assert expected in server.get(f"values/{value_id}/")
    assert expected in server.get("")
    assert ESCAPED_SUMMARY in server.get("search/search_index.json").decode("utf-8")


def test_an_edit_to_the_profile_is_served_by_properdocs_rendering_only_changed_pages(
    tmp_path: Path,
) -> None:
    # The default engine does the same as the first edit of the sequence below.
    profile, data = _sample(tmp_path)
    value = data["values"][0]
    with preview(tmp_path, "--engine", "properdocs") as server:
        assert value["summary"].split()[0].encode() in server.get(f"values/{value['id']}/")
        value["summary"] = "We say what we will do & then do it <every time>."
        _assert_summary_edit_served(server, value["id"], server.save_and_wait(profile, data))


def _edits(data: dict[str, Any]) -> Iterator[tuple[str, Callable[[], None]]]:
    """A morning of HR's edits, each applied to ``data`` in turn."""
    roles, values = data["roles"], data["values"]

    def summary() -> None:
        values[1]["summary"] = "We say what we will do & then do it <every time>."

    def position() -> None:
        roles[1]["customer_position"] = "Runs the shops & keeps <promises> to riders."

    def role_title() -> None:
        roles[2]["title"] = f"{roles[2]['title']} (acting)"

    def fewer_kpis() -> None:
        role = next(role for role in roles if len(role.get("kpis", [])) > 1)
        role["kpis"] = role["kpis"][1:]

    def new_role() -> None:
        copy = dict(roles[-1], id="night-porter", title="Night porter")
        roles.append(copy)

    def new_role_position() -> None:
        roles[-1]["customer_position"] = "Keeps the shop safe for the morning's first riders."

    def mission() -> None:
        data["organisation"]["mission"] = "Get more people riding, and riding happily."

    def mistake() -> None:
        roles[0]["kpis"] = [*roles[0].get("kpis", []), "no-such-kpi"]

    def mistake_fixed() -> None:
        roles[0]["kpis"] = roles[0]["kpis"][:-1]

    def after_the_fix() -> None:
        values[0]["summary"] = "Say what you will do, then do it."

    yield "a value's summary", summary
    yield "a role's customer position", position
    yield "a role's title", role_title
    yield "a role's KPIs", fewer_kpis
    yield "a new role (a new page)", new_role
    yield "the new role's position", new_role_position
    yield "the mission", mission
    yield "a mistake (the preview shows it)", mistake
    yield "the mistake fixed", mistake_fixed
    yield "a value's summary after the fix", after_the_fix


def test_the_preview_after_a_sequence_of_edits_equals_a_clean_preview(tmp_path: Path) -> None:
    edited_root, fresh_root = tmp_path / "edited", tmp_path / "fresh"
    profile, data = _sample(edited_root)
    rebuilds: list[tuple[str, list[str]]] = []
    with preview(edited_root) as server:
        for name, edit in _edits(data):
            edit()
            rebuilds.append((name, server.save_and_wait(profile, data)))
            if len(rebuilds) == 1:
                _assert_summary_edit_served(server, data["values"][1]["id"], rebuilds[0][1])
        fresh_profile, _ = _sample(fresh_root)
        _write_profile(fresh_profile, data)
        with preview(fresh_root) as clean:
            paths = _site_paths(fresh_profile)
            different = [path for path in paths if server.get(path) != clean.get(path)]
    assert different == [], f"{len(different)} of {len(paths)} files differ: {different[:5]}"
    # Every edit was a quick update but the new page (it changes the navigation), the
    # mistake, and the fix (after a failed build the preview builds the whole site). A busy
    # machine may let the watcher see one save twice; the second look finds nothing new to
    # render, so only the first rebuild of each save counts.
    full = {"a new role (a new page)", "a mistake (the preview shows it)", "the mistake fixed"}
    quick = {name for name, lines in rebuilds if _first_rebuild_was_quick(lines)}
    assert quick == {name for name, _ in rebuilds} - full, rebuilds


def _first_rebuild_was_quick(lines: list[str]) -> bool:
    """Whether the first rebuild after a save rendered some pages again and no more."""
    seen = next(i for i, line in enumerate(lines) if "Detected file changes" in line)
    match = QUICK_UPDATE.search(lines[seen + 1]) if seen + 1 < len(lines) else None
    return match is not None and int(match.group(1)) > 0


def test_an_edit_to_anything_but_the_profile_rebuilds_the_whole_site(tmp_path: Path) -> None:
    profile, data = _sample(tmp_path)
    config = tmp_path / "mkdocs.yml"
    edits = {
        "docs folder": lambda: (tmp_path / "docs" / "notes.md").write_text(
            "# Notes\n\nOur own page.\n", encoding="utf-8"
        ),
        "mkdocs.yml": lambda: config.write_text(
            config.read_text(encoding="utf-8") + "\n", encoding="utf-8"
        ),
    }
    with preview(tmp_path) as server:
        for number, (name, edit) in enumerate(edits.items()):
            first = len(server.lines)
            edit()
            server.wait_for("Reloading browsers", REBUILD_TIMEOUT, after=first)
            lines = server.lines[first:]
            assert _quick_updates(lines) == [], name
            assert any("Documentation built in" in line for line in lines), name
            # The profile still reaches the preview afterwards (saved apart, so that a busy
            # machine cannot split one save into a quick update and a full build).
            summary = f"Say it straight, kindly ({number})."
            data["values"][0]["summary"] = summary
            saved = len(server.lines)
            _write_profile(profile, data)
            value_page = f"values/{data['values'][0]['id']}/"
            deadline = time.monotonic() + REBUILD_TIMEOUT
            while summary.encode() not in server.get(value_page):
                assert time.monotonic() < deadline, f"after {name}, the edit never reached it"
                time.sleep(0.2)
            # Its rebuild is over before the next edit, which must start one of its own.
            server.wait_for("Reloading browsers", REBUILD_TIMEOUT, after=saved)
            time.sleep(SAVE_GAP)
        assert b"Our own page." in server.get("notes/")


@pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None,
    reason="zensical is not installed (pip install -e '.[zensical]')",
)
def test_the_zensical_preview_shows_an_edit_to_the_profile(tmp_path: Path) -> None:
    profile, data = _sample(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [*SERVE_COMMAND, "--engine", "zensical", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=_clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _served_text(port, "", data["organisation"]["name"], START_TIMEOUT)
        data["organisation"]["mission"] = "Get more people riding & smiling."
        _write_profile(profile, data)
        assert _served_text(port, "", "Get more people riding &amp; smiling.", REBUILD_TIMEOUT)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _served_text(port: int, path: str, text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        url = f"http://127.0.0.1:{port}/{path}"
        with contextlib.suppress(OSError), LOOPBACK.open(url, timeout=10) as response:
            if text.encode() in response.read():
                return True
        time.sleep(0.3)
    return False
