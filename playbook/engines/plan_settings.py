"""The site plan as MkDocs settings: what the MkDocs plugin and the Zensical adapter
both do to the loaded mkdocs.yml before an engine draws the site.

``use_site_plan`` sets the site name, the navigation, the theme features, the playbook's
theme folder, styles and scripts, the theme's language, the interface words its language
files leave out, and the organisation's brand, from a ``playbook.plan.assemble.SitePlan``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playbook.engines.mkdocs_api import (
    ExtraScriptValue,
    MkDocsConfig,
    offline_enabled,
    read_settings_file,
)
from playbook.plan.assemble import THEME_DIR, SitePlan, ThemeAssets
from playbook.plan.markup import AccessibleMarkupExtension
from playbook.words.translations import Language


def use_site_plan(
    site: SitePlan, config: MkDocsConfig, *, navigation: bool, google_fonts: bool
) -> None:
    """Translate the site plan into MkDocs' settings (the Zensical adapter starts from
    the same): site name, navigation, theme, language, interface words, brand.

    Args:
        navigation: build the navigation from the plan when mkdocs.yml has no ``nav``.
        google_fonts: keep Material's fonts from Google Fonts.
    """
    if site.site_name is not None:
        config.site_name = site.site_name
    if navigation and not config.nav:
        config.nav = site.nav
    config.theme["features"] = site.theme_features(config.theme.get("features") or [])
    _use_playbook_theme(config, site.assets, google_fonts=google_fonts)
    _use_theme_language(config, site.pages.language)  # after the theme: it has en-US.html
    _translate_interface(config, site)
    if site.brand_stylesheet and site.brand_stylesheet not in config.extra_css:
        config.extra_css.append(site.brand_stylesheet)
    if site.logo:
        config.theme["logo"] = site.logo
    extensions: list[Any] = config.markdown_extensions
    if not any(isinstance(item, AccessibleMarkupExtension) for item in extensions):
        extensions.append(AccessibleMarkupExtension())


def _use_playbook_theme(config: MkDocsConfig, assets: ThemeAssets, *, google_fonts: bool) -> None:
    """Put playbook/theme in front of Material's templates and add its styles and script.

    A project's own custom_dir stays first, so its overrides win over the playbook's.
    """
    theme_dir = str(THEME_DIR)
    dirs = config.theme.dirs
    if theme_dir not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
    if not google_fonts:
        config.theme["font"] = False
    for stylesheet in assets.stylesheets:
        if stylesheet not in config.extra_css:
            config.extra_css.append(stylesheet)
    config.extra["playbook_stylesheets"] = list(assets.page_stylesheets.values())
    for script in assets.scripts:
        if script not in [str(item) for item in config.extra_javascript]:
            deferred = ExtraScriptValue(script)
            deferred.defer = True  # none of them is needed before the page is read
            config.extra_javascript.append(deferred)
    if offline_enabled(config):
        # Material's offline plugin loads a file:// worker polyfill from unpkg.com, which an
        # offline site cannot reach: use the playbook's own stand-in instead (the plugin
        # adds nothing when a polyfill named iframe-worker is already there).
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, assets.offline_search_shim]


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


def _translate_interface(config: MkDocsConfig, site: SitePlan) -> None:
    """Material's strings that `theme.language` does not reach, in the playbook's language:
    the permalink's tooltip (the toc extension's `permalink_title`, unless mkdocs.yml sets
    one), the palette toggles named as the built-in settings name them, the footer's "Made
    with" and the 404 page's heading (read by playbook/theme's overrides)."""
    toc = config.mdx_configs.get("toc")
    if toc is not None and toc.get("permalink") and "permalink_title" not in toc:
        toc["permalink_title"] = site.permalink_title
    schemes = config.theme.get("palette") or []
    for scheme in [schemes] if isinstance(schemes, dict) else schemes:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") in site.palette_toggles:
            toggle["name"] = site.palette_toggles[toggle["name"]]
    config.extra["playbook_interface"] = dict(site.interface)


def _mkdocs_yml_sets_theme_language(config: MkDocsConfig) -> bool:
    """Whether mkdocs.yml (or a file it inherits) names theme.language (the loaded theme
    cannot tell a value set there from Material's default)."""
    if not config.config_file_path:
        return False
    raw = read_settings_file(config.config_file_path, config)
    theme = raw.get("theme")
    return isinstance(theme, dict) and "language" in theme
