"""The mkdocs-macros module: hands the template API to mkdocs-macros.

Listed in mkdocs.yml as ``macros: {modules: [playbook.macros]}``. What templates call and
read is engine-neutral (``playbook.plan.template_api``); this module registers it with
mkdocs-macros and, before each page renders, moves it to that page and sets up the Jinja
environment mkdocs-macros made (the template folders, the playbook's translations).
"""

from __future__ import annotations

from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, Template

from playbook.plan.pages import PagePlan, content_dirs
from playbook.plan.template_api import PAGE_VARIABLES, TemplateApi
from playbook.plan.template_cache import BYTECODE, template_from_source
from playbook.words.translations import install_translations

# Attribute of mkdocs-macros' env holding this build's template API.
_API = "playbook_template_api"


def define_env(env: Any) -> None:
    """Register the template functions and filters."""
    api = TemplateApi(
        lambda: _plan(env),
        lambda: bool(env.conf["use_directory_urls"]),
        keep_drawing=lambda drawing: _set_aside(env, drawing),
    )
    setattr(env, _API, api)
    for name, function in api.functions().items():
        env.macro(function, name)
    for name, function in api.filters().items():
        env.filter(function, name)


def on_pre_page_macros(env: Any) -> None:
    """Give the page being rendered the shared data and its own item (value or role)."""
    plan = _plan(env)
    if not isinstance(env.env.loader, ChoiceLoader):
        # mkdocs-macros creates its Jinja environment after define_env, so the loader is
        # set here, once: project templates first, then the packaged ones.
        env.env.loader = ChoiceLoader(
            [FileSystemLoader(str(path)) for path in content_dirs(env.conf["docs_dir"])]
        )
        env.env.bytecode_cache = BYTECODE  # included templates: compiled once per process
        _compile_each_source_once(env.env)
    install_translations(env.env, plan.language)  # once per build and language
    for name in PAGE_VARIABLES:
        env.variables.pop(name, None)
    api: TemplateApi = getattr(env, _API)
    env.variables.update(api.at(env.page.file.src_uri, env.page.url))


def _compile_each_source_once(jinja: Environment) -> None:
    """Reuse the compiled template when a page's source was compiled before.

    mkdocs-macros compiles every page's Markdown as a new template; the pages of all roles
    (and of all values) share one source, an include of their template, so a 1,000-role
    build compiled the same line 1,000 times. Templates keep no state between renders.
    """
    compiled: dict[str, Template] = {}
    compile_source = jinja.from_string

    def from_string(source: Any, globals: Any = None, template_class: Any = None) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return compile_source(source, globals, template_class)
        template = compiled.get(source)
        if template is None:
            # Compiled code is kept across builds (serve, a test run): template_cache.
            template = compiled[source] = template_from_source(jinja, source)
        return template

    jinja.from_string = from_string  # type: ignore[method-assign]


def _set_aside(env: Any, drawing: str) -> str:
    """A diagram for the page's Markdown: under the MkDocs plugin a placeholder, which the
    plugin replaces with the drawing once Python-Markdown is done (see
    ``playbook.engines.setaside``); for other engines the drawing itself."""
    kept = getattr(env.conf["plugins"]["playbook"], "set_aside", None)
    return kept.block(drawing) if kept is not None else drawing


def _plan(env: Any) -> PagePlan:
    return env.conf["plugins"]["playbook"].plan
