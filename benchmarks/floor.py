"""The floor: the same pages rendered to HTML with Python-Markdown and one Jinja template.

This is the least work any static-site build of these pages must do: convert each
page's final Markdown (captured from a real build by ``capture_hook.py``) with the
Markdown extensions that mkdocs.yml lists (and MkDocs used, as the capture recorded
them), wrap the HTML in one page template with a header, the top-level navigation
and the page's table of contents, and write it to disk. No MkDocs, no theme, no
plugins (nor the extensions plugins add), no search index.

The playbook's diagrams are not in the captured Markdown but set aside (see
``capture_hook.py``). The floor puts them back into the Markdown before converting it, so
it does the same work as before the build set them aside (Python-Markdown parses every
tag of a drawing as raw HTML); ``--diagrams-set-aside`` instead puts them into each page's
HTML after conversion, as the playbook plugin does: a stricter floor, which converts the
same Markdown as the build. Both write the same pages.

Usage::

    python benchmarks/floor.py CAPTURE_DIR OUTPUT_DIR [--diagrams-set-aside]

prints one JSON line: pages, seconds (in-process, excluding interpreter start-up
and imports) and bytes written.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import jinja2
import markdown

# MkDocs always enables these, whatever mkdocs.yml says.
MKDOCS_BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]

PAGE_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ title }} - {{ site_name }}</title>
<link rel="stylesheet" href="{{ root }}assets/site.css">
</head>
<body>
<header><a href="{{ root }}">{{ site_name }}</a></header>
<nav aria-label="Site">
<ul>
{%- for item in nav %}
<li><a href="{{ root }}{{ item.url }}">{{ item.title }}</a></li>
{%- endfor %}
</ul>
</nav>
<nav aria-label="On this page">{{ toc }}</nav>
<main><article>
{{ content }}
</article></main>
<footer>Generated from the org profile.</footer>
</body>
</html>
"""


def markdown_extensions(capture_dir: Path) -> tuple[list[str], dict[str, Any]]:
    """The named extensions (and their configs) the captured build used.

    MkDocs always adds ``toc``, ``tables`` and ``fenced_code``; they are in the list
    the capture recorded, and added here in case a capture predates that.
    """
    recorded = json.loads((capture_dir / "extensions.json").read_text(encoding="utf-8"))
    names = list(recorded["names"])
    names += [name for name in MKDOCS_BUILTIN_EXTENSIONS if name not in names]
    return names, {name: recorded["configs"].get(name) or {} for name in names}


_SET_ASIDE = re.compile(r"<!--playbook-aside:([0-9a-f]{20})-->")


def render_floor(
    capture_dir: Path, output_dir: Path, *, diagrams_set_aside: bool = False
) -> dict[str, Any]:
    """Render every captured page; return pages, seconds and bytes written."""
    pages = json.loads((capture_dir / "pages.json").read_text(encoding="utf-8"))
    names, configs = markdown_extensions(capture_dir)
    kept_file = capture_dir / "set-aside.json"
    kept = json.loads(kept_file.read_text(encoding="utf-8")) if kept_file.is_file() else {}

    def put_back(text: str) -> str:
        return _SET_ASIDE.sub(lambda match: kept[match.group(1)], text) if kept else text

    start = time.perf_counter()
    converter = markdown.Markdown(extensions=names, extension_configs=configs)
    template = jinja2.Environment(autoescape=False).from_string(PAGE_TEMPLATE)
    nav = [
        {"title": page["title"], "url": _url(page["dest_uri"])}
        for page in pages
        if not page["src_uri"].startswith("roles/") or page["src_uri"] == "roles/index.md"
    ]
    written = 0
    for page in pages:
        source = (capture_dir / "pages" / page["src_uri"]).read_text(encoding="utf-8")
        converter.reset()
        if diagrams_set_aside:
            content = put_back(converter.convert(source))
        else:
            content = converter.convert(put_back(source))
        depth = page["dest_uri"].count("/")
        html = template.render(
            title=page["title"],
            site_name="Playbook",
            root="../" * depth,
            nav=nav,
            toc=getattr(converter, "toc", ""),
            content=content,
        )
        target = output_dir / page["dest_uri"]
        target.parent.mkdir(parents=True, exist_ok=True)
        written += target.write_bytes(html.encode("utf-8"))
    return {"pages": len(pages), "seconds": time.perf_counter() - start, "bytes": written}


def _url(dest_uri: str) -> str:
    return dest_uri.removesuffix("index.html")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("capture_dir", type=Path)
    parser.add_argument("output_dir", type=Path)
    parser.add_argument(
        "--diagrams-set-aside",
        action="store_true",
        help="put the diagrams into the HTML after conversion, as the build does",
    )
    args = parser.parse_args(argv)
    result = render_floor(
        args.capture_dir, args.output_dir, diagrams_set_aside=args.diagrams_set_aside
    )
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
