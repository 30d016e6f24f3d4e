"""Registrations (AK1 pendaftaran) on the server: storing, reading (decrypted), deciding.

Status flow (Permenaker 39/2016: the office verifies the data, then issues the AK1 card):
"received" (arrived from a kiosk) -> "verified" -> "ak1_issued" (with `ak1_number`), or
"rejected" (with a reason) from "received" or "verified". Every status change also appends a
change-log entry addressed to the kiosk that sent the record, in the caller's transaction, so
the decision flows back through pull:

    with engine.begin() as conn:
        registrations.set_status(conn, reg_id, "ak1_issued", ak1_number="3374-2025-000001")

Reading needs the keys (crypto.Keys, `request.app.state.keys` in a route):

    registrations.get(conn, keys, reg_id)  -> dict | None
    registrations.list(conn, keys, status="received", limit=50, offset=0) -> list[dict]
    registrations.duplicates(conn) -> [{"nik_hash", "ids": [...]}]  (same NIK, > 1 record)

A dict is {"id", "device_id", "status", "ak1_number", "reason": {code, reason_id, reason_en}
| None, "version", "kecamatan_code", "nik_hash", "received_at", "updated_at" (epoch seconds),
"data": the Registration fields as pushed (protocol.Registration, JSON form)}.
"""

from __future__ import annotations

import builtins
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from sync.central import changes, db
from sync.central import tables as t
from sync.central.crypto import Keys
from sync.protocol import Reason

ENTITY = "registration"
STATUSES = ("received", "verified", "ak1_issued", "rejected")
# Allowed moves; a decided record is final (a mistake is corrected by a new registration).
_NEXT = {
    "received": {"verified", "rejected"},
    "verified": {"ak1_issued", "rejected"},
    "ak1_issued": set(),
    "rejected": set(),
}


def _reason(row: Row[Any]) -> dict[str, str] | None:
    if row.reason_code is None:
        return None
    return {"code": row.reason_code, "reason_id": row.reason_id, "reason_en": row.reason_en}


def status_data(row: Row[Any]) -> dict[str, Any]:
    """The protocol.StatusData JSON of a registrations/submissions row (no personal data)."""
    updated = db.to_datetime(row.updated_at)
    assert updated is not None
    return {
        "status": row.status,
        "ak1_number": getattr(row, "ak1_number", None),
        "reason": _reason(row),
        "updated_at": updated.isoformat(),
    }


def _as_dict(keys: Keys, row: Row[Any]) -> dict[str, Any]:
    out = {k: v for k, v in row._mapping.items() if k not in ("sealed", "seq")}
    for k in ("reason_code", "reason_id", "reason_en"):
        out.pop(k)
    out["reason"] = _reason(row)
    out["data"] = keys.unseal(row.sealed)
    return out


def get(conn: Connection, keys: Keys, registration_id: str) -> dict[str, Any] | None:
    """One registration, decrypted, or None if there is no such id."""
    row = conn.execute(
        sa.select(t.registrations).where(t.registrations.c.id == str(registration_id))
    ).first()
    return None if row is None else _as_dict(keys, row)


def list(  # noqa: A001 - the name the office's pages use
    conn: Connection,
    keys: Keys,
    *,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> builtins.list[dict[str, Any]]:
    """Registrations, oldest first, optionally of one status, decrypted."""
    query = sa.select(t.registrations).order_by(t.registrations.c.received_at, t.registrations.c.id)
    if status is not None:
        query = query.where(t.registrations.c.status == status)
    rows = conn.execute(query.limit(limit).offset(offset)).all()
    return [_as_dict(keys, r) for r in rows]


def count(conn: Connection, *, status: str | None = None) -> int:
    """How many registrations (of one status)."""
    query = sa.select(sa.func.count()).select_from(t.registrations)
    if status is not None:
        query = query.where(t.registrations.c.status == status)
    return int(conn.execute(query).scalar() or 0)


def duplicates(conn: Connection) -> builtins.list[dict[str, Any]]:
    """Probable duplicates: registrations sharing a NIK (by keyed hash), oldest group first.

    Each item is {"nik_hash": str, "ids": [registration ids, oldest first]}. Nothing is merged.
    """
    r = t.registrations.c
    hashes = (
        sa.select(r.nik_hash, sa.func.min(r.received_at).label("first"))
        .group_by(r.nik_hash)
        .having(sa.func.count() > 1)
        .subquery()
    )
    rows = conn.execute(
        sa.select(r.nik_hash, r.id)
        .join(hashes, hashes.c.nik_hash == r.nik_hash)
        .order_by(hashes.c.first, r.nik_hash, r.received_at, r.id)
    ).all()
    groups: dict[str, builtins.list[str]] = {}
    for row in rows:
        groups.setdefault(row.nik_hash, []).append(row.id)
    return [{"nik_hash": h, "ids": ids} for h, ids in groups.items()]


def set_status(
    conn: Connection,
    registration_id: str,
    status: str,
    *,
    ak1_number: str | None = None,
    reason: Reason | str | None = None,
) -> int:
    """Move a registration to `status` and tell its kiosk; returns the new version.

    "ak1_issued" needs `ak1_number` (unique); "rejected" needs `reason` (a Reason, or the
    verifier's own sentence, kept as both texts). Raises KeyError for an unknown id and
    ValueError for a move the flow above does not allow, a missing number or reason, or an
    AK1 number already given to another registration.
    """
    r = t.registrations.c
    row = conn.execute(
        sa.select(r.status, r.version, r.device_id).where(r.id == str(registration_id))
    ).first()
    if row is None:
        raise KeyError(registration_id)
    if status not in _NEXT.get(row.status, set()):
        raise ValueError(f"a registration cannot go from {row.status!r} to {status!r}")
    values: dict[str, Any] = {"status": status, "version": row.version + 1, "updated_at": db.now()}
    if status == "ak1_issued":
        if not ak1_number or len(ak1_number) > 40:
            raise ValueError("issuing AK1 needs an ak1_number of at most 40 characters")
        taken = conn.execute(sa.select(r.id).where(r.ak1_number == ak1_number)).first()
        if taken is not None:
            raise ValueError(f"AK1 number {ak1_number} is already issued")
        values["ak1_number"] = ak1_number
    if status == "rejected":
        if reason is None or (isinstance(reason, str) and not reason.strip()):
            raise ValueError("rejecting needs a reason")
        if isinstance(reason, str):
            reason = Reason(code="staff", reason_id=reason, reason_en=reason)
        values.update(
            reason_code=reason.code, reason_id=reason.reason_id, reason_en=reason.reason_en
        )
    conn.execute(sa.update(t.registrations).where(r.id == str(registration_id)).values(**values))
    fresh = conn.execute(sa.select(t.registrations).where(r.id == str(registration_id))).one()
    changes.append(
        conn,
        ENTITY,
        str(registration_id),
        "upsert",
        status_data(fresh),
        row.device_id,
        version=values["version"],
    )
    return int(values["version"])
