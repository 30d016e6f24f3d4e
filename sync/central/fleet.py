"""The fleet: each kiosk's last heartbeat, for the office's fleet page.

    fleet.record_heartbeat(conn, device_id, heartbeat, now)   # protocol.HeartbeatRequest
    fleet.list_devices(conn, now, interval_seconds=600)       # [{...}] as below

A kiosk is `late` when its last call is more than 3 sync intervals ago (or it never called).
Warnings are the kiosk's own plus the server's: clock off by more than 5 minutes (SYNC.md),
speech or printer failing, less than 500 MiB of free disk, a queue of more than 100 ops.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.central import db, freetext
from sync.central import tables as t
from sync.protocol import HeartbeatRequest

CLOCK_WARNING_SECONDS = 5 * 60
LOW_DISK_MB = 500
LONG_QUEUE = 100


def record_heartbeat(
    conn: Connection, device_id: str, heartbeat: HeartbeatRequest, now: float
) -> float:
    """Store the heartbeat on the device row; returns the clock offset (device - server, s)."""
    offset = heartbeat.device_time.timestamp() - now
    conn.execute(
        sa.update(t.devices)
        .where(t.devices.c.id == device_id)
        .values(
            last_seen_at=now,
            last_sync_at=None
            if heartbeat.last_sync_at is None
            else heartbeat.last_sync_at.timestamp(),
            pending_count=heartbeat.pending_count,
            app_version=heartbeat.app_version,
            clock_offset_seconds=offset,
            free_disk_mb=heartbeat.free_disk_mb,
            speech_ok=heartbeat.speech_ok,
            printer_ok=heartbeat.printer_ok,
            warnings=list(heartbeat.warnings),
        )
    )
    return offset


def _warnings(row: Any) -> list[str]:
    out = list(row.warnings or [])
    if (
        row.clock_offset_seconds is not None
        and abs(row.clock_offset_seconds) > CLOCK_WARNING_SECONDS
    ):
        out.append(f"clock offset {row.clock_offset_seconds:+.0f} s")
    if row.speech_ok is False:
        out.append("speech not working")
    if row.printer_ok is False:
        out.append("printer not working")
    if row.free_disk_mb is not None and row.free_disk_mb < LOW_DISK_MB:
        out.append(f"low disk: {row.free_disk_mb} MiB free")
    if row.pending_count is not None and row.pending_count > LONG_QUEUE:
        out.append(f"{row.pending_count} records waiting to sync")
    return out


def list_devices(
    conn: Connection, now: float, *, interval_seconds: int = 600, include_revoked: bool = False
) -> list[dict[str, Any]]:
    """Every kiosk, by name: {id, name, place, created_at, revoked_at, last_seen_at,
    last_sync_at, last_push_at (epoch s or None), pending_count, app_version,
    clock_offset_seconds, free_disk_mb, speech_ok, printer_ok, warnings: [str], late: bool}.
    """
    d = t.devices.c
    query = sa.select(t.devices).order_by(d.name, d.id)
    if not include_revoked:
        query = query.where(d.revoked_at.is_(None))
    out = []
    for row in conn.execute(query):
        item = {k: v for k, v in row._mapping.items() if k != "token_hash"}
        # Names stored before freetext.clean existed, and the kiosk's own warning words, could
        # hold a bidi override that turns the table's text around: shown cleaned.
        item["name"] = freetext.clean(row.name)
        item["place"] = freetext.clean(row.place) if row.place else row.place
        item["warnings"] = [freetext.clean(w) for w in _warnings(row)]
        seen = row.last_seen_at
        # Late: silent for three sync intervals; one never seen, three intervals after it
        # was enrolled (a kiosk enrolled a minute ago is not late yet).
        item["late"] = now - (seen if seen is not None else row.created_at) > 3 * interval_seconds
        out.append(item)
    return out


def heartbeat_time(epoch: float | None) -> str | None:
    """An epoch column as ISO 8601 UTC text for display (None stays None)."""
    value = db.to_datetime(epoch)
    return None if value is None else value.isoformat()
