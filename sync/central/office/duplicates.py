"""Probable duplicates: registrations with the same NIK (by keyed hash), for staff to decide.

The server never merges on its own. Staff either merge a group (choose the record that stays;
every other one is closed as "rejected" with reason code "duplicate_merged", which its kiosk
pulls, and the decision keeps the pointer to the record that stayed) or dismiss it (not the same
person, e.g. a NIK typed wrongly on one kiosk). A decision covers exactly the records the staff
member saw: a registration arriving later with the same NIK makes a new group that is shown again.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from sync.central import registrations
from sync.central import tables as t
from sync.central.crypto import Keys
from sync.central.office import audit
from sync.central.office.accounts import StaffUser
from sync.central.office.decisions import DecisionError
from sync.central.office.tables import duplicate_decision
from sync.protocol import Reason

MERGED_CODE = "duplicate_merged"
OPEN_STATUSES = ("received", "verified")


def member_key(ids: list[str]) -> str:
    return ",".join(sorted(ids))


def open_groups(conn: sa.Connection, keys: Keys) -> list[dict[str, Any]]:
    """Undecided groups, oldest first: {"nik_hash", "key", "records": [registration dicts]}."""
    decided = {(row.nik_hash, row.member_ids) for row in conn.execute(
        sa.select(duplicate_decision.c.nik_hash, duplicate_decision.c.member_ids))}
    out = []
    for group in registrations.duplicates(conn):
        key = member_key(group["ids"])
        if (group["nik_hash"], key) in decided:
            continue
        records = [registrations.get(conn, keys, rid) for rid in group["ids"]]
        out.append({"nik_hash": group["nik_hash"], "key": key,
                    "records": [r for r in records if r is not None]})
    return out


def is_merged(record: dict[str, Any]) -> bool:
    return record["status"] == "rejected" and (record["reason"] or {}).get("code") == MERGED_CODE


def _current_ids(conn: sa.Connection, nik_hash: str) -> list[str]:
    r = t.registrations.c
    return list(conn.execute(
        sa.select(r.id).where(r.nik_hash == nik_hash).order_by(r.received_at, r.id)
        .with_for_update()
    ).scalars())


def decide(
    engine: sa.Engine, *, nik_hash: str, key: str, action: str, user: StaffUser, now: float,
    keep_id: str | None = None,
) -> list[str]:
    """Merge (keeping `keep_id`) or dismiss the group `key` of `nik_hash`; returns the ids
    closed as merged (empty for a dismissal).

    Raises:
        DecisionError: 409 "dup.stale" when the group is no longer what the staff member saw
            (or already decided), 422 when `keep_id` is not in it, 409 "dup.final" when a
            record to be merged away is already decided (AK1 issued or rejected).
    """
    with engine.begin() as conn:
        ids = _current_ids(conn, nik_hash)
        if len(ids) < 2 or member_key(ids) != key:
            raise DecisionError("dup.stale", 409)
        already = conn.execute(sa.select(duplicate_decision.c.id).where(
            duplicate_decision.c.nik_hash == nik_hash,
            duplicate_decision.c.member_ids == key)).first()
        if already is not None:
            raise DecisionError("dup.stale", 409)
        merged: list[str] = []
        if action == "merge":
            if keep_id not in ids:
                raise DecisionError("dup.choose", 422)
            status = dict(conn.execute(sa.select(t.registrations.c.id, t.registrations.c.status)
                                       .where(t.registrations.c.id.in_(ids))).all())
            for rid in ids:
                if rid == keep_id or status[rid] == "rejected":
                    continue  # already closed (e.g. merged in an earlier group)
                if status[rid] not in OPEN_STATUSES:
                    raise DecisionError("dup.final", 409)
                registrations.set_status(conn, rid, "rejected", reason=Reason(
                    code=MERGED_CODE,
                    reason_id="Data ganda: NIK ini sudah terdaftar; pendaftaran ini digabung "
                              "ke pendaftaran yang lain dan tidak diproses lagi.",
                    reason_en="Duplicate: this NIK is already registered; this registration was "
                              "merged into the other one and will not be processed further.",
                ))
                merged.append(rid)
        elif action != "dismiss":
            raise DecisionError("error.not_found", 404)
        conn.execute(duplicate_decision.insert().values(
            nik_hash=nik_hash, decision="merged" if action == "merge" else "dismissed",
            member_ids=key, kept_registration_id=keep_id if action == "merge" else None,
            staff_user_id=user.id, at=now))
        audit.record(conn, at=now, staff_user_id=user.id, staff_username=user.username,
                     action=f"duplicate.{action}", entity="registration",
                     record_id=keep_id if action == "merge" and keep_id else ids[0],
                     detail={"members": ids, "merged": merged,
                             **({"kept": keep_id} if action == "merge" else {})})
    return merged
