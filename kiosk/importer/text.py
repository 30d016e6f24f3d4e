"""Cleaning imported text: control characters out, whitespace tidied, HTML to plain text.

Callers check lengths first: nothing here is meant to see more than a few tens of kilobytes.
"""
from __future__ import annotations

import html
import re
import reprlib
import unicodedata
from functools import cache
from html.parser import HTMLParser

import emoji

from kiosk.textnorm import INVISIBLE

# C0/C1 controls except tab and newline, lone surrogates (SQLite cannot store them), the BOM and
# the two noncharacters U+FFFE/U+FFFF; and the invisible format characters of Unicode's
# Bidi_Control and zero-width sets (UAX #9): they reorder or hide text on screen (a title that
# reads backwards, a word search cannot find) and a posting never needs them. Soft hyphens,
# zero-width spaces and joiners, word joiners and invisible operators (U+2060-2064), the bidi
# embeddings, overrides, isolates and marks (U+061C, U+200E/F, U+202A-202E, U+2066-2069).
_LINE_BREAK = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than newline
_BLANK_LINES = re.compile(r"\n{3,}")
# Whether a text holds markup at all; the parsing itself is HTMLParser's.
_HTML_TAG = re.compile(r"<[a-zA-Z/!][^<>]{0,2000}>")
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});")


# Bullets that Word pastes from its Symbol and Wingdings fonts land in the Private Use Area,
# which no font of the kiosk draws: the characters they stand for instead. Other private-use
# characters have no meaning outside the font they came from and are dropped.
_SYMBOL_FONT = {0xF0B7: "•", 0xF0A7: "▪", 0xF0D8: "►", 0xF0FC: "✓", 0xF02D: "-", 0xF076: "❖",
                0xF0A8: "•", 0x30FB: "·"}
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def readable_symbols(text: str) -> str:
    """Word's private-use bullets as the marks they stand for, then `readable_emoji`."""
    if text.isascii():
        return text
    text = _PRIVATE_USE.sub("", text.translate(_SYMBOL_FONT))
    return readable_emoji(text)


def readable_emoji(text: str) -> str:
    """Emoji spelled out in Indonesian between brackets ("🔥 Segera" -> "(api) Segera"), with
    the `emoji` package's CLDR names: the kiosk's fonts (Noto Sans) have no emoji, and a box
    in place of one tells a resident nothing. Other text comes back as is."""
    if text.isascii() or not emoji.emoji_count(text):
        return text
    _load_indonesian_names()
    return emoji.replace_emoji(text, replace=_emoji_name)


@cache
def _load_indonesian_names() -> None:
    emoji.config.load_language("id")  # on first need: most postings have no emoji


def _emoji_name(_chars: str, data: dict[str, str]) -> str:
    name = data.get("id") or data.get("en") or ""
    return "(" + name.strip(":").replace("_", " ") + ")"


def clean_line(text: str) -> str:
    """One-line text (title, employer, place): emoji spelled out (readable_emoji), controls,
    zero-width and bidi characters removed, all whitespace runs one space.

    Unicode is NFC-composed so that "é" typed two ways compares equal.
    """
    text = INVISIBLE.sub("", _LINE_BREAK.sub(" ", readable_symbols(text)))
    return " ".join(unicodedata.normalize("NFC", text).split())


def clean_multiline(text: str) -> str:
    """Free text (description): emoji spelled out, controls removed, newlines kept, spaces
    inside lines collapsed.

    Line ends become "\\n", trailing spaces go, and more than one empty line in a row becomes one.
    """
    text = INVISIBLE.sub("", _LINE_BREAK.sub("\n", readable_symbols(text)))
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# Content that is never text for a reader: scripts, styles, templates, no-script fallbacks.
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
# Elements that start and end a line (a paragraph, a heading, a list item, a table row...).
_BLOCKS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "tr", "table", "thead", "tbody", "section", "article", "header", "footer", "blockquote",
    "pre", "hr", "address", "figure", "figcaption", "main", "nav", "aside",
})
# Blocks that a browser sets apart with space above and below: an empty line here.
_PARAGRAPHS = frozenset({"p", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "table",
                         "blockquote", "pre", "hr"})
_CELLS = frozenset({"td", "th"})


class _PlainText(HTMLParser):
    """Collects the text of an HTML fragment: block elements as line breaks, list items as
    "- " lines (in `lines` mode), hidden elements dropped, entities decoded."""

    def __init__(self, lines: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._lines = lines
        self._hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self.parts.append("\n" if self._lines else " ")  # each <br> is a line break
        elif tag == "li":
            self._block_break(tag)
            self.parts.append("- " if self._lines else "")
        elif tag in _BLOCKS:
            self._block_break(tag)
        elif tag in _CELLS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN:  # <br/>, <hr/>; a self-closed <script/> hides nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS and tag != "br":
            self._block_break(tag)
        elif tag in _CELLS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)

    def _block_break(self, tag: str) -> None:
        """A block boundary: the text goes on at the start of a line, after an empty line for
        paragraph-like blocks. Adjacent boundaries (</li></ul><p>) do not add up, as a browser
        shows them; nothing is added before the text has started."""
        if not self._lines:
            self.parts.append(" ")
            return
        wanted = 2 if tag in _PARAGRAPHS else 1
        have = 0
        for part in reversed(self.parts):
            trimmed = part.rstrip(" \t")
            have += len(trimmed) - len(trimmed.rstrip("\n"))
            if trimmed.rstrip("\n"):
                break
        else:
            return
        self.parts.append("\n" * max(0, wanted - have))


def _strip_html(text: str, *, lines: bool) -> str:
    parser = _PlainText(lines)
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def html_to_text(text: str) -> str:
    """Plain text of an HTML fragment (schema.org descriptions are often HTML); other text as is.

    Parsed with the standard library's HTMLParser: paragraphs, headings, table rows and other
    blocks become line breaks, list items "- " lines, the content of script, style, template
    and noscript elements is dropped, other tags are dropped with their attributes (a ">"
    inside an attribute value included), and entities are decoded. Text with no tag keeps its
    "<" and ">" and only has its entities decoded. clean_multiline tidies the spaces after.
    """
    if _HTML_TAG.search(text):
        return _strip_html(text, lines=True)
    if _HTML_ENTITY.search(text):
        return html.unescape(text)
    return text


def html_to_line(text: str) -> str:
    """One-line text without HTML markup: "Kasir &amp; <b>Admin</b>" -> "Kasir & Admin".

    As html_to_text, but every line break and block boundary becomes a space; clean_line then
    tidies the spaces. Text without markup comes back as is (entities decoded).
    """
    if _HTML_TAG.search(text):
        return _strip_html(text, lines=False)
    if _HTML_ENTITY.search(text):
        return html.unescape(text)
    return text


def shorten(value: object, limit: int = 40) -> str:
    """A short, one-line rendering of a bad value for an error message."""
    raw = value if isinstance(value, str) else reprlib.repr(value)
    text = clean_line(raw[: limit * 2])
    return text if len(text) <= limit else text[: limit - 1] + "…"
