"""The text of every page of built playbooks, to show that a refactoring changed no page.

A change that moves logic out of the templates must leave every page reading the same.
This script builds profiles, keeps the text of each page's ``<article>`` (whitespace
normalised), its HTML and the search index entries, and compares two such snapshots page by page.

Usage::

    python benchmarks/article_texts.py SITE_DIR > texts.json          # one built site
    python benchmarks/article_texts.py --build OUT PROFILE...         # build, one JSON each
    python benchmarks/article_texts.py --compare BEFORE AFTER         # count differing pages
    python benchmarks/article_texts.py --engine zensical --build OUT PROFILE...

``--build`` copies each profile (and the images beside it) into a temporary project, so
nothing is written beside the profile, builds it with the built-in settings and writes
``OUT/<name>.json``, the name being the profile's folder and file name (``tailoring-bare``).
Build output stays in the temporary folder.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

_SPACE = re.compile(r"\s+")


def normalised(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def site_texts(site: Path, markup: bool = True) -> dict[str, str]:
    """Each page's article text by its path in the site, then (with `markup`) the article's
    HTML, which holds what scripts show (``data-`` attributes), without the "Updated on"
    line and its build time, then each search index entry."""
    texts: dict[str, str] = {}
    markups: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        if article is None:
            continue
        path = page.relative_to(site).as_posix()
        texts[path] = normalised(article.get_text(" "))
        for updated in article.select(".playbook-updated"):
            updated.decompose()
        markups[f"html:{path}"] = normalised(str(article))
    if markup:
        texts.update(markups)
    index = site / "search" / "search_index.json"
    if index.is_file():
        for entry in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            key = f"search:{entry['location']}"
            texts[key] = normalised(f"{entry.get('title', '')} | {entry.get('text', '')}")
    return texts


def build_texts(profile: Path, workdir: Path, engine: str = "mkdocs") -> dict[str, str]:
    """Build one profile in a copy of its folder; the texts of the built site."""
    from playbook.sitebuild.build import build_site

    project = workdir / "project"
    project.mkdir()
    for beside in profile.parent.iterdir():  # the profile's own files, such as a logo
        if beside.is_file() and beside.suffix in (".svg", ".png", ".jpg", ".webp"):
            shutil.copy(beside, project / beside.name)
    copied = project / "org_config.yml"
    shutil.copy(profile, copied)  # no mkdocs.yml: the built-in settings, the same for all
    site = workdir / "site"
    build_site(copied, site_dir=site, engine=engine)
    return site_texts(site)


def snapshot_name(profile: Path) -> str:
    return f"{profile.parent.name}-{profile.stem}"


def compare(before: Path, after: Path) -> int:
    """Print each page whose text differs between two snapshot folders; the count."""
    differing = 0
    for old_file in sorted(before.glob("*.json")):
        new_file = after / old_file.name
        old = json.loads(old_file.read_text(encoding="utf-8"))
        new = json.loads(new_file.read_text(encoding="utf-8")) if new_file.is_file() else {}
        for page in sorted(set(old) | set(new)):
            if old.get(page) != new.get(page):
                differing += 1
                print(f"{old_file.stem}: {page} differs")
    pages = sum(len(json.loads(f.read_text(encoding="utf-8"))) for f in before.glob("*.json"))
    print(f"{differing} of {pages} pages and search entries differ")
    return differing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site folder")
    parser.add_argument("--build", nargs="+", type=Path, metavar=("OUT", "PROFILE"))
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--engine", default="mkdocs", help="mkdocs, properdocs or zensical")
    args = parser.parse_args()
    if args.compare:
        return 1 if compare(*args.compare) else 0
    if args.build:
        out, *profiles = args.build
        out.mkdir(parents=True, exist_ok=True)
        for profile in profiles:
            with tempfile.TemporaryDirectory() as workdir:
                texts = build_texts(profile.resolve(), Path(workdir), args.engine)
            target = out / f"{snapshot_name(profile.resolve())}.json"
            target.write_text(json.dumps(texts, ensure_ascii=False, indent=1), encoding="utf-8")
            print(f"{target}: {len(texts)} pages and search entries")
        return 0
    if args.site is None:
        parser.error("give a site folder, --build or --compare")
    json.dump(site_texts(args.site), sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
