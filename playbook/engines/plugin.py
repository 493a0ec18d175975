"""The MkDocs plugin: a thin adapter from MkDocs 1.6 to the page plan.

It loads and validates the profile once per build, adds the planned pages as
generated files (nothing is written into the docs folder), builds the navigation
and watches the profile so ``mkdocs serve`` reloads when HR saves it.

It also dresses every playbook the same way, whatever its mkdocs.yml says: the theme
overrides, styles and scripts (checklists, self-assessments) of ``playbook/theme``
(accessibility fixes, phone and print layout), system fonts instead of Google Fonts,
accessible tables and task lists (``playbook.plan.markup``), a local search shim for offline
builds, and, on request, the print documents that ``playbook build --pdf`` turns into PDFs
(``playbook.exports.printing``).
"""

from __future__ import annotations

import html as html_text
import os
from pathlib import Path
from typing import Any

import yaml
from jinja2 import TemplateSyntaxError

from playbook.engines.mkdocs import index_without_excluded_bodies
from playbook.engines.mkdocs_api import (
    BasePlugin,
    ExtraScriptValue,
    File,
    Files,
    MkDocsConfig,
    PluginError,
    base,
    event_priority,
    get_plugin_logger,
    macros_jinja_environment,
    offline_enabled,
    read_settings_file,
)
from playbook.engines.mkdocs_api import config_options as c
from playbook.engines.preview import BuiltSite, install_fast_preview
from playbook.engines.rendering import ThemeFixLoader, display_name
from playbook.engines.setaside import SetAside
from playbook.errors import BuildError, ProfileError
from playbook.exports.printing import (
    PrintDocument,
    RenderedPage,
    plan_print_documents,
    render_print_document,
)
from playbook.exports.write import write_exports
from playbook.hr.changes import RECORD_FILE
from playbook.hr.notes import PageNotes, start_change_notes
from playbook.hr.redirects import plan_redirects, write_redirects
from playbook.plan.escaping import (
    escaped_nav,
    features_safe_for_titles,
    profile_texts,
    text_as_html,
)
from playbook.plan.markup import AccessibleMarkupExtension
from playbook.plan.pagemeta import description, features_used, opening_text, planned_description
from playbook.plan.pages import PagePlan, content_dirs, packaged_content_dir, plan_pages
from playbook.plan.urls import absolute_url
from playbook.profile.brand import brand_logo, palette, palette_css
from playbook.profile.checks import default_onboarding, load_checked
from playbook.profile.logo import LogoError
from playbook.sitebuild.folder import mark_site
from playbook.sitebuild.minify import minify_assets
from playbook.sitebuild.settings import PROFILE_ENV
from playbook.words.translations import (
    LOCALE_DIR,
    N_,
    Language,
    language_problem,
    select_for_project,
    unsupported_language,
)

log = get_plugin_logger(__name__)

# Folders of the docs folder that hold templates and partials, not pages.
TEMPLATE_FOLDERS = ("_templates/", "_partials/")

THEME_DIR = Path(__file__).parents[1] / "theme"
"""Material overrides (custom_dir semantics) and the playbook's static assets."""

STYLESHEET = "assets/playbook/playbook.css"
CHECKLIST_SCRIPT = "assets/playbook/checklists.js"
CHANGES_STYLESHEET = "assets/playbook/changes.css"
CHANGES_SCRIPT = "assets/playbook/changes.js"
BRAND_STYLESHEET = "assets/playbook/brand.css"
BRAND_LOGO = "assets/playbook/brand-logo"
"""The organisation's logo, checked and copied from beside the profile (with the suffix of
its format)."""
SELF_ASSESSMENT_SCRIPT = "assets/playbook/self-assessment.js"
READING_SCRIPT = "assets/playbook/reading.js"
PAGE_SCRIPTS = {
    "checklists": CHECKLIST_SCRIPT,
    "self-assessment": SELF_ASSESSMENT_SCRIPT,
    "reading": READING_SCRIPT,
}
"""Scripts a page loads only when its content needs them (see ``playbook.plan.pagemeta``)."""
PAGE_STYLESHEETS = {
    name: f"assets/playbook/{name}.css"
    for name in ("checklists", "diagrams", "reading", "self-assessment")
}
"""Stylesheets a page links only when its content needs them: listed in
``extra.playbook_stylesheets`` (not ``extra_css``, which every page links) and written by
``theme/main.html``."""
OFFLINE_SEARCH_SHIM = "assets/playbook/iframe-worker/offline-search.js"
"""Replaces the worker polyfill that Material's offline plugin would load from unpkg.com
(that plugin adds its own unless a polyfill path names "iframe-worker")."""

# Material's own English that its language files leave out: the footer and the 404 page
# read these from `extra.playbook_interface` (playbook/theme overrides them); the
# permalink title and the palette toggles are settings, translated in on_config.
INTERFACE_WORDS = {"made_with": N_("Made with"), "not_found": N_("404 - Not found")}
PERMALINK_TITLE = N_("Permanent link")
PALETTE_TOGGLES = (N_("Switch to dark mode"), N_("Switch to light mode"))
"""The toggle names of the built-in settings and the scaffold's mkdocs.yml; a name of the
project's own is left as it is."""

# Material's search dialog has no accessible name (axe: aria-dialog-name); the label is
# added to the built HTML rather than by patching the page with JavaScript at run time.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
LABELLED_SEARCH_DIALOG = (
    '<div class="md-search" data-md-component="search" role="dialog" aria-label="{label}">'
)


class PlaybookPluginConfig(base.Config):
    profile = c.Type(str, default="org_config.yml")
    """Path of the org profile, relative to mkdocs.yml."""

    navigation = c.Type(bool, default=True)
    """Build the navigation from the page plan when mkdocs.yml has no `nav`."""

    site_name_from_profile = c.Type(bool, default=True)
    """Name the site after the organisation ("<name> playbook")."""

    google_fonts = c.Type(bool, default=False)
    """Load Material's fonts from Google Fonts. Off: system fonts, and no page of the
    playbook asks anything of another server (intranets, privacy)."""

    print_pages = c.Type(bool, default=False)
    """Also write the print documents (whole playbook, one onboarding pack per role) to
    `print/`; `playbook build --pdf` turns this on and prints them to `pdf/`."""

    locale_dir = c.Optional(c.Type(str))
    """A folder of the project's own catalogues, `<lang>/LC_MESSAGES/playbook.po`, relative
    to mkdocs.yml and searched before the shipped ones: to add a language or reword a
    translation without changing playbook."""


class PlaybookPlugin(BasePlugin[PlaybookPluginConfig]):
    """Generates the playbook's pages from the org profile."""

    plan: PagePlan
    profile_path: Path
    print_documents: list[PrintDocument]
    """The print documents written by the last build (empty unless `print_pages`)."""
    previous_site: Path | None = None
    """The site this build replaces, when it is not ``site_dir`` (``playbook build``
    builds into a staging folder); its change record dates the unchanged pages."""
    notes: PageNotes
    _rendered: list[RenderedPage]
    _search_dialog: str
    built: BuiltSite | None = None
    """The last full build while serving (for the fast preview), else None."""
    set_aside: SetAside | None = None
    """The diagrams kept out of Python-Markdown during this build (see
    ``playbook.engines.setaside``)."""
    _serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this plugin across the rebuilds of
        # `serve`, so the fast preview always sees the latest build.
        self._serving = command == "serve"

    # Before Material's search plugin, which reads theme.language in its own on_config to
    # choose the search stemmer.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _require_strict_macros(config)
        project_dir = Path(config.config_file_path or ".").resolve().parent
        self.profile_path = project_dir / os.environ.get(PROFILE_ENV, self.config.profile)
        try:
            profile, loaded = load_checked(self.profile_path, display_name(self.profile_path))
        except ProfileError as error:
            raise PluginError("the org profile is invalid:\n" + "\n".join(error.lines)) from None
        for warning in loaded.warnings:
            log.warning(str(warning))  # text cut at ' #': --strict makes it fail
        language = select_for_project(
            profile.organisation.language, project_dir, self.config.locale_dir
        )
        unsupported = unsupported_language(
            language, customer_term=profile.organisation.customer_term is not None
        )
        problem = language_problem(language)
        if unsupported:
            log.warning(str(loaded.problem(("organisation", "language"), unsupported)))
        elif problem:
            log.warning(problem)
        self.plan = plan_pages(profile, default_onboarding().phases, language)
        _ = language.translations.gettext
        if self.config.site_name_from_profile:
            config.site_name = text_as_html(
                _("%(organisation)s playbook") % {"organisation": profile.organisation.name}
            )
        self._search_dialog = LABELLED_SEARCH_DIALOG.format(
            label=html_text.escape(_("Search"), quote=True)
        )
        if self.config.navigation and not config.nav:
            config.nav = escaped_nav(self.plan.nav())
        features = list(config.theme.get("features") or [])
        config.theme["features"] = features_safe_for_titles(features, profile_texts(profile))
        _use_playbook_theme(config, google_fonts=self.config.google_fonts)
        _use_theme_language(config, language)  # after the theme: it has en-US.html
        _translate_interface(config, _)
        self._use_brand(profile, config)
        self._card = _link_preview(config, self.plan.language.tag)
        extensions: list[Any] = config.markdown_extensions
        if not any(isinstance(item, AccessibleMarkupExtension) for item in extensions):
            extensions.append(AccessibleMarkupExtension())
        self._rendered = []
        self.print_documents = []
        self.notes = start_change_notes(
            self.plan,
            self.profile_path,
            previous_site=self.previous_site or Path(config.site_dir),
            template_dirs=content_dirs(config.docs_dir),
            language=self.plan.language,
        )
        return config

    def _use_brand(self, profile: Any, config: MkDocsConfig) -> None:
        """The organisation's colour and logo, when the profile names them."""
        self._brand_files: dict[str, bytes] = {}
        brand = profile.organisation.brand
        if brand is None:
            return
        if brand.colour:
            self._brand_files[BRAND_STYLESHEET] = palette_css(palette(brand.colour)).encode()
            if BRAND_STYLESHEET not in config.extra_css:
                config.extra_css.append(BRAND_STYLESHEET)
        try:  # read again, and checked again, on the open file: it may have changed
            logo = brand_logo(profile, self.profile_path.parent)
        except LogoError as error:
            raise PluginError(f"organisation.brand.logo: {error}") from None
        if logo is not None:
            target = BRAND_LOGO + logo.suffix
            self._brand_files[target] = logo.content
            config.theme["logo"] = target

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Before any page renders: mkdocs-macros reports a syntax error in an included
        # template as "list index out of range", with no file or line.
        macros = config.plugins.get("macros")
        if macros is not None:
            check_template_syntax(macros_jinja_environment(macros), Path(config.docs_dir))
        for file in list(files):
            if file.src_uri.startswith(TEMPLATE_FOLDERS):
                files.remove(file)
        for path, content in self._brand_files.items():
            files.append(File.generated(config, path, content=content))
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

    def on_page_markdown(
        self, markdown: str, *, page: Any, config: MkDocsConfig, files: Files
    ) -> str:
        """Give every planned page its title as escaped HTML text, and the pages about one
        thing (home, a value, a role) their description.

        Material writes ``page.title | striptags`` into ``<title>``, which turns the
        heading's ``&lt;`` back into ``<``; a title in the page's meta is written as it is.
        """
        planned = self.plan.page(page.file.src_uri)
        if planned is not None and planned.kind != "home":
            page.meta["title"] = text_as_html(planned.title)
        if planned is not None and not page.meta.get("description"):
            text = planned_description(self.plan, planned)
            if text:
                page.meta["description"] = description(text)
        page.meta["playbook_card"] = self._card
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Date the page ("Updated on ..."); keep it for the print documents (when asked for).

        A page without a description yet is described by its opening paragraph; the
        playbook's scripts and stylesheets its content does not use are left out of it.
        """
        if self.set_aside is not None:  # first: everything below reads the diagrams
            html = self.set_aside.restore(html)
        if not page.meta.get("description"):
            opening = opening_text(html)
            if opening:
                page.meta["description"] = description(opening)
        if "navigation.instant" not in (config.theme.get("features") or []):
            used = features_used(html)  # instant navigation swaps content, not the head
            page.meta["playbook_skipped_scripts"] = [
                script for name, script in PAGE_SCRIPTS.items() if name not in used
            ]
            page.meta["playbook_skipped_styles"] = [
                sheet for name, sheet in PAGE_STYLESHEETS.items() if name not in used
            ]
        # A title taken from the page's h1 keeps the h1's character references.
        title = html_text.unescape(page.title or config.site_name)
        html = self.notes.add_updated_note(html, page.file.src_uri, page.url, title)
        if self.config.print_pages:
            self._rendered.append(RenderedPage(page.file.src_uri, page.url, title, html))
        return html

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        """Give Material's search dialog an accessible name; add the change marks and lists."""
        if SEARCH_DIALOG not in output and 'data-md-component="search"' in output:
            # A Material release changed the dialog's markup: say so, and --strict fails.
            log.warning("the search dialog's markup changed; it is left without a name")
        output = self.notes.add_page_marks(output, page.file.src_uri, page.url)
        if page.file.src_uri == "changes.md":
            dates = [entry.date for entry in self.plan.profile.changelog]
            output = self.notes.fill_changed_pages(output, page.url, dates)
        return output.replace(SEARCH_DIALOG, self._search_dialog, 1)

    @event_priority(-200)  # after every other plugin, so the site's marker lists their files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the change record, redirects from former ids and the print documents (when
        asked for); mark the site as playbook's, listing every file it wrote."""
        site_dir = Path(config.site_dir)
        if not self._serving:  # the preview keeps the readable files, and saves the time
            minify_assets(site_dir)
        (site_dir / RECORD_FILE).write_text(self.notes.tracker.record(), encoding="utf-8")
        self.write_redirect_pages(site_dir, config)
        self.write_export_files(site_dir, config)
        if self._serving:
            self.built = BuiltSite(config, self._files, self._nav, self._env)
        if not self.config.print_pages:
            mark_site(site_dir)
            return
        stylesheets = _stylesheets(site_dir, config)
        language = str(config.theme.get("language") or "en")
        direction = str(config.theme.get("direction") or "ltr")
        # The site name is stored HTML-escaped (see on_config); print documents escape
        # their own text.
        site_name = html_text.unescape(config.site_name)
        self.print_documents = plan_print_documents(self.plan, self._rendered, site_name)
        for document in self.print_documents:
            target = site_dir / document.html_path
            target.parent.mkdir(parents=True, exist_ok=True)
            text = render_print_document(
                document, stylesheets=stylesheets, language=language, direction=direction
            )
            target.write_text(text, encoding="utf-8")
        mark_site(site_dir)
        self._rendered = []

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.built = None  # a build that fails from here on may leave a half-written site
        self.set_aside = SetAside()
        index_without_excluded_bodies(config)  # after Material's search made its index

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._nav, self._files = nav, files
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if not isinstance(env.loader, ThemeFixLoader):
            env.loader = ThemeFixLoader(env.loader)  # see playbook.plan.escaping.THEME_FIXES
        self._env = env
        return env

    def write_export_files(self, site_dir: Path, config: MkDocsConfig) -> list[str]:
        """Write the ritual calendars, the changelog feed, playbook.json and llms.txt."""
        tracker = self.notes.tracker
        return write_exports(
            site_dir,
            self.plan,
            directory_urls=config.use_directory_urls,
            site_name=html_text.unescape(config.site_name),
            site_url=config.site_url or None,
            tracked=tracker.pages,
            changes=tracker.changes,
            now=tracker.now,
        )

    def write_redirect_pages(self, site_dir: Path, config: MkDocsConfig) -> list[Path]:
        """Write a redirect page at every former address of a role or value."""
        return write_redirects(
            site_dir,
            plan_redirects(self.plan.profile),
            template_dirs=content_dirs(config.docs_dir),
            directory_urls=config.use_directory_urls,
            site_url=config.site_url,
            language=self.plan.language,
        )

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.profile_path))
        watched = [Path(config.docs_dir), *(Path(path) for path in config.watch)]
        if config.config_file_path:
            watched.append(Path(config.config_file_path))
        packaged = packaged_content_dir()
        if packaged.resolve() != Path(config.docs_dir).resolve():
            server.watch(str(packaged))
            watched.append(packaged)
        # Without a plan the profile had mistakes: watch the shipped catalogues meanwhile.
        plan = getattr(self, "plan", None)
        searched = plan.language.searched if plan is not None else [LOCALE_DIR]
        for folder in searched:
            if folder.is_dir():
                server.watch(str(folder))  # a translator sees an edited catalogue at once
                watched.append(folder)
        install_fast_preview(server, self, watched, builder)
        return server


def check_template_syntax(jinja: Any, docs_dir: Path) -> None:
    """Every page and template of the project's docs folder is valid Jinja, or BuildError
    naming each mistake as ``FILE:LINE: message`` (Jinja's own words).

    Args:
        jinja: the Jinja environment the pages render with (its delimiters and
            extensions); ``{% trans %}`` is added, as the build adds it.
        docs_dir: the project's docs folder.
    """
    parser = jinja.overlay(extensions=["jinja2.ext.i18n"])
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
        try:
            parser.parse(source, relative, str(path))
        except TemplateSyntaxError as error:
            problems.append(
                f"{display_name(path)}:{error.lineno}: template syntax: {error.message}"
            )
    if problems:
        raise BuildError("\n".join(problems))


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


def _use_playbook_theme(config: MkDocsConfig, *, google_fonts: bool) -> None:
    """Put playbook/theme in front of Material's templates and add its styles and script.

    A project's own custom_dir stays first, so its overrides win over the playbook's.
    """
    theme_dir = str(THEME_DIR)
    dirs = config.theme.dirs
    if theme_dir not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
    if not google_fonts:
        config.theme["font"] = False
    for stylesheet in (STYLESHEET, CHANGES_STYLESHEET):
        if stylesheet not in config.extra_css:
            config.extra_css.append(stylesheet)
    config.extra["playbook_stylesheets"] = list(PAGE_STYLESHEETS.values())
    for script in (CHECKLIST_SCRIPT, CHANGES_SCRIPT, SELF_ASSESSMENT_SCRIPT, READING_SCRIPT):
        if script not in [str(item) for item in config.extra_javascript]:
            deferred = ExtraScriptValue(script)
            deferred.defer = True  # none of them is needed before the page is read
            config.extra_javascript.append(deferred)
    if offline_enabled(config):
        # Material's offline plugin loads a file:// worker polyfill from unpkg.com, which an
        # offline site cannot reach: use the playbook's own stand-in instead (the plugin
        # adds nothing when a polyfill named iframe-worker is already there).
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, OFFLINE_SEARCH_SHIM]


def _link_preview(config: MkDocsConfig, language_tag: str) -> dict[str, str | None]:
    """What every page's link preview shares: its locale (``de_CH``) and the brand logo as
    an absolute address, when the logo and ``site_url`` are there to make one."""
    logo = config.theme.get("logo")
    image = None
    if logo and str(logo).startswith(BRAND_LOGO) and config.site_url:
        image = text_as_html(absolute_url(config.site_url, str(logo)))
    return {"locale": language_tag.replace("-", "_"), "image": image}


def _use_theme_language(config: MkDocsConfig, language: Language) -> None:
    """Material's interface (about 60 strings, `<html lang>`, the search stemmer) in the
    playbook's language, unless mkdocs.yml chooses one itself."""
    if config.theme.name != "material" or _mkdocs_yml_sets_theme_language(config):
        return
    tags = [language.tag, language.tag.split("-")[0]] if language.known else ["en"]
    for tag in tags:
        partial = Path("partials", "languages", f"{tag}.html")
        if any((Path(folder) / partial).is_file() for folder in config.theme.dirs):
            config.theme["language"] = tag
            return


def _translate_interface(config: MkDocsConfig, gettext: Any) -> None:
    """Material's strings that `theme.language` does not reach, in the playbook's language:
    the permalink's tooltip (the toc extension's `permalink_title`, unless mkdocs.yml sets
    one), the palette toggles named as the built-in settings name them, the footer's "Made
    with" and the 404 page's heading (read by playbook/theme's overrides)."""
    toc = config.mdx_configs.get("toc")
    if toc is not None and toc.get("permalink") and "permalink_title" not in toc:
        toc["permalink_title"] = gettext(PERMALINK_TITLE)
    schemes = config.theme.get("palette") or []
    for scheme in [schemes] if isinstance(schemes, dict) else schemes:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") in PALETTE_TOGGLES:
            toggle["name"] = gettext(toggle["name"])
    config.extra["playbook_interface"] = {
        key: gettext(text) for key, text in INTERFACE_WORDS.items()
    }


def _mkdocs_yml_sets_theme_language(config: MkDocsConfig) -> bool:
    """Whether mkdocs.yml (or a file it inherits) names theme.language (the loaded theme
    cannot tell a value set there from Material's default)."""
    if not config.config_file_path:
        return False
    raw = read_settings_file(config.config_file_path, config)
    theme = raw.get("theme")
    return isinstance(theme, dict) and "language" in theme


def _stylesheets(site_dir: Path, config: MkDocsConfig) -> list[str]:
    """The site's stylesheets relative to its root: Material's, then extra_css, then the
    features' (a print document holds pages of every kind)."""
    material = sorted(
        path.relative_to(site_dir).as_posix()
        for pattern in ("main.*.min.css", "palette.*.min.css")
        for path in (site_dir / "assets" / "stylesheets").glob(pattern)
    )
    features = [str(css) for css in config.extra.get("playbook_stylesheets", [])]
    return material + [str(css) for css in config.extra_css] + features


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
