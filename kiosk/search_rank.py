"""Matches in rank order: relevance tier, then distance band from the kiosk, then newest (issue 9).

Issue 9 "near home first": within one relevance tier, vacancies rank by distance band (the
kiosk's kecamatan, the rest of Kota Semarang, postings naming no place, the rest of Jawa
Tengah, elsewhere: a posting naming only "Semarang" counts as the city), then newest first.
The tiers are FTS5 queries with column filters (kiosk/search.py builds the expression). A
band is known two ways that always agree (kiosk.search_tags.place_area): the place tags in the
index, and the narrow facet table's kecamatan_code and area columns (migration m010). How a
page is found:
- no words (nothing typed, only filters, only words that say "job"): the facet table alone,
  each band newest first through its (kecamatan_code, rank_key) or (area, rank_key) index,
  stopping when the page is full; the index is never read;
- few matches: one FTS5 query per tier, its matches ordered by band and rank key;
- many matches: per tier, the small bands nearest the kiosk in one FTS5 query ordered by band
  (their tags let FTS5 skip the rest), then each large band newest first, stopping early;
- a search scoped to the city or a kecamatan adds that place's tag to each FTS5 query, and a
  tier is read without NOT (nested_tiers), so FTS5 never evaluates the words twice.
Each FTS5 query of a word still being typed pays for expanding its prefix, so the fewer
queries the better (docs/performance.md, "Search at 100,000").
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from kiosk.places import JATENG_CODE
from kiosk.region import KOTA_CODE
from kiosk.search_tags import (
    AREA_CITY,
    AREA_ELSEWHERE,
    AREA_JATENG,
    AREA_UNKNOWN,
    EVERY,
    NO_PLACE,
    kecamatan_tag,
    region_tag,
)

FEW_MATCHES = 3_000
"""Up to this many matches in all, each tier is one FTS5 query sorted by band: sorting a
tier's matches costs less than running the tier once per band (at 100,000 vacancies, on
the benchmark's queries; above it the two ways cost about the same)."""
SMALL_BAND = 0.2
"""A band holding at most this share of the catalog is read together with the nearer ones."""

_MATCHED = ("SELECT f.vacancy_id FROM vacancy_search s CROSS JOIN vacancy_facet f "
            "ON f.rank_key = s.rowid WHERE vacancy_search MATCH :match AND {condition}")


@dataclass(frozen=True)
class Band:
    """One distance band as SQL: `facet`, a condition over the facet table (alias f);
    `tags`, an FTS5 expression true for its rows only; `up_to`, an FTS5 expression true for
    the rows of this band and every nearer one."""

    facet: str
    tags: str
    up_to: str


@dataclass(frozen=True)
class Bands:
    """The distance bands of one search, nearest first; `order` gives a row's band number
    (0 nearest) over the facet table; `within` is what every ranked row satisfies."""

    bands: tuple[Band, ...]
    order: str
    within: str


def bands(near: str | None, *, scope_in_city: bool) -> Bands:
    """The bands for a kiosk in kecamatan `near` (None: it knows only the city, so the city is
    its nearest band); `scope_in_city` leaves out the bands outside Kota Semarang (their
    postings are filtered out anyway), but keeps the postings that name no place, after the
    city's own. Parameter `:near` must be bound when `near` is set.

    A posting that names no place (AREA_UNKNOWN, "lokasi tidak disebut") ranks right after
    the city: a Semarang kiosk's catalog is mostly the city's, and such a posting is not known
    to be anywhere else, so it must neither be hidden by the city scope nor be called "outside
    Jawa Tengah"; it comes after every posting known to be in the city."""
    city, jateng = region_tag(KOTA_CODE), region_tag(JATENG_CODE)
    in_city = f"f.area = {AREA_CITY}"
    city_or_unknown = f"({city} OR {NO_PLACE})"
    found: list[Band] = []
    if near:
        found += [Band("f.kecamatan_code = :near", kecamatan_tag(near), kecamatan_tag(near)),
                  Band(f"{in_city} AND f.kecamatan_code IS NOT :near",
                       f"{city} NOT {kecamatan_tag(near)}", city)]
        order = (f"CASE WHEN f.kecamatan_code = :near THEN 0 WHEN f.area = {AREA_UNKNOWN} "
                 "THEN 1.5 ELSE f.area + 1 END")
    else:
        found.append(Band(in_city, city, city))
        order = f"CASE WHEN f.area = {AREA_UNKNOWN} THEN 0.5 ELSE f.area END"
    found.append(Band(f"f.area = {AREA_UNKNOWN}", NO_PLACE, city_or_unknown))
    if scope_in_city:
        return Bands(tuple(found), order, f"f.area IN ({AREA_CITY}, {AREA_UNKNOWN})")
    found += [Band(f"f.area = {AREA_JATENG}", f"{jateng} NOT {city}",
                   f"({jateng} OR {NO_PLACE})"),
              Band(f"f.area = {AREA_ELSEWHERE}", f"{EVERY} NOT ({jateng} OR {NO_PLACE})",
                   EVERY)]
    return Bands(tuple(found), order, "1")


def tiers(expression: str, exact: str | None) -> list[str]:
    """The rule (what nested_tiers reads): the relevance tiers of an FTS5 expression, best
    first, as disjoint FTS5 expressions:
    the typed words themselves in the title (`exact`, when it differs from `expression`);
    every word or its occupation in the title; in title, employer or skills; anywhere."""
    title = "{title}: (" + expression + ")"
    fields = "{title employer skills}: (" + expression + ")"
    found = [title, f"{fields} NOT {title}", f"({expression}) NOT {fields}"]
    if exact:
        exact_title = "{title}: (" + exact + ")"
        found[:1] = [exact_title, f"{title} NOT {exact_title}"]
    return found


def nested_tiers(expression: str, exact: str | None) -> list[str]:
    """The same tiers as `tiers`, each without its NOT: every one holds the ones before it
    (the typed words are among each group's alternatives, the title among the fields), so a
    tier is its expression less the vacancies already found in the tiers before. Each FTS5
    query then expands a prefix being typed once instead of twice."""
    found = ["{title}: (" + expression + ")", "{title employer skills}: (" + expression + ")",
             expression]
    return (["{title}: (" + exact + ")"] if exact else []) + found


class Ranker:
    """Finds a page of matches in rank order in one kiosk database; keeps the size of each
    band (for choosing how to read it) until the database changes."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._sizes: dict[tuple[str, str | None], int] = {}
        self._sizes_key: tuple[int, int] | None = None

    def holds_few(self, scope: str, params: dict[str, object]) -> bool:
        """Whether the facet rows in `scope` (an SQL condition over alias f, open or not)
        number at most FEW_MATCHES, so that the matches of any words in it are few; cached
        until the data changes."""
        sizes = self._fresh_sizes()
        key = (scope, repr(sorted(params.items())))
        if key not in sizes:
            sizes[key] = int(self._db.execute(
                f"SELECT count(*) FROM vacancy_facet f WHERE {scope}", params).fetchone()[0])
        return sizes[key] <= FEW_MATCHES

    def everything(self, expression: str, condition: str, params: dict[str, object],
                   near: str | None, *, scope_in_city: bool, narrow: str | None) -> list[int]:
        """Every vacancy id matching `expression` (and `narrow`) in `condition`, by band then
        newest: the count and the last tier's reading in one FTS5 query, for a scope that
        holds few vacancies (holds_few)."""
        shape = bands(near, scope_in_city=scope_in_city)
        match = expression if narrow is None else f"({expression}) AND {narrow}"
        matched = _MATCHED.format(condition=f"{condition} AND {shape.within}")
        return [r[0] for r in self._db.execute(
            f"{matched} ORDER BY {shape.order}, s.rowid DESC",
            {**params, "near": near, "match": match})]

    def ranked(self, expression: str, exact: str | None, condition: str,
               params: dict[str, object], wanted: int, near: str | None, *,
               scope_in_city: bool, total: int, narrow: str | None = None,
               everything: list[int] | None = None) -> list[int]:
        """The first `wanted` vacancy ids matching `expression` (kiosk.search_tags.EVERY:
        every vacancy) and the facet `condition` (SQL over alias f, with `params`) in rank
        order: tier, band, newest first (the facet's rank_key is the recency key and the
        index's rowid). `total` is how many match in all (kiosk.search counts first);
        `narrow`, an FTS5 expression every row in `condition` matches (the scope's place
        tag), is added to each FTS5 query so it skips the rows outside; `everything`, when
        given, is what `everything` returned for the same search (its last tier is read from
        it instead of FTS5)."""
        if wanted <= 0 or total <= 0:
            return []
        shape = bands(near, scope_in_city=scope_in_city)
        params = {**params, "near": near}
        ids: list[int] = []
        if expression == EVERY:
            for band in shape.bands:
                ids += self._ids(f"SELECT f.vacancy_id FROM vacancy_facet f WHERE {condition} "
                                 f"AND {band.facet} ORDER BY f.rank_key DESC LIMIT :n",
                                 params, wanted - len(ids))
                if len(ids) >= wanted:
                    break
            return ids
        matched = _MATCHED.format(condition=f"{condition} AND {shape.within}")
        sorted_by_band = f"{matched} ORDER BY {shape.order}, s.rowid DESC LIMIT :n"
        newest = f"{matched} ORDER BY s.rowid DESC LIMIT :n"
        steps = self._steps(shape, near, few=total <= FEW_MATCHES)
        for tier in nested_tiers(expression, exact):
            # Moving on to a tier means every vacancy of the tiers before (in `condition`) is
            # in `ids` already: had one been left out, the page would be full.
            before = set(ids)
            if tier == expression and everything is not None:
                return ids + [i for i in everything if i not in before][:wanted - len(ids)]
            for sort, band_expression in steps:
                match = tier if band_expression is None else f"({tier}) AND ({band_expression})"
                if narrow is not None:
                    match = f"({match}) AND {narrow}"
                need = wanted - len(ids)
                found = self._ids(sorted_by_band if sort else newest, {**params, "match": match},
                                  need + len(before))
                ids += [i for i in found if i not in before][:need]
                if len(ids) >= wanted:
                    return ids
        return ids

    def _steps(self, shape: Bands, near: str | None, *, few: bool
               ) -> list[tuple[bool, str | None]]:
        """How each tier is read: (sorted by band?, the FTS5 band expression or None for
        all), in order. The nearest bands up to the last small one are one sorted query
        (with few matches, every band is); each larger band after them its own query."""
        if few:
            return [(True, None)]
        sizes = self._band_sizes(shape, near)
        catalog = max(1, sizes.get("", 0))
        small = 0
        while small < len(shape.bands) and \
                sizes.get(shape.bands[small].facet, 0) <= SMALL_BAND * catalog:
            small += 1
        steps: list[tuple[bool, str | None]] = []
        if small:
            steps.append((True, shape.bands[small - 1].up_to))
        steps += [(False, band.tags) for band in shape.bands[small:]]
        if steps and steps[-1][1] == EVERY:
            steps[-1] = (steps[-1][0], None)
        return steps

    def _fresh_sizes(self) -> dict[tuple[str, str | None], int]:
        """The cached sizes, emptied when the database has changed since they were counted."""
        key = (self._db.execute("PRAGMA data_version").fetchone()[0],
               self._db.conn.total_changes)
        if self._sizes_key != key:
            self._sizes, self._sizes_key = {}, key
        return self._sizes

    def _band_sizes(self, shape: Bands, near: str | None) -> dict[str, int]:
        """How many vacancies (open or not) each band's facet condition holds, and "" the
        whole catalog; counted through the facet's indexes, cached until the data changes."""
        sizes = self._fresh_sizes()
        for band in shape.bands:
            if (band.facet, near) not in sizes:
                sizes[band.facet, near] = int(self._db.execute(
                    f"SELECT count(*) FROM vacancy_facet f WHERE {band.facet}", {"near": near}
                ).fetchone()[0])
        if ("", None) not in sizes:
            sizes["", None] = int(self._db.execute(
                "SELECT count(*) FROM vacancy_facet").fetchone()[0])
        return {facet: size for (facet, at), size in sizes.items() if at in (near, None)}

    def _ids(self, sql: str, params: dict[str, object], n: int) -> list[int]:
        return [r[0] for r in self._db.execute(sql, {**params, "n": n})]
