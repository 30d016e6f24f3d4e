"""Saving registrations and applications on a real SQLite file with a real key file: one
transaction with the outbox entry, duplicates, sealed personal data (grep the file and its
-wal), purge after acknowledgement, key file errors, hypothesis over whole drafts."""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import outbox
from kiosk.registration.draft import RegistrationDraft
from kiosk.registration.form import check_draft
from kiosk.services import open_services
from kiosk.vacancy import Vacancy
from kiosk.vault import VaultError
from sync.protocol import validate_payload
from tests.core.registration_drafts import NAME, NIK, PHONE, TODAY_UTC, valid_draft


@pytest.fixture
def services(tmp_path):
    opened = open_services(tmp_path / "data", lambda: TODAY_UTC, seed_demo=False)
    yield opened
    opened.close()


def _rows(services, table: str) -> int:
    return services._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _assert_valid_on_the_server(services) -> None:
    for entry in outbox.entries(services._db, vault=services.vault):
        checked = validate_payload(entry.entity, dict(entry.payload or {}))
        assert not hasattr(checked, "reason_en"), checked


def test_submit_writes_the_record_and_its_outbox_entry(services, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    result = services.submit_registration(valid_draft())
    assert result.problems == () and not result.existing
    assert _rows(services, "registration") == 1
    [entry] = outbox.entries(services._db, vault=services.vault)
    assert (entry.entity, entry.record_id, entry.kind) == ("registration", result.record_id,
                                                           "create")
    assert entry.payload["nik"] == NIK and entry.payload["phone"] == "+6281234567890"
    assert entry.payload["receipt_reference"] == result.reference
    _assert_valid_on_the_server(services)
    receipt = services.receipt(result.record_id)
    assert receipt.reference == result.reference and receipt.sync_state == "pending"
    for record in caplog.records:
        line = record.getMessage()
        assert NIK not in line and NAME not in line and "81234567890" not in line


def test_the_same_nik_pending_gives_the_existing_receipt(services) -> None:
    first = services.submit_registration(valid_draft())
    again = services.submit_registration(valid_draft(full_name="Sri W", nik="3374-0145-0799-0002"))
    assert again.existing and again.reference == first.reference
    assert _rows(services, "registration") == 1 and _rows(services, "outbox") == 1
    assert services.pending_receipt_for_nik("3374 0145 0799 0002").reference == first.reference


def test_no_plain_personal_data_in_the_database_files(services, tmp_path) -> None:
    services.submit_registration(valid_draft())
    services._db.execute("SELECT 1")
    files = [p for p in (tmp_path / "data").iterdir() if p.name.startswith("kiosk.db")]
    assert files  # kiosk.db and, in WAL mode, kiosk.db-wal
    for path in files:
        data = path.read_bytes()
        for secret in (NIK, NAME, PHONE[1:], "+6281234567890", "Pandanaran", "sri.w@example"):
            assert secret.encode() not in data, (secret, path.name)


def test_purge_keeps_the_receipt_and_drops_the_sealed_data(services) -> None:
    result = services.submit_registration(valid_draft())
    assert services.purge_personal(result.record_id)
    row = services._db.execute("SELECT personal, purged_at, reference FROM registration"
                               ).fetchone()
    assert row[0] is None and row[1] and row[2] == result.reference
    assert services.receipt(result.record_id).purged
    assert not services.purge_personal(result.record_id)  # twice is harmless


def test_outside_kota_and_ktp_birth_date_are_marked_and_accepted_by_the_server(services):
    draft = valid_draft(outside_semarang=True, kecamatan_code=None, kelurahan_code=None,
                        outside_address="Jl. Raya Ungaran 5, Kabupaten Semarang",
                        birth_date_differs=True, ktp_birth_date=date(1999, 7, 6),
                        education_level="TIDAK_SEKOLAH")
    result = services.submit_registration(draft)
    assert result.problems == ()
    receipt = services.receipt(result.record_id)
    assert receipt.outside_kota and receipt.birth_date_check
    _assert_valid_on_the_server(services)


def test_a_refused_draft_writes_nothing_and_says_why(services) -> None:
    result = services.submit_registration(valid_draft(nik="3374011201800000", phone="12"))
    assert {p.code for p in result.problems} >= {"nik_serial", "phone_not_mobile"}
    assert result.problem and _rows(services, "registration") == 0
    assert _rows(services, "outbox") == 0


def test_applications_by_registration_and_by_ak1_card(services) -> None:
    services.store_vacancies([
        Vacancy(source="demo", source_id="D1", title="Kasir", employer="Toko", location="",
                description="Contoh", date_posted=date(2026, 11, 1),
                valid_through=date(2027, 1, 1), is_demo=True),
        Vacancy(source="siker", source_id="V-77", title="Penjahit", employer="Konveksi",
                location="", description="Menjahit", date_posted=date(2026, 11, 1),
                valid_through=date(2027, 1, 1)),
    ])
    ids = dict(services._db.execute("SELECT source_id, id FROM vacancy").fetchall())
    refused = services.queue_application(vacancy_id=ids["D1"], nik=NIK,
                                         birth_date=date(1999, 7, 5))
    assert refused.problem and _rows(services, "application") == 0
    registered = services.submit_registration(valid_draft())
    by_reference = services.queue_application(vacancy_id=ids["V-77"],
                                              reference=registered.reference)
    by_card = services.queue_application(vacancy_id=ids["V-77"], nik="3374 0112 0180 0001",
                                         birth_date=date(1980, 1, 12))
    assert by_reference.problem is None and by_card.problem is None
    assert _rows(services, "application") == 2
    _assert_valid_on_the_server(services)
    # The server knows a vacancy by the id it published it under: "<source>:<source_id>".
    sent = {e.payload["vacancy_id"] for e in outbox.entries(services._db, vault=services.vault)
            if e.entity == "application"}
    assert sent == {"siker:V-77"}


def test_a_database_without_sealed_data_takes_a_new_key(tmp_path) -> None:
    data = tmp_path / "data"
    open_services(data, lambda: TODAY_UTC, seed_demo=False).close()
    (data / "kiosk.key").unlink()
    reopened = open_services(data, lambda: TODAY_UTC, seed_demo=False)
    assert (data / "kiosk.key").exists() and reopened.submit_registration(valid_draft()).reference
    reopened.close()


def test_a_missing_or_wrong_key_is_a_staff_message(tmp_path) -> None:
    data = tmp_path / "data"
    first = open_services(data, lambda: TODAY_UTC, seed_demo=False)
    first.submit_registration(valid_draft())
    first.close()
    key = data / "kiosk.key"
    assert key.stat().st_mode & 0o077 == 0
    saved = key.read_bytes()
    key.unlink()
    with pytest.raises(VaultError) as missing:
        open_services(data, lambda: TODAY_UTC, seed_demo=False)
    assert missing.value.kind == "missing" and not key.exists()
    other = tmp_path / "other"
    open_services(other, lambda: TODAY_UTC, seed_demo=False).close()
    key.write_bytes((other / "kiosk.key").read_bytes())
    with pytest.raises(VaultError) as wrong:
        open_services(data, lambda: TODAY_UTC, seed_demo=False)
    assert wrong.value.kind == "wrong_key" and "kunci" in wrong.value.staff_message()
    key.write_bytes(saved)
    again = open_services(data, lambda: TODAY_UTC, seed_demo=False)
    assert again.pending_receipt_for_nik(NIK) is not None
    again.close()


texts = st.one_of(st.text(max_size=30), st.sampled_from(["", "3374014507990002", "0812345678",
                                                         "33.74.01", "SMA", "islam"]))
drafts = st.builds(
    RegistrationDraft, nik=texts, full_name=texts, birth_place=texts, street=texts, rt=texts,
    rw=texts, phone=texts, email=texts, kecamatan_code=st.one_of(st.none(), texts),
    kelurahan_code=st.one_of(st.none(), texts), education_level=st.one_of(st.none(), texts),
    graduation_year=texts, expected_pay=texts, religion=st.one_of(st.none(), texts),
    skills=st.lists(texts, max_size=3).map(tuple),
    experience=st.lists(st.lists(texts, max_size=4).map(tuple), max_size=2).map(tuple),
    kbji_groups=st.lists(texts, max_size=3).map(tuple),
    disabilities=st.lists(texts, max_size=2).map(tuple),
    outside_semarang=st.booleans(), birth_date_differs=st.booleans(),
    ktp_birth_date=st.one_of(st.none(), st.dates()))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(draft=drafts, base=st.booleans())
def test_any_draft_is_saved_whole_or_refused_with_nothing_written(services, draft, base) -> None:
    if base:  # half of them start from a valid draft, so many get saved
        good = valid_draft()
        draft = replace(good, **{k: getattr(draft, k) for k in ("rt", "email", "skills",
                                                                "expected_pay")})
    before = _rows(services, "registration")
    check = check_draft(draft, today=TODAY_UTC.date(), min_age=18, regions=services.regions)
    try:
        result = services.submit_registration(draft)
    except sqlite3.Error:  # never expected; fail loudly with the draft shown
        raise
    after = _rows(services, "registration")
    assert after - before == (1 if result.reference and not result.existing else 0)
    assert bool(result.problems) == (check.payload is None)
    registrations = _rows(services, "registration")
    entries = services._db.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'registration'").fetchone()[0]
    assert registrations == entries
    _assert_valid_on_the_server(services)


def test_the_commands_say_so_when_the_key_file_is_missing(tmp_path) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    data = tmp_path / "data"
    services = open_services(data, lambda: TODAY_UTC, seed_demo=False)
    services.submit_registration(valid_draft())
    services.close()
    (data / "kiosk.key").unlink()
    run = subprocess.run([sys.executable, "-m", "ui.cli", "search", "sopir", "--data-dir",
                          str(data)], capture_output=True, text=True, cwd=REPO, timeout=60,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "Berkas kunci" in run.stderr and "key file" in run.stderr
    assert (data / "kiosk.db").exists() and not (data / "kiosk.key").exists()
