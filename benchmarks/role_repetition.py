"""How much of a role page is the same on every role page?

Reads a built site, splits each role page's main content into its blocks (paragraphs,
list items, table cells, headings) and counts the words of the blocks whose text appears
on every role page. A role page should lead with what is specific to the role; text that
every role page repeats belongs on the pages that own it.

Usage::

    python benchmarks/role_repetition.py SITE_DIR
"""

from __future__ import annotations

import argparse
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

_BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "summary", "small")


@dataclass(frozen=True)
class Repetition:
    """Words per role page and the share of them identical on every role page."""

    pages: int
    mean_words: float
    mean_share: float
    max_share: float


def _blocks(html: str) -> list[str]:
    article = BeautifulSoup(html, "html.parser").find("article")
    if not isinstance(article, Tag):
        return []
    texts = []
    for element in article.find_all(_BLOCKS):
        # A list item's nested list is counted as its own blocks.
        own = element.__copy__()
        for nested in own.find_all(("ul", "ol", "table")):
            nested.decompose()
        text = re.sub(r"\s+", " ", own.get_text(" ")).strip()
        if text:
            texts.append(text)
    return texts


def measure(site_dir: Path) -> Repetition:
    """Measure the role pages of a built site (``roles/<id>/index.html``)."""
    pages = [
        _blocks(path.read_text(encoding="utf-8"))
        for path in sorted((site_dir / "roles").glob("*/index.html"))
    ]
    if not pages:
        raise ValueError(f"no role pages under {site_dir / 'roles'}")
    common = set(pages[0]).intersection(*map(set, pages[1:]))
    words, shares = [], []
    for blocks in pages:
        total = sum(len(block.split()) for block in blocks)
        shared = sum(len(block.split()) for block in blocks if block in common)
        words.append(total)
        shares.append(shared / total if total else 0.0)
    return Repetition(len(pages), statistics.mean(words), statistics.mean(shares), max(shares))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    result = measure(parser.parse_args().site_dir)
    print(
        f"{result.pages} role pages, {result.mean_words:.0f} words on average; "
        f"identical on every role page: {result.mean_share:.0%} on average, "
        f"{result.max_share:.0%} at most"
    )


if __name__ == "__main__":
    main()
