"""Render the planned pages' templates to plain Markdown, for engines without our plugins.

An engine that runs no MkDocs plugin (Zensical) gets the playbook as finished Markdown
files: this module renders every planned page with the same template API
(``playbook.plan.template_api``) and Jinja settings that mkdocs-macros gives the
templates. A project's own macros modules listed in mkdocs.yml run against a small
stand-in for the part of mkdocs-macros' ``env`` they use, so their helpers work here too.
"""

from __future__ import annotations

import contextlib
import importlib
import re
import shutil
import traceback
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    nodes,
)

from playbook.errors import BuildError, display_name
from playbook.plan.assemble import TEMPLATE_FOLDERS, page_sources
from playbook.plan.escaping import THEME_FIXES, fix_theme_template, text_as_html
from playbook.plan.pages import PagePlan
from playbook.plan.template_api import PAGE_VARIABLES, TemplateApi
from playbook.plan.template_cache import BYTECODE, template_from_source
from playbook.words.translations import install_translations

OWN_MACROS_MODULES = ("playbook.macros", "playbook.engines.macros")
"""The playbook's own macros module (and the shim mkdocs.yml names): its template API is
used directly."""

# YAML front matter at the very start of a page, as MkDocs reads it.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)


@dataclass
class MacrosSettings:
    """The macros plugin's settings in mkdocs.yml that change how pages render."""

    modules: list[str] = field(default_factory=lambda: ["playbook.macros"])
    jinja_options: dict[str, Any] = field(default_factory=dict)
    """The ``j2_*`` options without their prefix (e.g. ``extensions``)."""

    @classmethod
    def from_plugin_entry(cls, entry: dict[str, Any]) -> MacrosSettings:
        modules = entry.get("modules") or ["playbook.macros"]
        options = {
            key.removeprefix("j2_"): value
            for key, value in entry.items()
            if key.startswith("j2_") and value
        }
        return cls(list(modules), options)


class MacrosEnv:
    """What a macros module's ``define_env`` and page hooks use of mkdocs-macros' env."""

    def __init__(
        self, plan: PagePlan, docs_dir: Path, jinja: Environment, *, directory_urls: bool
    ) -> None:
        self.env = jinja
        self.variables: dict[str, Any] = {}
        self.conf: dict[str, Any] = {
            "docs_dir": str(docs_dir),
            "use_directory_urls": directory_urls,
            "plugins": {"playbook": SimpleNamespace(plan=plan)},
        }
        self.page: Any = None

    def macro(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        """Register a function for templates (usable as a decorator, like mkdocs-macros')."""
        self.variables[name or function.__name__] = function
        self.env.globals[name or function.__name__] = function
        return function

    def filter(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.env.filters[name or function.__name__] = function
        return function


def render_planned_pages(
    plan: PagePlan,
    docs_dir: Path,
    packaged_dir: Path,
    target: Path,
    settings: MacrosSettings,
    *,
    directory_urls: bool = True,
) -> list[str]:
    """Write every planned page (and the project's own pages and files) into ``target``.

    Args:
        plan: the page plan.
        docs_dir: the project's docs folder (its pages and templates win over the
            packaged ones, as with the plugin).
        packaged_dir: the page templates shipped with the playbook.
        target: an empty folder made for this build; it becomes the engine's docs folder.
        settings: the macros plugin's settings.
        directory_urls: whether pages get directory URLs (``roles/x/``) or ``.html`` ones;
            links inside raw HTML (diagrams) are written for that.

    Returns:
        The source paths written, relative to ``target``.
    """
    texts = render_page_texts(plan, docs_dir, packaged_dir, settings, directory_urls=directory_urls)
    for src_path, text in texts.items():
        planned = plan.page(src_path)
        if planned is not None and planned.kind != "home":
            text = with_title(text, planned.title)
        path = target / src_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _copy_other_files(docs_dir, target, set(texts))
    return list(texts)


def render_page_texts(
    plan: PagePlan,
    docs_dir: Path,
    packaged_dir: Path,
    settings: MacrosSettings,
    *,
    directory_urls: bool = True,
    jinja: Environment | None = None,
) -> dict[str, str]:
    """Every planned page (and the project's own pages) as Markdown: source path -> text.

    The arguments are those of ``render_planned_pages``; nothing is written. ``playbook
    diff`` compares two profiles' texts to name exactly the pages that change, rendering
    both in one ``jinja`` environment (``page_environment``) so that each template is
    compiled once.
    """
    jinja = jinja or page_environment(docs_dir, packaged_dir, settings)
    # The playbook's own template API directly; a project's own macros modules through a
    # stand-in for the part of mkdocs-macros' env they use.
    api = TemplateApi(lambda: plan, lambda: directory_urls)
    jinja.globals.update(api.functions())
    jinja.filters.update(api.filters())
    install_translations(jinja, plan.language)
    env = MacrosEnv(plan, docs_dir, jinja, directory_urls=directory_urls)
    hooks = []
    for name in settings.modules:
        if name in OWN_MACROS_MODULES:
            continue
        module = importlib.import_module(name)
        if hasattr(module, "define_env"):
            module.define_env(env)
        if hasattr(module, "on_pre_page_macros"):
            hooks.append(module.on_pre_page_macros)
    texts: dict[str, str] = {}
    for src_path, source in _page_sources(plan, docs_dir, packaged_dir).items():
        # Zensical rewrites relative links in a page's HTML from the source file's folder
        # to the page's URL, as MkDocs does for Markdown links only: links in raw HTML
        # (diagrams) are therefore written relative to the source file here.
        env.page = SimpleNamespace(file=SimpleNamespace(src_uri=src_path), url=src_path)
        for name in PAGE_VARIABLES:
            env.variables.pop(name, None)
        env.variables.update(api.at(src_path, src_path))
        for hook in hooks:
            hook(env)
        try:
            texts[src_path] = jinja.from_string(source).render(**env.variables)
        except TemplateError as error:
            located = template_error_line(error)  # an included template: its file and line
            raise BuildError(
                located or f"build failed in the template of {src_path}: {error}"
            ) from None
    return texts


class PageEnvironment(Environment):
    """A Jinja environment that compiles each template source once.

    The pages of all roles (and of all values) share one source, an include of their
    template; macros compile small sources on every page (``from_string("")`` for a
    translation context); and ``playbook diff`` renders two plans in one environment.
    Templates keep no state between renders, so one compiled copy serves them all.
    """

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled: dict[str, Template] = self.__dict__.setdefault("_compiled_sources", {})
        if source not in compiled:
            compiled[source] = template_from_source(self, source)
        return compiled[source]


def page_environment(docs_dir: Path, packaged_dir: Path, settings: MacrosSettings) -> Environment:
    """The Jinja environment pages render in: the project's templates first, strict."""
    search_path = [docs_dir]
    if docs_dir.resolve() != packaged_dir.resolve():
        search_path.append(packaged_dir)
    return PageEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(path)) for path in search_path]),
        undefined=StrictUndefined,
        bytecode_cache=BYTECODE,
        **settings.jinja_options,
    )


def with_title(markdown: str, title: str) -> str:
    """The page with its title in front matter, as HTML text escaped once.

    The theme writes ``page.meta.title`` into ``<title>`` and the header as it is; a title
    taken from the page's heading instead goes through ``| striptags``, which turns
    ``&lt;`` back into ``<``. The plugin sets the same title for MkDocs.
    """
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(markdown)
    if match:
        with contextlib.suppress(yaml.YAMLError):
            existing = yaml.safe_load(match.group(1))
            if isinstance(existing, dict):
                meta, markdown = existing, markdown[match.end() :]
    meta["title"] = str(text_as_html(title))
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{markdown}"


def _page_sources(plan: PagePlan, docs_dir: Path, packaged_dir: Path) -> dict[str, str]:
    """Each page's template text (``playbook.plan.assemble.page_sources``: the project's
    own page, else the packaged template), then the project's pages of its own."""
    sources = page_sources(plan, docs_dir, packaged_dir)
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if relative not in sources and not relative.startswith(TEMPLATE_FOLDERS):
            sources[relative] = path.read_text(encoding="utf-8")  # a page of the project's own
    return sources


def _copy_other_files(docs_dir: Path, target: Path, pages: set[str]) -> None:
    """Images and other files of the project's docs folder go along unchanged."""
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if not path.is_file() or relative in pages or relative.startswith(TEMPLATE_FOLDERS):
            continue
        if path.suffix == ".md":
            continue
        copy = target / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)


class ThemeFixLoader(BaseLoader):
    """A Jinja loader that serves the theme's templates with ``THEME_FIXES`` applied.

    It wraps the engine's own loader, so a project's overrides are found first, as before;
    only the text of the few templates that place profile text twice is changed.
    """

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        if template in THEME_FIXES:
            source = fix_theme_template(template, source)[0]
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def template_error_line(error: BaseException) -> str | None:
    """``FILE:LINE: message`` for an error raised while a page template rendered, or None.

    mkdocs-macros logs a failed page as Markdown naming the page, not the template, and
    exits (``SystemExit``); the error it caught is the exit's context. Jinja writes each
    template's own file and line into the traceback, so the innermost template frame is
    where the mistake is (an included template such as ``_templates/role.md``).
    """
    cause = error.__context__ if isinstance(error, SystemExit) else error
    if cause is None:
        return None
    if isinstance(cause, TemplateSyntaxError) and cause.filename and cause.lineno:
        where = display_name(Path(cause.filename))
        return f"{where}:{cause.lineno}: template syntax: {cause.message}"
    frames = [
        frame
        for frame in traceback.extract_tb(cause.__traceback__)
        if not frame.filename.endswith(".py") and Path(frame.filename).is_file()
    ]
    if not frames:
        return None
    where = frames[-1]
    message = str(cause).strip() or type(cause).__name__
    return f"{display_name(Path(where.filename))}:{where.lineno}: template error: {message}"
