"""The local vacancy catalog: storing, updating and reading vacancies and their search index."""
from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlite_utils import Database

from kiosk.changes import Changes, mark_changed, require_transaction
from kiosk.pay import PayUnit
from kiosk.search_tags import place_tags, tags_fingerprint, title_tags
from kiosk.textnorm import Stemmer
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy

BATCH_SIZE = 500
"""Vacancies per transaction for callers that write many (an import, a sync pull)."""
_ID_BITS = 24  # vacancy ids below 16.7 million; the posting day fills the bits above


def rank_key(date_posted: date, vacancy_id: int) -> int:
    """A sort key that orders vacancies newest first when read in descending order.

    The posting day (proleptic ordinal) in the high bits, the vacancy id in the low 24 bits, so
    vacancies posted the same day come newest-imported first and every key is unique.
    """
    return (date_posted.toordinal() << _ID_BITS) | (vacancy_id & ((1 << _ID_BITS) - 1))
_COMPARED = (
    "title", "employer", "location", "kecamatan_code", "in_kota", "description", "employment_type",
    "salary_min", "salary_max", "salary_unit", "education_min", "experience_months", "skills",
    "kbji_major_group", "date_posted", "valid_through", "valid_through_estimated", "url", "is_demo",
)
_DESCRIPTION = _COMPARED.index("description")
_INDEXED = tuple(_COMPARED.index(name) for name in (
    "title", "employer", "skills", "description", "location", "kecamatan_code", "in_kota"))
_FINGERPRINT_PROBE = (
    "Dibutuhkan Pengemudi / Sopir SIM B1 & kurir pengiriman; menjahit, pemasaran, akuntansi. "
    "Naïve café Staff-Admin 3 shift"
)
"""A text whose indexed words stand for how the Stemmer folds and stems (index_fingerprint)."""


def pack_text(text: str) -> str | bytes:
    """A description as stored: zlib-compressed UTF-8 from 200 characters on (about half the
    size: the catalog's largest column), shorter text as is. `unpack_text` reverses it."""
    if len(text) < 200:
        return text
    return zlib.compress(text.encode("utf-8"), 6)


def unpack_text(stored: str | bytes | None) -> str:
    """The text `pack_text` stored (rows stored before migration m006 hold plain text)."""
    if stored is None:
        return ""
    if isinstance(stored, bytes):
        return zlib.decompress(stored).decode("utf-8")
    return stored


def index_fingerprint(stemmer: Stemmer) -> str:
    """A short hash of the words `stemmer` indexes for a fixed probe text. The contentless
    search index can delete a vacancy's row only with exactly the words it indexed, so when
    this changes (a new folding or stemming rule) the index is rebuilt before the next write."""
    # The tags (KBJI group, place: kiosk.search_tags) are indexed words too.
    words = stemmer.index_text(_FINGERPRINT_PROBE) + " " + tags_fingerprint()
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


class Prepared(NamedTuple):
    """A vacancy ready to be written: its `vacancy` table row and its indexed words."""

    vacancy: Vacancy
    row: dict[str, Any]
    words: tuple[str, ...]


@dataclass(frozen=True)
class UpsertCounts:
    """What one upsert did: vacancies new to the catalog, changed, and identical to before."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(
            self.added + other.added, self.updated + other.updated, self.unchanged + other.unchanged
        )


def vacancy_to_row(v: Vacancy) -> dict[str, Any]:
    """The `vacancy` table row for a record (without id and updated_at)."""
    has_pay = v.salary_min is not None or v.salary_max is not None
    return {
        "source": v.source,
        "source_id": v.source_id,
        "title": v.title,
        "employer": v.employer,
        "location": v.location,
        "kecamatan_code": v.kecamatan_code,
        "in_kota": int(v.in_kota_semarang or v.kecamatan_code is not None),
        "description": pack_text(v.description),
        "employment_type": v.employment_type.value if v.employment_type else None,
        "salary_min": v.salary_min,
        "salary_max": v.salary_max,
        "salary_unit": v.salary_unit.value if has_pay else None,
        "education_min": v.education_min.value if v.education_min else None,
        "education_rank": v.education_min.rank if v.education_min else None,
        "experience_months": v.experience_months,
        "skills": json.dumps(list(v.skills), ensure_ascii=False),
        "kbji_major_group": v.kbji_major_group,
        "date_posted": v.date_posted.isoformat(),
        "valid_through": v.valid_through.isoformat(),
        "valid_through_estimated": int(v.valid_through_estimated),
        "url": v.url,
        "is_demo": int(v.is_demo),
    }


def row_to_vacancy(row: dict[str, Any]) -> Vacancy:
    """Rebuild a stored vacancy (with its id) from a `vacancy` table row."""
    return Vacancy(
        id=row["id"],
        source=row["source"],
        source_id=row["source_id"],
        title=row["title"],
        employer=row["employer"],
        location=row["location"] or "",
        kecamatan_code=row["kecamatan_code"],
        in_kota_semarang=bool(row["in_kota"]),
        description=unpack_text(row["description"]),
        employment_type=EmploymentType(row["employment_type"]) if row["employment_type"] else None,
        salary_min=row["salary_min"],
        salary_max=row["salary_max"],
        salary_unit=PayUnit(row["salary_unit"] or PayUnit.MONTH),
        education_min=EducationLevel(row["education_min"]) if row["education_min"] else None,
        experience_months=row["experience_months"],
        skills=tuple(json.loads(row["skills"] or "[]")),
        kbji_major_group=row["kbji_major_group"],
        date_posted=date.fromisoformat(row["date_posted"]),
        valid_through=date.fromisoformat(row["valid_through"]),
        valid_through_estimated=bool(row["valid_through_estimated"]),
        url=row["url"],
        is_demo=bool(row["is_demo"]),
    )


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

    def prepare(self, vacancies: Iterable[Vacancy]) -> list[Prepared]:
        """Each vacancy with its table row and its indexed words: the part of `upsert` that
        needs no database, so a batch can be prepared in another thread while the previous one
        is written (upsert_in_batches). Safe to call from any thread."""
        return [
            # A missing title or employer is refused by the table (NOT NULL) when written.
            Prepared(v, row, self._indexed_words(
                v.title or "", v.employer or "", v.skills, v.description or "",
                (row["location"], row["kecamatan_code"], row["in_kota"])))
            for v, row in ((v, vacancy_to_row(v)) for v in vacancies)
        ]

    def upsert_prepared(self, prepared: Iterable[Prepared]) -> UpsertCounts:
        """`upsert` of vacancies already `prepare`d by this catalog (same rules, same errors)."""
        require_transaction(self._db)
        self._check_index_format()
        added = updated = unchanged = 0
        conn = self._db.conn
        now = self._clock().isoformat(timespec="seconds")
        columns = ", ".join(_COMPARED)
        # vacancy id -> (facet row, index row), written at the end; a vacancy met twice in one
        # batch keeps its last version and is indexed once.
        pending: dict[int, tuple[tuple[Any, ...], tuple[Any, ...]]] = {}
        for vacancy, row, words in prepared:
            row = dict(row)  # the prepared row stays as it was, should the write be retried
            found = conn.execute(
                f"SELECT id, {columns} FROM vacancy WHERE source = ? AND source_id = ?",
                (vacancy.source, vacancy.source_id),
            ).fetchone()
            if found is not None and _same(found[1:], row, vacancy):
                unchanged += 1
                continue
            row["updated_at"] = now
            if found is None:
                names = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                cursor = conn.execute(
                    f"INSERT INTO vacancy ({names}) VALUES ({marks})", tuple(row.values())
                )
                vacancy_id = int(cursor.lastrowid or 0)
                added += 1
            else:
                vacancy_id = found[0]
                if vacancy_id not in pending:
                    self._unindex(vacancy_id, found[1:])
                assignments = ", ".join(f"{name} = ?" for name in row)
                conn.execute(
                    f"UPDATE vacancy SET {assignments} WHERE id = ?",
                    (*row.values(), vacancy_id),
                )
                updated += 1
            pending[vacancy_id] = self._index_rows(vacancy_id, vacancy, row, words)
        if pending:
            conn.executemany(
                "INSERT INTO vacancy_facet (rank_key, vacancy_id, valid_through, kecamatan_code, "
                "in_kota, education_rank, employment_type, salary_top) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (facet for facet, _words in pending.values()))
            conn.executemany(
                "INSERT INTO vacancy_search (rowid, title, employer, skills, description) "
                "VALUES (?, ?, ?, ?, ?)", (words for _facet, words in pending.values()))
        if added or updated:
            mark_changed(self._db, Changes(catalog=True))
        return UpsertCounts(added, updated, unchanged)

    def _indexed_words(
        self, title: str, employer: str, skills: Iterable[str], description: str,
        place: tuple[str, str | None, Any],
    ) -> tuple[str, str, str, str]:
        """The indexed words of each column; the title carries its KBJI tag and the skills
        the place tags (kiosk.search_tags), `place` being (location, kecamatan_code,
        in_kota) as stored."""
        stem = self._stemmer
        location, kecamatan_code, in_kota = place
        return (stem.index_text(title) + " " + title_tags(title), stem.index_text(employer),
                stem.index_many(skills) + " " + place_tags(location, kecamatan_code,
                                                           bool(in_kota)),
                stem.index_text(description))

    def _unindex(self, vacancy_id: int, stored: tuple[Any, ...]) -> None:
        """Remove a stored vacancy's facet and index rows; `stored` is its _COMPARED columns as
        stored, from which the words it was indexed with are derived again (the index is
        contentless: FTS5 deletes a row only given the same words)."""
        conn = self._db.conn
        old = conn.execute(
            "SELECT rank_key FROM vacancy_facet WHERE vacancy_id = ?", (vacancy_id,)
        ).fetchone()
        if old is None:
            return
        title, employer, skills, description, *place = (stored[i] for i in _INDEXED)
        words = self._indexed_words(
            title, employer, json.loads(skills or "[]"), unpack_text(description),
            (place[0], place[1], place[2]))
        conn.execute(
            "INSERT INTO vacancy_search (vacancy_search, rowid, title, employer, skills, "
            "description) VALUES ('delete', ?, ?, ?, ?, ?)", (old[0], *words))
        conn.execute("DELETE FROM vacancy_facet WHERE rank_key = ?", (old[0],))

    def _index_rows(
        self, vacancy_id: int, vacancy: Vacancy, row: dict[str, Any], words: tuple[str, ...]
    ) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """The facet row (salary_top: the top of the stated pay as IDR per month, kiosk.pay)
        and the search index row of one vacancy."""
        key = rank_key(vacancy.date_posted, vacancy_id)
        facet = (key, vacancy_id, row["valid_through"], row["kecamatan_code"], row["in_kota"],
                 row["education_rank"], row["employment_type"], vacancy.monthly_salary_top())
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
            "FROM vacancy_facet f JOIN vacancy v ON v.id = f.vacancy_id")
        count = 0

        def words() -> Iterable[tuple[Any, ...]]:
            nonlocal count
            for key, title, employer, skills, description, *place in rows:
                count += 1
                yield (key, *self._indexed_words(
                    title, employer, json.loads(skills or "[]"), unpack_text(description),
                    (place[0], place[1], place[2])))

        conn.executemany(
            "INSERT INTO vacancy_search (rowid, title, employer, skills, description) "
            "VALUES (?, ?, ?, ?, ?)", words())
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
        columns = ", ".join(_COMPARED)
        for found in conn.execute(
                f"SELECT id, {columns} FROM vacancy WHERE is_demo = 1").fetchall():
            self._unindex(found[0], found[1:])
        removed = int(conn.execute("DELETE FROM vacancy WHERE is_demo = 1").rowcount)
        if removed:
            mark_changed(self._db, Changes(catalog=True))
        return removed

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


def _same(stored: tuple[Any, ...], row: dict[str, Any], vacancy: Vacancy) -> bool:
    """Whether the stored _COMPARED columns equal a new row (a description stored as plain
    text before migration m006 compares by its text)."""
    for i, name in enumerate(_COMPARED):
        if i == _DESCRIPTION:
            if unpack_text(stored[i]) != vacancy.description:
                return False
        elif stored[i] != row[name]:
            return False
    return True


def upsert_in_batches(
    catalog: VacancyCatalog,
    vacancies: Iterable[Vacancy],
    *,
    on_batch: Callable[[UpsertCounts, list[Vacancy]], None] | None = None,
) -> UpsertCounts:
    """An operation over a stream: each BATCH_SIZE vacancies are upserted, with their change
    mark (kiosk.changes), as one transaction, so a crash or a full disk keeps every earlier batch
    whole and loses only the batch in flight. Inside a caller's transaction each batch is a
    savepoint instead and the caller commits. Outside one, every batch but the last commits
    with synchronous=NORMAL and the last with FULL (see _set_synchronous), which is what makes
    a long import fast on a slow disk. `on_batch` is called with each batch's counts and its
    vacancies once it is committed, so a caller knows what is stored when a later batch fails.

    Raises:
        sqlite3.OperationalError / OSError: the write failed; committed batches stay.
    """
    total = UpsertCounts()
    db = catalog.database
    bulk = not db.conn.in_transaction
    # One batch ahead: while batch k is written (SQLite and zlib let go of the GIL), batch k+1
    # is folded, stemmed and packed in a helper thread; and knowing a next batch exists tells
    # which commit is the last.
    ahead: tuple[list[Vacancy], Future[list[Prepared]]] | None = None
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="siker-prepare") as pool:
            for batch in _batches(vacancies):
                future = pool.submit(catalog.prepare, batch)
                if ahead is not None:
                    if bulk:
                        _set_synchronous(db, "NORMAL")
                    total += _commit_batch(db, catalog, *ahead, on_batch)
                ahead = (batch, future)
            if ahead is not None:
                if bulk:
                    _set_synchronous(db, "FULL")
                total += _commit_batch(db, catalog, *ahead, on_batch)
    finally:
        if bulk:
            _set_synchronous(db, "FULL")
    return total


def _batches(vacancies: Iterable[Vacancy]) -> Iterator[list[Vacancy]]:
    batch: list[Vacancy] = []
    for vacancy in vacancies:
        batch.append(vacancy)
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _set_synchronous(db: Database, level: str) -> None:
    """Batches before the last commit with synchronous=NORMAL: in WAL mode a commit is then
    safe from a crash or SIGKILL (the WAL is written) but not synced to the disk until the
    next sync; the last batch commits with FULL, whose sync of the WAL also makes every
    earlier batch durable, so a power cut after the import loses none of it (SQLite's WAL
    documentation: "synchronous")."""
    db.execute(f"PRAGMA synchronous = {level}")


def _commit_batch(
    db: Database,
    catalog: VacancyCatalog,
    batch: list[Vacancy],
    prepared: Future[list[Prepared]],
    on_batch: Callable[[UpsertCounts, list[Vacancy]], None] | None,
) -> UpsertCounts:
    ready = prepared.result()  # raises what preparing raised
    with db.atomic():
        counts = catalog.upsert_prepared(ready)
    if on_batch is not None:
        on_batch(counts, batch)
    return counts
