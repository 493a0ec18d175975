"""Words per page of the sample playbook in each shipped language.

Builds the sample profile (``org_config.yml``) once per language, with only
``organisation.language`` changed, and counts the words of each page's main content.
The profile's own text stays English, so the differences between the columns are the
playbook's guidance text; a column much shorter than English points at untranslated or
missing text.

Usage::

    python benchmarks/word_counts.py [--languages en de fr es]
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

from playbook.sitebuild.build import build_site

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = REPO_ROOT / "org_config.yml"
WORD = re.compile(r"\w+(?:[\u2019'-]\w+)*")
PAGES = [
    "",
    "values/",
    "roles/",
    "roles/bike-mechanic/",
    "journey/",
    "leadership/",
    "onboarding/",
    "hiring/",
    "recognition/",
    "decisions/",
    "kpis/",
    "feedback/",
    "culture-health/",
    "changes/",
]


def words_per_page(language: str, workdir: Path) -> dict[str, int]:
    """Build the sample in one language; the word count of each page's article."""
    project = workdir / language
    project.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  language: .*\n", "", text)
    text = text.replace("organisation:\n", f"organisation:\n  language: {language}\n", 1)
    (project / "org_config.yml").write_text(text, encoding="utf-8")
    build_site(project / "org_config.yml")
    counts = {}
    for url in PAGES:
        html = (project / "site" / url / "index.html").read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").find("article")
        counts[url or "(home)"] = len(WORD.findall(article.get_text(" "))) if article else 0
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", default=["en", "de", "fr", "es"])
    languages = parser.parse_args().languages
    with tempfile.TemporaryDirectory() as folder:
        table = {language: words_per_page(language, Path(folder)) for language in languages}
    print("| page | " + " | ".join(languages) + " |")
    print("|---|" + "---:|" * len(languages))
    for page in table[languages[0]]:
        row = " | ".join(f"{table[language][page]:,}" for language in languages)
        print(f"| {page} | {row} |")
    totals = " | ".join(f"{sum(table[language].values()):,}" for language in languages)
    print(f"| all | {totals} |")


if __name__ == "__main__":
    main()
