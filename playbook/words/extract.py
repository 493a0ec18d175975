"""Extract the playbook's translatable strings and keep every catalogue in step.

    python -m playbook.words.extract            # write playbook.pot, update every .po
    python -m playbook.words.extract --check    # exit 1 if playbook.pot (or en_US) is stale
    python -m playbook.words.extract --init it  # start a catalogue for a new language

Strings come from the page templates (``content/**/*.md``: ``{% trans %}`` blocks,
``_()``, ``ngettext()`` and ``pgettext()``, read by Jinja's Babel extractor) and from
Python (``_()``, ``ngettext()`` and the ``N_()`` marker under ``playbook/``). Run it from a
source checkout after changing any of them; then translate the new entries of each .po.
Variant catalogues of English (``en_US``) are not merged but generated whole from the
template (``playbook.words.variants``).
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from playbook import __version__
from playbook.words.translations import DOMAIN, LOCALE_DIR, TEMPLATE, catalogue_path
from playbook.words.variants import VARIANTS, is_variant, variant_catalogue

SOURCE_ROOT = Path(__file__).resolve().parents[2]
"""The checkout: ``content/`` and ``playbook/`` are read relative to it."""

METHOD_MAP = [
    ("content/**.md", "jinja2"),
    ("content/**.html", "jinja2"),
    ("playbook/**.py", "python"),
]
OPTIONS_MAP = {
    # The same Jinja set-up the site renders with; a template Jinja cannot parse is an
    # error here, not a silently skipped file.
    "content/**.md": {"extensions": "jinja2.ext.i18n", "silent": "false"},
    # The partials written outside the pages (playbook.words.translations.partial_environment).
    "content/**.html": {
        "extensions": "jinja2.ext.i18n",
        "silent": "false",
        "trim_blocks": "true",
        "lstrip_blocks": "true",
    },
}
COMMENT_TAGS = ("Translators:",)
"""``{# Translators: ... #}`` or ``# Translators: ...`` just before a string reaches the
catalogues as a note for translators."""


HEADER_COMMENT = (
    "# The playbook's translatable strings, written by python -m playbook.words.extract.\n"
    "# Do not edit: change the templates or the code, then run it again.\n#"
)


def extract_template(root: Path = SOURCE_ROOT):  # -> babel.messages.catalog.Catalog
    """Every translatable string of the templates and the code, in source order."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    template = Catalog(
        project="playbook",
        domain=DOMAIN,
        charset="utf-8",
        fuzzy=False,
        header_comment=HEADER_COMMENT,
    )
    found = extract_from_dir(
        root,
        METHOD_MAP,
        OPTIONS_MAP,
        # Nn_ marks a singular/plural pair in Python that is translated later (ngettext);
        # NC_ a message with its context (pgettext).
        keywords={**DEFAULT_KEYWORDS, "Nn_": (1, 2), "NC_": ((1, "c"), 2)},
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
        directory_filter=lambda path: "locale" not in Path(path).parts,
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message,
            None,
            [(Path(filename).as_posix(), lineno)],
            auto_comments=comments,
            context=context,
        )
    for data_file in DATA_FILES:
        if not (root / data_file).is_file():
            continue
        for text, lineno in _data_texts(root / data_file):
            template.add(text, None, [(data_file, lineno)])
    return template


DATA_FILES = ("playbook/profile/default_onboarding.yml",)
"""Data shown on pages when a profile leaves it out: every text but ids is translated."""


def _data_texts(path: Path) -> list[tuple[str, int]]:
    """The texts of a YAML data file with their lines, ids left out."""
    from playbook.profile.reader import read_yaml_file

    loaded = read_yaml_file(path)
    return [
        (loaded_value, position.line)
        for data_path, position in loaded.values.items()
        if data_path
        and data_path[-1] != "id"
        and isinstance(loaded_value := _at(loaded.data, data_path), str)
    ]


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def render(catalog) -> str:
    """A catalogue as .po text: locations without line numbers, so edits elsewhere in a
    template do not touch every catalogue."""
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=96, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue().decode("utf-8")


def _without_dates(text: str) -> str:
    return "\n".join(
        line
        for line in text.splitlines()
        if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:'))
    )


def write_if_changed(path: Path, text: str) -> bool:
    """Write the file unless only its dates would change; True if it was written."""
    if path.is_file() and _without_dates(path.read_text(encoding="utf-8")) == _without_dates(text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def update_catalogues(template, locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Merge the template into every catalogue: new strings appear untranslated (or fuzzy,
    with a guess from a similar string), removed ones are dropped."""
    from babel.messages.pofile import read_po

    written = []
    for path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        if is_variant(path.parts[-3]):
            continue  # generated from the template (write_variant_catalogues), not merged
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=path.parts[-3], domain=DOMAIN)
        catalog.update(template, update_creation_date=False)
        if write_if_changed(path, render(catalog)):
            written.append(path)
    return written


def stale_variant_catalogues(template, locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """The variant catalogues (``en_US``) that differ from what the template generates."""
    stale = []
    for code in VARIANTS:
        path = catalogue_path(locale_dir, code)
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if _without_dates(current) != _without_dates(render(variant_catalogue(template, code))):
            stale.append(path)
    return stale


def write_variant_catalogues(template, locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Generate every variant catalogue from the template; the paths that changed."""
    return [
        path
        for code in VARIANTS
        if write_if_changed(
            path := catalogue_path(locale_dir, code), render(variant_catalogue(template, code))
        )
    ]


def init_catalogue(template, code: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Start a catalogue for a language from the template (its plural rules from Babel)."""
    from babel.messages.catalog import Catalog

    path = catalogue_path(locale_dir, code)
    if path.exists():
        raise SystemExit(f"{path}: already exists; run without --init to update it")
    catalog = Catalog(
        locale=code,
        domain=DOMAIN,
        project="playbook",
        charset="utf-8",
        fuzzy=False,
        header_comment=f"# The playbook in {code}: translate each msgstr (see the README).\n#",
    )
    # Real header values: msgfmt -c, Poedit and Weblate flag the template's placeholders.
    catalog.last_translator = "culture-playbook translators"
    catalog.language_team = f"{code} (culture-playbook)"
    catalog.msgid_bugs_address = "the culture-playbook issue tracker"
    catalog.project, catalog.version = "culture-playbook", __version__
    catalog.revision_date = datetime.datetime.now(datetime.UTC)
    catalog.update(template)
    write_if_changed(path, render(catalog))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m playbook.words.extract", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if playbook.pot is stale")
    parser.add_argument("--init", metavar="LANG", help="start a catalogue, e.g. it or pt_BR")
    args = parser.parse_args(argv)
    template = extract_template()
    text = render(template)
    if args.check:
        current = TEMPLATE.read_text(encoding="utf-8") if TEMPLATE.is_file() else ""
        if _without_dates(current) != _without_dates(text):
            print(f"{TEMPLATE}: out of date; run python -m playbook.words.extract", file=sys.stderr)
            return 1
        for path in stale_variant_catalogues(template):
            print(f"{path}: out of date; run python -m playbook.words.extract", file=sys.stderr)
            return 1
        return 0
    if write_if_changed(TEMPLATE, text):
        print(f"wrote {TEMPLATE}")
    if args.init:
        print(f"wrote {init_catalogue(template, args.init)}")
    for path in update_catalogues(template) + write_variant_catalogues(template):
        print(f"updated {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
