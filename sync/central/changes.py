"""The change log kiosks pull (SYNC.md "GET /sync/pull").

Every entry has a sequence number from the database; the cursor a kiosk holds is that number
plus the log's epoch, base64url-encoded: opaque, never a clock. Appending takes the change-log
lock (db.lock_change_log), so entries become visible in sequence order and a reader never
skips one. Call `append` inside the same transaction as the row it describes:

    with engine.begin() as conn:
        conn.execute(sa.update(t.vacancies)...)
        changes.append(conn, "vacancy", vacancy_id, "upsert", data, version=3)

`device_id=None` sends the entry to every kiosk; a device id sends it to that kiosk only.
A cursor from another epoch (after `reset`) or below the compaction floor raises CursorGone,
which the API answers with 410 so the kiosk starts over from an empty cursor.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Mapping
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.central import db
from sync.central import tables as t

ChangeOp = Literal["upsert", "delete"]


class CursorGone(Exception):
    """The cursor names a log position the server no longer has (answer: 410 Gone)."""


def _meta(conn: Connection, key: str) -> str | None:
    return conn.execute(sa.select(t.meta.c.value).where(t.meta.c.key == key)).scalar()


def _set_meta(conn: Connection, key: str, value: str) -> None:
    if not db.insert_ignore(conn, t.meta, {"key": key, "value": value}):
        conn.execute(sa.update(t.meta).where(t.meta.c.key == key).values(value=value))


def epoch(conn: Connection) -> str:
    """The log's epoch: random, made once; a new one (reset) invalidates every cursor."""
    db.insert_ignore(conn, t.meta, {"key": "log_epoch", "value": secrets.token_hex(8)})
    value = _meta(conn, "log_epoch")
    assert value is not None
    return value


def append(
    conn: Connection,
    entity: str,
    record_id: str,
    op: ChangeOp,
    data: Mapping[str, Any] | None,
    device_id: str | None = None,
    *,
    version: int = 1,
) -> int:
    """Add one entry in the caller's transaction; returns its sequence number.

    `data` must be JSON-serializable (None for a delete tombstone). Raises ValueError for an op
    other than "upsert"/"delete".
    """
    if op not in ("upsert", "delete"):
        raise ValueError(f"op must be 'upsert' or 'delete', not {op!r}")
    db.lock_change_log(conn)
    result = conn.execute(
        sa.insert(t.changes).values(
            entity=entity,
            record_id=str(record_id),
            op=op,
            version=version,
            data=None if data is None else dict(data),
            device_id=device_id,
            created_at=db.now(),
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def encode_cursor(log_epoch: str, seq: int) -> str:
    """The opaque cursor for position `seq` of the log with `log_epoch`."""
    return base64.urlsafe_b64encode(f"{log_epoch}:{seq}".encode()).decode().rstrip("=")


def decode_cursor(conn: Connection, cursor: str) -> int:
    """The sequence a cursor stands for ("" is the start). Raises CursorGone if unknown."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        log_epoch, _, seq_text = raw.partition(":")
        seq = int(seq_text)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise CursorGone("not a cursor of this server") from exc
    if log_epoch != epoch(conn) or seq < 0:
        raise CursorGone("the change log was reset")
    if seq < int(_meta(conn, "log_floor") or 0):
        raise CursorGone("the change log was compacted past this cursor")
    last = conn.execute(sa.select(sa.func.max(t.changes.c.seq))).scalar() or 0
    if seq > last:
        raise CursorGone("the cursor is ahead of the change log")
    return seq


def page(conn: Connection, device_id: str, cursor: str, limit: int) -> dict[str, Any]:
    """One pull page for `device_id`: {changes, next_cursor, has_more} (protocol.PullPage).

    Raises CursorGone for an unknown cursor. `limit` must be >= 1.
    """
    after = decode_cursor(conn, cursor)
    c = t.changes.c
    rows = conn.execute(
        sa.select(c.seq, c.entity, c.record_id, c.op, c.version, c.data)
        .where(c.seq > after, sa.or_(c.device_id.is_(None), c.device_id == device_id))
        .order_by(c.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    if has_more:
        last = rows[-1].seq
    else:
        # Nothing more for this device: skip past other devices' entries too.
        last = conn.execute(sa.select(sa.func.max(c.seq))).scalar() or after
    return {
        "changes": [
            {
                "entity": r.entity,
                "id": r.record_id,
                "version": r.version,
                "op": r.op,
                "data": r.data,
            }
            for r in rows
        ],
        "next_cursor": encode_cursor(epoch(conn), max(last, after)),
        "has_more": has_more,
    }


def compact(conn: Connection, upto_seq: int) -> int:
    """Drop entries up to `upto_seq` that a later entry for the same record supersedes.

    Cursors below `upto_seq` answer 410 afterwards (their kiosks start over). Returns the
    number of entries removed.
    """
    c = t.changes.c
    later = (
        sa.select(sa.literal(1))
        .select_from(t.changes.alias("newer"))
        .where(
            sa.text(
                "newer.entity = changes.entity AND newer.record_id = changes.record_id"
                " AND newer.seq > changes.seq"
                " AND (newer.device_id IS NULL AND changes.device_id IS NULL"
                "  OR newer.device_id = changes.device_id)"
            )
        )
    )
    removed = conn.execute(sa.delete(t.changes).where(c.seq <= upto_seq, sa.exists(later))).rowcount
    _set_meta(conn, "log_floor", str(upto_seq))
    return int(removed)


def reset(conn: Connection) -> None:
    """Start a new epoch: every cursor handed out so far answers 410."""
    epoch(conn)
    _set_meta(conn, "log_epoch", secrets.token_hex(8))
