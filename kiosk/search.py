"""Vacancy search as residents type: folding, stems, prefixes, typos, loan words and filters.

A query becomes an SQLite FTS5 expression over the folded-and-stemmed index that
kiosk/catalog.py writes. Every query word becomes a group of alternatives (the word, its
Indonesian stem, its synonyms from assets/search/sinonim.json, and near spellings from the
index vocabulary when the word itself is unknown); all groups must match. The last word is also
matched as a prefix while the resident is still typing it.
"""
from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlite_utils import Database

from assets import ASSETS_DIR
from kiosk.catalog import row_to_vacancy
from kiosk.region import KOTA_CODE
from kiosk.textnorm import Stemmer, fold, tokens
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy
from kiosk.vocabulary import index_words

SYNONYM_FILE = ASSETS_DIR / "search" / "sinonim.json"
# Function words that match nearly every description; dropped unless they are the whole query.
_STOP_WORDS = frozenset(
    {"di", "dan", "yang", "untuk", "ke", "dari", "atau", "the", "and", "of", "in"}
)
_MAX_TYPO_ALTERNATIVES = 8
_MAX_QUERY_WORDS = 12
_MIN_PREFIX = 2  # a lone first letter is not searched as a prefix; it would match everything
_SHORT_PREFIX = 4
_COLUMN_WEIGHTS = "10.0, 4.0, 5.0, 1.0"  # title, employer, skills, description


@dataclass(frozen=True)
class SearchQuery:
    """What a resident asked for. Empty text lists every open vacancy, newest first.

    Attributes:
        text: free text as typed, in any case, with or without punctuation.
        kecamatan_code: dotted Kemendagri code ("33.74.10"); kiosk.region.KOTA_CODE ("33.74")
            for anywhere in Kota Semarang, also where only the city is known; None for anywhere.
        education: the resident's HIGHEST level; shows vacancies asking for that level or lower
            (or stating none). Levels compare by KKNI rank (kiosk.vacancy.EducationLevel.rank).
        employment_type: only this type; None for any.
        min_salary: IDR per month; keeps vacancies whose stated pay reaches it (the top of the
            range, or the single figure). Vacancies that state no pay are left out.
    """

    text: str = ""
    kecamatan_code: str | None = None
    education: EducationLevel | None = None
    employment_type: EmploymentType | None = None
    min_salary: int | None = None


@dataclass(frozen=True)
class SearchResult:
    """One page of results in rank order (each with its id) and the number of all matches."""

    vacancies: tuple[Vacancy, ...]
    total: int


class SynonymTable:
    """Groups of words with one meaning (Indonesian and English loan words), from assets/search/."""

    def __init__(self, groups: list[list[str]]) -> None:
        self._by_word: dict[str, set[str]] = {}
        for group in groups:
            members = {" ".join(tokens(m)) for m in group if tokens(m)}
            for member in members:
                if " " not in member:
                    self._by_word.setdefault(member, set()).update(members)

    @classmethod
    def load(cls, path: Path = SYNONYM_FILE) -> SynonymTable:
        return cls(json.loads(path.read_text(encoding="utf-8"))["groups"])

    def completing(self, prefix: str) -> set[str]:
        """Every member of the groups of words that start with `prefix` ("secur" -> security,
        satpam, ...), for prefixes of at least 4 letters; empty otherwise."""
        if len(prefix) < 4:
            return set()
        found: set[str] = set()
        for word, members in self._by_word.items():
            if word.startswith(prefix):
                found |= members
        return found

    def of(self, word: str) -> set[str]:
        """The other members of every group `word` belongs to (phrases keep their space)."""
        return self._by_word.get(word, set()) - {word}


class _Vocabulary:
    """The distinct words of the search index, for prefix checks and typo correction."""

    def __init__(self, words: list[str]) -> None:
        self.sorted = sorted(words)
        self.words = frozenset(self.sorted)
        self.by_first: dict[str, list[str]] = {}
        for word in self.sorted:
            self.by_first.setdefault(word[0], []).append(word)

    def has_prefix(self, prefix: str) -> bool:
        i = bisect_left(self.sorted, prefix)
        return i < len(self.sorted) and self.sorted[i].startswith(prefix)


def _max_typos(word: str) -> int:
    """Edits tolerated in a word: none below 4 letters, one up to 7, two from 8 (OSA distance)."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def _quote(term: str) -> str:
    return '"' + term + '"'


class SearchService:
    """Searches the open vacancies of one kiosk database.

    Args:
        db: the open kiosk database.
        clock: local time; vacancies whose valid_through is before today are never returned.
        stemmer: the same Stemmer the catalog indexes with.
        synonyms: defaults to the team's table in assets/search/sinonim.json.
    """

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        stemmer: Stemmer | None = None,
        synonyms: SynonymTable | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._stemmer = stemmer or Stemmer()
        self._synonyms = synonyms or SynonymTable.load()
        self._vocabulary: _Vocabulary | None = None
        self._vocabulary_key: tuple[int, int] | None = None

    def search(
        self, query: SearchQuery, limit: int = 30, offset: int = 0, *, today: date | None = None
    ) -> SearchResult:
        """Up to `limit` matching open vacancies from rank `offset` on, and the total count.

        Rank: vacancies with every query word in the title first, then those with every word in
        title, employer or skills, then the rest; newest first within each tier.

        Args:
            today: judge expiry on this date instead of the clock's (for staff and tests).
        """
        limit, offset = max(0, limit), max(0, offset)
        where = ["f.valid_through >= :today"]
        params: dict[str, object] = {"today": (today or self._clock().date()).isoformat()}
        if query.kecamatan_code == KOTA_CODE:
            where.append("f.in_kota = 1")
        elif query.kecamatan_code:
            where.append("f.kecamatan_code = :kecamatan")
            params["kecamatan"] = query.kecamatan_code
        if query.education is not None:
            where.append("(f.education_rank IS NULL OR f.education_rank <= :education)")
            params["education"] = query.education.rank
        if query.employment_type is not None:
            where.append("f.employment_type = :employment_type")
            params["employment_type"] = query.employment_type.value
        if query.min_salary:
            where.append("f.salary_top >= :min_salary")
            params["min_salary"] = query.min_salary
        condition = " AND ".join(where)
        expression = self.match_expression(query.text)
        if expression is None and query.text.strip() and not tokens(query.text):
            # Only punctuation, emoji or another script: nothing the index can match.
            return SearchResult((), 0)
        if expression is None:
            total = self._db.execute(
                f"SELECT count(*) FROM vacancy_facet f WHERE {condition}", params
            ).fetchone()[0]
            page = [
                r[0] for r in self._db.execute(
                    f"SELECT f.vacancy_id FROM vacancy_facet f WHERE {condition} "
                    "ORDER BY f.rank_key DESC LIMIT :limit OFFSET :offset",
                    {**params, "limit": limit, "offset": offset},
                )
            ]
            return SearchResult(self._load(page), total)
        matched = (
            "SELECT {what} FROM vacancy_search s JOIN vacancy_facet f ON f.rank_key = s.rowid "
            f"WHERE vacancy_search MATCH :match AND {condition}"
        )
        total = self._db.execute(
            matched.format(what="count(*)"), {**params, "match": expression}
        ).fetchone()[0]
        ids: list[int] = []
        wanted = offset + limit
        # The tiers, best first; FTS5 yields each newest first, so a page stops early.
        title = "{title}: (" + expression + ")"
        fields = "{title employer skills}: (" + expression + ")"
        for tier in (title, f"{fields} NOT {title}", f"({expression}) NOT {fields}"):
            if len(ids) >= wanted or total == 0:
                break
            ids += [
                r[0] for r in self._db.execute(
                    matched.format(what="f.vacancy_id") + " ORDER BY s.rowid DESC LIMIT :n",
                    {**params, "match": tier, "n": wanted - len(ids)},
                )
            ]
        return SearchResult(self._load(ids[offset:wanted]), total)

    def warm_up(self) -> None:
        """Load the vocabulary and the index pages now (about 0.5 s at 100k vacancies), so the
        first resident's first letter is answered as fast as the rest. Call off the GUI thread."""
        self._load_vocabulary()
        self._stemmer.stem("pekerjaan")  # loads Sastrawi's dictionary (about 0.5 s)
        self.search(SearchQuery("warm "))

    def _load(self, ids: list[int]) -> tuple[Vacancy, ...]:
        """The full vacancies for `ids`, in that order."""
        if not ids:
            return ()
        marks = ", ".join("?" for _ in ids)
        cursor = self._db.execute(f"SELECT * FROM vacancy WHERE id IN ({marks})", ids)
        names = [d[0] for d in cursor.description]
        by_id = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
        return tuple(row_to_vacancy(by_id[i]) for i in ids)

    def match_expression(self, text: str) -> str | None:
        """The FTS5 MATCH expression for typed text, or None when it holds no word.

        The last word counts as a prefix unless the text ends in a space or punctuation.
        """
        words = tokens(text)[:_MAX_QUERY_WORDS]
        if not words:
            return None
        still_typing = bool(fold(text)[-1:].strip())
        if still_typing and len(words[-1]) < _MIN_PREFIX:
            # Wait for a second letter: one letter would match nearly every vacancy.
            words = words[:-1]
            still_typing = False
            if not words:
                return None
        meaningful = [w for w in words if w not in _STOP_WORDS] or words
        groups = []
        for i, word in enumerate(meaningful):
            is_last = still_typing and i == len(meaningful) - 1 and word == words[-1]
            groups.append("(" + " OR ".join(self._alternatives(word, is_last)) + ")")
        return " AND ".join(groups)

    def _alternatives(self, word: str, is_prefix: bool) -> list[str]:
        vocabulary = self._load_vocabulary()
        exact = {word}
        # A half-typed word has no meaningful stem ("secur" would become "cur"); one that is
        # already a whole word of the index has ("menjahit" -> "jahit").
        complete = not is_prefix or word in vocabulary.words
        root = self._stemmer.stem(word) if complete else word
        exact.add(root)
        for w in list(exact):
            exact |= self._synonyms.of(w)
        prefixes: set[str] = set()
        if is_prefix:
            prefixes.add(word)
            exact |= self._synonyms.completing(word)
        known = word in vocabulary.words or root in vocabulary.words or (
            is_prefix and vocabulary.has_prefix(word)
        )
        if not known:
            exact |= self._near_words(word, vocabulary)
            if is_prefix:
                prefixes |= self._near_prefixes(word, vocabulary)
        terms = [_quote(t) for t in sorted(exact) if t not in prefixes]
        for p in sorted(prefixes):
            # Two or three letters start too many words of the long descriptions to help.
            scope = "{title employer skills}: " if len(p) < _SHORT_PREFIX else ""
            terms.append(scope + _quote(p) + "*")
        return terms

    def _near_words(self, word: str, vocabulary: _Vocabulary) -> set[str]:
        """Index words within the tolerated number of edits (a missing, extra, wrong or swapped
        letter each count one: optimal string alignment distance)."""
        limit = _max_typos(word)
        if limit == 0:
            return set()
        matches = process.extract(
            word, vocabulary.sorted, scorer=OSA.distance, score_cutoff=limit,
            limit=_MAX_TYPO_ALTERNATIVES,
        )
        return {m[0] for m in matches}

    def _near_prefixes(self, word: str, vocabulary: _Vocabulary) -> set[str]:
        """Prefixes of index words that are one edit from a half-typed word ("pengemdu" ->
        "pengemud"). Only words with the same first letter are compared, to stay fast."""
        if _max_typos(word) == 0:
            return set()
        n = len(word)
        found: set[str] = set()
        for candidate in vocabulary.by_first.get(word[0], ()):
            if len(candidate) < n - 1:
                continue
            for head in {candidate[:n], candidate[: n - 1], candidate[: n + 1]}:
                if OSA.distance(word, head, score_cutoff=1) <= 1:
                    found.add(head)
            if len(found) >= _MAX_TYPO_ALTERNATIVES:
                break
        return found

    def _load_vocabulary(self) -> _Vocabulary:
        key = (
            self._db.execute("PRAGMA data_version").fetchone()[0],
            self._db.conn.total_changes,
        )
        if self._vocabulary is None or key != self._vocabulary_key:
            self._vocabulary = _Vocabulary(index_words(self._db))
            # Taken again: refreshing the stored copy of the words is itself a write.
            self._vocabulary_key = (
                self._db.execute("PRAGMA data_version").fetchone()[0],
                self._db.conn.total_changes,
            )
        return self._vocabulary
