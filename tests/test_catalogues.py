"""Every shipped catalogue is one a translator's tools accept as it is.

Poedit, Weblate and ``msgfmt -c`` refuse a translation whose placeholders differ from its
message id's (``%(Customer)s`` for ``%(customer)s``), and flag headers that still hold the
template's defaults. A project copies a shipped catalogue to reword it (see the README), so
the copy must pass those checks before anyone has changed a word.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from playbook.words.extract import extract_template, init_catalogue
from playbook.words.translations import LOCALE_DIR

CATALOGUES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/playbook.po"))
PLACEHOLDER_HEADERS = ("FULL NAME", "EMAIL@ADDRESS", "LL@li.org", "YEAR-MO-DA", "VERSION")


def msgfmt() -> str:
    """The path of GNU msgfmt; skipped without it, except under CI=true."""
    found = shutil.which("msgfmt")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("msgfmt is missing (Debian: apt-get install gettext)")
        pytest.skip("msgfmt is not installed (Debian: apt-get install gettext)")
    return found


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_catalogue_passes_msgfmt_check(path: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [msgfmt(), "--check", "--output-file", str(tmp_path / "out.mo"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr


def test_a_new_catalogue_starts_with_a_real_header(tmp_path: Path) -> None:
    """`python -m playbook.words.extract --init it` writes what the checks above accept."""
    path = init_catalogue(extract_template(), "it", tmp_path)
    check_header(path, "it")
    test_catalogue_passes_msgfmt_check(path, tmp_path)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_catalogue_header_is_filled_in(path: Path) -> None:
    check_header(path, path.parts[-3])


def check_header(path: Path, language: str) -> None:
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    headers = dict(catalog.mime_headers)
    assert headers["Language"] == language
    assert headers["Plural-Forms"].startswith("nplurals=")
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    for name in ("Project-Id-Version", "Last-Translator", "Language-Team", "PO-Revision-Date"):
        value = headers[name]
        assert value and not any(default in value for default in PLACEHOLDER_HEADERS), (
            f"{language}: {name}: {value!r}"
        )


def test_msgfmt_check_catches_a_placeholder_that_differs(tmp_path: Path) -> None:
    """The check above would see the mistake it is there for."""
    broken = tmp_path / "broken.po"
    broken.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, python-format\nmsgid "%(customer)s journey"\nmsgstr "%(Customer)s-Reise"\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [msgfmt(), "--check", "--output-file", str(tmp_path / "out.mo"), str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "'Customer'" in result.stderr


def test_french_messages_keep_french_spacing_around_punctuation() -> None:
    # A breaking space before ":" lets a line start with the colon; French sets a
    # non-breaking space there and inside guillemets, a narrow one before ; ? and !.
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "playbook.po").open("rb") as stream:
        catalogue = read_po(stream, locale="fr")
    wrong = re.compile(r"(?: |\S)[:;?!](?![\w/])|« | »")
    found = [
        text
        for message in catalogue
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else [message.string])
        if wrong.search(text)
    ]
    assert found == []
