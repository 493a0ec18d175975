"""`playbook serve` through the real command and real HTTP on loopback.

A preview never hangs: a saved mistake turns every page into the list of located
problems, and the preview recovers by itself once the file is fixed.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sitekit import REPO_ROOT, write_project
from test_build_safety import PROFILE

START_TIMEOUT = 90  # seconds: a first build on a busy machine


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    """A profile-only folder served by `playbook serve` on a free loopback port."""
    profile = tmp_path / "org_config.yml"
    profile.write_text(textwrap.dedent(PROFILE), encoding="utf-8")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "playbook", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(lambda: "Make walking a joy." in _get(base), process)
        yield profile, base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=30)


def test_a_saved_mistake_shows_in_the_browser_the_preview_recovers_and_stays_quiet(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    profile, base, process = served
    good = profile.read_text(encoding="utf-8")
    profile.write_text(good.replace("kpis: [nps]", "kpis: [nsp]"), encoding="utf-8")

    def shows_the_problem() -> bool:
        started = time.monotonic()
        page = _get(base + "roles/agent/")
        assert time.monotonic() - started < 10, "a request waited on a failing rebuild"
        return "could not be rebuilt" in page

    _wait_for(shows_the_problem, process)
    page = _get(base + "roles/agent/")
    assert "roles[0].kpis[0]: unknown KPI &#x27;nsp&#x27; (did you mean &#x27;nps&#x27;?)" in page
    assert "livereload" in page  # reloads by itself once fixed

    profile.write_text(good.replace("Make walking a joy.", "Make every step count."))
    _wait_for(lambda: "Make every step count." in _get(base), process)
    assert "Support agent" in _get(base + "roles/agent/")

    # Quiet by default, the failed rebuild included: no plugin chatter, no traceback.
    process.send_signal(signal.SIGTERM)
    _stdout, stderr = process.communicate(timeout=30)
    assert "[macros]" not in stderr
    assert "Serving on http://127.0.0.1:" in stderr
    assert "Traceback" not in stderr


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait_for(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"playbook serve ended: {process.communicate()}")
        if condition():
            return
        time.sleep(0.2)
    pytest.fail("the preview did not show the expected page in time")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1:99999", "the port must be a number from 1 to 65535, e.g. 8000"),
        ("127.0.0.1:0", "the port must be a number from 1 to 65535, e.g. 8000"),
        ("127.0.0.1:http", "the port must be a number from 1 to 65535, e.g. 8000"),
        ("127.0.0.1", "write the address as HOST:PORT, e.g. 127.0.0.1:8000"),
        (":8000", "write the address as HOST:PORT, e.g. 127.0.0.1:8000"),
        (
            "intranet.invalid:8000",
            "the host must be an IP address: 127.0.0.1 (this computer only), 0.0.0.0 "
            "(every network of this computer) or localhost",
        ),
        (
            "192.0.2.1:8000",
            "192.0.2.1 is not an address of this computer; use 127.0.0.1 or 0.0.0.0",
        ),
    ],
)
def test_an_address_that_cannot_be_served_is_one_sentence_and_exit_2(
    tmp_path: Path, address: str, problem: str
) -> None:
    (tmp_path / "org_config.yml").write_text(textwrap.dedent(PROFILE), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "serve", "-a", address],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"cannot serve on {address!r}: {problem}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["org_config.yml"]


def test_a_port_in_use_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "org_config.yml").write_text(textwrap.dedent(PROFILE), encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "playbook", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr == (
        f"cannot serve on '127.0.0.1:{port}': port {port} is already in use (another "
        f"preview?); stop that program or choose another port, e.g. -a 127.0.0.1:{port + 1}\n"
    )


@contextlib.contextmanager
def _serving(folder: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`playbook serve` in a folder on a free loopback port, stopped afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "playbook", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}/", process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=30)


def test_a_profile_broken_before_serving_shows_in_the_browser_until_fixed(
    tmp_path: Path,
) -> None:
    good = textwrap.dedent(PROFILE)
    profile = tmp_path / "org_config.yml"
    profile.write_text(good.replace("kpis: [nps]", "kpis: [nsp]"), encoding="utf-8")
    line = good.splitlines().index("    kpis: [nps]") + 1
    located = f"org_config.yml:{line}:12: roles[0].kpis[0]: unknown KPI &#x27;nsp&#x27;"
    with _serving(tmp_path) as (base, process):
        _wait_for(lambda: "could not be rebuilt" in _get(base), process)
        page = _get(base)
        assert located in page
        assert "livereload" in page  # reloads by itself once fixed
        assert located in _get(base + "roles/agent/")  # a bookmarked page says it too
        profile.write_text(good, encoding="utf-8")
        _wait_for(lambda: "Make walking a joy." in _get(base), process)
        assert "Support agent" in _get(base + "roles/agent/")


def test_a_template_mistake_shows_in_the_browser_with_its_file_and_line(tmp_path: Path) -> None:
    role = (REPO_ROOT / "content" / "_templates" / "role.md").read_text("utf-8").split("\n")
    role[7] += " {% if %}"
    write_project(tmp_path, PROFILE, {"docs/_templates/role.md": "\n".join(role)})
    with _serving(tmp_path) as (base, process):
        _wait_for(lambda: "could not be rebuilt" in _get(base), process)
        assert (
            "docs/_templates/role.md:8: template syntax: Expected an expression, got &#x27;end "
            "of statement block&#x27;"
        ) in _get(base)
        (tmp_path / "docs" / "_templates" / "role.md").unlink()
        _wait_for(lambda: "Make walking a joy." in _get(base), process)
