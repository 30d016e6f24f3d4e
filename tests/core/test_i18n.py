"""Every message in the code has an Indonesian and an English translation, and the shipped .mo
files say the same as the .po sources."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from kiosk import i18n

REPO = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PACKAGES = ("kiosk", "ui", "accessibility", "sync")


def _msgids_in_code() -> set[str]:
    found: set[str] = set()
    for package in PACKAGES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            REPO / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _catalog(lang: str, kind: str):
    path = REPO / "assets" / "locale" / lang / "LC_MESSAGES" / f"siker.{kind}"
    if kind == "po":
        return read_po(io.StringIO(path.read_text(encoding="utf-8")), locale=lang)
    return read_mo(io.BytesIO(path.read_bytes()))


def test_the_code_has_messages_to_translate():
    assert len(_msgids_in_code()) > 100


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_in_the_code_is_translated(lang):
    catalog = _catalog(lang, "po")
    missing = []
    for msgid in sorted(_msgids_in_code()):
        message = catalog.get(msgid)
        strings = message.string if message else None
        if isinstance(strings, tuple):
            ok = all(strings)
        else:
            ok = bool(strings)
        if not ok or (message is not None and message.fuzzy):
            missing.append(msgid)
    assert missing == [], f"untranslated in {lang}: {missing}"


def _key(message_id: object) -> object:
    return tuple(message_id) if isinstance(message_id, list | tuple) else message_id


def _strings(message_string: object) -> tuple[str, ...]:
    if isinstance(message_string, list | tuple):
        return tuple(message_string)
    return (str(message_string),)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_translations_keep_the_placeholders_of_their_message(lang):
    placeholder = re.compile(r"\{[a-z_]+\}")
    wrong = []
    for message in _catalog(lang, "po"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(placeholder.findall(i) for i in ids))
        for text in _strings(message.string):
            found = set(placeholder.findall(text))
            # a singular message keeps all its placeholders; a plural form may drop {count}
            if found - wanted or (len(ids) == 1 and found != wanted):
                wrong.append((message.id, text))
    assert wrong == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_compiled_catalogs_match_their_sources(lang):
    po = {_key(m.id): _strings(m.string) for m in _catalog(lang, "po") if m.id and not m.fuzzy}
    mo = {_key(m.id): _strings(m.string) for m in _catalog(lang, "mo") if m.id}
    assert mo == po, "run `make catalogs` (or pybabel compile) after editing a .po file"


def test_switching_language_changes_what_underscore_returns():
    try:
        i18n.set_language("en")
        assert i18n._("Find a job") == "Find a job"
        i18n.set_language("id")
        assert i18n._("Find a job") == "Cari Lowongan"
    finally:
        i18n.set_language("id")


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="id, en"):
        i18n.set_language("fr")
