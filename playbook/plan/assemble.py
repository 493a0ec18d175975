"""The assembly step: from a profile file to everything an engine needs to draw the site.

``assemble`` is the whole of the playbook's own work before an engine runs, engine-neutral
(no MkDocs here): it reads and checks the profile once, chooses the language, plans the
pages and gathers what every engine must show the same way: the site name, the
navigation, the theme's assets, the organisation's brand files, the interface words the
theme's language files leave out, and each page's template source. An engine adapter
(``playbook.engines.plugin`` for MkDocs and ProperDocs, ``playbook.engines.zensical``)
translates the ``SitePlan`` into its own settings; it never reads the profile itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import TemplateSyntaxError
from markupsafe import Markup

from playbook.errors import BuildError, display_name
from playbook.plan.escaping import (
    escaped_nav,
    features_safe_for_titles,
    profile_texts,
    text_as_html,
)
from playbook.plan.pages import PagePlan, packaged_content_dir, plan_pages
from playbook.plan.template_cache import parsing_key
from playbook.plan.urls import absolute_url
from playbook.profile.brand import brand_logo, palette, palette_css
from playbook.profile.checks import default_onboarding, load_checked
from playbook.profile.logo import LogoError
from playbook.words.translations import (
    LOCALE_DIR,
    N_,
    language_problem,
    select_language,
    unsupported_language,
)

THEME_DIR = Path(__file__).parents[1] / "theme"
"""Material overrides (custom_dir semantics) and the playbook's static assets."""

# Folders of a docs folder that hold templates and partials, not pages.
TEMPLATE_FOLDERS = ("_templates/", "_partials/")


@dataclass(frozen=True)
class ThemeAssets:
    """The playbook theme's files (under ``THEME_DIR``) that pages link, by site path."""

    stylesheet: str = "assets/playbook/playbook.css"
    changes_stylesheet: str = "assets/playbook/changes.css"
    checklist_script: str = "assets/playbook/checklists.js"
    changes_script: str = "assets/playbook/changes.js"
    self_assessment_script: str = "assets/playbook/self-assessment.js"
    reading_script: str = "assets/playbook/reading.js"
    offline_search_shim: str = "assets/playbook/iframe-worker/offline-search.js"
    """Replaces the worker polyfill that Material's offline plugin would load from unpkg.com
    (that plugin adds its own unless a polyfill path names "iframe-worker")."""

    @property
    def stylesheets(self) -> tuple[str, ...]:
        """Linked by every page."""
        return (self.stylesheet, self.changes_stylesheet)

    @property
    def scripts(self) -> tuple[str, ...]:
        """Loaded (deferred) by every page that uses them: none is needed before reading."""
        return (
            self.checklist_script,
            self.changes_script,
            self.self_assessment_script,
            self.reading_script,
        )

    @property
    def page_scripts(self) -> dict[str, str]:
        """Scripts a page loads only when its content needs them, by the feature
        ``playbook.plan.pagemeta.features_used`` finds."""
        return {
            "checklists": self.checklist_script,
            "self-assessment": self.self_assessment_script,
            "reading": self.reading_script,
        }

    @property
    def page_stylesheets(self) -> dict[str, str]:
        """Stylesheets a page links only when its content needs them (``theme/main.html``
        writes them after ``extra_css``)."""
        return {
            name: f"assets/playbook/{name}.css"
            for name in ("checklists", "diagrams", "reading", "self-assessment")
        }


ASSETS = ThemeAssets()

BRAND_STYLESHEET = "assets/playbook/brand.css"
BRAND_LOGO = "assets/playbook/brand-logo"
"""The organisation's logo, checked and copied from beside the profile (with the suffix of
its format)."""

# The theme's own English that its language files leave out: the footer and the 404 page
# read these from `extra.playbook_interface` (playbook/theme overrides them).
INTERFACE_WORDS = {
    "made_with": N_("Made with"),
    "not_found": N_("404 - Not found"),
    "search": N_("Search"),
}
PERMALINK_TITLE = N_("Permanent link")
PALETTE_TOGGLES = (N_("Switch to dark mode"), N_("Switch to light mode"))
"""The toggle names of the built-in settings and the scaffold's mkdocs.yml; a name of the
project's own is left as it is."""


@dataclass(frozen=True)
class SiteRequest:
    """What a project's settings ask of the playbook.

    Attributes:
        profile_path: the org profile.
        docs_dir: the project's docs folder (its pages and templates win over the packaged
            ones).
        locale_dir: a folder of the project's own catalogues, searched first.
        site_name_from_profile: name the site after the organisation.
    """

    profile_path: Path
    docs_dir: Path
    locale_dir: Path | None = None
    site_name_from_profile: bool = True


@dataclass
class SitePlan:
    """Everything an engine needs to draw the playbook.

    Attributes:
        pages: the page plan (pages, URLs, titles, language, the profile, its look-ups, and
            for each page the profile items it shows: ``pages.shows``).
        sources: each page's template source, by source path: the project's own page when
            its docs folder has one, else the packaged template (a value or role page
            includes its shared template).
        site_name: "<organisation> playbook" as HTML text, or None to keep the settings'.
        nav: the navigation as MkDocs-style entries, titles as HTML text.
        interface: the theme's words the playbook translates ("Made with", "Search"...).
        permalink_title: the heading permalinks' tooltip.
        palette_toggles: the built-in palette toggle names and their translations.
        brand_files: files to add to the site (the organisation's colours and logo).
        brand_stylesheet: the brand stylesheet's site path, when the profile has a colour.
        logo: the logo's site path, when the profile names a logo.
        warnings: what the build should warn about (profile lint, language problems).
    """

    pages: PagePlan
    sources: dict[str, str]
    site_name: Markup | None
    nav: list[Any]
    interface: dict[str, str]
    permalink_title: str
    palette_toggles: dict[str, str]
    brand_files: dict[str, bytes] = field(default_factory=dict)
    brand_stylesheet: str | None = None
    logo: str | None = None
    warnings: list[str] = field(default_factory=list)
    assets: ThemeAssets = ASSETS

    @property
    def changelog_dates(self) -> list[dt.date]:
        """The dates of the profile's changelog entries, newest first as written."""
        return [entry.date for entry in self.pages.profile.changelog]

    def looks_like(self, other: SitePlan) -> bool:
        """Whether every page shows the same site around its content: name, language,
        colours and logo, the pages that exist and the navigation."""
        return (
            self.site_name == other.site_name
            and self.pages.language.code == other.pages.language.code
            and self.pages.language.locale == other.pages.language.locale
            and self.brand_files == other.brand_files
            and [page.src_path for page in self.pages.pages]
            == [page.src_path for page in other.pages.pages]
            and self.nav == other.nav
        )

    def theme_features(self, features: Iterable[str]) -> list[str]:
        """The theme features, without the ones that would show profile text as markup."""
        return features_safe_for_titles(list(features), profile_texts(self.pages.profile))

    def link_card(self, site_url: str | None, logo: str | None) -> dict[str, str | None]:
        """What every page's link preview shares: its locale (``de_CH``) and the brand logo
        as an absolute address, when the logo and ``site_url`` are there to make one."""
        image = None
        if logo and logo.startswith(BRAND_LOGO) and site_url:
            image = text_as_html(absolute_url(site_url, logo))
        return {"locale": self.pages.language.tag.replace("-", "_"), "image": image}


def assemble(request: SiteRequest) -> SitePlan:
    """Read and check the profile, plan every page and gather what engines draw.

    Raises:
        ProfileError: the profile is invalid.
        BuildError: the logo cannot be published (it changed since the profile was checked).
    """
    profile_path = request.profile_path
    profile, loaded = load_checked(profile_path, display_name(profile_path))
    warnings = [str(warning) for warning in loaded.warnings]
    own_catalogues = [request.locale_dir] if request.locale_dir else []
    language = select_language(profile.organisation.language, [*own_catalogues, LOCALE_DIR])
    unsupported = unsupported_language(
        language, customer_term=profile.organisation.customer_term is not None
    )
    problem = language_problem(language)
    if unsupported:
        warnings.append(str(loaded.problem(("organisation", "language"), unsupported)))
    elif problem:
        warnings.append(problem)
    pages = plan_pages(profile, default_onboarding().phases, language)
    _ = language.translations.gettext
    site_name = None
    if request.site_name_from_profile:
        site_name = text_as_html(
            _("%(organisation)s playbook") % {"organisation": profile.organisation.name}
        )
    site = SitePlan(
        pages=pages,
        sources=page_sources(pages, request.docs_dir),
        site_name=site_name,
        nav=escaped_nav(pages.nav()),
        interface={key: _(text) for key, text in INTERFACE_WORDS.items()},
        permalink_title=_(PERMALINK_TITLE),
        palette_toggles={name: _(name) for name in PALETTE_TOGGLES},
        warnings=warnings,
    )
    _add_brand(site, profile_path.parent)
    return site


def page_sources(plan: PagePlan, docs_dir: Path, packaged: Path | None = None) -> dict[str, str]:
    """Each planned page's template source: the project's own page, else the packaged one.

    A value or role page is one line including its shared template: the template itself
    is compiled once and cached by the engine's Jinja environment.

    Args:
        packaged: the packaged page templates (default: the ones shipped with playbook).
    """
    packaged = packaged or packaged_content_dir()
    own_folder = docs_dir.resolve() != packaged.resolve()
    sources: dict[str, str] = {}
    for page in plan.pages:
        path = docs_dir / page.src_path
        if own_folder and path.is_file():
            sources[page.src_path] = path.read_text(encoding="utf-8")
        elif page.item_id is not None:
            sources[page.src_path] = f'{{% include "{page.template}" %}}\n'
        else:
            sources[page.src_path] = (packaged / page.template).read_text(encoding="utf-8")
    return sources


def _add_brand(site: SitePlan, profile_dir: Path) -> None:
    """The organisation's colour and logo, when the profile names them."""
    profile = site.pages.profile
    brand = profile.organisation.brand
    if brand is None:
        return
    if brand.colour:
        site.brand_stylesheet = BRAND_STYLESHEET
        site.brand_files[BRAND_STYLESHEET] = palette_css(palette(brand.colour)).encode()
    try:  # read again, and checked again, on the open file: it may have changed
        logo = brand_logo(profile, profile_dir)
    except LogoError as error:
        raise BuildError(f"organisation.brand.logo: {error}") from None
    if logo is not None:
        site.logo = BRAND_LOGO + logo.suffix
        site.brand_files[site.logo] = logo.content


def check_template_syntax(jinja: Any, docs_dir: Path) -> None:
    """Every page and template of the project's docs folder is valid Jinja, or BuildError
    naming each mistake as ``FILE:LINE: message`` (Jinja's own words).

    Args:
        jinja: the Jinja environment the pages render with (its delimiters and
            extensions); ``{% trans %}`` is added, as the build adds it.
        docs_dir: the project's docs folder.
    """
    parser = jinja.overlay(extensions=["jinja2.ext.i18n"])
    parsing = parsing_key(parser)
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if path.suffix != ".md" and not relative.startswith(TEMPLATE_FOLDERS):
            continue
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not a template; MkDocs says what it cannot read
        if not relative.startswith(TEMPLATE_FOLDERS) and _renders_no_macros(source):
            continue
        checked = (parsing, relative, source)
        if checked in _VALID_TEMPLATES:
            continue  # checked by an earlier build of this process (serve, a test run)
        try:
            parser.parse(source, relative, str(path))
        except TemplateSyntaxError as error:
            problems.append(
                f"{display_name(path)}:{error.lineno}: template syntax: {error.message}"
            )
        else:
            _VALID_TEMPLATES.add(checked)
    if problems:
        raise BuildError("\n".join(problems))


_VALID_TEMPLATES: set[tuple[str, str, str]] = set()
"""Templates found valid in this process: (parsing configuration, path, source)."""


def _renders_no_macros(source: str) -> bool:
    """Whether a page's front matter says ``render_macros: false`` (mkdocs-macros skips it)."""
    if not source.startswith("---"):
        return False
    front, end, _ = source[3:].partition("\n---")
    if not end:
        return False
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError:
        return False
    return isinstance(meta, dict) and meta.get("render_macros") is False
