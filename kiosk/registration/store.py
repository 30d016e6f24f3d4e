"""Saving registrations and applications: sealed personal data, keyed NIK hash, outbox entry.

One submit is ONE transaction (kiosk.changes.changed): the registration row and its outbox
entry (entity "registration", the payload in sync/records.py's Registration shape) commit
together or not at all. Personal fields never reach the database in plain text: the whole
record is one Fernet token (kiosk/vault.py) in `registration.personal`, chosen over one token
per field because the fields are always written and read together, one token has one MAC
over all of them, and per-field tokens would each cost ~60 bytes and show each field's length.
"Already pending here" compares the vault's keyed hash of the NIK (a plain hash of 16
structured digits is enumerable). Nothing here logs a value, only record ids and counts.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlite_utils import Database

from kiosk import outbox
from kiosk.changes import Changes, changed
from kiosk.i18n import N_
from kiosk.region import RegionTable
from kiosk.registration.draft import RegistrationDraft
from kiosk.registration.form import check_draft
from kiosk.registration.nik import check_nik, normalise_nik
from kiosk.registration.problems import Problem
from kiosk.registration.reference import new_reference, parse_reference
from kiosk.vacancy import Vacancy
from kiosk.vault import Vault

log = logging.getLogger(__name__)
# Operations still on their way (or to be looked at); an acked or rejected one is not pending.
_PENDING_STATES = ("pending", "sending", "conflict")


@dataclass(frozen=True)
class Receipt:
    """What a resident and staff need to check a registration, nothing personal: the
    reference, the record id, when it was made (UTC ISO), the outbox state ("pending", ...,
    None once pruned), the server's status when pulled, and the staff flags."""

    reference: str
    record_id: str
    created_at: str
    sync_state: str | None
    server_status: str | None
    birth_date_check: bool
    outside_kota: bool
    purged: bool


@dataclass(frozen=True)
class SubmitResult:
    """reference/record_id of the saved (or already pending) registration; `existing` when the
    NIK was already pending here; `problems` when refused (nothing written), `problem` the
    first one's sentence in the current language."""

    reference: str = ""
    record_id: str = ""
    existing: bool = False
    problems: tuple[Problem, ...] = ()

    @property
    def problem(self) -> str | None:
        return self.problems[0].text() if self.problems else None


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).isoformat(timespec="milliseconds")


def _receipt_row(db: Database, where: str, args: list[Any]) -> Receipt | None:
    row = db.execute(
        "SELECT r.reference, r.id, r.created_at, r.birth_date_check, r.outside_kota,"
        " r.personal IS NULL, s.status FROM registration r LEFT JOIN record_status s"
        " ON s.entity = 'registration' AND s.record_id = r.id WHERE " + where, args
    ).fetchone()
    if row is None:
        return None
    return Receipt(row[0], row[1], row[2], outbox.record_state(db, "registration", row[1]),
                   row[6], bool(row[3]), bool(row[4]), bool(row[5]))


def receipt(db: Database, record_id: str) -> Receipt | None:
    """The receipt of the registration with this id, or None."""
    return _receipt_row(db, "r.id = ?", [str(record_id)])


def receipt_by_reference(db: Database, text: str) -> Receipt | None:
    """The receipt for a typed reference ("k7m 4qx 9"), or None (unknown or mistyped)."""
    reference = parse_reference(text)
    return None if reference is None else _receipt_row(db, "r.reference = ?", [reference])


def pending_receipt_for_nik(db: Database, vault: Vault, nik: str) -> Receipt | None:
    """The receipt of a registration of this NIK still pending on this kiosk, or None."""
    digits = normalise_nik(nik)
    if not digits:
        return None
    for (record_id,) in db.execute(
        "SELECT id FROM registration WHERE nik_hash = ? AND personal IS NOT NULL"
        " ORDER BY id DESC", [vault.lookup_hash("nik", digits)]
    ).fetchall():
        if outbox.record_state(db, "registration", record_id) in _PENDING_STATES:
            return receipt(db, record_id)
    return None


def submit_registration(db: Database, vault: Vault, draft: RegistrationDraft, *,
                        now: datetime, today: date, min_age: int,
                        regions: RegionTable) -> SubmitResult:
    """Check `draft` and save it with its outbox entry in one transaction.

    Returns the existing receipt (no second record) when the NIK is already pending here, the
    problems (nothing written) when the draft is refused, else the new receipt.

    Raises:
        sqlite3.Error: the write failed (rolled back: nothing was written).
        ValueError: `now` has no timezone.
    """
    if now.tzinfo is None:
        raise ValueError("registration times are timezone-aware")
    check = check_draft(draft, today=today, min_age=min_age, regions=regions)
    if check.payload is None:
        return SubmitResult(problems=check.problems)
    nik_hash = vault.lookup_hash("nik", check.nik)
    with db.atomic():
        found = pending_receipt_for_nik(db, vault, check.nik)
        if found is not None:
            return SubmitResult(found.reference, found.record_id, existing=True)
        record_id = str(outbox.new_id())
        reference = _unused_reference(db)
        payload = {**check.payload, "receipt_reference": reference}
        with changed(db, Changes(registrations=True, outbox=True)):
            db.execute(
                "INSERT INTO registration (id, reference, created_at, consent_version,"
                " consent_at, birth_date_check, outside_kota, nik_hash, personal)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [record_id, reference, _stamp(now), payload["consent_version"],
                 payload["consent_at"], int(check.birth_date_check), int(check.outside_kota),
                 nik_hash, vault.seal_json(payload)])
            outbox.enqueue(db, vault, entity="registration", record_id=record_id,
                           kind="create", payload=payload, now=now)
    log.info("Registration %s saved with its outbox entry", record_id)
    return SubmitResult(reference, record_id)


def _unused_reference(db: Database) -> str:
    while True:  # 595 million references: a repeat is rare, never an endless loop
        reference = new_reference()
        if db.execute("SELECT 1 FROM registration WHERE reference = ?",
                      [reference]).fetchone() is None:
            return reference


def purge_personal(db: Database, record_id: str, *, now: datetime) -> bool:
    """Delete the sealed personal data of a registration or application once the server has
    acknowledged it; the reference, times, flags and status stay. Runs in the caller's
    transaction when one is open (a savepoint), else in its own. True when anything went.
    With PRAGMA secure_delete on (kiosk/db.py), the freed pages are overwritten."""
    with changed(db, Changes(registrations=True)):
        gone = 0
        for table in ("registration", "application"):
            gone += db.execute(
                f"UPDATE {table} SET personal = NULL, purged_at = ? "  # noqa: S608 (fixed names)
                "WHERE id = ? AND personal IS NOT NULL", [_stamp(now), str(record_id)]
            ).rowcount
    return gone > 0


@dataclass(frozen=True)
class ApplicationResult:
    """record_id of the queued application, or `problems` (nothing written); `problem` is
    the first one's sentence in the current language."""

    record_id: str = ""
    problems: tuple[Problem, ...] = ()

    @property
    def problem(self) -> str | None:
        return self.problems[0].text() if self.problems else None


def _refuse(rule: str, message: str, field: str = "vacancy") -> ApplicationResult:
    return ApplicationResult(problems=(Problem(rule, message, {}, field=field),))


def queue_application(db: Database, vault: Vault, vacancy: Vacancy | None, *,
                      reference: str | None, nik: str | None, birth_date: date | None,
                      now: datetime, today: date, min_age: int) -> ApplicationResult:
    """Queue a Lamar for `vacancy`, tied to this kiosk's registration `reference` or to an
    AK1 card (`nik` and `birth_date`), with its outbox entry in one transaction.

    Raises:
        sqlite3.Error: the write failed (nothing was written).
    """
    if vacancy is None or vacancy.id is None:
        return _refuse("vacancy_missing", N_("This vacancy is no longer on the kiosk."))
    if vacancy.is_demo:
        return _refuse("vacancy_demo", N_(
            "This is a demo vacancy: it shows how the kiosk works and cannot be applied to."))
    if vacancy.url:
        return _refuse("vacancy_elsewhere", N_(
            "This employer takes applications on its own website, not through the kiosk."))
    # The server knows a vacancy by the id it published it under (central_vacancy.wire_id,
    # "<source>:<source_id>"), not by the employer's own code.
    wire = db.execute(
        "SELECT wire_id FROM central_vacancy WHERE source = ? AND source_id = ?",
        [vacancy.source, vacancy.source_id],
    ).fetchone()
    wire_id = wire[0] if wire else f"{vacancy.source}:{vacancy.source_id}"
    payload: dict[str, Any] = {"vacancy_id": wire_id}
    registration_id = None
    parsed = parse_reference(reference) if reference else None
    if parsed is not None:
        row = db.execute("SELECT id, personal FROM registration WHERE reference = ?",
                         [parsed]).fetchone()
        if row is None:
            return _refuse("reference_unknown", N_(
                "The kiosk does not know this receipt number."), "reference")
        registration_id = row[0]
        payload["registration_id"] = registration_id
        if row[1] is not None:
            record = vault.unseal_json(row[1])
            if isinstance(record, dict):
                payload.update(full_name=record.get("full_name"), phone=record.get("phone"),
                               nik=record.get("nik"), birth_date=record.get("birth_date"))
    else:
        reading = check_nik(nik or "", today, min_age=min_age)
        if not reading.valid:
            return ApplicationResult(problems=reading.problems)
        if not isinstance(birth_date, date):
            return _refuse("birth_date_missing", N_("Enter your birth date."), "birth_date")
        payload.update(nik=reading.nik, birth_date=birth_date.isoformat())
    payload = {k: v for k, v in payload.items() if v is not None}
    record_id = str(outbox.new_id())
    with changed(db, Changes(registrations=True, outbox=True)):
        db.execute("INSERT INTO application (id, vacancy_id, registration_id, created_at,"
                   " personal) VALUES (?, ?, ?, ?, ?)",
                   [record_id, vacancy.id, registration_id, _stamp(now),
                    vault.seal_json(payload)])
        outbox.enqueue(db, vault, entity="application", record_id=record_id, kind="create",
                       payload=payload, now=now)
    log.info("Application %s queued with its outbox entry", record_id)
    return ApplicationResult(record_id)
