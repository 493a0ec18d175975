"""The MkDocs plugin: a thin adapter from MkDocs 1.6 to the page plan.

It loads and validates the profile once per build, adds the planned pages as
generated files (nothing is written into the docs folder), builds the navigation
and watches the profile so ``mkdocs serve`` reloads when HR saves it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from playbook.checks import default_onboarding
from playbook.errors import ProfileError
from playbook.pages import PagePlan, plan_pages
from playbook.profile import load_profile

log = get_plugin_logger(__name__)

PROFILE_ENV = "PLAYBOOK_PROFILE"
"""Environment variable that overrides the profile path (used by `playbook build`)."""

# Folders of the docs folder that hold templates and partials, not pages.
TEMPLATE_FOLDERS = ("_templates/", "_partials/")


def packaged_content_dir() -> Path:
    """The page templates shipped with playbook (in the wheel, or the source checkout)."""
    installed = Path(__file__).parent / "content"
    return installed if installed.is_dir() else Path(__file__).parent.parent / "content"


def content_dirs(docs_dir: str | Path) -> list[Path]:
    """Where templates are looked up: the project's docs folder first, then the packaged one."""
    project, packaged = Path(docs_dir).resolve(), packaged_content_dir().resolve()
    return [project] if project == packaged else [project, packaged]


class PlaybookPluginConfig(base.Config):
    profile = c.Type(str, default="org_config.yml")
    """Path of the org profile, relative to mkdocs.yml."""

    navigation = c.Type(bool, default=True)
    """Build the navigation from the page plan when mkdocs.yml has no `nav`."""

    site_name_from_profile = c.Type(bool, default=True)
    """Name the site after the organisation ("<name> playbook")."""


class PlaybookPlugin(BasePlugin[PlaybookPluginConfig]):
    """Generates the playbook's pages from the org profile."""

    plan: PagePlan
    profile_path: Path

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _require_strict_macros(config)
        project_dir = Path(config.config_file_path or ".").resolve().parent
        self.profile_path = project_dir / os.environ.get(PROFILE_ENV, self.config.profile)
        try:
            profile = load_profile(self.profile_path, _display_name(self.profile_path))
        except ProfileError as error:
            raise PluginError("the org profile is invalid:\n" + "\n".join(error.lines)) from None
        self.plan = plan_pages(profile, default_onboarding().phases)
        if self.config.site_name_from_profile:
            # Safe unescaped: names are validated to hold no markup characters.
            config.site_name = f"{profile.organisation.name} playbook"
        if self.config.navigation and not config.nav:
            config.nav = self.plan.nav()
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for file in list(files):
            if file.src_uri.startswith(TEMPLATE_FOLDERS):
                files.remove(file)
        packaged = packaged_content_dir()
        for page in self.plan.pages:
            if files.get_file_from_path(page.src_path) is not None:
                continue  # the project's own page overrides the packaged one
            if page.item_id is not None:
                # One line per page: the template itself is compiled once and cached.
                content = f'{{% include "{page.template}" %}}\n'
            else:
                content = (packaged / page.template).read_text(encoding="utf-8")
            files.append(File.generated(config, page.src_path, content=content))
        return files

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.profile_path))
        packaged = packaged_content_dir()
        if packaged.resolve() != Path(config.docs_dir).resolve():
            server.watch(str(packaged))
        return server


def _display_name(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _require_strict_macros(config: MkDocsConfig) -> None:
    """Refuse to build with silent template errors (mkdocs-macros' defaults)."""
    macros = config.plugins.get("macros")
    if macros is None:
        raise PluginError(
            "the playbook plugin needs the macros plugin: add to mkdocs.yml under plugins:\n"
            "  - macros:\n      modules: [playbook.macros]\n      on_undefined: strict\n"
            "      on_error_fail: true"
        )
    settings = macros.config
    wrong = []
    if "playbook.macros" not in settings["modules"]:
        wrong.append("modules: [playbook.macros]")
    if settings["on_undefined"] != "strict":
        wrong.append("on_undefined: strict")
    if not settings["on_error_fail"]:
        wrong.append("on_error_fail: true")
    if wrong:
        raise PluginError(
            "the macros plugin must fail loudly on template mistakes; set under macros: "
            + ", ".join(wrong)
        )
