"""Reference data kiosks pull (SYNC.md "The server owns"): regions and KBJI groups, as
change-log entries of entity "reference" with ids "<kind>:<key>" (e.g. "kecamatan:33.74.01",
"kbji_major:2"), sent to every kiosk.

    with engine.begin() as conn:
        reference.publish(conn, "kecamatan", "33.74.01", {...})   # version, or None if unchanged
        reference.publish_defaults(conn)                          # regions + KBJI golongan pokok

The latest entry in the change log is the current version, so no table of its own is needed.
Sources: Kepmendagri 300.2.2-2138/2025 (region codes, via kiosk.region), KBJI 2014 (Kepmenaker
25/2014, via kiosk.kbji).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk.kbji import MAJOR_GROUPS
from kiosk.region import RegionTable
from sync.central import changes
from sync.central import tables as t

ENTITY = "reference"


def publish(conn: Connection, kind: str, key: str, data: Mapping[str, Any]) -> int | None:
    """Publish one reference item; returns its new version, or None when `data` is unchanged.

    Raises ValueError for an empty kind or key or a ":" in the kind.
    """
    if not kind or not key or ":" in kind:
        raise ValueError("a reference item needs a kind (without ':') and a key")
    record_id = f"{kind}:{key}"
    c = t.changes.c
    last = conn.execute(
        sa.select(c.version, c.data)
        .where(c.entity == ENTITY, c.record_id == record_id, c.device_id.is_(None))
        .order_by(c.seq.desc())
        .limit(1)
    ).first()
    payload = {"kind": kind, "key": key, **dict(data)}
    if last is not None and last.data == payload:
        return None
    version = 1 if last is None else int(last.version) + 1
    changes.append(conn, ENTITY, record_id, "upsert", payload, version=version)
    return version


def publish_defaults(conn: Connection, regions: RegionTable | None = None) -> int:
    """Publish the Kota Semarang kecamatan (with kelurahan) and the KBJI golongan pokok.

    Returns how many items changed (0 when everything was already current).
    """
    table = regions or RegionTable.load()
    changed = 0
    for kecamatan in table.kecamatan:
        data = {"name": kecamatan.name,
                "kelurahan": [{"code": k.code, "name": k.name} for k in kecamatan.kelurahan]}
        changed += publish(conn, "kecamatan", kecamatan.code, data) is not None
    for code, title in sorted(MAJOR_GROUPS.items()):
        changed += publish(conn, "kbji_major", code, {"title": title}) is not None
    return changed
