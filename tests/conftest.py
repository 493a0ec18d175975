"""Shared helpers: a minimal valid profile and a way to load a variant of it from a real file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest
from sitekit import SharedSites, built_once

from playbook import Profile, ProfileError, load_profile
from playbook.sitebuild.build import build_site
from tests.sitefiles import SAMPLE_PROFILE, BuiltSite

# Line numbers matter: tests assert exact FILE:LINE:COL positions inside this text.
# organisation: lines 2-5, values: 6-12, journey: 13-16, roles: 17-24, kpis: 25-29.
MINIMAL_PROFILE = dedent(
    """\
    schema_version: 1
    organisation:
      name: Acme Shoes
      mission: Make walking a joy.
      customers: People who walk a lot.
    values:
      - id: care
        name: Care
        summary: We treat every customer like a neighbour.
        behaviours:
          everyone:
            - Listen before answering.
    journey:
      - id: discover
        name: Discover
        customer_goal: Find shoes that fit.
    roles:
      - id: agent
        title: Support agent
        department: Customer care
        customer_facing: true
        customer_position: Answers customers' questions.
        touchpoints: [discover]
        kpis: [nps]
    kpis:
      - id: nps
        name: Net promoter score
        definition: Survey after each order.
        customer_outcome: Customers recommend us.
    """
)


@pytest.fixture
def minimal_profile() -> str:
    """The minimal valid profile above, as YAML text (29 lines)."""
    return MINIMAL_PROFILE


@pytest.fixture
def edited() -> Callable[[str, str], str]:
    """The minimal profile with one exact piece of text replaced (it must occur once)."""

    def edit(old: str, new: str) -> str:
        assert MINIMAL_PROFILE.count(old) == 1, f"{old!r} must occur exactly once"
        return MINIMAL_PROFILE.replace(old, new)

    return edit


@pytest.fixture
def profile_file(tmp_path: Path) -> Callable[[str | bytes], Path]:
    """Write text (or raw bytes) to tmp_path/org_config.yml and return the path."""

    def write(content: str | bytes) -> Path:
        path = tmp_path / "org_config.yml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return write


@pytest.fixture
def load(profile_file: Callable[[str | bytes], Path]) -> Callable[[str | bytes], Profile]:
    """Write a profile to a real file and load it with the real loader."""

    def load_text(content: str | bytes) -> Profile:
        return load_profile(profile_file(content), "org_config.yml")

    return load_text


@pytest.fixture
def problems(load: Callable[[str | bytes], Profile]) -> Callable[[str | bytes], list[str]]:
    """Load a profile that must be invalid; return its problems as the lines users see."""

    def problem_lines(content: str | bytes) -> list[str]:
        with pytest.raises(ProfileError) as caught:
            load(content)
        return caught.value.lines

    return problem_lines


@pytest.fixture(scope="session", autouse=True)
def _template_cache_in_the_run_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Builds keep their compiled templates (``playbook.plan.template_cache``) in the test
    run's folder, shared by its workers and child processes, not in the user's cache."""
    run_folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_folder = run_folder.parent
    os.environ["XDG_CACHE_HOME"] = str(run_folder / "cache")


@pytest.fixture(scope="session")
def shared_sites(tmp_path_factory: pytest.TempPathFactory) -> SharedSites:
    """Sites built once per session from a profile file, for tests that only read them."""
    return SharedSites(tmp_path_factory)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample playbook, built as `playbook build --strict` builds it in the repository."""
    folder = built_once(
        tmp_path_factory,
        "sample-site",
        lambda folder: build_site(SAMPLE_PROFILE, site_dir=folder / "site", strict=True),
    )
    return BuiltSite(folder / "site")


@pytest.fixture(scope="session")
def offline_sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample playbook built with `--offline`, for browsing from a folder."""
    folder = built_once(
        tmp_path_factory,
        "sample-offline-site",
        lambda folder: build_site(
            SAMPLE_PROFILE, site_dir=folder / "site", strict=True, offline=True
        ),
    )
    return BuiltSite(folder / "site")


# The slowest test files, slowest first (measured on two cores; about 10 to 40 s each).
# Each file runs whole on one worker; handing out the long ones first lets the short ones
# even out the end of the run, instead of one worker finishing a long file alone.
SLOWEST_FIRST = (
    "test_preview.py",
    "test_engines.py",
    "test_site_safety.py",
    "test_english_variants.py",
    "test_grammar_fields.py",
    "test_diff_pages.py",
    "test_serve.py",
    "test_guidance.py",
    "test_languages.py",
    "test_markup.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the slowest files first (pyproject.toml turns off xdist's own reordering, which
    puts the files with the most tests first)."""
    rank = {name: index for index, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
