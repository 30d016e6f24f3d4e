"""A verifier's decisions on a registration: verify, issue the AK1 number, reject with a reason.

Each decision is one transaction: the registration's row is locked, its status set through
`registrations.set_status` (which appends the change-log entry its kiosk pulls), and the audit
entry written; if any step fails, none of it happened.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sync.central import freetext, registrations
from sync.central import tables as t
from sync.central.office import audit
from sync.central.office.accounts import StaffUser
from sync.central.office.ak1 import allocate_ak1
from sync.protocol import Reason

MIN_REASON_CHARS = 5
MAX_REASON_CHARS = 500  # protocol.Reason's limit


class DecisionError(ValueError):
    """A decision that cannot be made; `key` names the texts entry, `values` fill it."""

    def __init__(self, key: str, status: int = 409, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.status = status
        self.values = values


@dataclass(frozen=True)
class Outcome:
    status: str
    ak1_number: str | None = None


def clean_reason(text: str) -> str:
    """The reason as it will be stored: cleaned by freetext.clean (no bidi, zero-width or
    control characters; whitespace folded). "<" and ">" stay ("umur < 18 tahun" is a reason):
    the office pages escape them and the kiosk must show the reason as plain text.

    Raises:
        DecisionError: 422 when it is shorter than MIN_REASON_CHARS or longer than
            MAX_REASON_CHARS.
    """
    folded = freetext.clean(text)
    if len(folded) < MIN_REASON_CHARS:
        raise DecisionError("reg.reason_required", 422)
    if len(folded) > MAX_REASON_CHARS:
        raise DecisionError("reg.reason_too_long", 422, n=MAX_REASON_CHARS)
    return folded


def decide(
    engine: sa.Engine, registration_id: str, action: str, user: StaffUser, *, now: float,
    reason: str = "",
) -> Outcome:
    """Carry out `action` ("verify", "issue" or "reject") by `user`.

    Raises:
        DecisionError: 404 for an unknown registration, 409 when its status does not allow the
            action (already decided, or someone else was quicker), 422 for a bad reason.
    """
    if action == "reject":
        reason = clean_reason(reason)
    with engine.begin() as conn:
        current = _lock(conn, registration_id)
        ak1: str | None = None
        try:
            if action == "verify":
                registrations.set_status(conn, registration_id, "verified")
                new_status = "verified"
            elif action == "issue":
                if current != "verified":
                    raise ValueError("only a verified registration gets an AK1 number")
                ak1 = allocate_ak1(conn, now=now)
                registrations.set_status(conn, registration_id, "ak1_issued", ak1_number=ak1)
                new_status = "ak1_issued"
            elif action == "reject":
                registrations.set_status(
                    conn, registration_id, "rejected",
                    reason=Reason(code="staff", reason_id=reason, reason_en=reason),
                )
                new_status = "rejected"
            else:
                raise DecisionError("error.not_found", 404)
        except ValueError as exc:
            if isinstance(exc, DecisionError):
                raise
            raise DecisionError("reg.wrong_state", 409, state=current) from exc
        audit.record(
            conn, at=now, staff_user_id=user.id, staff_username=user.username,
            action={"verify": "registration.verify", "issue": "registration.issue_ak1",
                    "reject": "registration.reject"}[action],
            entity="registration", record_id=registration_id,
            detail={"from": current, "to": new_status, **({"ak1_number": ak1} if ak1 else {})},
        )
    return Outcome(status=new_status, ak1_number=ak1)


def _lock(conn: sa.Connection, registration_id: str) -> str:
    """The registration's status, its row locked until commit (PostgreSQL; SQLite's
    BEGIN IMMEDIATE already holds the only write lock), so two verifiers deciding at once
    are served one after the other and the second sees the first one's status."""
    status = conn.execute(
        sa.select(t.registrations.c.status)
        .where(t.registrations.c.id == registration_id)
        .with_for_update()
    ).scalar_one_or_none()
    if status is None:
        raise DecisionError("error.not_found", 404)
    return str(status)
