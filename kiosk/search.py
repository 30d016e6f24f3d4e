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
from dataclasses import dataclass, replace
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

from sqlite_utils import Database

from assets import ASSETS_DIR
from kiosk.browse import FIELDS, field_expression
from kiosk.catalog import row_to_vacancy
from kiosk.places import Band, Place, PlaceTable
from kiosk.region import KOTA_CODE, RegionTable
from kiosk.search_rank import Ranker
from kiosk.search_tags import (
    AREA_CITY,
    AREA_UNKNOWN,
    EVERY,
    NO_PLACE,
    kecamatan_tag,
    region_tag,
)
from kiosk.search_words import QueryPlan, QueryWords, typed_text
from kiosk.textnorm import Stemmer, tokens
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy
from kiosk.vocabulary import index_words

SYNONYM_FILE = ASSETS_DIR / "search" / "sinonim.json"
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
            range, or the single figure, as its monthly equivalent when the pay is per hour,
            day, week or year: kiosk.pay). Vacancies that state no pay are left out.
        near: the kecamatan code where the kiosk stands (kiosk.settings kiosk_kelurahan);
            None when it knows only the city. Ranks by distance band (kiosk.places.Band).
        field: a browse field key (kiosk.browse.FIELDS): only vacancies of its KBJI groups.
    """

    text: str = ""
    kecamatan_code: str | None = None
    education: EducationLevel | None = None
    employment_type: EmploymentType | None = None
    min_salary: int | None = None
    near: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class SearchResult:
    """One page of results in rank order (each with its id) and the number of all matches.

    `bands` gives each vacancy's distance band (kiosk.places.Band); `soft` is True when no
    vacancy had every word and these are the ones with the most of them; `suggestions` are
    known job words near the typed words no table knows, when nothing matched at all (never
    a typed word or another spelling of one: a known word that found nothing is not misspelt);
    `place` is the place the text named (kiosk.places.Place), if any.

    When nothing matched, what would widen the search (each one count, None when not counted):
    `outside_scope` is how many open vacancies match the same words and filters outside the
    place scope (SearchQuery.kecamatan_code, the city or a kecamatan), which a search with
    kecamatan_code=None would find (None: there was no scope); `without_filters` is how many
    match the words in the same scope with no education, employment type, salary or field
    filter (None: none was set). kiosk.search_filters.search_status says them on the job
    search screen (once the screen passes them), `siker-kiosk search` prints them.
    """

    vacancies: tuple[Vacancy, ...]
    total: int
    bands: tuple[Band, ...] = ()
    soft: bool = False
    suggestions: tuple[str, ...] = ()
    place: Place | None = None
    outside_scope: int | None = None
    without_filters: int | None = None


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


def _conjunction(parts: list[str]) -> str | None:
    return " AND ".join(parts) if parts else None


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
        regions: RegionTable | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._stemmer = stemmer or Stemmer()
        self._synonyms = synonyms or SynonymTable.load()
        self._vocabulary: _Vocabulary | None = None
        self._vocabulary_key: tuple[int, int] | None = None
        self._bounds: tuple[int | None, int | None] = (None, None)
        self._bounds_key: tuple[str, int, int] | None = None
        self._places = PlaceTable.load(regions or RegionTable.load())
        self._ranker = Ranker(db)
        self._words = QueryWords(self._stemmer, self._synonyms, self._places,
                                 self._load_vocabulary)

    def search(
        self, query: SearchQuery, limit: int = 30, offset: int = 0, *, today: date | None = None
    ) -> SearchResult:
        """Up to `limit` matching open vacancies from rank `offset` on, and the total count.

        Rank: vacancies with every query word in the title first, then those with every word in
        title, employer or skills, then the rest; within each tier by distance band from
        `query.near`, then newest first (kiosk.search_rank).

        Args:
            today: judge expiry on this date instead of the clock's (for staff and tests).
        """
        limit, offset = max(0, limit), max(0, offset)
        query = replace(query, text=typed_text(query.text))
        plan = self._words.plan(query.text)
        scope, near = query.kecamatan_code, query.near
        place_filter = None
        if plan.place is not None:
            # A place typed in the text says where to look: a kecamatan of the city ranks
            # first (and keeps the city scope), any other place replaces the scope.
            if plan.place.kind == "kecamatan":
                near = plan.place.code
            elif plan.place.code == KOTA_CODE:
                scope = KOTA_CODE if scope is None else scope
            else:
                scope, place_filter = None, region_tag(plan.place.code)
        where = ["f.valid_through >= :today"]
        params: dict[str, object] = {"today": (today or self._clock().date()).isoformat()}
        if scope == KOTA_CODE:
            # (every posting in_kota has the city's area: the area index narrows to the city)
            # The postings that name no place are kept, after the city's own (kiosk.search_rank).
            where.append(f"f.area IN ({AREA_CITY}, {AREA_UNKNOWN}) "
                         f"AND (f.in_kota = 1 OR f.area = {AREA_UNKNOWN})")
        elif scope:
            where.append("f.kecamatan_code = :kecamatan")
            params["kecamatan"] = scope
        scope_sql = where[1] if scope else None
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
        if query.text.strip() and not tokens(query.text):
            # Only punctuation, emoji or another script: nothing the index can match.
            return SearchResult((), 0)
        required = [x for x in (place_filter, field_expression(query.field)) if x]
        # The scope's place tag (the city's, or the kecamatan's) lets FTS5 skip the matches
        # outside it instead of joining each to the facet table to find out; the facet
        # condition stays, so the tag only narrows (kiosk.search_tags).
        narrow = (f"({region_tag(KOTA_CODE)} OR {NO_PLACE})" if scope == KOTA_CODE
                  else kecamatan_tag(scope) if scope else None)
        # CROSS JOIN keeps FTS5 the outer loop: with an indexed facet filter (the city's
        # area, a kecamatan) SQLite would otherwise run the MATCH once per facet row.
        matched = (
            "SELECT {what} FROM vacancy_search s CROSS JOIN vacancy_facet f "
            f"ON f.rank_key = s.rowid WHERE vacancy_search MATCH :match AND {condition}"
        )
        groups = list(plan.groups)
        expression = _conjunction(groups + required) or EVERY
        every_word = expression
        everything: list[int] | None = None
        if expression == EVERY:  # nothing to look for: the facet table counts and ranks alone
            condition = self._facet_condition(where[1:], params)
            total = int(self._db.execute(
                f"SELECT count(*) FROM vacancy_facet f WHERE {condition}", params).fetchone()[0])
        elif scope_sql and self._ranker.holds_few(
                scope_sql, {k: v for k, v in params.items() if k == "kecamatan"}):
            # A scope this small: every match at once is the count and the last tier.
            everything = self._ranker.everything(expression, condition, params, near,
                                                 scope_in_city=True, narrow=narrow)
            total = len(everything)
        else:
            total = self._count_matches(expression, matched, params, filtered=len(where) > 1,
                                        narrow=narrow)
        soft = False
        if total == 0 and len(groups) >= 2:
            # No vacancy has every word: those with the most of them, under their own heading.
            for k in range(len(groups) - 1, 0, -1):
                some = " OR ".join(
                    "(" + " AND ".join(c) + ")" for c in combinations(groups, k))
                expression = " AND ".join([f"({some})", *required])
                total = self._count_matches(expression, matched, params, filtered=len(where) > 1,
                                        narrow=narrow)
                if total:
                    soft, everything = True, None
                    break
        if total == 0:
            # What would widen it: the same words outside the scope, or without the filters.
            outside = without = None
            if scope:
                outside = self._count(every_word, [where[0], *where[2:]], params, None)
            filters = where[2 if scope else 1:]
            if filters or query.field:
                without = self._count(_conjunction(groups + ([place_filter] if place_filter
                                                            else [])) or EVERY,
                                      where[:len(where) - len(filters)], params, narrow)
            typed = tuple(tokens(query.text))
            # Near words for the words no table knows. Known words are not misspelt: when the
            # scope or the filters hid their vacancies, widening is the answer, not a word;
            # only when they found nothing anywhere, other job words near them.
            suggestions = (self._words.suggestions(plan.unknown, typed=typed) if plan.unknown
                           else () if outside or without
                           else self._words.suggestions(typed, typed=typed))
            return SearchResult((), 0, suggestions=suggestions, place=plan.place,
                                outside_scope=outside, without_filters=without)
        exact = None
        if not soft and plan.exact != plan.groups:
            exact = _conjunction(list(plan.exact) + required)
        ids = self._ranker.ranked(expression, exact, condition, params, offset + limit, near,
                                  scope_in_city=scope is not None, total=total, narrow=narrow,
                                  everything=everything)
        vacancies = self._load(ids[offset:offset + limit])
        bands = tuple(self._places.band(near, v.kecamatan_code, v.in_kota_semarang, v.location)
                      for v in vacancies)
        return SearchResult(vacancies, total, bands, soft, (), plan.place)

    def _count(self, expression: str, where: list[str], params: dict[str, object],
               narrow: str | None) -> int:
        """How many open vacancies match `expression` (EVERY: any) and the facet conditions
        `where` (the expiry check first): one FTS5 count, or the facet table's alone."""
        params = dict(params)
        if expression == EVERY:
            condition = self._facet_condition(where[1:], params)
            return int(self._db.execute(
                f"SELECT count(*) FROM vacancy_facet f WHERE {condition}", params).fetchone()[0])
        matched = ("SELECT {what} FROM vacancy_search s CROSS JOIN vacancy_facet f "
                   "ON f.rank_key = s.rowid WHERE vacancy_search MATCH :match AND "
                   + " AND ".join(where))
        return self._count_matches(expression, matched, params, filtered=len(where) > 1,
                                   narrow=narrow)

    def _facet_condition(self, filters: list[str], params: dict[str, object]) -> str:
        """The facet-table condition for open vacancies passing `filters`, as a range of rank
        keys: those newer than the newest closed vacancy need no expiry check, those older
        than the oldest open one are skipped (see _count_matches). Binds :first_open and
        :last_closed in `params`. Counting 100,000 facet rows this way is a scan of the
        table, not a walk of the valid_through index with a look-up per row (4x slower when
        nearly every vacancy is open)."""
        first_open, last_closed = self._open_bounds(str(params["today"]))
        if first_open is None:
            return "0"
        params.update(first_open=first_open, last_closed=last_closed)
        expiry = ["f.rank_key >= :first_open"]
        if last_closed is not None and last_closed > first_open:
            expiry.append("(f.rank_key > :last_closed OR +f.valid_through >= :today)")
        return " AND ".join(expiry + filters)

    def _count_matches(
        self, expression: str, matched: str, params: dict[str, object], *, filtered: bool,
        narrow: str | None = None,
    ) -> int:
        """How many open vacancies match `expression` (with the facet filters in `matched`).

        With no filter but expiry, FTS5 counts alone wherever every vacancy is known to be
        open: rowids are rank keys (posting day first), so matches newer than the newest
        closed vacancy need no look-up in the facet table, and matches older than the oldest
        open one are all closed. Only the rowids in between are joined to the facet to check
        expiry (about 5x faster than joining every match at 100,000 vacancies: see
        docs/performance.md). With other filters every match is joined, as before.
        """
        if filtered:
            match = expression if narrow is None else f"({expression}) AND {narrow}"
            return int(self._db.execute(
                matched.format(what="count(*)"), {**params, "match": match}).fetchone()[0])
        first_open, last_closed = self._open_bounds(str(params["today"]))
        if first_open is None:
            return 0
        fts = "SELECT count(*) FROM vacancy_search WHERE vacancy_search MATCH :match AND "
        if last_closed is None or last_closed < first_open:
            return int(self._db.execute(
                fts + "rowid >= :low", {"match": expression, "low": first_open}).fetchone()[0])
        newer = self._db.execute(
            fts + "rowid > :high", {"match": expression, "high": last_closed}).fetchone()[0]
        between = self._db.execute(
            matched.format(what="count(*)") + " AND s.rowid BETWEEN :low AND :high",
            {**params, "match": expression, "low": first_open, "high": last_closed},
        ).fetchone()[0]
        return int(newer) + int(between)

    def _open_bounds(self, today: str) -> tuple[int | None, int | None]:
        """(the lowest rank key of an open vacancy, the highest of a closed one) on `today`;
        None where there is none. Cached until the day or the database changes."""
        key = (today, self._db.execute("PRAGMA data_version").fetchone()[0],
               self._db.conn.total_changes)
        if self._bounds_key != key:
            first_open, last_closed = self._db.execute(
                "SELECT min(CASE WHEN valid_through >= :today THEN rank_key END), "
                "max(CASE WHEN valid_through < :today THEN rank_key END) FROM vacancy_facet",
                {"today": today}).fetchone()
            self._bounds = (first_open, last_closed)
            self._bounds_key = key
        return self._bounds

    def field_counts(self, scope: str | None = KOTA_CODE, *, today: date | None = None
                     ) -> dict[str, int]:
        """How many open vacancies each browse field (kiosk.browse.FIELDS) has in `scope`
        (a SearchQuery.kecamatan_code: the city by default), by field key."""
        return {f.key: self.search(SearchQuery(kecamatan_code=scope, field=f.key), limit=0,
                                   today=today).total for f in FIELDS}

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
        """The FTS5 MATCH expression for typed text (kiosk.search_words), or None when it
        holds no word to look for. The last word counts as a prefix unless the text ends in a
        space or punctuation."""
        expression = _conjunction(list(self._words.plan(text).groups))
        # Only words that say "job" or "worker" ("bekerja", "loker"): every vacancy.
        return expression or (EVERY if tokens(typed_text(text)) else None)

    def plan(self, text: str) -> QueryPlan:
        """How typed text is read: its groups of alternatives, place and unknown words."""
        return self._words.plan(text)

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
