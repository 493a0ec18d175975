"""The page plan: which pages a profile produces, at which paths, with which context.

This module is the heart of the site and deliberately knows nothing about MkDocs:
any static-site engine that can render Markdown with Jinja can be driven from a
``PagePlan``. Paths are built only from validated ids, so no profile can place a
page outside the site or make two pages share a path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from playbook.plan.catalog import Catalog, build_catalog
from playbook.plan.escaping import escape_profile
from playbook.plan.urls import item_source, page_url
from playbook.profile.checks import fit_default_plan
from playbook.profile.model import (
    FeedbackChannel,
    JourneyStage,
    Kpi,
    OnboardingPhase,
    Profile,
    RecognitionProgram,
    Role,
    Value,
)
from playbook.words.translations import ENGLISH, N_, NC_, Language, translate_texts


def packaged_content_dir() -> Path:
    """The page templates shipped with playbook (in the wheel, or the source checkout)."""
    package = Path(__file__).parents[1]
    installed = package / "content"
    return installed if installed.is_dir() else package.parent / "content"


def content_dirs(docs_dir: str | Path) -> list[Path]:
    """Where templates are looked up: the project's docs folder first, then the packaged one."""
    project, packaged = Path(docs_dir).resolve(), packaged_content_dir().resolve()
    return [project] if project == packaged else [project, packaged]


# The profile section of each kind of item that has a place on the site.
_SECTION_OF = {
    Value: "values",
    Role: "roles",
    Kpi: "kpis",
    JourneyStage: "journey",
    RecognitionProgram: "programs",
    FeedbackChannel: "feedback_channels",
    OnboardingPhase: "phases",
}

ITEM_TEMPLATES = {"value": "_templates/value.md", "role": "_templates/role.md"}

OVERVIEW_SOURCES = {
    "values": ("index.md", "values/index.md", "hiring.md", "recognition.md", "leadership.md"),
    "roles": ("roles/index.md", "journey.md", "decisions.md"),
    "kpis": ("kpis.md",),
    "journey": ("journey.md",),
    "programs": ("recognition.md",),
    "feedback_channels": ("feedback.md",),
}
"""The guide pages that show every item of a section of the profile."""

# The fixed guide pages, in navigation order: (source path, navigation title in English;
# plan_pages translates it).
GUIDE_PAGES = [
    ("journey.md", N_("Customer journey")),
    ("leadership.md", N_("Leadership")),
    ("onboarding.md", N_("Onboarding")),
    ("hiring.md", N_("Hiring")),
    ("recognition.md", N_("Recognition")),
    ("decisions.md", N_("Decisions")),
    ("kpis.md", N_("KPIs")),
    ("feedback.md", N_("Customer feedback")),
    ("culture-health.md", N_("Culture health")),
    ("changes.md", N_("What changed")),
]
# Titles that name the people served, used when the profile sets customer_term. The word
# is passed as written and the title's first letter is capitalised, so a translation can put
# it anywhere ("Parcours client", "Patient journey").
TERM_TITLES = {
    # Translators: a navigation title; its first letter is capitalised for you.
    "journey.md": N_("%(customer)s journey"),
    # Translators: a navigation title; its first letter is capitalised for you.
    "feedback.md": N_("%(customer)s feedback"),
}


@dataclass(frozen=True)
class PlannedPage:
    """One page of the playbook.

    Attributes:
        src_path: path of the page's Markdown source, relative to the docs folder.
        title: navigation title (from a validated name, or fixed).
        kind: "home", "values", "value", "roles", "role" or a guide page's name.
        template: the template the page's source is rendered from.
        item_id: the value or role id for per-item pages.
    """

    src_path: str
    title: str
    kind: str
    template: str
    item_id: str | None = None

    @property
    def url(self) -> str:
        """The page's URL relative to the site root, with directory URLs."""
        return page_url(self.src_path, directory_urls=True)


@dataclass
class PagePlan:
    """Every page of a playbook and the data its template renders."""

    profile: Profile
    safe_profile: Profile
    catalog: Catalog
    pages: list[PlannedPage] = field(default_factory=list)
    language: Language = ENGLISH
    """The language of the playbook: its code and the translations of every string."""

    def __post_init__(self) -> None:
        self.by_src = {page.src_path: page for page in self.pages}

    def page(self, src_path: str) -> PlannedPage | None:
        """The planned page for a source path, if the plan has one."""
        return self.by_src.get(src_path)

    def context(self, src_path: str) -> dict[str, Any]:
        """Template variables specific to one page (the shared ones come from globals)."""
        page = self.by_src.get(src_path)
        if page is None or page.item_id is None:
            return {}
        if page.kind == "value":
            return {"value": self.catalog.values_by_id[page.item_id]}
        return {"role": self.catalog.roles_by_id[page.item_id]}

    def target(self, item: Any) -> str:
        """Source path (with anchor) of the page that shows an item of the profile."""
        for kind, section in _SECTION_OF.items():
            if isinstance(item, kind):
                return item_source(section, item.id)
        raise TypeError(f"no page shows a {type(item).__name__}")

    @cached_property
    def shows(self) -> dict[str, list[tuple[str, str]]]:
        """For each page, the profile items it shows besides its own: (section, id) pairs,
        e.g. ``("kpis", "nps")`` on the page of every role that moves that KPI."""
        shown: dict[str, list[tuple[str, str]]] = {page.src_path: [] for page in self.pages}
        profile = self.profile
        sections: dict[str, list[Any]] = {
            "values": profile.values,
            "roles": profile.roles,
            "kpis": profile.kpis,
            "journey": profile.journey,
            "programs": profile.recognition.programs,
            "feedback_channels": profile.feedback_channels,
        }
        for section, items in sections.items():
            for item in items:
                for src_path in pages_showing(self.catalog, section, item.id):
                    shown.setdefault(src_path, []).append((section, item.id))
        return shown

    def nav(self) -> list[dict[str, Any]]:
        """The navigation as MkDocs-style nested entries: [{title: path or [...]}, ...]."""
        value_pages = [page for page in self.pages if page.kind == "value"]
        guide_sources = {src for src, _title in GUIDE_PAGES}
        guide_pages = [page for page in self.pages if page.src_path in guide_sources]
        return [
            {self.by_src["index.md"].title: "index.md"},
            {
                self.by_src["values/index.md"].title: ["values/index.md"]
                + [{p.title: p.src_path} for p in value_pages]
            },
            # A page, not a section: role pages stay out of the navigation, and a section
            # holding only its index page names a label Material does not draw.
            {self.by_src["roles/index.md"].title: "roles/index.md"},
            *({p.title: p.src_path} for p in guide_pages),
        ]


# German titles as one compound word ("Patientenreise"), when the profile gives the
# customer word's compound form (organisation.grammar.customer_term.compound).
COMPOUND_TITLES = {
    # Translators: German only, a navigation title as one compound word, e.g.
    # "%(compound)sreise" gives "Patientenreise". Other languages never show it: copy the
    # msgid.
    "journey.md": NC_("customer word as a compound", "%(compound)s journey"),
    # Translators: German only, e.g. "%(compound)sfeedback" gives "Patientenfeedback".
    # Other languages never show it: copy the msgid.
    "feedback.md": NC_("customer word as a compound", "%(compound)s feedback"),
}


def _guide_title(src: str, title: str, organisation: Any, language: Language) -> str:
    """A guide page's navigation title, with the organisation's word for its customers."""
    term = organisation.customer_term
    translations = language.translations
    if term is None or src not in TERM_TITLES:
        return str(translations.gettext(title))
    grammar = organisation.grammar.customer_term if organisation.grammar else None
    if grammar and grammar.compound and language.code.split("_")[0] == "de":
        message = COMPOUND_TITLES[src]
        text = translations.pgettext("customer word as a compound", message)
        return text % {"compound": grammar.compound}
    text = str(translations.gettext(TERM_TITLES[src])) % {"customer": term.singular}
    return text[:1].upper() + text[1:]


def pages_showing(catalog: Catalog, section: str, item_id: str) -> list[str]:
    """Source paths of the pages that show an item of the profile, besides its own page or
    section: the guide pages of its section and the role pages that show it (every value;
    a role's manager and direct reports; a KPI's, a stage's, a program's roles; a
    feedback channel's owner)."""
    pages = list(OVERVIEW_SOURCES[section])
    roles = catalog.profile.roles
    if section == "values":
        shown = [role.id for role in roles]  # every role page shows every value
    elif section == "roles":
        shown = [catalog.roles_by_id[item_id].reports_to]
        shown += [role.id for role in roles if role.reports_to == item_id]
    elif section == "kpis":
        shown = [role.id for role in roles if item_id in role.kpis]
    elif section == "journey":
        shown = [role.id for role in roles if item_id in role.touchpoints]
    elif section == "programs":
        shown = [
            role.id
            for role in roles
            if any(program.id == item_id for program in catalog.role_programs(role))
        ]
    else:
        channels = {channel.id: channel for channel in catalog.profile.feedback_channels}
        shown = [channels[item_id].owner]
    return pages + [item_source("roles", role_id) for role_id in shown if role_id]


def plan_pages(
    profile: Profile, default_phases: list[OnboardingPhase], language: Language = ENGLISH
) -> PagePlan:
    """Plan every page for a validated profile.

    Args:
        profile: the validated profile (raw text; it is escaped here, once).
        default_phases: the onboarding plan to use if the profile has none.
        language: the playbook's language; the fixed pages' titles are translated with it.
    """
    _ = language.translations.gettext
    if not language.known and profile.organisation.customer_term:
        # No catalogue: the playbook is in English, and the profile's word for its customers
        # ("usuario") would make titles and sentences half English ("Usuario journey").
        organisation = profile.organisation.model_copy(update={"customer_term": None})
        profile = profile.model_copy(update={"organisation": organisation})
    safe_profile = escape_profile(profile)
    fitted = fit_default_plan(default_phases, profile)
    safe_phases = [escape_profile(translate_texts(phase, _)) for phase in fitted]
    catalog = build_catalog(safe_profile, safe_phases)
    pages = [
        PlannedPage("index.md", _("Home"), "home", "index.md"),
        PlannedPage("values/index.md", _("Values"), "values", "values/index.md"),
    ]
    pages += [
        PlannedPage(
            item_source("values", value.id), value.name, "value", ITEM_TEMPLATES["value"], value.id
        )
        for value in profile.values
    ]
    pages.append(PlannedPage("roles/index.md", _("Roles"), "roles", "roles/index.md"))
    pages += [
        PlannedPage(
            item_source("roles", role.id), role.title, "role", ITEM_TEMPLATES["role"], role.id
        )
        for role in profile.roles
    ]
    pages += [
        PlannedPage(
            src,
            _guide_title(src, title, profile.organisation, language),
            src.removesuffix(".md"),
            src,
        )
        for src, title in GUIDE_PAGES
    ]
    return PagePlan(profile, safe_profile, catalog, pages, language)
