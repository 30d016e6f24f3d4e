"""The outbox: operations waiting to reach the central server (../shared/SYNC.md).

A record a resident creates (a registration, an application, ...) and its outbox entry are
written in ONE transaction that the caller owns::

    with changed(db, Changes(registrations=True, outbox=True)):
        registrations.add(db, vault, record)
        outbox.enqueue(db, vault, entity="registration", record_id=record.id,
                       kind="create", payload=record.payload(), now=clock())

Each entry has a UUIDv7 `op_id` (RFC 9562; the `uuid6` library) and the device's next sequence
number. States: pending -> sending -> acked | rejected (permanent, with reason) | conflict.
The payload is sealed with the kiosk's vault (it holds personal data) and is dropped once the
server has acknowledged it. The sync engine (sync/client) moves entries between states; the
functions here only create and read them.

Shapes: `payload` is a JSON-able mapping in the entity's wire shape (sync/records.py);
times are timezone-aware UTC datetimes (the device clock, for display only).
"""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import uuid6
from sqlite_utils import Database

from kiosk.changes import Changes, mark_changed
from kiosk.vault import Vault

OutboxState = Literal["pending", "sending", "acked", "rejected", "conflict"]
OpKind = Literal["create", "update"]
STATES: tuple[OutboxState, ...] = ("pending", "sending", "acked", "rejected", "conflict")


def new_id() -> uuid.UUID:
    """A new UUIDv7 (RFC 9562 section 5.7): time-ordered, so ids created later sort later."""
    return uuid6.uuid7()


@dataclass(frozen=True)
class OutboxEntry:
    """One operation. `payload` is None once acknowledged (or when read without unsealing)."""

    op_id: str
    seq: int
    entity: str
    record_id: str
    kind: OpKind
    state: OutboxState
    created_at: str
    updated_at: str
    attempts: int
    payload: Mapping[str, Any] | None = None
    reason_code: str | None = None
    reason_id: str | None = None
    reason_en: str | None = None


def enqueue(
    db: Database,
    vault: Vault,
    *,
    entity: str,
    record_id: str | uuid.UUID,
    kind: OpKind,
    payload: Mapping[str, Any],
    now: datetime,
) -> OutboxEntry:
    """Queue one operation inside the caller's open transaction and mark the outbox changed.

    Raises:
        RuntimeError: no transaction is open (the record and its entry must commit together).
        ValueError: `kind` unknown, `entity` empty, or `now` without a timezone.
        TypeError: `payload` is not JSON-able.
    """
    if not db.conn.in_transaction:
        raise RuntimeError("outbox.enqueue must run inside the record's own transaction")
    if kind not in ("create", "update") or not entity:
        raise ValueError(f"bad outbox operation: entity={entity!r} kind={kind!r}")
    if now.tzinfo is None:
        raise ValueError("outbox times are timezone-aware (UTC)")
    sealed = vault.seal_json(dict(payload))
    db.execute("UPDATE device_sequence SET last_seq = last_seq + 1 WHERE id = 1")
    seq = int(db.execute("SELECT last_seq FROM device_sequence WHERE id = 1").fetchone()[0])
    stamp = now.astimezone(UTC).isoformat(timespec="milliseconds")
    op_id = str(new_id())
    db.execute(
        "INSERT INTO outbox (op_id, seq, entity, record_id, kind, payload, state, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
        [op_id, seq, entity, str(record_id), kind, sealed, stamp, stamp],
    )
    mark_changed(db, Changes(outbox=True))
    return OutboxEntry(op_id, seq, entity, str(record_id), kind, "pending", stamp, stamp, 0,
                       dict(payload))


def entries(
    db: Database,
    *,
    states: tuple[OutboxState, ...] = ("pending",),
    entity: str | None = None,
    record_id: str | None = None,
    limit: int | None = None,
    vault: Vault | None = None,
) -> list[OutboxEntry]:
    """Entries in the given states, oldest (lowest seq) first; payloads unsealed when a
    `vault` is given.

    Raises:
        VaultError: a payload cannot be unsealed with `vault` ("tampered").
    """
    marks = ",".join("?" for _ in states)
    sql = (
        "SELECT op_id, seq, entity, record_id, kind, state, created_at, updated_at, attempts,"
        f" payload, reason_code, reason_id, reason_en FROM outbox WHERE state IN ({marks})"
    )
    args: list[Any] = list(states)
    if entity is not None:
        sql += " AND entity = ?"
        args.append(entity)
    if record_id is not None:
        sql += " AND record_id = ?"
        args.append(str(record_id))
    sql += " ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(int(limit))
    found = []
    for row in db.execute(sql, args).fetchall():
        sealed = row[9]
        payload = vault.unseal_json(sealed) if (vault is not None and sealed) else None
        found.append(
            OutboxEntry(
                row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                payload if isinstance(payload, dict) else None, row[10], row[11], row[12],
            )
        )
    return found


def counts(db: Database) -> dict[str, int]:
    """How many entries are in each state, every state present (0 when none)."""
    found: dict[str, int] = dict.fromkeys(STATES, 0)
    for state, number in db.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state"):
        found[state] = int(number)
    return found


def record_state(db: Database, entity: str, record_id: str) -> OutboxState | None:
    """The state of a record's newest operation, or None when it has none (never queued, or
    pruned after acknowledgement)."""
    row = db.execute(
        "SELECT state FROM outbox WHERE entity = ? AND record_id = ? ORDER BY seq DESC LIMIT 1",
        [entity, str(record_id)],
    ).fetchone()
    return None if row is None else row[0]


# Transitions, used by the sync engine (sync/client/engine.py). Each runs in its own
# transaction (or the caller's, as a savepoint) and marks the outbox changed.

def sending_batch(db: Database) -> tuple[str, list[str]] | None:
    """The batch already marked `sending` (a sync that was cut off): (batch_id, op_ids in seq
    order), to be sent again with the SAME batch id; None when there is none."""
    row = db.execute("SELECT batch_id FROM outbox WHERE state = 'sending' ORDER BY seq "
                     "LIMIT 1").fetchone()
    if row is None:
        return None
    ops = [r[0] for r in db.execute("SELECT op_id FROM outbox WHERE state = 'sending' AND "
                                    "batch_id = ? ORDER BY seq", [row[0]])]
    return row[0], ops


def claim_batch(db: Database, limit: int, *, now: datetime) -> tuple[str, list[str]] | None:
    """Mark up to `limit` pending entries `sending` under a new batch id and COMMIT, before
    anything is sent (so a kill after sending resends the same batch). None when none pend."""
    with db.atomic():
        ops = [r[0] for r in db.execute("SELECT op_id FROM outbox WHERE state = 'pending' "
                                        "ORDER BY seq LIMIT ?", [int(limit)])]
        if not ops:
            return None
        batch_id = str(uuid.uuid4())
        _move(db, ops, "sending", now, batch_id=batch_id)
        mark_changed(db, Changes(outbox=True))
    return batch_id, ops


def rebatch(db: Database, op_ids: list[str], keep: int, *, now: datetime) -> tuple[str, list[str]]:
    """Split a batch that timed out or was refused whole: the first `keep` ops get a new batch
    id (the server's op ledger makes re-sent ops harmless), the rest go back to pending."""
    with db.atomic():
        batch_id = str(uuid.uuid4())
        _move(db, op_ids[:keep], "sending", now, batch_id=batch_id)
        _move(db, op_ids[keep:], "pending", now, batch_id=None)
        mark_changed(db, Changes(outbox=True))
    return batch_id, op_ids[:keep]


def _move(db: Database, op_ids: list[str], state: str, now: datetime, *,
          batch_id: str | None) -> None:
    stamp = now.astimezone(UTC).isoformat(timespec="milliseconds")
    db.conn.executemany(
        "UPDATE outbox SET state = ?, batch_id = ?, updated_at = ?, attempts = attempts + "
        "(? = 'sending') WHERE op_id = ?", [(state, batch_id, stamp, state, o) for o in op_ids])


def settle(db: Database, op_id: str, state: OutboxState, *, now: datetime,
           reason: tuple[str, str, str] | None = None, server_version: int | None = None,
           server_status: str | None = None) -> None:
    """Record the server's answer for one op inside the caller's transaction: `acked` and
    `conflict` drop the sealed payload (the server holds the record); `rejected` keeps it with
    its reason (code, Indonesian, English) for staff."""
    stamp = now.astimezone(UTC).isoformat(timespec="milliseconds")
    code, text_id, text_en = reason or (None, None, None)
    keep_payload = state == "rejected"
    db.execute(
        "UPDATE outbox SET state = ?, updated_at = ?, reason_code = ?, reason_id = ?, "
        "reason_en = ?, server_version = ?, server_status = ?"
        + ("" if keep_payload else ", payload = NULL") + " WHERE op_id = ?",
        [state, stamp, code, text_id, text_en, server_version, server_status, op_id])
    mark_changed(db, Changes(outbox=True))


def has_local_work(db: Database, entity: str, record_id: str) -> bool:
    """True while the record has operations not yet answered by the server."""
    return db.execute("SELECT 1 FROM outbox WHERE entity = ? AND record_id = ? AND state IN "
                      "('pending', 'sending') LIMIT 1", [entity, str(record_id)]).fetchone() \
        is not None
