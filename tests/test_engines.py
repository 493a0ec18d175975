"""Every engine builds the same playbook: the same pages, with the same main text.

The sample project (``org_config.yml`` and ``mkdocs.yml`` at the repository root) is built
once per engine through the real command line, each in a process of its own (ProperDocs
has to answer MkDocs' imports from the start). Only the theme around each page may differ.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import REPO_ROOT, Site, _clean_env

SAMPLE_PROFILE = REPO_ROOT / "org_config.yml"


def build_sample(engine: str, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``python -m playbook build --engine ENGINE`` of the sample into ``site_dir``."""
    command = [sys.executable, "-m", "playbook", "build", "--config", str(SAMPLE_PROFILE)]
    command += ["--engine", engine, "--site-dir", str(site_dir), *extra]
    return subprocess.run(
        command, cwd=site_dir.parent, env=_clean_env(), capture_output=True, text=True, check=False
    )


def _built(engine: str, folder: Path) -> Site:
    result = build_sample(engine, folder / "site")
    assert result.returncode == 0, result.stderr
    return Site(folder / "site")


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _built("mkdocs", tmp_path_factory.mktemp("mkdocs"))


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _built("properdocs", tmp_path_factory.mktemp("properdocs"))


def _same_pages(site: Site, reference: Site) -> None:
    assert set(site.page_urls) == set(reference.page_urls)
    different = [url for url in reference.page_urls if site.text(url) != reference.text(url)]
    assert different == [], f"main text differs on {len(different)} pages, first {different[:3]}"


def test_properdocs_builds_the_same_pages_with_the_same_text(
    properdocs_site: Site, mkdocs_site: Site
) -> None:
    _same_pages(properdocs_site, mkdocs_site)


def test_properdocs_really_built_the_site(properdocs_site: Site) -> None:
    generator = properdocs_site.soup("").find("meta", attrs={"name": "generator"})
    assert generator is not None
    assert "ProperDocs" in str(generator.get("content"))


def test_properdocs_site_keeps_the_playbook_theme_and_search(properdocs_site: Site) -> None:
    html = properdocs_site.html("")
    assert 'role="dialog" aria-label="Search"' in html
    assert "assets/playbook/playbook.css" in html
    assert (properdocs_site.root / "search" / "search_index.json").is_file()


def test_an_unknown_engine_is_refused_with_the_choices(tmp_path: Path) -> None:
    result = build_sample("hugo", tmp_path / "site")
    assert result.returncode == 2
    assert "'hugo' is not one of 'mkdocs', 'properdocs'" in result.stderr
