"""What each page of a playbook says, rendered without a site engine, and which pages differ.

``playbook diff`` names the pages whose text changes between two profiles. Rather than
keep a second map of which profile fields each page shows (which drifts from the
templates: a value's summary is also in the manager's first-day script on the onboarding
page), it renders every page of both profiles to Markdown with the engine-neutral
renderer the Zensical engine uses (``playbook.engines.rendering``) and compares the
texts. The pages it names are therefore exactly those whose text differs between the two
builds, by construction; rendering costs about half a second for a 15-role playbook and
two for 1,000 roles, a fraction of a build.

The project decides how pages read: a ``mkdocs.yml`` beside the profile may name its own
docs folder (page overrides), macros modules and catalogues; without one, the packaged
templates are used, as ``playbook build`` does.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from playbook.engines.rendering import MacrosSettings, page_environment, render_page_texts
from playbook.hr.changeset import ChangedPage
from playbook.plan.pages import PlannedPage, plan_pages
from playbook.profile.checks import default_onboarding
from playbook.profile.model import Profile
from playbook.words.translations import select_for_project

_HEADING = re.compile(r"^# (.+)$", re.MULTILINE)


@dataclass(frozen=True)
class PageText:
    """One page: its address (relative to the site root), title and Markdown text."""

    url: str
    title: str
    text: str


@dataclass(frozen=True)
class PageRenderer:
    """Renders a profile's pages as one project would build them.

    Attributes:
        docs_dir: the project's docs folder (its pages and templates win).
        packaged_dir: the page templates shipped with the playbook.
        macros: the macros plugin's settings.
        project_dir: the folder of the project (for its own catalogues).
        locale_dir: the playbook plugin's ``locale_dir``, if set.
    """

    docs_dir: Path
    packaged_dir: Path
    macros: MacrosSettings
    project_dir: Path
    locale_dir: str | None = None

    @functools.cached_property
    def _environment(self) -> Environment:
        # One environment for both sides of a comparison: each template compiles once.
        return page_environment(self.docs_dir, self.packaged_dir, self.macros)

    @classmethod
    def for_profile(cls, profile_path: Path) -> PageRenderer:
        """The renderer of the project a profile belongs to (mkdocs.yml beside it, or
        the built-in settings).

        Raises:
            BuildError: the project's mkdocs.yml is invalid.
        """
        from playbook.plan.pages import packaged_content_dir
        from playbook.sitebuild.settings import project_settings

        packaged = packaged_content_dir()
        project_dir = profile_path.resolve().parent
        settings = project_settings(profile_path)
        if settings.built_in:
            return cls(packaged, packaged, MacrosSettings(), project_dir)
        config = settings.load()
        macros = config.plugins.get("macros")
        playbook = config.plugins.get("playbook")
        return cls(
            Path(config.docs_dir),
            packaged,
            MacrosSettings.from_plugin_entry(dict(macros.config) if macros else {}),
            project_dir,
            getattr(getattr(playbook, "config", None), "locale_dir", None),
        )

    def texts(self, profile: Profile) -> dict[str, PageText]:
        """Every page of the profile's playbook, by address, in the plan's order."""
        language = select_for_project(
            profile.organisation.language, self.project_dir, self.locale_dir
        )
        plan = plan_pages(profile, default_onboarding().phases, language)
        texts = render_page_texts(
            plan, self.docs_dir, self.packaged_dir, self.macros, jinja=self._environment
        )
        pages = {}
        for src_path, text in texts.items():
            planned = plan.page(src_path)
            url = PlannedPage(src_path, "", "", "").url
            title = planned.title if planned is not None else _own_title(text, src_path)
            pages[url] = PageText(url, title, text)
        return pages


def changed_pages(before: dict[str, PageText], after: dict[str, PageText]) -> list[ChangedPage]:
    """The pages whose text differs: changed and added ones in the new plan's order,
    then the removed ones."""
    pages = []
    for url, page in after.items():
        previous = before.get(url)
        if previous is None:
            pages.append(ChangedPage(url, page.title, "added"))
        elif previous.text != page.text:
            pages.append(ChangedPage(url, page.title, "changed"))
    pages += [
        ChangedPage(url, page.title, "removed") for url, page in before.items() if url not in after
    ]
    return pages


def _own_title(text: str, src_path: str) -> str:
    """A project page's title: its first top-level heading, else its path."""
    found = _HEADING.search(text)
    return found.group(1).strip() if found else src_path
