"""Cleaning imported text: control characters out, whitespace tidied, HTML to plain text.

Callers check lengths first: nothing here is meant to see more than a few tens of kilobytes.
"""
from __future__ import annotations

import html
import re
import reprlib
import unicodedata

# C0/C1 controls except tab and newline, lone surrogates (SQLite cannot store them), the BOM and
# the two noncharacters U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than newline
_BLANK_LINES = re.compile(r"\n{3,}")
_HTML_TAG = re.compile(r"<[a-zA-Z/!][^<>]{0,2000}>")
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_HTML_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|h[1-6]|tr|ul|ol)\s*>", re.IGNORECASE)
_HTML_ITEM = re.compile(r"<li\b[^<>]{0,2000}>", re.IGNORECASE)


def clean_line(text: str) -> str:
    """One-line text (title, employer, place): controls removed, all whitespace runs one space.

    Unicode is NFC-composed so that "é" typed two ways compares equal.
    """
    text = _CONTROL.sub("", _LINE_BREAK.sub(" ", text))
    return " ".join(unicodedata.normalize("NFC", text).split())


def clean_multiline(text: str) -> str:
    """Free text (description): controls removed, newlines kept, spaces inside lines collapsed.

    Line ends become "\\n", trailing spaces go, and more than one empty line in a row becomes one.
    """
    text = _CONTROL.sub("", _LINE_BREAK.sub("\n", text))
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(text: str) -> str:
    """Plain text of an HTML fragment (schema.org descriptions are often HTML); other text as is.

    Paragraph and line breaks become newlines, list items "- " lines, other tags are dropped and
    entities decoded. Not a full HTML parser: enough for job-ad markup.
    """
    if _HTML_TAG.search(text):
        text = _HTML_ITEM.sub("\n- ", text)
        text = _HTML_BREAK.sub("\n", text)
        text = _HTML_TAG.sub("", text)
        return html.unescape(text)
    if _HTML_ENTITY.search(text):
        return html.unescape(text)
    return text


def html_to_line(text: str) -> str:
    """One-line text without HTML markup: "Kasir &amp; <b>Admin</b>" -> "Kasir & Admin".

    Line breaks and block ends (<br>, </p>, ...) become spaces, other tags are dropped and
    entities decoded; clean_line then tidies the spaces. Text without markup comes back as is.
    """
    if _HTML_TAG.search(text):
        text = _HTML_TAG.sub("", _HTML_BREAK.sub(" ", text))
        return html.unescape(text)
    if _HTML_ENTITY.search(text):
        return html.unescape(text)
    return text


def shorten(value: object, limit: int = 40) -> str:
    """A short, one-line rendering of a bad value for an error message."""
    raw = value if isinstance(value, str) else reprlib.repr(value)
    text = clean_line(raw[: limit * 2])
    return text if len(text) <= limit else text[: limit - 1] + "…"
