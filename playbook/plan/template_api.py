"""What page templates can call and read, for every engine: links, lists, counts, dates,
diagrams, and each page's variables.

The templates under ``content/`` render with these functions whichever engine draws the
site: mkdocs-macros registers them for MkDocs and ProperDocs (``playbook.engines.macros``),
and the Zensical adapter renders the pages itself with the same object
(``playbook.engines.rendering``). Nothing here imports an engine.

It only translates: the profile, its look-ups and a few link helpers go in; all wording
stays in the templates. The text the templates see has already been made safe (see
``playbook.plan.escaping``). The diagram functions (``journey_map()``,
``role_journey(role)``, ``org_chart()``, ``role_orgchart(role)``, ``kpi_map()``) return
inline SVG drawn by ``playbook.diagrams`` from the raw profile, which escapes it for XML.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from typing import Any

from playbook import diagrams
from playbook.diagrams import journey, kpimap, orgchart
from playbook.diagrams.svg import Href, resolve_words
from playbook.exports.cadence import read_cadence
from playbook.exports.calendars import LEADERSHIP_CALENDAR, role_calendar_path
from playbook.plan.pagemeta import markdown_html
from playbook.plan.pages import PagePlan
from playbook.plan.urls import item_source, page_url, relative_source, relative_url
from playbook.plan.views import VIEWS, Words
from playbook.words.dates import format_day
from playbook.words.phrases import (
    capitalise,
    count_phrase,
    join_items,
    organisation_forms,
    people_served,
)
from playbook.words.translations import N_

FUNCTIONS = (
    "link",
    "link_list",
    "join_list",
    "attendee_list",
    "file_href",
    "calendar_for",
    "reading_pages",
    "phases_json",
    "this_page",
    "date_locale",
    "words_json",
    "count",
    "path_to",
    "journey_map",
    "role_journey",
    "org_chart",
    "role_orgchart",
    "inline_html",
    "kpi_map",
    "view",
)
"""The functions templates call, by name."""
PAGE_VARIABLES = ("value", "role")
"""Variables set for one page only; cleared before the next page renders."""

_HREF = re.compile(r'href="([^"]*)"')


class TemplateApi:
    """The template functions, filters and variables of one build, page by page.

    Args:
        plan: gives the build's page plan (``mkdocs serve`` makes a new plan per build).
        directory_urls: whether the build gives pages directory URLs (``roles/x/``) or
            ``.html`` ones; links inside raw HTML are written for that.
        keep_drawing: what a diagram function returns for a drawing: the drawing itself,
            or a placeholder when the engine puts drawings into the HTML after Markdown.
    """

    def __init__(
        self,
        plan: Callable[[], PagePlan],
        directory_urls: Callable[[], bool],
        *,
        keep_drawing: Callable[[str], str] = str,
    ) -> None:
        self._plan = plan
        self._directory_urls = directory_urls
        self._keep_drawing = keep_drawing
        self.src_path = "index.md"
        self.url = ""
        self._index: tuple[PagePlan, diagrams.ProfileIndex] | None = None

    @property
    def plan(self) -> PagePlan:
        return self._plan()

    def at(self, src_path: str, url: str) -> dict[str, Any]:
        """Move to the page about to render; its variables (see ``page_variables``)."""
        self.src_path, self.url = src_path, url
        return self.page_variables()

    def functions(self) -> dict[str, Callable[..., Any]]:
        return {name: getattr(self, name) for name in FUNCTIONS}

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"capitalise": capitalise, "format_date": self.format_date}

    def page_variables(self) -> dict[str, Any]:
        """The shared data and the current page's own item (value or role): the profile as
        safe text, its look-ups, the customer words and the organisation's name forms."""
        plan = self.plan
        organisation = plan.safe_profile.organisation
        variables: dict[str, Any] = {
            "profile": plan.safe_profile,
            "org": organisation,
            "catalog": plan.catalog,
            **plan.context(self.src_path),
        }
        term = organisation.customer_term
        served = people_served(term and term.singular, term and term.plural, self._gettext)
        variables |= {
            "customer": served.singular,
            "customers": served.plural,
            "Customer": served.capital_singular,
            "Customers": served.capital_plural,
        }
        grammar = organisation.grammar.name if organisation.grammar else None
        translations = plan.language.translations
        forms = organisation_forms(
            organisation.name,
            grammar,
            plan.language.code,
            translations.gettext,
            translations.pgettext,
        )
        return variables | forms

    # --- links and lists -----------------------------------------------------------------

    def link(self, item: Any, text: str | None = None) -> str:
        """A Markdown link to the page (or the section of a page) that shows an item."""
        label = text if text is not None else _label(item)
        return f"[{label}]({self.path_to(self.plan.target(item))})"

    def link_list(
        self, items: list[Any], conjunction: str = "and", limit: int | None = None
    ) -> str:
        """Links to several items joined as a sentence does ("a, b and c"); past `limit`
        roles, the rest are counted ("and 8 more roles") so a page stays readable."""
        links = [self.link(item) for item in items[:limit]]
        if limit is not None and len(items) > limit:
            links.append(self.count(len(items) - limit, "more-role"))
        return join_items(links, conjunction, self._locale)

    def join_list(self, items: list[Any], conjunction: str = "and", emphasis: bool = False) -> str:
        """Texts or names joined as a sentence does; items with commas get semicolons.
        With `emphasis`, each name is set in italics."""
        words = [item if isinstance(item, str) else _label(item) for item in items]
        if emphasis:
            words = [f"*{word}*" for word in words]
        return join_items(words, conjunction, self._locale)

    def attendee_list(self, ritual: Any) -> str:
        """Who takes part in a ritual, as the profile says it: role links, department
        names, everyone or the leaders."""
        catalog = self.plan.catalog
        words = []
        for name in ritual.attendees:
            if name in catalog.roles_by_id:
                words.append(self.link(catalog.roles_by_id[name]))
            elif name in catalog.departments:
                words.append(name)
            elif name == "everyone":
                words.append(self._gettext(N_("everyone")))
            elif name == "leaders":
                words.append(self._gettext(N_("everyone who leads others")))
        return join_items(words, "and", self._locale)

    def view(self, name: str) -> Any:
        """A guide page's view model (``playbook.plan.views``): its finished lists and
        sentences, in the playbook's language."""
        plan = self.plan
        term = plan.safe_profile.organisation.customer_term
        served = people_served(term and term.singular, term and term.plural, self._gettext)
        words = Words(plan.language.translations, served, self._locale)
        return VIEWS[name](plan.safe_profile, plan.catalog, words, self.link)

    def file_href(self, path: str) -> str:
        """The address of a file the build writes beside the pages (a calendar, the feed),
        relative to the page being rendered, for a raw-HTML link (MkDocs checks Markdown
        links against the pages only)."""
        return html.escape(relative_url(path, self.url), quote=True)

    def calendar_for(self, role: Any = None) -> str | None:
        """The calendar file of a role's rituals (or of every ritual), when there is one."""
        catalog = self.plan.catalog
        rituals = (
            catalog.role_rituals(role) if role is not None else catalog.profile.leadership.rituals
        )
        if not any(read_cadence(ritual.cadence) for ritual in rituals):
            return None
        return role_calendar_path(role.id) if role is not None else LEADERSHIP_CALENDAR

    def reading_pages(self) -> str:
        """The pages a reader confirms, as a hidden list of links for the home page's reading
        list: each role's page, and the value pages and onboarding plan everyone reads.
        Links (not JSON) so that offline and directory builds hold the same page text."""
        plan = self.plan
        href = self._html_href()

        def entry(group: str, src_path: str, title: str) -> str:
            return (
                f'<li data-group="{group}" data-key="{html.escape(src_path, quote=True)}" '
                f'data-title="{html.escape(title, quote=True)}">'
                f'<a href="{html.escape(href(src_path), quote=True)}">{html.escape(title)}</a></li>'
            )

        roles = sorted(plan.profile.roles, key=lambda role: role.title.lower())
        items = [entry("role", item_source("roles", role.id), role.title) for role in roles]
        onboarding = plan.page("onboarding.md")
        assert onboarding is not None  # a fixed page of every plan
        items.append(entry("common", "onboarding.md", onboarding.title))
        items += [entry("common", item_source("values", v.id), v.name) for v in plan.profile.values]
        return '<ul class="playbook-reading-pages" hidden>' + "".join(items) + "</ul>"

    def phases_json(self) -> str:
        """The onboarding phases (id, name, goals) as attribute-safe JSON, for the plan with
        dates made in the browser; the profile's own text, which the script sets as text."""
        plan = self.plan
        onboarding = plan.profile.onboarding
        phases = onboarding.phases if onboarding else plan.catalog.phases
        data = [
            {"id": phase.id, "name": phase.name, "goals": " ".join(phase.goals)} for phase in phases
        ]
        return html.escape(json.dumps(data, ensure_ascii=False), quote=True)

    def this_page(self) -> str:
        """The source path of the page being rendered (``roles/x.md``), in every engine."""
        return self.src_path

    def date_locale(self) -> str:
        """The locale scripts write dates in: the playbook's language tag, with English
        without a region written the British way, as the pages write it."""
        tag = self._locale
        return "en-GB" if tag.lower() == "en" else tag

    def words_json(self, **texts: str) -> str:
        """Texts for a script, as an HTML-attribute-safe JSON object."""
        return html.escape(json.dumps(texts, ensure_ascii=False), quote=True)

    def count(self, number: int, noun: str) -> str:
        """A counted phrase with the right plural: count(1, "role") -> "1 role"."""
        return count_phrase(number, noun, self.plan.language.translations.ngettext)

    def path_to(self, target: str) -> str:
        """A source path like ``roles/x.md#kpis``, relative to the page being rendered."""
        path, _, anchor = target.partition("#")
        relative = relative_source(path, posixpath.dirname(self.src_path) or ".")
        return f"{relative}#{anchor}" if anchor else relative

    def format_date(self, day: Any, width: str = "long") -> str:
        """A date (or ISO date text) in the playbook's language: ``{{ day | format_date }}``."""
        return format_day(day, self.plan.language.locale, width)

    # --- diagrams: one line of HTML each (an inline SVG in a figure); they read the raw
    # profile and escape it themselves; the result is not rendered as Jinja again.

    def journey_map(self) -> str:
        """The customer journey as swimlanes: who meets the customer, who works behind."""
        return self._draw(diagrams.journey_map, journey)

    def role_journey(self, role: Any) -> str:
        """The journey map on a role page, with the role's own stages highlighted."""
        return self._draw(diagrams.role_journey, journey, role.id)

    def org_chart(self) -> str:
        """The reporting tree of all roles (departments, in a big organisation)."""
        return self._draw(diagrams.org_chart, orgchart)

    def role_orgchart(self, role: Any) -> str:
        """A role's manager, the role and its direct reports."""
        return self._draw(diagrams.role_orgchart, orgchart, role.id)

    def kpi_map(self) -> str:
        """Values -> KPIs (with their owners) -> the customer outcome of each KPI."""
        return self._draw(diagrams.kpi_map, kpimap)

    def _draw(self, draw: Callable[..., str], words_of: Any, *role_id: str) -> str:
        """A diagram drawn from the profile's index (for one role, when given), with links
        for this page and its module's words, kept as the engine wants drawings."""
        drawing = draw(self._diagram_index(), *role_id, self._html_href(), self._words(words_of))
        return self._keep_drawing(drawing)

    def inline_html(self, text: str) -> str:
        """Template text with inline Markdown (links, emphasis) as HTML, for raw-HTML blocks
        such as the self-assessment forms, where Markdown is not rendered and MkDocs does
        not rewrite links. Profile text in it is already escaped (see playbook.plan.escaping)."""
        converted = _inline_markdown(text)
        folder = posixpath.dirname(self.src_path)
        href = self._html_href()

        def page_link(match: re.Match[str]) -> str:
            target = match.group(1)
            path, _, anchor = target.partition("#")
            if not path.endswith(".md") or "://" in path:
                return match.group(0)
            source = posixpath.normpath(posixpath.join(folder, path))
            return f'href="{href(f"{source}#{anchor}" if anchor else source)}"'

        return _HREF.sub(page_link, converted)

    # --- helpers ---------------------------------------------------------------------------

    @property
    def _locale(self) -> str:
        # The tag as written ("en-GB"), so lists follow the regional rules (no serial comma).
        return self.plan.language.locale

    def _gettext(self, message: str) -> str:
        return str(self.plan.language.translations.gettext(message))

    def _words(self, module: Any) -> dict[str, str]:
        """A diagram's texts in the playbook's language, naming the people served as the
        profile does; the raw term, since the diagram escapes its text for XML itself."""
        plan = self.plan
        term = plan.profile.organisation.customer_term
        gettext = plan.language.translations.gettext
        served = people_served(term and term.singular, term and term.plural, gettext)
        return resolve_words(module.WORDS, gettext, served.singular, served.plural)

    def _diagram_index(self) -> diagrams.ProfileIndex:
        """The raw profile's diagram index, built once per plan."""
        plan = self.plan
        if self._index is None or self._index[0] is not plan:
            self._index = (plan, diagrams.index_profile(plan.profile))
        return self._index[1]

    def _html_href(self) -> Href:
        """Links for raw HTML, relative to the page being rendered.

        MkDocs rewrites links written in Markdown (``roles/x.md``) to the page's URL, but
        not links inside raw HTML, so these are computed the way MkDocs computes URLs:
        directory URLs (``roles/x/``) normally, ``roles/x.html`` when the site is built
        without them (the offline plugin turns them off).
        """
        directory_urls = self._directory_urls()
        current_src, current_url = self.src_path, self.url

        def href(target: str) -> str:
            path, _, anchor = target.partition("#")
            if path in ("", current_src):
                return f"#{anchor}" if anchor else "./"
            relative = relative_url(page_url(path, directory_urls), current_url)
            return f"{relative}#{anchor}" if anchor else relative

        return href


def _inline_markdown(text: str) -> str:
    """Inline Markdown as HTML, without the paragraph around it."""
    return markdown_html(text).removeprefix("<p>").removesuffix("</p>")


def _label(item: Any) -> str:
    for attribute in ("name", "title"):
        label = getattr(item, attribute, None)
        if isinstance(label, str):
            return label
    raise TypeError(f"cannot link to a {type(item).__name__}")
