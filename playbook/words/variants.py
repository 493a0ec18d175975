"""English variants: American English as a thin layer over the playbook's British English.

The message ids, the words written in the templates and the code, are British English
("organisation", "behaviour", "recognise", "programme"); ``en``, ``en-GB`` and every other
English region read them as they are. ``en-US`` reads them through a variant catalogue,
``locale/en_US/LC_MESSAGES/playbook.po``, that holds only the messages whose American
wording differs: gettext falls back to the message id for everything else, so no sentence
exists twice. That catalogue is generated from ``playbook.pot`` with the spelling map below
by ``python -m playbook.words.extract`` and never edited by hand; a test checks that it is
current and that hunspell's American dictionary knows every word of the result.

Only the playbook's own words are respelled: the profile's text is the organisation's and
reaches the page untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Verbs in -ise (and their -isation nouns): the stem before "is".
_IZE_STEMS = (
    "agon", "apolog", "author", "capital", "categor", "central", "character", "civil",
    "critic", "custom", "digit", "emphas", "empath", "energ", "familiar", "final", "formal",
    "global", "harmon", "hospital", "human", "item", "jeopard", "legitim", "local", "maxim",
    "memor", "minim", "mobil", "modern", "normal", "optim", "organ", "patron", "personal",
    "priorit", "public", "real", "recogn", "scrutin", "social", "special", "stabil",
    "standard", "summar", "sympath", "synchron", "theor", "util", "visual",
)  # fmt: skip
_IZE_ENDINGS = (
    "e", "es", "ed", "ing", "ation", "ations", "ational", "ationally", "er", "ers", "able",
)  # fmt: skip

# Words in -our: the stem before "our".
_OR_STEMS = (
    "arb", "ard", "arm", "behavi", "cand", "clam", "col", "endeav", "fav", "flav", "harb",
    "hon", "hum", "lab", "neighb", "od", "parl", "rig", "rum", "savi", "splend", "tum",
    "val", "vap",
)  # fmt: skip
_OR_ENDINGS = (
    "", "s", "ed", "ing", "al", "ally", "ite", "ites", "able", "ably", "hood", "hoods", "ful",
    "less", "er", "ers", "ist", "ists", "ism",
)  # fmt: skip

# Words in -re: British -> American, with their inflections.
_ER_WORDS = ("calibre", "centre", "fibre", "litre", "lustre", "meagre", "metre", "sombre",
             "spectre", "theatre")  # fmt: skip

_WORDS = {
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "aeroplane": "airplane",
    "afterwards": "afterward",
    "ageing": "aging",
    "aluminium": "aluminum",
    "amongst": "among",
    "analogue": "analog",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "catalogue": "catalog",
    "catalogued": "cataloged",
    "catalogues": "catalogs",
    "channelled": "channeled",
    "channelling": "channeling",
    "cheque": "check",
    "cheques": "checks",
    "counselling": "counseling",
    "counsellor": "counselor",
    "counsellors": "counselors",
    "defence": "defense",
    "diaries": "calendars",
    "diary": "calendar",
    "distil": "distill",
    "draught": "draft",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "enrolments": "enrollments",
    "enrols": "enrolls",
    "fortnightly": "every two weeks",
    "fuelled": "fueled",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "fulfils": "fulfills",
    "grey": "gray",
    "instil": "instill",
    "instils": "instills",
    "jewellery": "jewelry",
    "judgement": "judgment",
    "judgements": "judgments",
    "labelled": "labeled",
    "labelling": "labeling",
    "learnt": "learned",
    "levelled": "leveled",
    "licence": "license",
    "licences": "licenses",
    "manoeuvre": "maneuver",
    "marvellous": "marvelous",
    "modelled": "modeled",
    "modelling": "modeling",
    "offence": "offense",
    "offences": "offenses",
    "practise": "practice",
    "practised": "practiced",
    "practises": "practices",
    "practising": "practicing",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "programs",
    "rota": "schedule",
    "rotas": "schedules",
    "sceptical": "skeptical",
    "signalled": "signaled",
    "signalling": "signaling",
    "skilful": "skillful",
    "spelt": "spelled",
    "timetable": "schedule",
    "timetables": "schedules",
    "towards": "toward",
    "travelled": "traveled",
    "traveller": "traveler",
    "travellers": "travelers",
    "travelling": "traveling",
    "tyre": "tire",
    "tyres": "tires",
    "upwards": "upward",
    "whilst": "while",
    "wilful": "willful",
}

# Whole phrases, tried before single words: where American English says it differently.
_PHRASES = {
    "in your diary": "on your calendar",
    "in their diary": "on their calendar",
    "in their diaries": "on their calendars",
    "in the diary": "on the calendar",
    "in both your diaries": "on both your calendars",
    "in both diaries": "on both calendars",
    "on holiday": "on vacation",
    "at the weekend": "on the weekend",
    "at weekends": "on weekends",
    "a fortnight": "two weeks",
    "fortnight": "two weeks",
    "mobile phone": "cell phone",
    "car park": "parking lot",
    "the other way round": "the other way around",
    "tick off": "check off",
    "tick each": "check off each",
    "the ticks": "the check marks",
    "safety induction": "safety orientation",
    "after induction": "after orientation",
}


def _american_words() -> dict[str, str]:
    words = dict(_WORDS)
    for stem in _IZE_STEMS:
        words.update({f"{stem}is{end}": f"{stem}iz{end}" for end in _IZE_ENDINGS})
    for stem in _OR_STEMS:
        words.update({f"{stem}our{end}": f"{stem}or{end}" for end in _OR_ENDINGS})
    for word in _ER_WORDS:
        stem = word[:-2]
        words.update(
            {
                word: f"{stem}er",
                f"{word}s": f"{stem}ers",
                f"{word}d": f"{stem}ered",
                f"{stem}ring": f"{stem}ering",
            }
        )
    return words


AMERICAN_WORDS = _american_words()
"""British word -> American word, lower case (e.g. "organisation" -> "organization")."""

# Text a respelling must never touch: placeholders, link targets, inline code, attribute
# lists and tags, and addresses.
_PROTECTED = re.compile(
    r"%\([^)]*\)[sd]|%%|\]\([^)]*\)|`[^`]*`|\{[^}]*\}|<[^>]*>|https?://\S+|mailto:\S+"
)
_PHRASE_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_WORD_PATTERN = re.compile(r"[A-Za-z]+")


def _same_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _respell_plain(text: str) -> str:
    text = _PHRASE_PATTERN.sub(
        lambda match: _same_case(match.group(0), _PHRASES[match.group(0).lower()]), text
    )

    def word(match: re.Match[str]) -> str:
        found = match.group(0)
        american = AMERICAN_WORDS.get(found.lower())
        return found if american is None else _same_case(found, american)

    return _WORD_PATTERN.sub(word, text)


def american(text: str) -> str:
    """The text in American English: spelling ("organization", "behavior", "center") and
    the few words American English uses instead ("calendar" for "diary").

    Placeholders (``%(organisation)s``), link targets, inline code and tags stay as they are.
    """
    pieces: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(text):
        pieces.append(_respell_plain(text[position : match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(_respell_plain(text[position:]))
    return "".join(pieces)


VARIANTS: dict[str, Callable[[str], str]] = {"en_US": american}
"""Variant catalogues of the source language: catalogue code -> how its wording differs."""


def is_variant(code: str) -> bool:
    """Whether a catalogue code names a variant of the message ids' language (``en_US``):
    a message it leaves out reads as the message id, by design, not as a gap."""
    return code.split("_")[0] == "en"


def variant_catalogue(template, code: str):  # template, result: babel Catalog
    """The variant catalogue for ``code`` from the template: only the messages whose
    wording differs, each with the template's locations and notes."""
    from babel.messages.catalog import Catalog

    respell = VARIANTS[code]
    catalog = Catalog(
        locale=code,
        domain=template.domain,
        project="playbook",
        charset="utf-8",
        fuzzy=False,
        creation_date=template.creation_date,
        revision_date=template.creation_date,
        last_translator="python -m playbook.words.extract (generated, do not edit)",
        language_team=f"{code}: the spelling map in playbook/words/variants.py",
        header_comment=(
            f"# The playbook in {code.replace('_', '-')}: only the messages whose wording "
            "differs from the message ids.\n"
            "# Generated by python -m playbook.words.extract from playbook.pot and "
            "playbook/words/variants.py; do not edit.\n#"
        ),
    )
    # Real header values: msgfmt -c, Poedit and Weblate flag the template's placeholders.
    from playbook import __version__

    catalog.project, catalog.version = "culture-playbook", __version__
    catalog.msgid_bugs_address = "the culture-playbook issue tracker"
    for message in template:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = tuple(respell(text) for text in ids)
        if strings == tuple(ids):
            continue
        catalog.add(
            message.id,
            strings if len(ids) > 1 else strings[0],
            list(message.locations),
            auto_comments=list(message.auto_comments),
            context=message.context,
        )
    return catalog
