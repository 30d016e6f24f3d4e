"""What a write changed, recorded in the same transaction, and noticed by every other reader.

A write returns a `Changes` value saying which domains it touched (after Anki's OpChanges: the
operation reports what it changed, and each screen decides whether that concerns it). Every
write also calls `mark_changed` inside its own transaction, which bumps a per-domain counter in
the `change_counter` table (migration m003). So a write made by another process (the CLI import
while the kiosk runs; later the sync engine) is noticed by `ChangeWatcher.poll`, and a rolled-
back write is never announced, because its counter rolls back with it.

How a write becomes one transaction::

    with changed(db, Changes(registrations=True)):
        registrations.add(record)
        outbox.add(entry)

`changed` opens `db.atomic()` (a savepoint when a transaction is already open) and marks the
domains before it commits. Stores never commit; one that writes a domain may mark it itself
inside the caller's transaction, as kiosk.catalog.VacancyCatalog does for the catalog, so that
the operation only opens `db.atomic()` (a batch of an import, the demo seeding).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlite_utils import Database

DOMAINS: tuple[str, ...] = ("catalog", "registrations", "outbox")
"""The domains a write can change, in the order of the fields of Changes."""


@dataclass(frozen=True)
class Changes:
    """Which domains a write changed: the vacancy catalog, residents' registrations, the outbox
    of records waiting to be sent to the central server.

    `a | b` is the union; `bool(c)` is True when anything changed. `Changes()` is "nothing".
    """

    catalog: bool = False
    registrations: bool = False
    outbox: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{d: getattr(self, d) or getattr(other, d) for d in DOMAINS})

    def __bool__(self) -> bool:
        return any(getattr(self, d) for d in DOMAINS)

    def domains(self) -> tuple[str, ...]:
        """The names of the changed domains, e.g. ("catalog",)."""
        return tuple(d for d in DOMAINS if getattr(self, d))


def mark_changed(db: Database, changes: Changes) -> None:
    """Bump the counter of every domain in `changes`, inside the caller's open transaction.

    Raises:
        RuntimeError: no transaction is open; the counter must commit with the write it marks.
    """
    if not changes:
        return
    if not db.conn.in_transaction:
        raise RuntimeError("mark_changed must run inside the write's own db.atomic() block")
    for domain in changes.domains():
        db.execute("UPDATE change_counter SET counter = counter + 1 WHERE domain = ?", [domain])


@contextmanager
def changed(db: Database, changes: Changes) -> Iterator[Database]:
    """One write as one transaction: `db.atomic()`, then `mark_changed(db, changes)` at its end.

    Nothing is committed or marked when the block raises.
    """
    with db.atomic():
        yield db
        mark_changed(db, changes)


def require_transaction(db: Database) -> None:
    """For stores: refuse to write outside a caller's transaction (they never commit).

    Raises:
        RuntimeError: no transaction is open on `db`.
    """
    if not db.conn.in_transaction:
        raise RuntimeError(
            "a store writes only inside its caller's transaction: wrap the write in "
            "kiosk.changes.changed(db, Changes(...)) or db.atomic()"
        )


class ChangeWatcher:
    """Says which domains changed, by anyone, since the last poll (or since it was made).

    Cheap when nothing changed: `PRAGMA data_version` (bumped by other connections' commits)
    and the connection's own `total_changes` are compared before the counters are read.
    Use it in the thread that owns `db`.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._key = self._version()
        self._counters = self._read()

    def _version(self) -> tuple[int, int]:
        return (self._db.execute("PRAGMA data_version").fetchone()[0],
                self._db.conn.total_changes)

    def _read(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT domain, counter FROM change_counter").fetchall())

    def poll(self) -> Changes:
        """The domains whose counter moved since the last poll; Changes() when none did."""
        key = self._version()
        if key == self._key:
            return Changes()
        self._key = key
        counters = self._read()
        moved = {d: counters.get(d) != self._counters.get(d) for d in DOMAINS}
        self._counters = counters
        return Changes(**moved)
