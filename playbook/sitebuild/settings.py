"""Which site settings a build uses: the project's mkdocs.yml, or the built-in ones.

A folder that holds only ``org_config.yml`` builds with the built-in settings
(``site_defaults.yml``: Material, search, the offline switch, the playbook and macros
plugins; pages from the packaged templates; the site in ``site/`` beside the profile).
A ``mkdocs.yml`` beside the profile, or one named with ``--mkdocs-config``, wins and may
customise anything.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from playbook.errors import BuildError
from playbook.plan.pages import packaged_content_dir

if TYPE_CHECKING:
    from playbook.engines.mkdocs_api import MkDocsConfig

BUILT_IN_SETTINGS = Path(__file__).parent / "site_defaults.yml"


@dataclass(frozen=True)
class ProjectSettings:
    """The settings file of one build and what it overrides.

    Attributes:
        profile_path: the org profile.
        config_file: the project's mkdocs.yml, or the built-in settings.
        built_in: whether ``config_file`` is the built-in settings.
        overrides: settings given to MkDocs on top of the file (absolute folders).
    """

    profile_path: Path
    config_file: Path
    built_in: bool
    overrides: dict[str, Any] = field(default_factory=dict)

    def load(self, *, strict: bool | None = None, **overrides: Any) -> MkDocsConfig:
        """MkDocs' configuration, or BuildError with every problem MkDocs found.

        Args:
            strict: True or False turn MkDocs' strict mode on or off; None leaves it to
                ``strict:`` in mkdocs.yml, as ``mkdocs build`` does.
        """
        from playbook.engines.mkdocs_api import Abort, ConfigurationError, load_config

        collected = ErrorCollector()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collected)
        try:
            config = load_config(
                config_file=str(self.config_file),
                strict=strict,  # load_config ignores None: mkdocs.yml decides
                **(self.overrides | overrides),
            )
        except (ConfigurationError, Abort) as error:
            problems = collected.messages or [str(error)]
            raise BuildError(
                "\n".join(f"{self.config_file}: {_explain(problem)}" for problem in problems)
            ) from None
        finally:
            logger.removeHandler(collected)
        plugin = config.plugins.get("playbook")
        if plugin is not None and hasattr(plugin.config, "profile"):
            # This build's profile, wherever mkdocs.yml's `profile:` points.
            plugin.config.profile = str(self.profile_path.resolve())
        return config

    def project_files(self) -> list[tuple[str, Path]]:
        """The project's own files and folders, which no site folder may replace."""
        project = self.profile_path.resolve().parent
        files = [("the project folder", project), ("the org profile", self.profile_path)]
        if not self.built_in:
            files.append(("mkdocs.yml", self.config_file))
        return files


def project_settings(profile_path: Path, mkdocs_config: Path | None = None) -> ProjectSettings:
    """The settings for building a profile: mkdocs.yml beside it, or the built-in ones."""
    if mkdocs_config is not None:
        if not mkdocs_config.is_file():
            raise BuildError(f"{mkdocs_config}: no such settings file; check the path")
        return ProjectSettings(profile_path, mkdocs_config, built_in=False)
    beside = profile_path.resolve().parent / "mkdocs.yml"
    if beside.is_file():
        return ProjectSettings(profile_path, beside, built_in=False)
    project = profile_path.resolve().parent
    return ProjectSettings(
        profile_path,
        BUILT_IN_SETTINGS,
        built_in=True,
        overrides={"docs_dir": str(packaged_content_dir()), "site_dir": str(project / "site")},
    )


def project_locale_dir(profile_path: Path) -> str | None:
    """The playbook plugin's ``locale_dir`` in the mkdocs.yml beside the profile, if any:
    a project's own catalogues count as supported languages."""
    from playbook.engines.mkdocs_api import ConfigurationError, read_settings_file

    beside = profile_path.resolve().parent / "mkdocs.yml"
    try:
        raw = read_settings_file(beside)
    except (OSError, ValueError, yaml.YAMLError, ConfigurationError):
        return None  # no readable settings: the build reports what is wrong with them
    plugins = raw.get("plugins") if isinstance(raw, dict) else None
    entries = plugins.items() if isinstance(plugins, dict) else plugins or []
    for entry in entries:
        name, options = entry if isinstance(entry, tuple) else _plugin_entry(entry)
        if name == "playbook" and isinstance(options, dict):
            folder = options.get("locale_dir")
            return folder if isinstance(folder, str) else None
    return None


def _plugin_entry(entry: Any) -> tuple[Any, Any]:
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry.items()))
    return entry, None


def _explain(problem: str) -> str:
    """MkDocs' wording, with what to do where it leaves that out."""
    if "'docs_dir'" in problem and "isn't an existing directory" in problem:
        return (
            f"{problem.rstrip('.')}. Create that folder (it may stay empty: the pages come "
            "from the profile), or set docs_dir to an existing one"
        )
    return problem


class ErrorCollector(logging.Handler):
    """Keeps the configuration errors MkDocs logs before it aborts."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith("Aborted with"):
            self.messages.append(message)
