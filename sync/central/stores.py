"""Where each pushed entity is stored: one `Store` per entity name of protocol.ENTITY_MODELS.

A store's `apply` writes the record and its device-scoped change-log entry ("received") and
returns the op's answer; `server_copy` gives protocol.ServerCopy JSON for a conflict. To add an
entity: a model in sync/records.py, a store here, and (if it needs one) a table + migration.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Connection

from sync.central import changes, db
from sync.central import tables as t
from sync.central.crypto import Keys
from sync.protocol import Op, Registration


def reject(base: dict[str, Any], code: str, reason_id: str, reason_en: str) -> dict[str, Any]:
    """A `rejected` answer with its reason in Indonesian and English."""
    return {
        **base,
        "status": "rejected",
        "reason": {"code": code, "reason_id": reason_id, "reason_en": reason_en},
    }


class Store:
    """Stores one entity in `table` (registrations or submissions)."""

    def __init__(self, entity: str, table: sa.Table) -> None:
        self.entity = entity
        self.table = table

    def columns(self, keys: Keys, record: BaseModel) -> dict[str, Any]:
        """The plain (non-sealed) columns the record fills besides the common ones."""
        return {}

    def check(self, conn: Connection, record: BaseModel) -> tuple[str, str, str] | None:
        """A (code, reason_id, reason_en) refusal that needs the database, or None."""
        return None

    def _row(self, conn: Connection, record_id: str) -> Any:
        return conn.execute(sa.select(self.table).where(self.table.c.id == record_id)).first()

    def server_copy(self, conn: Connection, keys: Keys, record_id: str) -> dict[str, Any] | None:
        row = self._row(conn, record_id)
        if row is None:
            return None
        return {
            "entity": self.entity,
            "record_id": record_id,
            "version": row.version,
            "status": row.status,
            "payload": keys.unseal(row.sealed),
        }

    def apply(
        self,
        conn: Connection,
        keys: Keys,
        device_id: str,
        op: Op,
        record: BaseModel,
        base: dict[str, Any],
    ) -> dict[str, Any]:
        """Insert or update the record; the op's answer JSON (applied, conflict or rejected)."""
        refusal = self.check(conn, record)
        if refusal is not None:
            return reject(base, *refusal)
        record_id = str(op.record_id)
        row = self._row(conn, record_id)
        now = db.now()
        values = {
            **self.columns(keys, record),
            "sealed": keys.seal(record.model_dump(mode="json")),
            "seq": op.seq,
            "updated_at": now,
        }
        if row is None:
            version = 1
            conn.execute(
                sa.insert(self.table).values(
                    id=record_id,
                    device_id=device_id,
                    status="received",
                    version=1,
                    received_at=now,
                    **values,
                )
            )
        elif row.device_id != device_id:
            return reject(
                base,
                "record_taken",
                "Data ini milik perangkat lain.",
                "This record belongs to another device.",
            )
        elif row.status != "received" or op.seq <= row.seq:
            # Decided by staff, or an older edit arriving late: the server's copy stands.
            return {
                **base,
                "status": "conflict",
                "server_copy": self.server_copy(conn, keys, record_id),
                "reason": {
                    "code": "record_moved_on",
                    "reason_id": "Data di server sudah diproses atau lebih baru.",
                    "reason_en": "The server's copy is already decided or newer.",
                },
            }
        else:
            version = row.version + 1
            conn.execute(
                sa.update(self.table)
                .where(self.table.c.id == record_id)
                .values(version=version, **values)
            )
        status = {"status": "received", "ak1_number": None, "reason": None,
                  "updated_at": db.to_datetime(now).isoformat()}  # type: ignore[union-attr]
        changes.append(conn, self.entity, record_id, "upsert", status, device_id, version=version)
        return {**base, "status": "applied", "version": version, "server_status": "received"}


class RegistrationStore(Store):
    """AK1 registrations: the NIK's keyed hash and the kecamatan stay searchable."""

    def columns(self, keys: Keys, record: BaseModel) -> dict[str, Any]:
        assert isinstance(record, Registration)
        # An address outside Kota Semarang has no kecamatan code here (outside_kota).
        return {"nik_hash": keys.nik_hash(record.nik),
                "kecamatan_code": record.kecamatan_code or ""}


class SubmissionStore(Store):
    """Applications and requests: `target_field` names the vacancy, training or slot."""

    def __init__(self, entity: str, target_field: str, *, vacancy: bool = False) -> None:
        super().__init__(entity, t.submissions)
        self.target_field = target_field
        self.vacancy = vacancy

    def columns(self, keys: Keys, record: BaseModel) -> dict[str, Any]:
        registration_id = getattr(record, "registration_id", None)
        return {
            "entity": self.entity,
            "target_id": getattr(record, self.target_field),
            "registration_id": None if registration_id is None else str(registration_id),
        }

    def check(self, conn: Connection, record: BaseModel) -> tuple[str, str, str] | None:
        if not self.vacancy:
            return None
        published = conn.execute(
            sa.select(t.vacancies.c.published).where(
                t.vacancies.c.id == getattr(record, self.target_field)
            )
        ).scalar()
        if not published:
            return (
                "vacancy_closed",
                "Lowongan ini tidak ada atau sudah ditutup.",
                "This vacancy does not exist or is closed.",
            )
        return None


STORES: dict[str, Store] = {
    "registration": RegistrationStore("registration", t.registrations),
    "application": SubmissionStore("application", "vacancy_id", vacancy=True),
    "training_request": SubmissionStore("training_request", "training_id"),
    "consultation_request": SubmissionStore("consultation_request", "slot_id"),
}
