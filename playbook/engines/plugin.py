"""The MkDocs plugin: a thin adapter from MkDocs 1.6 to the page plan.

It assembles the site plan once per build (``playbook.plan.assemble``: the profile read
and checked, every page planned), translates it into MkDocs' settings, adds the planned
pages as generated files (nothing is written into the docs folder), builds the navigation
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
from pathlib import Path
from typing import Any

from playbook.engines.mkdocs import index_without_excluded_bodies
from playbook.engines.mkdocs_api import (
    BasePlugin,
    File,
    Files,
    MkDocsConfig,
    PluginError,
    base,
    compile_theme_once,
    event_priority,
    get_plugin_logger,
    macros_jinja_environment,
)
from playbook.engines.mkdocs_api import config_options as c
from playbook.engines.plan_settings import use_site_plan
from playbook.engines.preview import BuiltSite, install_fast_preview
from playbook.engines.rendering import ThemeFixLoader
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
from playbook.hr.notes import PageNotes, start_change_notes, under_title
from playbook.hr.redirects import plan_redirects, write_redirects
from playbook.plan.assemble import (
    TEMPLATE_FOLDERS,
    SitePlan,
    SiteRequest,
    assemble,
    check_template_syntax,
)
from playbook.plan.escaping import text_as_html
from playbook.plan.pagemeta import description, features_used, opening_text, planned_description
from playbook.plan.pages import PagePlan, content_dirs, packaged_content_dir
from playbook.sitebuild.folder import mark_site
from playbook.sitebuild.minify import minify_assets
from playbook.words.translations import LOCALE_DIR

log = get_plugin_logger(__name__)


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

    site: SitePlan
    """What this build draws (``playbook.plan.assemble``)."""
    assembled: SitePlan | None = None
    """A site plan assembled before the build started (``playbook build`` does, to report
    the profile's problems before MkDocs starts); used once, by the next on_config."""
    profile_path: Path
    print_documents: list[PrintDocument]
    """The print documents written by the last build (empty unless `print_pages`)."""
    previous_site: Path | None = None
    """The site this build replaces, when it is not ``site_dir`` (``playbook build``
    builds into a staging folder); its change record dates the unchanged pages."""
    notes: PageNotes
    _rendered: list[RenderedPage]
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
        compile_theme_once(config.theme)
        site = self.take_site(config)
        use_site_plan(
            site,
            config,
            navigation=self.config.navigation,
            google_fonts=self.config.google_fonts,
        )
        self.start(site, config)
        return config

    @property
    def plan(self) -> PagePlan:
        """The page plan of ``site`` (what the template API and the exports read)."""
        return self.site.pages

    def take_site(self, config: MkDocsConfig) -> SitePlan:
        """The plan this build draws: the one assembled before it started, else a new one
        (`serve` rebuilds from the profile as it is then); its warnings are logged."""
        site = self.assembled or self.assemble(config)
        self.assembled = None
        for warning in site.warnings:
            log.warning(warning)  # text cut at ' #': --strict makes it fail
        return site

    def start(self, site: SitePlan, config: MkDocsConfig) -> None:
        """Begin a build of ``site`` with these (translated) settings: its change dates,
        link previews and print pages start empty."""
        self.site = site
        self._card = site.link_card(config.site_url, config.theme.get("logo"))
        self._rendered = []
        self.print_documents = []
        self.notes = start_change_notes(
            self.plan,
            self.profile_path,
            previous_site=self.previous_site or Path(config.site_dir),
            template_dirs=content_dirs(config.docs_dir),
            language=self.plan.language,
        )

    def request(self, config: MkDocsConfig) -> SiteRequest:
        """What these settings ask for: the profile ``plugins: playbook: profile:`` names
        (relative to mkdocs.yml), the docs folder, the project's catalogues."""
        project_dir = Path(config.config_file_path or ".").resolve().parent
        self.profile_path = project_dir / self.config.profile
        locale_dir = self.config.locale_dir
        return SiteRequest(
            profile_path=self.profile_path,
            docs_dir=Path(config.docs_dir),
            locale_dir=project_dir / locale_dir if locale_dir else None,
            site_name_from_profile=self.config.site_name_from_profile,
        )

    def assemble(self, config: MkDocsConfig) -> SitePlan:
        """The site plan of these settings' profile, or PluginError with its problems."""
        try:
            return assemble(self.request(config))
        except ProfileError as error:
            raise PluginError("the org profile is invalid:\n" + "\n".join(error.lines)) from None
        except BuildError as error:
            raise PluginError(str(error)) from None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Before any page renders: mkdocs-macros reports a syntax error in an included
        # template as "list index out of range", with no file or line.
        macros = config.plugins.get("macros")
        if macros is not None:
            check_template_syntax(macros_jinja_environment(macros), Path(config.docs_dir))
        for file in list(files):
            if file.src_uri.startswith(TEMPLATE_FOLDERS):
                files.remove(file)
        for path, content in self.site.brand_files.items():
            files.append(File.generated(config, path, content=content))
        for src_path, content in self.site.sources.items():
            if files.get_file_from_path(src_path) is None:  # else the project's own page
                files.append(File.generated(config, src_path, content=content))
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
        """Date the page: its "Updated on" note goes into its meta, for the theme to draw
        under its title; keep the page for the print documents (when asked for).

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
            assets = self.site.assets
            page.meta["playbook_skipped_scripts"] = [
                script for name, script in assets.page_scripts.items() if name not in used
            ]
            page.meta["playbook_skipped_styles"] = [
                sheet for name, sheet in assets.page_stylesheets.items() if name not in used
            ]
        # A title taken from the page's h1 keeps the h1's character references.
        title = html_text.unescape(page.title or config.site_name)
        note = self.notes.updated_note(html, page.file.src_uri, page.url, title)
        page.meta["playbook_updated"] = note
        if self.config.print_pages:
            printed = under_title(html, note)
            self._rendered.append(RenderedPage(page.file.src_uri, page.url, title, printed))
        return html

    def on_page_context(
        self, context: dict[str, Any], *, page: Any, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        """Give the home page and the roles directory the change times of every page, for
        the theme to write (every page is dated by now: MkDocs renders all pages' content
        before it writes the first)."""
        marks = self.notes.page_marks(page.file.src_uri, page.url)
        if marks is not None:
            page.meta["playbook_page_changes"] = marks
        return context

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        """List the pages that changed under each entry of the what-changed page."""
        if page.file.src_uri == "changes.md":
            dates = self.site.changelog_dates
            output = self.notes.fill_changed_pages(output, page.url, dates)
        return output

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
