"""The mkdocs-macros module: exposes the page plan to the page templates.

Listed in mkdocs.yml as ``macros: {modules: [playbook.macros]}``. It only
translates: the profile, its look-ups and a few link helpers go in; all wording
stays in the templates under ``content/``. The text the templates see has already
been made safe (see ``playbook.plan.escaping``). The diagram macros (``journey_map()``,
``role_journey(role)``, ``org_chart()``, ``role_orgchart(role)``, ``kpi_map()``) return
inline SVG drawn by ``playbook.diagrams`` from the raw profile, which escapes it for XML.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from typing import Any

import markdown
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, Template

from playbook import diagrams
from playbook.diagrams import journey, kpimap, orgchart
from playbook.diagrams.svg import Href, resolve_words
from playbook.exports.cadence import read_cadence
from playbook.exports.calendars import LEADERSHIP_CALENDAR, role_calendar_path
from playbook.plan.pages import PagePlan
from playbook.plan.urls import item_source, page_url, relative_url
from playbook.words.dates import format_day
from playbook.words.phrases import (
    capitalise,
    count_phrase,
    join_items,
    organisation_forms,
    people_served,
)
from playbook.words.translations import install_translations

# Variables set for one page only; cleared before the next page renders.
_PAGE_VARIABLES = ("value", "role")
# Attribute of the Jinja environment naming the language whose translations it holds.
_INSTALLED_LANGUAGE = "playbook_language"


def define_env(env: Any) -> None:
    """Register the link helpers the templates use."""

    @env.macro
    def link(item: Any, text: str | None = None) -> str:
        """A Markdown link to the page (or the section of a page) that shows an item."""
        label = text if text is not None else _label(item)
        return f"[{label}]({path_to(_plan(env).target(item))})"

    @env.macro
    def link_list(items: list[Any], conjunction: str = "and", limit: int | None = None) -> str:
        """Links to several items joined as a sentence does ("a, b and c"); past `limit`
        roles, the rest are counted ("and 8 more roles") so a page stays readable."""
        links = [link(item) for item in items[:limit]]
        if limit is not None and len(items) > limit:
            links.append(count(len(items) - limit, "more-role"))
        return join_items(links, conjunction, _language(env))

    @env.macro
    def join_list(items: list[Any], conjunction: str = "and", emphasis: bool = False) -> str:
        """Texts or names joined as a sentence does; items with commas get semicolons.
        With `emphasis`, each name is set in italics."""
        words = [item if isinstance(item, str) else _label(item) for item in items]
        if emphasis:
            words = [f"*{word}*" for word in words]
        return join_items(words, conjunction, _language(env))

    @env.macro
    def attendee_list(ritual: Any) -> str:
        """Who takes part in a ritual, as the profile says it: role links, department
        names, everyone or the leaders."""
        gettext = _translations(env)[0]
        catalog = _plan(env).catalog
        words = []
        for name in ritual.attendees:
            if name in catalog.roles_by_id:
                words.append(link(catalog.roles_by_id[name]))
            elif name in catalog.departments:
                words.append(name)
            elif name == "everyone":
                words.append(gettext("everyone"))
            elif name == "leaders":
                words.append(gettext("everyone who leads others"))
        return join_items(words, "and", _language(env))

    @env.macro
    def file_href(path: str) -> str:
        """The address of a file the build writes beside the pages (a calendar, the feed),
        relative to the page being rendered, for a raw-HTML link (MkDocs checks Markdown
        links against the pages only)."""
        return html.escape(relative_url(path, env.page.url), quote=True)

    @env.macro
    def calendar_for(role: Any = None) -> str | None:
        """The calendar file of a role's rituals (or of every ritual), when there is one."""
        catalog = _plan(env).catalog
        rituals = (
            catalog.role_rituals(role) if role is not None else catalog.profile.leadership.rituals
        )
        if not any(read_cadence(ritual.cadence) for ritual in rituals):
            return None
        return role_calendar_path(role.id) if role is not None else LEADERSHIP_CALENDAR

    @env.macro
    def reading_pages() -> str:
        """The pages a reader confirms, as a hidden list of links for the home page's reading
        list: each role's page, and the value pages and onboarding plan everyone reads.
        Links (not JSON) so that offline and directory builds hold the same page text."""
        plan = _plan(env)
        href = _html_href(env)

        def entry(group: str, src_path: str, title: str) -> str:
            return (
                f'<li data-group="{group}" data-key="{html.escape(src_path, quote=True)}" '
                f'data-title="{html.escape(title, quote=True)}">'
                f'<a href="{html.escape(href(src_path), quote=True)}">{html.escape(title)}</a></li>'
            )

        roles = sorted(plan.profile.roles, key=lambda role: role.title.lower())
        items = [entry("role", item_source("roles", role.id), role.title) for role in roles]
        items.append(entry("common", "onboarding.md", plan.page("onboarding.md").title))
        items += [entry("common", item_source("values", v.id), v.name) for v in plan.profile.values]
        return '<ul class="playbook-reading-pages" hidden>' + "".join(items) + "</ul>"

    @env.macro
    def phases_json() -> str:
        """The onboarding phases (id, name, goals) as attribute-safe JSON, for the plan with
        dates made in the browser; the profile's own text, which the script sets as text."""
        plan = _plan(env)
        onboarding = plan.profile.onboarding
        phases = onboarding.phases if onboarding else plan.catalog.phases
        data = [
            {"id": phase.id, "name": phase.name, "goals": " ".join(phase.goals)} for phase in phases
        ]
        return html.escape(json.dumps(data, ensure_ascii=False), quote=True)

    @env.macro
    def this_page() -> str:
        """The source path of the page being rendered (``roles/x.md``), in every engine."""
        return str(env.page.file.src_uri)

    @env.macro
    def date_locale() -> str:
        """The locale scripts write dates in: the playbook's language tag, with English
        without a region written the British way, as the pages write it."""
        tag = _language(env)
        return "en-GB" if tag.lower() == "en" else tag

    @env.macro
    def words_json(**texts: str) -> str:
        """Texts for a script, as an HTML-attribute-safe JSON object."""
        return html.escape(json.dumps(texts, ensure_ascii=False), quote=True)

    @env.macro
    def count(number: int, noun: str) -> str:
        """A counted phrase with the right plural: count(1, "role") -> "1 role"."""
        return count_phrase(number, noun, _translations(env)[1])

    env.filter(capitalise, "capitalise")

    @env.macro
    def path_to(target: str) -> str:
        """A source path like ``roles/x.md#kpis``, relative to the page being rendered."""
        current = env.page.file.src_uri
        path, _, anchor = target.partition("#")
        relative = _relative(path, posixpath.dirname(current) or ".")
        return f"{relative}#{anchor}" if anchor else relative

    @env.filter
    def format_date(day: Any, width: str = "long") -> str:
        """A date (or ISO date text) in the playbook's language: ``{{ day | format_date }}``."""
        return format_day(day, _plan(env).language.locale, width)

    # Diagrams: each returns one line of HTML (an inline SVG in a figure). They read the
    # raw profile and escape it themselves; the result is not rendered as Jinja again.

    @env.macro
    def journey_map() -> str:
        """The customer journey as swimlanes: who meets the customer, who works behind."""
        drawing = diagrams.journey_map(_index(env), _html_href(env), _words(env, journey.WORDS))
        return _set_aside(env, drawing)

    @env.macro
    def role_journey(role: Any) -> str:
        """The journey map on a role page, with the role's own stages highlighted."""
        drawing = diagrams.role_journey(
            _index(env), role.id, _html_href(env), _words(env, journey.WORDS)
        )
        return _set_aside(env, drawing)

    @env.macro
    def org_chart() -> str:
        """The reporting tree of all roles (departments, in a big organisation)."""
        drawing = diagrams.org_chart(_index(env), _html_href(env), _words(env, orgchart.WORDS))
        return _set_aside(env, drawing)

    @env.macro
    def role_orgchart(role: Any) -> str:
        """A role's manager, the role and its direct reports."""
        drawing = diagrams.role_orgchart(
            _index(env), role.id, _html_href(env), _words(env, orgchart.WORDS)
        )
        return _set_aside(env, drawing)

    @env.macro
    def inline_html(text: str) -> str:
        """Template text with inline Markdown (links, emphasis) as HTML, for raw-HTML blocks
        such as the self-assessment forms, where Markdown is not rendered and MkDocs does
        not rewrite links. Profile text in it is already escaped (see playbook.plan.escaping)."""
        html = _INLINE_MARKDOWN.reset().convert(text)
        html = html.removeprefix("<p>").removesuffix("</p>")
        folder = posixpath.dirname(env.page.file.src_uri)
        href = _html_href(env)

        def page_link(match: re.Match[str]) -> str:
            target = match.group(1)
            path, _, anchor = target.partition("#")
            if not path.endswith(".md") or "://" in path:
                return match.group(0)
            source = posixpath.normpath(posixpath.join(folder, path))
            return f'href="{href(f"{source}#{anchor}" if anchor else source)}"'

        return _HREF.sub(page_link, html)

    @env.macro
    def kpi_map() -> str:
        """Values -> KPIs (with their owners) -> the customer outcome of each KPI."""
        drawing = diagrams.kpi_map(_index(env), _html_href(env), _words(env, kpimap.WORDS))
        return _set_aside(env, drawing)


def _set_aside(env: Any, drawing: str) -> str:
    """A diagram for the page's Markdown: under the MkDocs plugin a placeholder, which the
    plugin replaces with the drawing once Python-Markdown is done (see
    ``playbook.engines.setaside``); for other engines the drawing itself."""
    kept = getattr(env.conf["plugins"]["playbook"], "set_aside", None)
    return kept.block(drawing) if kept is not None else drawing


def _words(env: Any, templates: dict[str, str]) -> dict[str, str]:
    """A diagram's texts in the playbook's language, naming the people served as the profile
    does; the raw term, since the diagram escapes its text for XML itself."""
    plan = _plan(env)
    term = plan.profile.organisation.customer_term
    # The catalogue's own gettext: Jinja's new-style one would fill the placeholders itself.
    gettext = plan.language.translations.gettext
    served = people_served(term and term.singular, term and term.plural, gettext)
    return resolve_words(templates, gettext, served.singular, served.plural)


def _index(env: Any) -> diagrams.ProfileIndex:
    """The raw profile's diagram index, built once per build (the plan is new each build)."""
    plan = _plan(env)
    cached = _INDEX_CACHE.get("last")
    if cached is None or cached[0] is not plan:
        cached = (plan, diagrams.index_profile(plan.profile))
        _INDEX_CACHE["last"] = cached
    return cached[1]


_INDEX_CACHE: dict[str, tuple[PagePlan, diagrams.ProfileIndex]] = {}
_INLINE_MARKDOWN = markdown.Markdown()
_HREF = re.compile(r'href="([^"]*)"')


def _html_href(env: Any) -> Href:
    """Links for raw HTML, relative to the page being rendered.

    MkDocs rewrites links written in Markdown (``roles/x.md``) to the page's URL, but not
    links inside raw HTML, so these are computed the way MkDocs computes URLs: directory
    URLs (``roles/x/``) normally, ``roles/x.html`` when the site is built without them
    (the offline plugin turns them off).
    """
    directory_urls = bool(env.conf["use_directory_urls"])
    current_src = env.page.file.src_uri
    current_url = env.page.url

    def href(target: str) -> str:
        path, _, anchor = target.partition("#")
        if path in ("", current_src):
            return f"#{anchor}" if anchor else "./"
        relative = relative_url(page_url(path, directory_urls), current_url)
        return f"{relative}#{anchor}" if anchor else relative

    return href


@functools.cache
def _relative(path: str, folder: str) -> str:
    # posixpath.relpath asks the OS for the working directory on every call; links are
    # made tens of thousands of times per build between a few hundred distinct folders.
    return posixpath.relpath(path, folder)


def on_pre_page_macros(env: Any) -> None:
    """Give the page being rendered the shared data and its own item (value or role)."""
    plan = _plan(env)
    if not isinstance(env.env.loader, ChoiceLoader):
        # mkdocs-macros creates its Jinja environment after define_env, so the loader is
        # set here, once: project templates first, then the packaged ones.
        from playbook.plan.pages import content_dirs

        env.env.loader = ChoiceLoader(
            [FileSystemLoader(str(path)) for path in content_dirs(env.conf["docs_dir"])]
        )
        _compile_each_source_once(env.env)
    if getattr(env.env, _INSTALLED_LANGUAGE, None) is not plan.language:
        # Once per build (serve makes a new environment and a new plan for each build).
        install_translations(env.env, plan.language)
        setattr(env.env, _INSTALLED_LANGUAGE, plan.language)
    for name in _PAGE_VARIABLES:
        env.variables.pop(name, None)
    env.variables["profile"] = plan.safe_profile
    env.variables["org"] = plan.safe_profile.organisation
    env.variables["catalog"] = plan.catalog
    env.variables.update(plan.context(env.page.file.src_uri))
    term = plan.safe_profile.organisation.customer_term
    served = people_served(term and term.singular, term and term.plural, _translations(env)[0])
    env.variables["customer"] = served.singular
    env.variables["customers"] = served.plural
    env.variables["Customer"] = served.capital_singular
    env.variables["Customers"] = served.capital_plural
    env.variables.update(_organisation_forms(plan))


def _organisation_forms(plan: PagePlan) -> dict[str, str]:
    """The organisation's name with the article and case its sentences need ("at_org"...),
    from the profile's optional grammar; the escaped name, like ``org.name``."""
    organisation = plan.safe_profile.organisation
    grammar = organisation.grammar.name if organisation.grammar else None
    translations = plan.language.translations
    return organisation_forms(
        organisation.name,
        grammar,
        plan.language.code,
        translations.gettext,
        translations.pgettext,
    )


def _language(env: Any) -> str:
    # The tag as written ("en-GB"), so lists follow the regional rules (no serial comma).
    return _plan(env).language.locale


def _translations(env: Any) -> tuple[Any, Any]:
    """Plain gettext and ngettext callables from the Jinja environment's translations."""
    gettext, ngettext = env.env.globals["gettext"], env.env.globals["ngettext"]
    if getattr(ngettext, "jinja_pass_arg", None) is None:
        return gettext, ngettext
    context = env.env.from_string("").new_context({})
    return (
        functools.partial(gettext, context),
        lambda singular, plural, number: ngettext(context, singular, plural, number),
    )


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
            template = compiled[source] = compile_source(source)
        return template

    jinja.from_string = from_string  # type: ignore[method-assign]


def _plan(env: Any) -> PagePlan:
    plugin = env.conf["plugins"]["playbook"]
    return plugin.plan


def _label(item: Any) -> str:
    for attribute in ("name", "title"):
        label = getattr(item, attribute, None)
        if isinstance(label, str):
            return label
    raise TypeError(f"cannot link to a {type(item).__name__}")
