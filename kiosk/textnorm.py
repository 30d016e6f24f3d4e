"""Folding, tokenising and stemming of Indonesian text, shared by the search index and queries."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping

# What neither a posting nor a typed query may hold (kiosk.importer.text removes it on import,
# kiosk.search_words.typed_text from what a resident types): C0/C1 controls, the soft hyphen,
# zero-width spaces and joiners, bidi marks, overrides and isolates, variation selectors,
# lone surrogates, the BOM and non-characters.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ud800-\udfff\ufe00-\ufe0f\ufeff\ufffe\uffff]"
)
# Words shorter than this are never stemmed: Sastrawi would strip them to nothing useful.
_MIN_STEM_LENGTH = 5
DESCRIPTION_SKIPPED = frozenset({"di", "dan", "yang", "untuk", "ke", "dari", "atau", "the", "and",
                                 "of", "in", "at"})
"""Function words left out of the indexed descriptions (about 8 % of their words: "dan" alone is
one word in 20). A query never looks for them (kiosk.search_words.STOP_WORDS holds them all,
a test checks it); a query of nothing but them still finds them in titles and skills."""


def fold(text: str) -> str:
    """Lower-case, strip accents and turn punctuation into spaces ("Staf-Admin." -> "staf admin ").

    Keeps letters and digits only; compatibility forms (full-width letters, ligatures) are
    unified through NFKD first.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(
        " " if not ch.isalnum() else ch
        for ch in decomposed
        if not unicodedata.combining(ch)
    )


def fold_phrase(text: str) -> str:
    """`fold` with runs of spaces made one and none at the ends: the form names and words are
    compared in ("  Kec. Semarang-Barat " -> "kec semarang barat")."""
    return " ".join(fold(text).split())


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_marks(match: re.Match[str]) -> str:
    """A run of non-ASCII characters: accents (combining marks) vanish, anything else splits
    words as `fold` does."""
    return "".join("" if unicodedata.combining(ch) else " " for ch in match.group())


def tokens(text: str) -> list[str]:
    """The folded words of `text`, in order, ASCII letters and digits only.

    The same words as `fold` then splitting, without a Python step per character: the index
    folds every description with this (kiosk.catalog), so it runs in C where it can.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if not decomposed.isascii():
        decomposed = _NON_ASCII.sub(_drop_marks, decomposed)
    # ASCII now: every byte but a letter or digit becomes a space, then split (about 40 %
    # faster than re.findall("[0-9a-z]+") on a description)
    return decomposed.encode("ascii").translate(_SPACE_BUT_WORDS).decode("ascii").split()


_SPACE_BUT_WORDS = bytes(c if c in b"0123456789abcdefghijklmnopqrstuvwxyz" else 32
                         for c in range(256))


class Stemmer:
    """Indonesian stemmer (Sastrawi's Nazief-Adriani algorithm) with a per-word cache.

    Sastrawi only removes affixes when it finds the root in its dictionary, so English loan words
    ("marketing", "engineering") pass through unchanged. Loading its dictionary costs about 30 ms,
    so it happens on first use, not at import.
    """

    _ROOTS_LIMIT = 500_000  # words kept; past it the cache starts over (a file of random strings)

    def __init__(self) -> None:
        self._stem_word: Callable[[str], str] | None = None
        self._roots: dict[str, str] = {}
        self._indexed = _IndexedWords(self)
        self._stems = _IndexedWords(self, stems_only=True)

    def _load(self) -> Callable[[str], str]:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        return StemmerFactory().create_stemmer().stem

    def stem(self, word: str) -> str:
        """The root of one folded word ("pengemudi" -> "kemudi"); short words come back as is.

        Sastrawi takes about 0.3 ms a word on the 2-core kiosk PC, so each root is kept."""
        if len(word) < _MIN_STEM_LENGTH or word.isdigit():
            return word
        root = self._roots.get(word)
        if root is None:
            if self._stem_word is None:
                self._stem_word = self._load()
            if len(self._roots) >= self._ROOTS_LIMIT:
                self._roots.clear()
            root = self._roots[word] = self._stem_word(word) or word
        return root

    def roots(self) -> dict[str, str]:
        """{folded word: its root} of every word this Stemmer has stemmed so far (a copy), for
        another Stemmer with the same rules to `learn` (kiosk.catalog_prepare's helper)."""
        return dict(self._roots)

    def learn(self, roots: Mapping[str, str]) -> None:
        """Take the roots another Stemmer found (`roots()`), so they are not computed again.
        Only for a Stemmer that folds and stems alike (kiosk.catalog_rows.index_fingerprint)."""
        self._roots.update(roots)

    def index_text(self, text: str) -> str:
        """The text to put in the search index: each folded word once, in order of first
        appearance, plus its stem where different.

        Each distinct word is folded and stemmed once per Stemmer (an import of 100,000
        vacancies meets a few tens of thousands of words, millions of times). A word is
        written once however often the text repeats it: the index keeps which columns of a
        vacancy hold a word, not how often or where (migration m011, detail=column).
        """
        return " ".join(dict.fromkeys(map(self._indexed.__getitem__, tokens(text))))

    def index_stems(self, text: str) -> str:
        """The text to put in the search index's description column: the stem of each folded
        word only ("pengemudi" -> "kemudi"), each once, without DESCRIPTION_SKIPPED.

        Descriptions are nine tenths of the indexed words; storing "word stem" there made the
        index insert the slowest part of a catalog write (docs/performance.md). A query asks
        the description column for the stems of its words (kiosk.search_words), so any
        inflection of a word still finds it; what is lost is typing a prefix of an inflected
        form ("pengem" finds "pengemudi" in titles and skills only).
        """
        stems = dict.fromkeys(map(self._stems.__getitem__, tokens(text)))
        stems.pop("", None)  # DESCRIPTION_SKIPPED
        return " ".join(stems)  # each stem once, as index_text

    def index_many(self, parts: Iterable[str]) -> str:
        """`index_text` of the parts (a posting's skills) as one text: each word once."""
        return self.index_text(" ".join(parts))


class _IndexedWords(dict[str, str]):
    """word -> "word" or "word stem" (`Stemmer.index_text`'s cache), or with `stems_only` the
    stem alone, "" for DESCRIPTION_SKIPPED (`Stemmer.index_stems`'s); filled on first use."""

    _LIMIT = 500_000  # words; a pathological file of random strings starts over, not runs out

    def __init__(self, stemmer: Stemmer, *, stems_only: bool = False) -> None:
        super().__init__()
        self._stemmer = stemmer
        self._stems_only = stems_only

    def __missing__(self, word: str) -> str:
        if len(self) >= self._LIMIT:
            self.clear()
        if self._stems_only:
            value = "" if word in DESCRIPTION_SKIPPED else self._stemmer.stem(word)
        else:
            root = self._stemmer.stem(word)
            value = word if root == word else f"{word} {root}"
        self[word] = value
        return value
