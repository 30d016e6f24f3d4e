"""The local vacancy catalog: storing, updating and reading vacancies and their search index."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from kiosk.catalog_rows import (
    COMPARED,
    INDEXED,
    Prepared,
    UpsertCounts,
    index_fingerprint,
    indexed_words,
    prepare_batch,
    rank_key,
    row_to_vacancy,
    same_as_stored,
    unpack_text,
    vacancy_to_row,
)
from kiosk.changes import Changes, mark_changed, require_transaction
from kiosk.search_tags import place_area
from kiosk.textnorm import Stemmer
from kiosk.vacancy import Vacancy

__all__ = [  # the row helpers live in kiosk.catalog_rows; these are read from here too
    "BATCH_SIZE", "Prepared", "UpsertCounts", "VacancyCatalog", "index_fingerprint", "rank_key",
    "row_to_vacancy", "upsert_in_batches", "vacancy_to_row",
]

class VacancyCatalog:
    """Reads and writes vacancies in one kiosk database.

    Args:
        db: the open kiosk database (kiosk.db.open_database).
        clock: returns the current local time; decides which vacancies have expired.
        stemmer: shared with the search service so both fold words the same way.
    """

    def __init__(
        self, db: Database, clock: Callable[[], datetime], stemmer: Stemmer | None = None
    ) -> None:
        self._db = db
        self._clock = clock
        self._stemmer = stemmer or Stemmer()
        self._format_checked = False

    @property
    def database(self) -> Database:
        """The database the catalog reads and writes, for the caller's transaction."""
        return self._db

    def upsert(self, vacancies: Iterable[Vacancy]) -> UpsertCounts:
        """Add new vacancies and update known ones, matched on (source, source_id), inside the
        caller's transaction (the catalog never commits: see kiosk.changes). This is the one
        write path of the catalog: imports, the demo and the sync engine's pulled pages.

        A vacancy identical to the stored one is left untouched. When anything was added or
        changed, the catalog's change counter is bumped in the same transaction
        (kiosk.changes.mark_changed), so no write to the index can go unnoticed. Callers that
        write many keep each transaction to about BATCH_SIZE vacancies. The facet and search
        index rows of the batch are written together at its end (executemany), each word
        folded and stemmed once per catalog (kiosk.textnorm.Stemmer.index_text).

        Raises:
            RuntimeError: no transaction is open.
        """
        return self.upsert_prepared(self.prepare(vacancies))

    @property
    def stemmer(self) -> Stemmer:
        """The Stemmer the index is written with (kiosk.catalog_prepare checks its helper's)."""
        return self._stemmer

    def prepare(self, vacancies: Iterable[Vacancy]) -> list[Prepared]:
        """Each vacancy with its table row and its indexed words: the part of `upsert` that
        needs no database, so a batch can be prepared in another thread or process while the
        previous one is written (upsert_in_batches). Safe to call from any thread."""
        return prepare_batch(self._stemmer, vacancies)

    def upsert_prepared(self, prepared: Sequence[Prepared]) -> UpsertCounts:
        """`upsert` of vacancies already `prepare`d by this catalog (same rules, same errors).

        The stored rows of the batch are looked up with one query a source, and its new rows
        written with one `executemany`, their ids given here as SQLite would (the largest id
        plus one: the table has no AUTOINCREMENT)."""
        require_transaction(self._db)
        self._check_index_format()
        added = updated = unchanged = 0
        conn = self._db.conn
        now = self._clock().isoformat(timespec="seconds")
        stored = self._stored(prepared)
        next_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM vacancy").fetchone()[0])
        # id -> the new row, inserted together below (a vacancy met twice in one batch keeps
        # its last version; it is inserted, or updated, and indexed once)
        inserts: dict[int, tuple[Any, ...]] = {}
        # vacancy id -> (facet row, index row), written at the end
        pending: dict[int, tuple[tuple[Any, ...], tuple[Any, ...]]] = {}
        for vacancy, row, words, salary_top in prepared:
            key = (vacancy.source, vacancy.source_id)
            found = stored.get(key)
            if found is not None and same_as_stored(found[1:], row, vacancy):
                unchanged += 1
                continue
            row = {**row, "updated_at": now}  # the prepared row stays as it was for a retry
            if found is None:
                vacancy_id, next_id = next_id, next_id + 1
                inserts[vacancy_id] = (vacancy_id, *row.values())
                added += 1
            else:
                vacancy_id = found[0]
                if vacancy_id in inserts:  # new in this batch: insert its last version
                    inserts[vacancy_id] = (vacancy_id, *row.values())
                else:
                    if vacancy_id not in pending:
                        self._unindex(vacancy_id, found[1:])
                    assignments = ", ".join(f"{name} = ?" for name in row)
                    conn.execute(f"UPDATE vacancy SET {assignments} WHERE id = ?",
                                 (*row.values(), vacancy_id))
                updated += 1
            stored[key] = (vacancy_id, *(row[name] for name in COMPARED))
            pending[vacancy_id] = self._index_rows(vacancy_id, vacancy, row, words, salary_top)
        if inserts:
            names = ", ".join(("id", *next(iter(prepared)).row, "updated_at"))
            marks = ", ".join("?" for _ in names.split(", "))
            conn.executemany(f"INSERT INTO vacancy ({names}) VALUES ({marks})",
                             inserts.values())
        if pending:
            # In rank key order: FTS5 writes the words it holds in memory out as a new index
            # segment whenever a rowid is not above the one before, so rows in posting-day
            # order would make nearly one segment each, all to be merged again later (about
            # 2x the index write at 100,000 vacancies, docs/performance.md).
            rows = sorted(pending.values(), key=lambda rows: rows[0][0])
            conn.executemany(
                "INSERT INTO vacancy_facet (rank_key, vacancy_id, valid_through, kecamatan_code, "
                "in_kota, education_rank, employment_type, salary_top, area) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (facet for facet, _words in rows))
            conn.executemany(
                "INSERT INTO vacancy_search (rowid, title, employer, skills, description) "
                "VALUES (?, ?, ?, ?, ?)", (words for _facet, words in rows))
        if added or updated:
            mark_changed(self._db, Changes(catalog=True))
        return UpsertCounts(added, updated, unchanged)

    def _stored(self, prepared: Sequence[Prepared]) -> dict[tuple[str, str], tuple[Any, ...]]:
        """(source, source_id) -> (id, COMPARED columns) of the batch's vacancies already
        stored, read with one query a source and 10,000 source ids (under SQLite's limit of
        32,766 parameters)."""
        by_source: dict[str, list[str]] = {}
        for p in prepared:
            by_source.setdefault(p.vacancy.source, []).append(p.vacancy.source_id)
        columns = ", ".join(COMPARED)
        found: dict[tuple[str, str], tuple[Any, ...]] = {}
        for source, ids in by_source.items():
            for start in range(0, len(ids), 10_000):
                chunk = ids[start:start + 10_000]
                marks = ", ".join("?" for _ in chunk)
                for row in self._db.conn.execute(
                        f"SELECT source_id, id, {columns} FROM vacancy "
                        f"WHERE source = ? AND source_id IN ({marks})", (source, *chunk)):
                    found[(source, row[0])] = row[1:]
        return found

    def _unindex(self, vacancy_id: int, stored: tuple[Any, ...]) -> None:
        """Remove a stored vacancy's facet and index rows; `stored` is its COMPARED columns as
        stored, from which the words it was indexed with are derived again (the index is
        contentless: FTS5 deletes a row only given the same words)."""
        conn = self._db.conn
        old = conn.execute(
            "SELECT rank_key FROM vacancy_facet WHERE vacancy_id = ?", (vacancy_id,)
        ).fetchone()
        if old is None:
            return
        title, employer, skills, description, *place = (stored[i] for i in INDEXED)
        words = indexed_words(
            self._stemmer, title, employer, json.loads(skills or "[]"), unpack_text(description),
            (place[0], place[1], place[2]))
        conn.execute(
            "INSERT INTO vacancy_search (vacancy_search, rowid, title, employer, skills, "
            "description) VALUES ('delete', ?, ?, ?, ?, ?)", (old[0], *words))
        conn.execute("DELETE FROM vacancy_facet WHERE rank_key = ?", (old[0],))

    @staticmethod
    def _index_rows(
        vacancy_id: int, vacancy: Vacancy, row: dict[str, Any], words: tuple[str, ...],
        salary_top: int | None,
    ) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """The facet row (salary_top: the top of the stated pay as IDR per month, kiosk.pay;
        area: kiosk.search_tags.place_area) and the search index row of one vacancy."""
        key = rank_key(vacancy.date_posted, vacancy_id)
        facet = (key, vacancy_id, row["valid_through"], row["kecamatan_code"], row["in_kota"],
                 row["education_rank"], row["employment_type"], salary_top,
                 place_area(row["location"], row["kecamatan_code"], bool(row["in_kota"])))
        return facet, (key, *words)

    def _check_index_format(self) -> None:
        """Rebuild the search index when the Stemmer now indexes other words than the ones the
        index was written with (see index_fingerprint); a no-op after the first call."""
        if self._format_checked:
            return
        fingerprint = index_fingerprint(self._stemmer)
        stored = self._db.execute("SELECT fingerprint FROM search_index_format").fetchone()
        if stored is None or stored[0] != fingerprint:
            has_rows = self._db.execute("SELECT 1 FROM vacancy_facet LIMIT 1").fetchone()
            if stored is not None or has_rows:
                self.rebuild_index()
            self._db.execute("INSERT OR REPLACE INTO search_index_format (id, fingerprint) "
                             "VALUES (1, ?)", (fingerprint,))
        self._format_checked = True

    def rebuild_index(self) -> int:
        """Write the whole search index again from the stored vacancies (after a change to
        folding or stemming), inside the caller's transaction; returns how many were indexed.

        Raises:
            RuntimeError: no transaction is open.
        """
        require_transaction(self._db)
        conn = self._db.conn
        conn.execute("INSERT INTO vacancy_search (vacancy_search) VALUES ('delete-all')")
        rows = conn.execute(
            "SELECT f.rank_key, v.title, v.employer, v.skills, v.description, v.location, "
            "v.kecamatan_code, v.in_kota "
            "FROM vacancy_facet f JOIN vacancy v ON v.id = f.vacancy_id "
            "ORDER BY f.rank_key")  # rowids rising: one index segment, not one a row (upsert)
        count = 0
        areas: list[tuple[int, int]] = []  # the place tables may have changed: area follows

        def words() -> Iterable[tuple[Any, ...]]:
            nonlocal count
            for key, title, employer, skills, description, *place in rows:
                count += 1
                areas.append((place_area(place[0], place[1], bool(place[2])), key))
                yield (key, *indexed_words(
                    self._stemmer, title, employer, json.loads(skills or "[]"),
                    unpack_text(description), (place[0], place[1], place[2])))

        conn.executemany(
            "INSERT INTO vacancy_search (rowid, title, employer, skills, description) "
            "VALUES (?, ?, ?, ?, ?)", words())
        if any(c[1] == "area" for c in conn.execute("PRAGMA table_info(vacancy_facet)")):
            # (migration m007 rebuilds the index before m010 adds the column)
            conn.executemany("UPDATE vacancy_facet SET area = ? WHERE rank_key = ?", areas)
        mark_changed(self._db, Changes(catalog=True))
        return count

    def today(self) -> date:
        """The clock's current date: vacancies whose valid_through is before it are expired."""
        return self._clock().date()

    def remove_demo(self) -> int:
        """Delete every demo vacancy (`is_demo`, as kiosk.demo seeds them) with its rows in
        vacancy_facet and vacancy_search, inside the caller's transaction (and bump the change
        counter when any was deleted).

        Returns:
            How many vacancies were deleted (0 when the catalog held no demo).

        Raises:
            RuntimeError: no transaction is open.
        """
        require_transaction(self._db)
        self._check_index_format()  # a stale index cannot delete with today's words
        conn = self._db.conn
        columns = ", ".join(COMPARED)
        for found in conn.execute(
                f"SELECT id, {columns} FROM vacancy WHERE is_demo = 1").fetchall():
            self._unindex(found[0], found[1:])
        removed = int(conn.execute("DELETE FROM vacancy WHERE is_demo = 1").rowcount)
        if removed:
            mark_changed(self._db, Changes(catalog=True))
        return removed

    def remove(self, source: str, source_id: str) -> bool:
        """Delete one vacancy (a tombstone from the central server) with its facet and index
        rows, inside the caller's transaction; True when it was stored.

        Raises:
            RuntimeError: no transaction is open.
        """
        require_transaction(self._db)
        self._check_index_format()
        columns = ", ".join(COMPARED)
        found = self._db.conn.execute(
            f"SELECT id, {columns} FROM vacancy WHERE source = ? AND source_id = ?",
            (source, source_id)).fetchone()
        if found is None:
            return False
        self._unindex(found[0], found[1:])
        self._db.conn.execute("DELETE FROM vacancy WHERE id = ?", (found[0],))
        mark_changed(self._db, Changes(catalog=True))
        return True

    def count_demo(self) -> int:
        """How many demo vacancies (kiosk.demo) are stored, open or not."""
        return int(self._db.execute("SELECT count(*) FROM vacancy WHERE is_demo = 1").fetchone()[0])

    def code_is_shared(self, vacancy: Vacancy) -> bool:
        """True when another stored vacancy, from another source, has the same source id, so
        the code shown to staff needs its source to be unique."""
        row = self._db.execute(
            "SELECT 1 FROM vacancy WHERE source_id = ? AND id != ? LIMIT 1",
            (vacancy.source_id, vacancy.id),
        ).fetchone()
        return row is not None

    def find(self, source: str, source_id: str) -> Vacancy | None:
        """The stored vacancy from `source` with that source id (the key re-imports match
        on), expired or not, or None."""
        rows = list(self._db["vacancy"].rows_where(
            "source = ? AND source_id = ?", [source, source_id], limit=1))
        return row_to_vacancy(rows[0]) if rows else None

    def get(self, vacancy_id: int) -> Vacancy | None:
        """The stored vacancy with this id, expired or not, or None."""
        rows = list(self._db["vacancy"].rows_where("id = ?", [vacancy_id]))
        return row_to_vacancy(rows[0]) if rows else None

    def count(self, *, include_expired: bool = False) -> int:
        """How many vacancies are stored; by default only those residents can still see."""
        if include_expired:
            return self._db["vacancy"].count
        today = self._clock().date().isoformat()
        return self._db.execute(
            "SELECT count(*) FROM vacancy_facet WHERE valid_through >= ?", (today,)
        ).fetchone()[0]


# The batched write of a stream (imports, benchmarks) lives in kiosk.catalog_batches; it is
# read from here, as it always was. Imported last: it refers back to VacancyCatalog.
from kiosk.catalog_batches import BATCH_SIZE, upsert_in_batches  # noqa: E402
