"""The words residents use for a job, joined with KBJI 2014 titles, for search and indexing.

Two tables: the team's occupation vocabulary (assets/search/okupasi.json: everyday words,
slang, abbreviations, phonetic loan spellings, English titles, each entry tied to KBJI 2014
subgolongan, 4-digit codes) and the KBJI 2014 jabatan titles (assets/kbji/kbji2014_judul.json,
BPS). A posting title gets the subgolongan of its longest vocabulary phrase (`classify`), and a
query's phrases name the subgolongan whose postings it also finds (`phrases`).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assets import ASSETS_DIR
from kiosk.textnorm import tokens

VOCABULARY_FILE = ASSETS_DIR / "search" / "okupasi.json"
KBJI_TITLES_FILE = ASSETS_DIR / "kbji" / "kbji2014_judul.json"


@dataclass(frozen=True)
class Occupation:
    """One vocabulary entry: its KBJI 2014 subgolongan (first = the one a title is coded with)
    and its members as folded word tuples."""

    codes: tuple[str, ...]
    members: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Span:
    """A phrase found in a word list: words[start:end] names `occupation`."""

    start: int
    end: int
    occupation: Occupation


class OccupationVocabulary:
    """The joined table; `load()` reads the shipped files once per process."""

    def __init__(self, doc: dict, kbji_doc: dict) -> None:
        self.generic = frozenset(w for g in doc["generic"] for w in tokens(g))
        self._canonical: dict[str, str] = {}
        for group in doc["equivalents"]:
            head = " ".join(tokens(group[0]))
            for variant in group[1:]:
                folded = tokens(variant)
                if len(folded) == 1 and folded[0] != head:
                    self._canonical[folded[0]] = head
        self._titles: dict[str, list[tuple[tuple[str, ...], Occupation]]] = {}
        self._queries: dict[str, list[tuple[tuple[str, ...], Occupation]]] = {}
        known: set[str] = set()
        for entry in doc["occupations"]:
            titled = tuple(tuple(tokens(w)) for w in entry["words"] if tokens(w))
            extra = tuple(tuple(tokens(w)) for w in entry.get("query_only", ()) if tokens(w))
            occupation = Occupation(tuple(entry["kbji"]), titled + extra)
            for words in titled:
                self._titles.setdefault(words[0], []).append((words, occupation))
            for words in titled + extra:
                self._queries.setdefault(words[0], []).append((words, occupation))
                known.update(words)
        self._own_words = frozenset(w for ws in self._queries for w in [ws])
        for code, group in kbji_doc["subgolongan"].items():
            for title in [group["judul"], *group["jabatan"]]:
                words = tuple(w for w in tokens(title) if w not in {"dan", "ybdi", "ytdl"})
                if len(words) >= 2:  # one-word KBJI titles are too broad to code a posting
                    occupation = Occupation((code,), (words,))
                    self._titles.setdefault(words[0], []).append((words, occupation))
                    self._queries.setdefault(words[0], []).append((words, occupation))
        for table in (self._titles, self._queries):
            for rules in table.values():
                rules.sort(key=lambda r: -len(r[0]))
        self.known = frozenset(known)
        """Every single word of the team's vocabulary: a word residents use for a job."""
        self.phrases_known = tuple(sorted({" ".join(m) for e in self._queries.values()
                                           for m, o in e if len(o.members) > 1}))

    @classmethod
    def load(cls) -> OccupationVocabulary:
        return _shipped()

    def canonical(self, word: str) -> str:
        """The spelling postings use for a folded word ("kebon" -> "kebun")."""
        return self._canonical.get(word, word)

    def classify(self, title: str) -> str | None:
        """The KBJI 2014 subgolongan (4 digits) of a posting title, or None: the longest
        phrase of the vocabulary (the team's before KBJI's titles) wins, then the first."""
        words = [self.canonical(w) for w in tokens(title)]
        best: Span | None = None
        for span in _spans(words, self._titles):
            if best is None or span.end - span.start > best.end - best.start:
                best = span
        return best.occupation.codes[0] if best else None

    def phrases(self, words: list[str]) -> list[Span]:
        """The longest vocabulary phrases in a query's folded words, left to right, not
        overlapping."""
        return list(_spans(words, self._queries))


def _spans(words: list[str], table: dict[str, list[tuple[tuple[str, ...], Occupation]]]
           ) -> list[Span]:
    found: list[Span] = []
    i = 0
    while i < len(words):
        for phrase, occupation in table.get(words[i], ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                found.append(Span(i, i + len(phrase), occupation))
                i += len(phrase)
                break
        else:
            i += 1
    return found


def vocabulary_fingerprint() -> str:
    """A hash of the shipped vocabulary files: postings are coded from them, so the search
    index is rebuilt when they change (kiosk.catalog.index_fingerprint)."""
    digest = hashlib.sha256()
    for path in (VOCABULARY_FILE, KBJI_TITLES_FILE):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


@cache
def _shipped() -> OccupationVocabulary:
    read = lambda p: json.loads(Path(p).read_text(encoding="utf-8"))  # noqa: E731
    return OccupationVocabulary(read(VOCABULARY_FILE), read(KBJI_TITLES_FILE))
