"""The audit log: who decided what, when, on which record; written in the decision's transaction.

Entries never hold personal data (no NIK, name or reason text): only ids, AK1 numbers, counts
and file names, so the log can be shown to every admin and kept for as long as the city wants.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sync.central.office.tables import audit_log

ACTIONS: dict[str, tuple[str, str]] = {
    "registration.verify": ("Verifikasi pendaftaran", "Registration verified"),
    "registration.issue_ak1": ("Terbitkan nomor AK1", "AK1 number issued"),
    "registration.reject": ("Tolak pendaftaran", "Registration rejected"),
    "duplicate.merge": ("Gabungkan data ganda", "Duplicates merged"),
    "duplicate.dismiss": ("Bukan data ganda", "Duplicates dismissed"),
    "vacancy.publish": ("Terbitkan lowongan", "Vacancies published"),
    "vacancy.unpublish": ("Tarik lowongan", "Vacancy unpublished"),
    "device.enrollment_code": ("Buat kode pendaftaran kios", "Enrollment code created"),
    "device.revoke": ("Cabut kios", "Device revoked"),
    "staff.create": ("Buat akun petugas", "Staff account created"),
    "staff.sign_in": ("Masuk", "Signed in"),
    "staff.sign_out": ("Keluar", "Signed out"),
    "export.registrations": ("Ekspor pendaftaran", "Registrations exported"),
}
"""Action key -> (Indonesian, English) label for the audit page."""


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    staff_username: str
    action: str
    entity: str
    record_id: str
    detail: dict[str, Any]


def record(
    conn: sa.Connection,
    *,
    at: float,
    staff_user_id: int | None,
    staff_username: str,
    action: str,
    entity: str,
    record_id: str,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one entry in the caller's transaction; `at` is UTC epoch seconds.

    Raises:
        ValueError: `action` is not one of ACTIONS (a typo would otherwise hide a decision).
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    conn.execute(audit_log.insert().values(
        at=at, staff_user_id=staff_user_id, staff_username=staff_username, action=action,
        entity=entity, record_id=str(record_id)[:64],
        detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
    ))


def entries(
    conn: sa.Connection, *, limit: int = 200, before_id: int | None = None,
    record_id: str | None = None,
) -> list[AuditEntry]:
    """The newest entries first, at most `limit`; `before_id` pages back, `record_id` filters."""
    query = sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(audit_log.c.id < before_id)
    if record_id is not None:
        query = query.where(audit_log.c.record_id == record_id)
    return [
        AuditEntry(id=row.id, at=datetime.fromtimestamp(row.at, UTC),
                   staff_username=row.staff_username, action=row.action,
                   entity=row.entity, record_id=row.record_id,
                   detail=json.loads(row.detail or "{}"))
        for row in conn.execute(query)
    ]
