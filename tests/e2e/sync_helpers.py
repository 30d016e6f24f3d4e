"""Helpers of the sync tests: a kiosk data folder enrolled at a real central server, records
queued the way kiosk.registration.store writes them, and the promise checked after each fault.
"""
from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kiosk import outbox
from kiosk.changes import Changes, changed
from kiosk.db import database_path, open_database
from kiosk.services import open_vault
from sync.central import tables as t
from sync.client import credentials
from sync.client.config import ClientConfig
from sync.client.run import enroll
from tests.central.server import CentralServer, registration


def enrolled_kiosk(server: CentralServer, data_dir: Path, name: str = "Kiosk Uji") -> str:
    """Enroll a fresh kiosk data folder; returns its device id."""
    return enroll(data_dir, server.enrollment_code(name), ClientConfig(server.base_url)).device_id


def config(url: str, **changes: Any) -> ClientConfig:
    base: dict[str, Any] = dict(connect_timeout_s=2, read_timeout_s=5, deadline_s=30,
                                backoff_base_s=0.05, backoff_cap_s=0.5)
    base.update(changes)
    return ClientConfig(url, **base)


def queue_registrations(data_dir: Path, count: int, start: int = 0,
                        **changes: Any) -> list[str]:
    """`count` registrations (a row with sealed personal data + its outbox entry, one
    transaction each, as kiosk.registration.store does); returns their record ids."""
    db = open_database(database_path(data_dir))
    vault = open_vault(db, data_dir)
    ids = []
    now = datetime.now(UTC)
    try:
        for i in range(start, start + count):
            record_id = str(outbox.new_id())
            payload = registration(nik=f"337401550795{i % 10000:04d}", **changes)
            with changed(db, Changes(registrations=True, outbox=True)):
                db.execute(
                    "INSERT INTO registration (id, reference, created_at, consent_version,"
                    " consent_at, nik_hash, personal) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [record_id, f"T{i:08d}", now.isoformat(), "2025-07", now.isoformat(),
                     vault.lookup_hash("nik", payload["nik"]), vault.seal_json(payload)])
                outbox.enqueue(db, vault, entity="registration", record_id=record_id,
                               kind="create", payload=payload, now=now)
            ids.append(record_id)
    finally:
        db.close()
    return ids


def cursor_seq(cursor: str) -> int:
    if not cursor:
        return 0
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    return int(raw.rpartition(":")[2])


def kiosk_cursor(data_dir: Path) -> str:
    db = open_database(database_path(data_dir))
    try:
        return str(db.execute("SELECT cursor FROM sync_state WHERE id = 1").fetchone()[0])
    finally:
        db.close()


def check_promise(server: CentralServer, data_dir: Path, record_ids: list[str]) -> None:
    """SYNC.md: every record exactly once on the server, the outbox empty of unanswered work
    (only rejected entries, each with a reason), no personal data left for acked records."""
    device_id = credentials.load(data_dir).device_id  # type: ignore[union-attr]
    with server.engine.connect() as conn:
        stored = conn.execute(sa.select(t.registrations.c.id).where(
            t.registrations.c.device_id == device_id)).scalars().all()
        ledger = conn.execute(sa.select(sa.func.count()).select_from(t.op_ledger).where(
            t.op_ledger.c.device_id == device_id, t.op_ledger.c.status == "applied")).scalar()
    db = open_database(database_path(data_dir))
    try:
        states = dict(db.execute("SELECT record_id, state FROM outbox").fetchall())
        rejected = db.execute("SELECT record_id FROM outbox WHERE state = 'rejected'"
                              " AND (reason_id IS NULL OR reason_en IS NULL)").fetchall()
        left = db.execute("SELECT r.id FROM registration r JOIN outbox o ON o.record_id = r.id"
                          " WHERE o.state = 'acked' AND (r.personal IS NOT NULL OR"
                          " o.payload IS NOT NULL)").fetchall()
    finally:
        db.close()
    sent = [r for r in record_ids if states.get(r) != "rejected"]
    assert sorted(stored) == sorted(sent), "every record exactly once on the server"
    assert ledger == len(sent)
    assert all(states[r] in ("acked", "rejected") for r in record_ids), states
    assert rejected == [], "each rejected entry has its reason"
    assert left == [], "no personal data left for acknowledged records"
