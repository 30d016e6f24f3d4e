"""POST /sync/push: apply a batch of ops exactly once (SYNC.md "Identity and the outbox").

One batch is one transaction. On PostgreSQL it first takes the change-log lock, so pushes
commit one at a time and in change-log order; with that no two pushes can wait on each other
(no deadlock), and the ledger's primary key (INSERT ... ON CONFLICT DO NOTHING) is the second
guard that an op_id is applied once even if that lock were ever dropped. SQLite has one writer.

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


def _apply_op(
    conn: Connection, keys: Keys, device_id: str, batch_id: str, op: Op
) -> dict[str, Any]:
    payload_hash = _payload_hash(keys, op)
    base = {"op_id": str(op.op_id), "entity": op.entity, "record_id": str(op.record_id)}
    fresh = db.insert_ignore(
        conn,
        t.op_ledger,
        {
            "op_id": str(op.op_id),
            "device_id": device_id,
            "batch_id": batch_id,
            "seq": op.seq,
            "entity": op.entity,
            "record_id": str(op.record_id),
            "kind": op.kind,
            "payload_hash": payload_hash,
            "status": "pending",
            "answer": {},
            "created_at": db.now(),
        },
    )
    if not fresh:
        seen = conn.execute(
            sa.select(t.op_ledger).where(t.op_ledger.c.op_id == str(op.op_id))
        ).one()
        if seen.device_id != device_id:
            return reject(
                base,
                "op_id_taken",
                "op_id ini sudah dipakai perangkat lain.",
                "This op_id was already used by another device.",
            )
        if (
            seen.payload_hash != payload_hash
            or seen.entity != op.entity
            or seen.record_id != str(op.record_id)
        ):
            store = STORES.get(seen.entity)
            copy = store.server_copy(conn, keys, seen.record_id) if store else None
            return {
                **base,
                "status": "conflict",
                "server_copy": copy,
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
    checked = validate_payload(op.entity, op.payload)
    if isinstance(checked, Reason):
        answer = {**base, "status": "rejected", "reason": checked.model_dump()}
    else:
        answer = STORES[op.entity].apply(conn, keys, device_id, op, checked, base)
    conn.execute(
        sa.update(t.op_ledger)
        .where(t.op_ledger.c.op_id == str(op.op_id))
        .values(status=answer["status"], answer=answer)
    )
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
        seen = conn.execute(
            sa.select(t.push_batches.c.body_hash, t.push_batches.c.answer).where(
                t.push_batches.c.device_id == device_id, t.push_batches.c.batch_id == batch_id
            )
        ).one()
        if seen.body_hash != body_hash:
            raise IdempotencyMismatch(batch_id)
        if seen.answer is not None:
            return dict(seen.answer)
    results = [_apply_op(conn, keys, device_id, batch_id, op) for op in batch.ops]
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
        print(f"push-delay: holding batch {batch_id} for {delay_seconds} s", file=sys.stderr,
              flush=True)
        time.sleep(delay_seconds)
    return answer
