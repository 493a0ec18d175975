"""The Nu HTML Checker finds no error and no warning in the markup the playbook writes.

It checks every HTML file of the sample site and of the test organisations in
``tests/fixtures/facts/``. The checker is the ``vnu-jar`` npm package (``npm ci``), run by
Java (Debian's ``default-jre-headless``); without them the test is skipped with the reason,
except under ``CI=true``, where it fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from playbook.sitebuild.build import build_site
from tests.sitefiles import REPO_ROOT, BuiltSite, require

VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One short run: the quick compiler alone does the work in half the CPU time of Java's
# default two (which would take the second core from the other test worker); its larger
# stack frames need a deeper stack for the checker's HTML schema.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m")
FACTS = sorted((REPO_ROOT / "tests" / "fixtures" / "facts").glob("*.yml"))

# Findings in Material's own markup that no template override can change, each with why.
MATERIAL_ONLY = {
    # base.html writes its drawer and search toggles, checkboxes with autocomplete="off"
    # (so Firefox does not restore them open), outside any template block: only a copy of
    # Material's whole base template could drop the attribute.
    "Attribute “autocomplete” is only allowed when the input type is": 'class="md-toggle"',
}


def findings(report: dict) -> list[str]:
    """Errors and warnings of the checker's JSON report, minus Material's own."""
    lines = []
    for message in report["messages"]:
        if message["type"] != "error" and message.get("subType") != "warning":
            continue  # "info" notes such as a trailing slash on a void element
        text, extract = message.get("message", ""), message.get("extract", "")
        if any(text.startswith(start) and mark in extract for start, mark in MATERIAL_ONLY.items()):
            continue
        where = message.get("url", "").removeprefix("file:")
        lines.append(f"{where}:{message.get('lastLine', '?')}: {text} [{extract.strip()[:80]}]")
    return lines


def test_the_playbooks_markup_is_valid(sample_site: BuiltSite, tmp_path: Path) -> None:
    java = shutil.which("java")
    require(java is not None, "java is not installed (apt-get install default-jre-headless)")
    require(VNU_JAR.is_file(), f"the Nu HTML Checker is not installed ({VNU_JAR}: npm ci)")
    sites = [sample_site.root]
    for profile in FACTS:
        target = tmp_path / profile.stem
        build_site(profile, site_dir=target, strict=True)
        sites.append(target)
    checker = [str(java), *JAVA_OPTIONS, "-jar", str(VNU_JAR), "--format", "json"]
    result = subprocess.run(
        [*checker, "--skip-non-html", *map(str, sites)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout)
    checked = sum(len(list(Path(root).rglob("*.html"))) for root in sites)
    assert checked > 60
    assert findings(report) == []


@pytest.mark.parametrize("url", ["culture-health/", "leadership/"])
def test_assessment_results_are_a_titled_section_with_a_captioned_figure(
    sample_site: BuiltSite, url: str
) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        (sample_site.root / url / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    section = soup.find("section", class_="pb-assessment")
    title = soup.find(id=section["aria-labelledby"])
    assert title.name == "h3"
    figure = section.find("figure")
    assert not figure.has_attr("role") and figure.find("figcaption")


def test_every_aria_reference_names_an_element_of_the_page(sample_site: BuiltSite) -> None:
    """The checker does not follow aria-labelledby; a screen reader would read nothing."""
    missing = []
    for path in sample_site.pages():
        html = path.read_text(encoding="utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        for names in re.findall(r'\saria-(?:labelledby|describedby|controls)="([^"]+)"', html):
            missing += [
                f"{path.relative_to(sample_site.root)}: {name}"
                for name in names.split()
                if name not in ids
            ]
    assert missing == []
