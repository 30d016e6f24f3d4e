"""The untranslated-string rule, defined precisely.

Texts of a walk: the text, accessible name, accessible description and placeholder of every
shown widget, except what the resident typed (editable fields' content) and widgets marked
with `ui.accessible.mark_data` (vacancy titles, employer and place names, the languages' own
names: the same in every language by nature). A text with fewer than two letters (a key cap
such as "Q", a number) is not checked.

A text is untranslated when
  (a) it is the same in the Indonesian and the English walk of the same widget in the same
      state, and the Indonesian catalog does not say so on purpose (an entry whose msgstr
      equals its msgid, as for proper names); or
  (b) on an Indonesian screen it is an English msgid (placeholders such as {count} match
      anything) whose Indonesian msgstr differs, and it is no Indonesian msgstr: the English
      source is showing because a translation is missing from the catalog the kiosk loaded.
"""
from __future__ import annotations

import re
from functools import cache

from babel.messages.pofile import read_po
from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.i18n import DOMAIN, LOCALE_DIR
from ui.accessible import DATA_PROPERTY
from ui.audit.model import UNTRANSLATED, Finding, Where
from ui.audit.rules_text import shown_text

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sdr]|%[sd]")


def texts_of(widget: QWidget) -> dict[str, str]:
    """The texts of one widget that must follow the language, by kind."""
    if widget.property(DATA_PROPERTY):
        return {}
    texts = {"name": widget.accessibleName(), "description": widget.accessibleDescription()}
    if isinstance(widget, QLineEdit):
        texts["placeholder"] = widget.placeholderText()
    else:
        texts["text"] = shown_text(widget)
    return {k: v.strip() for k, v in texts.items() if sum(c.isalpha() for c in v) >= 2}


@cache
def _pairs(lang: str) -> tuple[tuple[str, str], ...]:
    """(msgid, msgstr) of every entry of the language's .po catalog; a plural entry gives
    each of its source forms with each of its translations."""
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as file:
        catalog = read_po(file)
    pairs: list[tuple[str, str]] = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(str(i), str(t)) for i in ids for t in strings if t]
    return tuple(pairs)


def _has_words(message: str) -> bool:
    """Whether `message` has letters outside its placeholders."""
    return sum(c.isalpha() for c in _PLACEHOLDER.sub("", message)) >= 2


def _pattern(message: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(message)
    return re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$", re.DOTALL)


@cache
def _patterns() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]], frozenset[str]]:
    """(English msgids whose Indonesian differs, Indonesian msgstrs, deliberate sames)."""
    english: list[re.Pattern[str]] = []
    indonesian: list[re.Pattern[str]] = []
    same: set[str] = set()
    for msgid, value in _pairs("id"):
        if not _has_words(msgid) or not _has_words(value):
            continue  # "{title}" alone would match any text at all
        if value == msgid:
            same.add(value)
            continue
        english.append(_pattern(msgid))
        indonesian.append(_pattern(value))
    return english, indonesian, frozenset(same)


def english_source_showing(text: str) -> bool:
    """Rule (b): `text` is an untranslated English msgid on an Indonesian screen."""
    english, indonesian, same = _patterns()
    if text in same or any(p.match(text) for p in indonesian):
        return False
    return any(p.match(text) for p in english)


def untranslated(
    id_texts: dict[int, tuple[str, dict[str, str]]],
    en_texts: dict[int, tuple[str, dict[str, str]]],
    where_id: Where,
) -> list[Finding]:
    """Findings of both rules for one state walked in both languages; each argument maps a
    widget's id to (its label for the report, texts_of(widget) in that language)."""
    _english, _indonesian, same = _patterns()
    found: list[Finding] = []
    for key, (label, texts) in id_texts.items():
        for kind, text in texts.items():
            if english_source_showing(text):
                found.append(Finding.at(where_id, label, UNTRANSLATED,
                                        f"{kind} {text!r} is the English source text"))
                continue
            other = en_texts.get(key, ("", {}))[1].get(kind)
            if other == text and text not in same:
                found.append(Finding.at(where_id, label, UNTRANSLATED,
                                        f"{kind} {text!r} is the same in id and en"))
    return found
