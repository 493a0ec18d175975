"""Lighthouse scores of the sample playbook, served as a well-set-up web server serves it.

The sample (``org_config.yml`` and ``mkdocs.yml`` at the repository root) is built with
``playbook build --compress`` into a temporary folder and served on 127.0.0.1 by a small
server that sends the ready-compressed copy (``.br``, else ``.gz``) with
``Content-Encoding`` when the browser accepts it, as nginx ``gzip_static`` or Caddy
``precompressed`` do, with cache headers (pages revalidated on every visit, everything else
kept for a day). Lighthouse (``npm ci`` installs it, see package.json) then runs with the
system's Chromium on five pages, once with its desktop preset and once as a phone (its
default: a mid-range phone on a slow 4G line, simulated), and the four category scores
are printed as a Markdown table, with every audit that did not pass.

Usage::

    python benchmarks/lighthouse.py [--pages "" journey/ ...] [--runs 3] [--output FILE]

Needs Node.js (``npm ci`` at the repository root) and Chromium (``CHROME_PATH``, default
``/usr/bin/chromium``). Not run by the test suite: scores move a little between runs on a
busy machine, so the median of ``--runs`` runs is reported.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "roles/customer-care-adviser/", "journey/", "kpis/", "culture-health/"]
"""Home, a role page, the customer journey, the KPIs and culture health."""
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
ENCODINGS = {"br": ".br", "gzip": ".gz"}
"""Content encodings the server sends, best first, by the suffix of their copies."""


class PrecompressedHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``file.br`` or ``file.gz`` in place of ``file`` when the browser accepts it."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in ENCODINGS.items():
            packed = path.with_name(path.name + suffix)
            if encoding in accepted and path.is_file() and packed.is_file():
                data = packed.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return _Body(data)
        return super().send_head()

    def end_headers(self) -> None:
        page = self.path.split("?")[0].endswith(("/", ".html"))
        self.send_header("Cache-Control", "no-cache" if page else "public, max-age=86400")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Body:
    """A response body already in memory, read as the base handler reads a file."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: Any) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serving(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1; yield its address."""
    handler = functools.partial(PrecompressedHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build_sample(target: Path, config: Path | None = None) -> None:
    """``playbook build --compress`` of the sample project (or another profile) into
    ``target``."""
    command = [sys.executable, "-m", "playbook", "build", "--compress", "--site-dir", str(target)]
    if config is not None:
        command += ["--config", str(config.resolve())]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True)


def run_lighthouse(url: str, *, desktop: bool, chrome: str) -> dict[str, Any]:
    """One Lighthouse run; its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    if desktop:
        command.append("--preset=desktop")
    result = subprocess.run(
        command,
        env={**os.environ, "CHROME_PATH": chrome},
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stdout)


def scores(report: dict[str, Any]) -> dict[str, int]:
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


def failed_audits(report: dict[str, Any]) -> dict[str, tuple[str, float]]:
    """The weighted audits of the four categories that did not fully pass: id -> (title,
    score)."""
    audits = report["audits"]
    failed = {}
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
                failed[ref["id"]] = (audit["title"], audit["score"])
    return failed


def median_run(
    url: str, *, desktop: bool, chrome: str, runs: int
) -> tuple[dict[str, int], dict[str, tuple[str, float]]]:
    """The median score of each category over ``runs`` runs, and the audits that failed in
    any run (with their lowest score)."""
    reports = [run_lighthouse(url, desktop=desktop, chrome=chrome) for _ in range(runs)]
    each = [scores(report) for report in reports]
    median = {name: round(statistics.median(run[name] for run in each)) for name in CATEGORIES}
    failed: dict[str, tuple[str, float]] = {}
    for report in reports:
        for audit, (title, score) in failed_audits(report).items():
            if audit not in failed or score < failed[audit][1]:
                failed[audit] = (title, score)
    return median, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="*", default=PAGES, help="site paths ('' is home)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page and mode (median)")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    parser.add_argument(
        "--config", type=Path, help="another profile to measure instead of the sample"
    )
    args = parser.parse_args(argv)
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci` at the repository root", file=sys.stderr)
        return 2
    version = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    browser = subprocess.run(
        [chrome, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    rows = [
        "| page | performance | accessibility | best practices | SEO | phone: performance |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    problems: dict[str, list[str]] = {}  # "id: title" -> "/page mode (lowest score)"
    with tempfile.TemporaryDirectory(prefix="playbook-lighthouse-") as folder:
        site = Path(folder) / "site"
        build_sample(site, args.config)
        with serving(site) as base:
            for page in args.pages:
                measured = {
                    mode: median_run(
                        base + page, desktop=mode == "desktop", chrome=chrome, runs=args.runs
                    )
                    for mode in ("desktop", "phone")
                }
                desktop, phone = measured["desktop"][0], measured["phone"][0]
                rows.append(
                    f"| /{page} | {desktop['performance']} | {desktop['accessibility']} "
                    f"| {desktop['best-practices']} | {desktop['seo']} | {phone['performance']} |"
                )
                for mode, (_, failed) in measured.items():
                    for audit, (title, score) in failed.items():
                        where = f"/{page} {mode} ({score:.2f})"
                        problems.setdefault(f"{audit}: {title}", []).append(where)
                print(rows[-1], file=sys.stderr, flush=True)
    heading = (
        f"Lighthouse {version}, {browser}, {dt.date.today().isoformat()}, "
        f"median of {args.runs} run(s) per page and mode, "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )
    report = "\n".join([heading, "", *rows])
    if problems:
        report += "\n\nAudits that did not pass (lowest score of the runs):\n" + "\n".join(
            f"- {audit}: {', '.join(where)}" for audit, where in sorted(problems.items())
        )
    print(report)
    if args.output:
        args.output.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
