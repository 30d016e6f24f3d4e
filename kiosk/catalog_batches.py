"""Writing a stream of vacancies in batches (an import, the demo, a benchmark): each batch one
transaction, the next one prepared while the current one is written (kiosk.catalog_prepare),
and SQLite's sync and checkpoint settings that make a long write fast yet durable."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from typing import TYPE_CHECKING

from sqlite_utils import Database

from kiosk.catalog_prepare import BatchPreparer, Ready
from kiosk.catalog_rows import Prepared, UpsertCounts
from kiosk.vacancy import Vacancy

if TYPE_CHECKING:
    from kiosk.catalog import VacancyCatalog

BATCH_SIZE = 500
"""Vacancies per transaction for callers that write many (an import, a sync pull)."""


def upsert_in_batches(
    catalog: VacancyCatalog,
    vacancies: Iterable[Vacancy],
    *,
    on_batch: Callable[[UpsertCounts, list[Vacancy]], None] | None = None,
    preparer: BatchPreparer | None = None,
    within: Callable[[list[Vacancy]], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> UpsertCounts:
    """An operation over a stream: each BATCH_SIZE vacancies are upserted, with their change
    mark (kiosk.changes), as one transaction, so a crash or a full disk keeps every earlier batch
    whole and loses only the batch in flight. Inside a caller's transaction each batch is a
    savepoint instead and the caller commits. Outside one, every batch but the last commits
    with synchronous=NORMAL and the last with FULL (see _set_synchronous), which is what makes
    a long import fast on a slow disk. `on_batch` is called with each batch's counts and its
    vacancies once it is committed, so a caller knows what is stored when a later batch fails.
    `preparer` (kiosk.catalog_prepare) is the caller's to close; by default one is made for
    this write (its helper process starts only for a long write). `within` is called with each
    batch inside its transaction, after its upsert, so a caller's own write (an import removing
    the demo catalog) commits or rolls back with that batch. `stop` is asked after each commit
    but the last: when it answers True (a SIGTERM arrived) the write ends there with
    WriteStopped, the batches prepared ahead are dropped unwritten and the stream is not read
    further.

    Raises:
        sqlite3.OperationalError / OSError: the write failed; committed batches stay.
        WriteStopped: `stop` answered True; its `counts` are what was committed.
    """
    total = UpsertCounts()
    db = catalog.database
    bulk = not db.conn.in_transaction
    checkpoint_pages = int(db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
    if bulk:
        _set_checkpoint(db, BULK_CHECKPOINT_PAGES)
    # Batches ahead: while batch k is written (SQLite lets go of the GIL), the next AHEAD are
    # folded, stemmed and packed, in a helper process once the write is long enough
    # (kiosk.catalog_prepare); and knowing a next batch exists tells which commit is the last.
    ahead: deque[tuple[list[Vacancy], Ready]] = deque()
    try:
        own = nullcontext(preparer) if preparer is not None else BatchPreparer(catalog.stemmer)
        with own as using:
            for batch in _batches(vacancies, BATCH_SIZE):
                ahead.append((batch, using.submit(batch)))
                if len(ahead) > AHEAD:
                    total += _write_next(db, catalog, ahead, bulk, on_batch, within)
                    if stop is not None and stop():
                        raise WriteStopped(total)
            while ahead:
                total += _write_next(db, catalog, ahead, bulk, on_batch, within)
                if ahead and stop is not None and stop():
                    raise WriteStopped(total)
    finally:
        if bulk:
            _set_synchronous(db, "FULL")
            _set_checkpoint(db, checkpoint_pages)
    return total


AHEAD = 3
"""Batches being prepared while one is written: more than one, so that a batch slow to write
(FTS5 merging its segments, a checkpoint) lets the helper run ahead instead of idle, and a
batch slow to prepare is made up for later (docs/performance.md)."""


def _write_next(
    db: Database, catalog: VacancyCatalog, ahead: deque[tuple[list[Vacancy], Ready]],
    bulk: bool, on_batch: Callable[[UpsertCounts, list[Vacancy]], None] | None,
    within: Callable[[list[Vacancy]], None] | None,
) -> UpsertCounts:
    """Write the oldest batch of `ahead` once prepared (the last one synced: _set_synchronous)."""
    batch, ready = ahead.popleft()
    prepared = ready()
    if bulk:
        _set_synchronous(db, "NORMAL" if ahead else "FULL")
    return _commit_batch(db, catalog, batch, prepared, on_batch, within)


class WriteStopped(Exception):  # noqa: N818 - a request honoured, not an error
    """upsert_in_batches ended early because its `stop` asked it to; `counts` were committed."""

    def __init__(self, counts: UpsertCounts) -> None:
        super().__init__("the write was stopped between batches")
        self.counts = counts


def _batches(vacancies: Iterable[Vacancy], size: int) -> Iterator[list[Vacancy]]:
    batch: list[Vacancy] = []
    for vacancy in vacancies:
        batch.append(vacancy)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


BULK_CHECKPOINT_PAGES = 10_000
"""WAL pages (4 KiB) a long write lets gather before SQLite copies them into the database
file (its default is 1,000): the search index rewrites the same pages batch after batch, so
checkpointing less often copies each of them fewer times (about 20 % of the write's time at
30,000 vacancies, docs/performance.md). The WAL file may grow to about 40 MB meanwhile
(and keeps that size on disk)."""


def _set_checkpoint(db: Database, pages: int) -> None:
    db.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")


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
    prepared: list[Prepared],
    on_batch: Callable[[UpsertCounts, list[Vacancy]], None] | None,
    within: Callable[[list[Vacancy]], None] | None = None,
) -> UpsertCounts:
    with db.atomic():
        counts = catalog.upsert_prepared(prepared)
        if within is not None:
            within(batch)
    if on_batch is not None:
        on_batch(counts, batch)
    return counts
