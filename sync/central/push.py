"""POST /sync/push: apply a batch of ops exactly once (SYNC.md "Identity and the outbox").

One batch is one transaction. On PostgreSQL it first takes the change-log lock, so pushes
commit one at a time and in change-log order, and no two pushes can wait on each other (no
deadlock); SQLite has one writer anyway. The batch's ledger rows are read in one query. The
ledger's primary key is the second guard: each new op's row is written with INSERT ... ON
CONFLICT DO NOTHING, and finding the op_id already there (possible only if the lock were ever
dropped) raises LedgerRace, which rolls the whole batch back instead of applying an op twice.

Per op, in batch order:
- a new op_id: validate the payload (protocol.validate_payload) -> `rejected` with its reason,
  or apply it to its entity's store -> `applied` (or `conflict` if the record has moved on);
  the answer is stored in the ledger;
- a known op_id with the same payload (keyed hash) -> the stored answer again (`duplicate` for
  an applied one, the same `rejected` for a rejected one);
- a known op_id with another payload -> `conflict` with the server's copy (ledger unchanged).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.central import db
from sync.central import tables as t
from sync.central.crypto import Keys
from sync.central.stores import STORES, reject
from sync.protocol import Op, PushBatch, Reason, validate_payload


class IdempotencyMismatch(Exception):
    """The Idempotency-Key was used before with a different body (answer: 422)."""


def _payload_hash(keys: Keys, op: Op) -> str:
    canonical = json.dumps(
        {
            "entity": op.entity,
            "record_id": str(op.record_id),
            "kind": op.kind,
            "payload": op.payload,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return keys.keyed_hash(canonical.encode())


class LedgerRace(RuntimeError):
    """An op_id appeared in the ledger while this batch held the change-log lock: impossible
    unless that lock is gone. The transaction is rolled back rather than apply an op twice."""


@dataclass
class _Seen:
    device_id: str
    entity: str
    record_id: str
    payload_hash: str
    answer: dict[str, Any]


def _known(conn: Connection, ops: list[Op]) -> dict[str, _Seen]:
    """The ledger rows of these ops (one query for the whole batch)."""
    ids = [str(o.op_id) for o in ops]
    c = t.op_ledger.c
    rows = conn.execute(
        sa.select(c.op_id, c.device_id, c.entity, c.record_id, c.payload_hash, c.answer).where(
            c.op_id.in_(ids)
        )
    )
    return {
        r.op_id: _Seen(r.device_id, r.entity, r.record_id, r.payload_hash, dict(r.answer))
        for r in rows
    }


def _answer_known(
    conn: Connection, keys: Keys, device_id: str, op: Op, seen: _Seen, payload_hash: str
) -> dict[str, Any]:
    base = {"op_id": str(op.op_id), "entity": op.entity, "record_id": str(op.record_id)}
    if seen.device_id != device_id:
        return reject(
            base,
            "op_id_taken",
            "op_id ini sudah dipakai perangkat lain.",
            "This op_id was already used by another device.",
        )
    if (seen.payload_hash, seen.entity, seen.record_id) != (
        payload_hash,
        op.entity,
        str(op.record_id),
    ):
        store = STORES.get(seen.entity)
        return {
            **base,
            "status": "conflict",
            "server_copy": store.server_copy(conn, keys, seen.record_id) if store else None,
            "reason": {
                "code": "op_id_reused",
                "reason_id": "op_id yang sama dikirim dengan isi berbeda.",
                "reason_en": "The same op_id was sent with a different payload.",
            },
        }
    answer = dict(seen.answer)
    if answer["status"] == "applied":
        answer["status"] = "duplicate"
    return answer


def _apply_new(
    conn: Connection, keys: Keys, device_id: str, batch_id: str, op: Op, payload_hash: str
) -> dict[str, Any]:
    base = {"op_id": str(op.op_id), "entity": op.entity, "record_id": str(op.record_id)}
    checked = validate_payload(op.entity, op.payload)
    if isinstance(checked, Reason):
        answer = {**base, "status": "rejected", "reason": checked.model_dump()}
    else:
        answer = STORES[op.entity].apply(conn, keys, device_id, op, checked, base)
    row = {
        "op_id": str(op.op_id),
        "device_id": device_id,
        "batch_id": batch_id,
        "seq": op.seq,
        "entity": op.entity,
        "record_id": str(op.record_id),
        "kind": op.kind,
        "payload_hash": payload_hash,
        "status": answer["status"],
        "answer": answer,
        "created_at": db.now(),
    }
    if not db.insert_ignore(conn, t.op_ledger, row):
        raise LedgerRace(str(op.op_id))
    return answer


def apply_batch(
    conn: Connection,
    keys: Keys,
    device_id: str,
    batch: PushBatch,
    body_hash: str,
    *,
    delay_seconds: float = 0.0,
) -> dict[str, Any]:
    """Apply `batch` in the caller's transaction; returns the protocol.PushAnswer JSON.

    A batch_id seen before with the same body gets the stored answer; with another body it
    raises IdempotencyMismatch. `delay_seconds` (tests only) waits before returning, i.e.
    before the caller commits.
    """
    db.lock_change_log(conn)
    batch_id = str(batch.batch_id)
    if not db.insert_ignore(
        conn,
        t.push_batches,
        {
            "device_id": device_id,
            "batch_id": batch_id,
            "body_hash": body_hash,
            "answer": None,
            "created_at": db.now(),
        },
    ):
        stored = conn.execute(
            sa.select(t.push_batches.c.body_hash, t.push_batches.c.answer).where(
                t.push_batches.c.device_id == device_id, t.push_batches.c.batch_id == batch_id
            )
        ).one()
        if stored.body_hash != body_hash:
            raise IdempotencyMismatch(batch_id)
        if stored.answer is not None:
            return dict(stored.answer)
    known = _known(conn, batch.ops)
    results: list[dict[str, Any]] = []
    for op in batch.ops:
        payload_hash = _payload_hash(keys, op)
        seen = known.get(str(op.op_id))
        if seen is not None:
            results.append(_answer_known(conn, keys, device_id, op, seen, payload_hash))
            continue
        answer = _apply_new(conn, keys, device_id, batch_id, op, payload_hash)
        known[str(op.op_id)] = _Seen(device_id, op.entity, str(op.record_id), payload_hash, answer)
        results.append(answer)
    answer = {
        "batch_id": batch_id,
        "results": results,
        "server_time": datetime.now(UTC).isoformat(),
    }
    conn.execute(
        sa.update(t.push_batches)
        .where(t.push_batches.c.device_id == device_id, t.push_batches.c.batch_id == batch_id)
        .values(answer=answer)
    )
    conn.execute(
        sa.update(t.devices).where(t.devices.c.id == device_id).values(last_push_at=db.now())
    )
    if delay_seconds:
        # Test hook (SIKER_CENTRAL_TEST_PUSH_DELAY): say so, then hold the open transaction.
        print(
            f"push-delay: holding batch {batch_id} for {delay_seconds} s",
            file=sys.stderr,
            flush=True,
        )
        time.sleep(delay_seconds)
    return answer
