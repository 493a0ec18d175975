"""The preview alone: how long after one edit to the profile ``playbook serve`` shows it.

For each size, a benchmark project is generated, ``playbook serve`` is started and one
value's summary is edited, exactly as ``run.py`` does (see ``measure_serve`` there), but
without the builds and the floor, so the preview can be measured in a few minutes.

Usage::

    python benchmarks/serve.py [--sizes 200,1000] [--repeat 2] [--engine mkdocs]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from generate import DEFAULT_SEED
from project import write_project
from run import SERVE_TARGETS, load_average, measure_serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,1000", help="numbers of roles (%(default)s)")
    parser.add_argument("--repeat", type=int, default=1, help="edits per size; all are shown")
    parser.add_argument("--engine", default="mkdocs", help="engine to serve with (%(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="profile generator seed")
    args = parser.parse_args(argv)
    sizes = sorted({int(part) for part in args.sizes.split(",") if part.strip()})

    def log(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)

    rows = ["| roles | first build (s) | edit to reload (s) | target (s) | page shows the edit |"]
    rows.append("| ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory(prefix="playbook-serve-bench-") as folder:
        for roles in sizes:
            project = write_project(Path(folder) / f"roles-{roles}", roles, args.seed)
            for _ in range(max(1, args.repeat)):
                result = measure_serve(project, roles, args.seed, log, engine=args.engine)
                target = SERVE_TARGETS.get(roles)
                rows.append(
                    f"| {roles:,} | {result.first_build:.1f} | {result.edit_to_reload:.2f} "
                    f"| {target if target else '-'} | {'yes' if result.page_updated else 'NO'} |"
                )
    print(f"engine: {args.engine}; load average at the end: {load_average()}")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
