"""Gettext catalogues: which language a profile asks for and the translations that serve it.

Each language is one catalogue, ``locale/<lang>/LC_MESSAGES/playbook.po``, read with Babel
and compiled in memory (nothing compiled is shipped or written). Its Plural-Forms header
gives the language's plural rules to ``ngettext``. British English is the language of the
message ids, so it needs no catalogue; American English is a variant catalogue holding only
what differs (``playbook.words.variants``). Strings a catalogue does not translate show in
English; the caller reports how many (``Language.missing``).

This module knows no site engine: the page plan and any engine adapter can use it.
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook.words.variants import is_variant

DOMAIN = "playbook"
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
"""The catalogues shipped with playbook, and the template every catalogue is checked
against (``playbook.pot``)."""
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; it is translated where it is used."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark a message with its context (``pgettext``) where it is defined; it is translated
    where it is used."""
    return message


@dataclass(frozen=True)
class Language:
    """The language a playbook is written in.

    Attributes:
        code: the catalogue's language, e.g. "de" or "pt_BR"; "en" for English.
        requested: the profile's tag as written, e.g. "de-CH".
        translations: gettext translations (``gettext``, ``ngettext``, ``pgettext``...).
        missing: how many strings of the template the catalogue does not translate.
        total: how many strings the template has.
        known: False when no catalogue serves the requested tag (English is used instead).
        catalogue: the .po file the translations come from (None for English).
        searched: the catalogue folders that were searched.
    """

    code: str = SOURCE_LANGUAGE
    requested: str = SOURCE_LANGUAGE
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    missing: int = 0
    total: int = 0
    known: bool = True
    catalogue: Path | None = None
    searched: tuple[Path, ...] = ()

    @property
    def tag(self) -> str:
        """The BCP 47 tag of the catalogue's language ("de", "pt-BR")."""
        return self.code.replace("_", "-")

    @property
    def locale(self) -> str:
        """The tag the text is written for, region included ("en-AU", "de-CH"), for dates
        and lists; English when no catalogue serves the tag (the text is English then)."""
        return self.requested if self.known else SOURCE_LANGUAGE

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)


ENGLISH = Language()


def catalogue_path(folder: Path, code: str) -> Path:
    return folder / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def candidate_codes(tag: str) -> list[str]:
    """Catalogue names to try for a BCP 47 tag, most specific first: de-CH -> de_CH, de.

    Script subtags are kept for the longer form (zh-Hant-TW -> zh_Hant_TW, zh_Hant, zh).
    """
    parts = tag.replace("_", "-").split("-")
    language = parts[0].lower()
    rest = [part.title() if len(part) == 4 else part.upper() for part in parts[1:]]
    return ["_".join([language, *rest[:end]]) for end in range(len(rest), -1, -1)]


def available_languages(folders: Iterable[Path]) -> list[str]:
    """Every language with a catalogue in the folders, and English."""
    codes = {SOURCE_LANGUAGE}
    for folder in folders:
        if folder.is_dir():
            codes.update(path.parts[-3] for path in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return sorted(codes)


def select_language(tag: str, folders: Sequence[Path] = (LOCALE_DIR,)) -> Language:
    """The language for a profile's ``organisation.language``.

    Args:
        tag: a BCP 47 tag such as "de", "de-CH" or "fr-BE".
        folders: catalogue folders, searched in order (a project's own before the shipped).

    A regional tag falls back to its base language; a tag no catalogue serves gives English
    with ``known`` False.
    """
    searched = tuple(folders)
    for code in candidate_codes(tag):
        if code == SOURCE_LANGUAGE:
            return Language(requested=tag, searched=searched)
        for folder in folders:
            path = catalogue_path(folder, code)
            if path.is_file():
                translations, missing, total = _load(path, code, path.stat().st_mtime_ns)
                return Language(code, tag, translations, missing, total, True, path, searched)
    return Language(requested=tag, known=False, searched=searched)


def select_for_project(tag: str, project_dir: Path, locale_dir: str | None) -> Language:
    """The language, searching the project's own catalogue folder (if any) first."""
    folders = [LOCALE_DIR] if locale_dir is None else [project_dir / locale_dir, LOCALE_DIR]
    return select_language(tag, folders)


def supported_tags(folders: Iterable[Path]) -> list[str]:
    """The tags a profile can name and get a playbook in: "de", "en", "en-US"..."""
    return [code.replace("_", "-") for code in available_languages(folders)]


def unsupported_language(language: Language, customer_term: bool = False) -> str | None:
    """Why the playbook is not in the profile's language (no catalogue serves it), as the
    message of a problem located at ``organisation.language``; None when it is.

    ``customer_term``: whether the profile names its customers, a word the English text then
    leaves out (``playbook.plan.pages.plan_pages``), which the message says.
    """
    if language.known:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(language.requested.replace("-", "_")).english_name
    except (UnknownLocaleError, ValueError):
        name = None
    wanted = name or "this language"
    return (
        f"playbook has no catalogue for '{language.requested}', so the whole playbook is "
        f"built in English{TERM_NOTE if customer_term else ''} (supported: "
        f"{', '.join(supported_tags(language.searched))}); to add {wanted}, see "
        '"Adding a language" in the README'
    )


TERM_NOTE = ', saying "customer" where organisation.customer_term names them'


def language_problem(language: Language) -> str | None:
    """What a build should warn about: no catalogue, or strings without a translation."""
    if not language.known:
        return f"organisation.language: {unsupported_language(language)}"
    if language.missing:
        return (
            f"{language.missing} of {language.total} strings have no '{language.code}' "
            f"translation in {language.catalogue} and show in English"
        )
    return None


@functools.cache
def _load(path: Path, code: str, mtime_ns: int) -> tuple[gettext.GNUTranslations, int, int]:
    """Compile a catalogue in memory (cached until the file changes, e.g. during serve)."""
    from babel.messages.mofile import write_mo
    from babel.support import Translations

    catalog = _read_po(path, code)
    template_ids = message_ids(_read_po(TEMPLATE, None)) if TEMPLATE.is_file() else set()
    # A variant of the message ids' language leaves out what reads the same: not missing.
    translated = template_ids if is_variant(code) else translated_ids(catalog)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    translations = Translations(compiled, domain=DOMAIN)
    return translations, len(template_ids - translated), len(template_ids)


def _read_po(path: Path, code: str | None):  # -> babel.messages.catalog.Catalog
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        return read_po(stream, locale=code, domain=DOMAIN)


def message_ids(catalog) -> set[str | tuple[str, ...]]:
    """The ids of a catalogue's messages (a plural message's id is its singular and plural)."""
    return {_key(message) for message in catalog if message.id}


def translated_ids(catalog) -> set[str | tuple[str, ...]]:
    """The ids whose translation is complete: not fuzzy, and every plural form filled."""
    done = set()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if strings and all(strings):
            done.add(_key(message))
    return done


def _key(message) -> str | tuple[str, ...]:
    key = message.id if isinstance(message.id, str) else tuple(message.id)
    return (message.context, key) if message.context else key


def install_translations(environment, language: Language) -> None:  # environment: jinja2
    """Give a Jinja environment the language's ``_``, ``gettext``, ``ngettext`` and
    ``{% trans %}`` (adding ``jinja2.ext.i18n`` if it is not there yet).

    New-style gettext: ``_("Hello %(name)s", name=x)`` formats the translation itself.
    An environment that has this language already is left as it is (pages call this
    before each one renders).
    """
    if getattr(environment, _INSTALLED_LANGUAGE, None) is language:
        return
    if "jinja2.ext.InternationalizationExtension" not in environment.extensions:
        environment.add_extension("jinja2.ext.i18n")
    environment.install_gettext_translations(language.translations, newstyle=True)
    setattr(environment, _INSTALLED_LANGUAGE, language)


_INSTALLED_LANGUAGE = "playbook_language"
"""Attribute of a Jinja environment naming the language whose translations it holds."""


def partial_environment(template_dirs: Iterable[Path], language: Language) -> Any:
    """A Jinja environment for the HTML partials the playbook writes outside its pages
    ("Updated on ...", redirect pages): autoescaped, strict, in the playbook's language."""
    import jinja2

    from playbook.plan.template_cache import BYTECODE

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=BYTECODE,
    )
    install_translations(environment, language)
    return environment


def translate_texts(model: Any, gettext: Any) -> Any:
    """A copy of a model (e.g. the default onboarding plan) with every text translated.

    Ids stay as they are; the texts are msgids of the catalogue (extracted from the data
    file by ``playbook.words.extract``).
    """
    from pydantic import BaseModel

    if isinstance(model, str):
        return gettext(model) if model else model
    if isinstance(model, BaseModel):
        fields = {
            name: getattr(model, name)
            if name == "id"
            else translate_texts(getattr(model, name), gettext)
            for name in type(model).model_fields
        }
        return type(model).model_construct(_fields_set=model.model_fields_set, **fields)
    if isinstance(model, list):
        return [translate_texts(item, gettext) for item in model]
    return model
