"""The shared wire models: UUIDv7 ids, envelope checks, per-entity payload rules (two languages)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sync.protocol import (
    Op,
    PushBatch,
    Reason,
    Registration,
    uuid7,
    validate_payload,
)

GOOD = {
    "nik": "3374015507950001",
    "full_name": "Siti Aminah",
    "birth_place": "Semarang",
    "birth_date": "1995-07-15",
    "sex": "P",
    "address": "Jl. Pemuda No. 1",
    "kelurahan_code": "33.74.01.1001",
    "kecamatan_code": "33.74.01",
    "phone": "+62 812 3456 7890",
    "education": "SMK",
    "consent_version": "2025-07",
    "consent_at": "2025-07-10T09:00:00Z",
}


def test_uuid7_is_version_7_and_sorts_by_time() -> None:
    early, late = uuid7(now_ms=1_700_000_000_000), uuid7(now_ms=1_700_000_000_001)
    assert early.version == late.version == 7
    assert early.variant == uuid.RFC_4122
    assert str(early) < str(late)


def test_op_needs_a_uuid7_and_forbids_unknown_fields() -> None:
    base = {
        "op_id": str(uuid7()),
        "seq": 1,
        "entity": "registration",
        "record_id": str(uuid.uuid4()),
        "kind": "create",
        "payload": {},
    }
    Op.model_validate(base)
    with pytest.raises(ValidationError):
        Op.model_validate(dict(base, op_id=str(uuid.uuid4())))
    with pytest.raises(ValidationError):
        Op.model_validate(dict(base, extra=1))
    with pytest.raises(ValidationError):
        PushBatch.model_validate(
            {"device_id": str(uuid.uuid4()), "batch_id": str(uuid.uuid4()), "ops": []}
        )


def test_a_good_registration_is_normalized() -> None:
    record = Registration.model_validate(dict(GOOD, full_name="  Siti   Aminah "))
    assert record.full_name == "Siti Aminah"
    assert record.phone == "+6281234567890"
    assert record.birth_date == date(1995, 7, 15)


@pytest.mark.parametrize(
    ("changes", "reason_id"),
    [
        ({"nik": "33740155079500"}, "NIK harus 16 angka."),
        ({"nik": "9974015507950001"}, "Kode provinsi pada NIK tidak dikenal."),
        ({"nik": "3374019907950001"}, "Tanggal lahir pada NIK tidak mungkin."),
        ({"nik": "3374011507950001"}, "NIK tidak cocok dengan jenis kelamin."),
        ({"birth_date": "1995-07-16"}, "NIK tidak cocok dengan tanggal lahir."),
        ({"kelurahan_code": "33.74.02.1001"}, "Kelurahan tidak berada di kecamatan itu."),
        ({"phone": "12345"}, "Nomor telepon tidak valid (contoh: 0812 3456 7890)."),
        ({"email": "bukan-email"}, "Alamat email tidak valid."),
        ({"address": "<img src=x>"}, "Teks tidak boleh berisi tanda < > atau karakter kendali."),
    ],
)
def test_bad_registrations_are_refused_in_indonesian_and_english(
    changes: dict[str, str], reason_id: str
) -> None:
    reason = validate_payload("registration", dict(GOOD, **changes))
    assert isinstance(reason, Reason)
    assert reason.code == "invalid_payload"
    assert reason.reason_id == reason_id
    assert reason.reason_en and reason.reason_en != reason.reason_id


def test_missing_and_unknown_fields_get_indonesian_words() -> None:
    payload = dict(GOOD, hobby="catur")
    del payload["nik"]
    reason = validate_payload("registration", payload)
    assert isinstance(reason, Reason)
    assert "nik: wajib diisi." in reason.reason_id
    assert "hobby: kolom tidak dikenal." in reason.reason_id


@given(st.text(max_size=40))
def test_any_nik_text_is_either_valid_or_a_reason(nik: str) -> None:
    result = validate_payload("registration", dict(GOOD, nik=nik))
    assert isinstance(result, Registration | Reason)
    if isinstance(result, Registration):
        assert result.nik == "3374015507950001"


def test_unknown_entity_is_a_reason_not_an_error() -> None:
    reason = validate_payload("survey", {})
    assert isinstance(reason, Reason) and reason.code == "unknown_entity"
