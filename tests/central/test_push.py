"""Push: applied once, duplicate with the first answer, conflict with the server's copy,
rejected with reasons in both languages; registrations encrypted at rest (both databases)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from sync.central import registrations
from sync.central import tables as t
from tests.central.server import CentralServer, op, registration


def test_applied_then_duplicate_with_the_same_answer(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    ops = [op("registration", registration(), seq=1)]
    first = kiosk.push(ops)
    assert [r["status"] for r in first["results"]] == ["applied"]
    assert first["results"][0]["server_status"] == "received"
    assert first["results"][0]["version"] == 1
    # The same ops in a new batch: duplicate, with the first answer's version and status.
    again = kiosk.push(ops)["results"][0]
    assert again["status"] == "duplicate"
    assert (again["version"], again["server_status"]) == (1, "received")
    assert central_server.count(t.op_ledger, t.op_ledger.c.op_id == ops[0]["op_id"]) == 1
    assert central_server.count(t.registrations, t.registrations.c.id == ops[0]["record_id"]) == 1


def test_replaying_a_batch_answers_exactly_as_before(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    batch = kiosk.batch(
        [
            op("registration", registration(), seq=1),
            op("registration", registration(nik="12"), seq=2),
        ]
    )
    first = kiosk.send(batch).json()
    second = kiosk.send(batch).json()
    assert first == second
    assert [r["status"] for r in first["results"]] == ["applied", "rejected"]


def test_same_idempotency_key_with_another_body_is_refused(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    batch = kiosk.batch([op("registration", registration(), seq=1)])
    assert kiosk.send(batch).status_code == 200
    other = dict(batch, ops=[op("registration", registration(), seq=2)])
    answer = kiosk.send(other)
    assert answer.status_code == 422
    assert answer.json()["error"] == "idempotency_key_reused"
    assert central_server.count(t.op_ledger, t.op_ledger.c.op_id == other["ops"][0]["op_id"]) == 0


def test_one_bad_op_is_rejected_and_the_rest_goes_on(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    good, bad = (
        op("registration", registration(), seq=1),
        op("registration", registration(birth_date="1995-07-16"), seq=2),
    )
    unknown = op("pelatihan_x", {"a": 1}, seq=3)
    results = kiosk.push([good, bad, unknown])["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected"]
    assert results[1]["reason"] == {
        "code": "invalid_payload",
        "reason_id": "NIK tidak cocok dengan tanggal lahir.",
        "reason_en": "The NIK does not match the birth date.",
    }
    assert results[2]["reason"]["code"] == "unknown_entity"
    assert central_server.count(t.registrations, t.registrations.c.id == bad["record_id"]) == 0
    # A rejected op is answered the same way when it comes again (never retried).
    assert kiosk.push([bad])["results"][0] == results[1]


def test_same_op_id_with_another_payload_is_a_conflict(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    first = op("registration", registration(), seq=1)
    kiosk.push([first])
    changed = dict(first, payload=registration(full_name="Siti Rahayu"))
    result = kiosk.push([changed])["results"][0]
    assert result["status"] == "conflict"
    assert result["server_copy"]["payload"]["full_name"] == "Siti Aminah"
    assert result["server_copy"]["version"] == 1


def test_update_while_received_and_conflict_once_decided(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    record_id = str(uuid.uuid4())
    kiosk.push([op("registration", registration(), seq=1, record_id=record_id)])
    edited = kiosk.push(
        [
            op(
                "registration",
                registration(phone="0813 1111 2222"),
                seq=2,
                record_id=record_id,
                kind="update",
            )
        ]
    )["results"][0]
    assert (edited["status"], edited["version"]) == ("applied", 2)
    stale = kiosk.push(
        [op("registration", registration(), seq=1, record_id=record_id, kind="update")]
    )["results"][0]
    assert stale["status"] == "conflict"
    with central_server.engine.begin() as conn:
        registrations.set_status(conn, record_id, "verified")
    late = kiosk.push(
        [op("registration", registration(), seq=3, record_id=record_id, kind="update")]
    )["results"][0]
    assert late["status"] == "conflict"
    assert late["server_copy"]["status"] == "verified"
    assert late["server_copy"]["payload"]["phone"] == "+6281311112222"


def test_personal_data_is_encrypted_and_nik_hashed(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    nik = "3374016512000003"  # a woman born 25 December 2000
    ops = [
        op(
            "registration",
            registration(nik=nik, birth_date="2000-12-25", full_name="Dewi Lestari"),
            seq=1,
        )
    ]
    kiosk.push(ops)
    with central_server.engine.connect() as conn:
        row = conn.execute(
            sa.select(t.registrations).where(t.registrations.c.id == ops[0]["record_id"])
        ).one()
        stored = " ".join(str(v) for v in row)
        assert nik not in stored and "Dewi" not in stored and "Pemuda" not in stored
        assert row.nik_hash == central_server.keys.nik_hash(nik)
        record = registrations.get(conn, central_server.keys, ops[0]["record_id"])
    assert record is not None
    assert record["data"]["full_name"] == "Dewi Lestari"
    assert record["data"]["phone"] == "+6281234567890"  # normalized on the way in
    assert record["status"] == "received"


def test_same_nik_from_two_kiosks_is_a_probable_duplicate(central_server: CentralServer) -> None:
    nik = "3374024101990002"
    one, two = central_server.enroll("Kiosk A"), central_server.enroll("Kiosk B")
    first = op("registration", registration(nik=nik, birth_date="1999-01-01"), seq=1)
    second = op(
        "registration", registration(nik=nik, birth_date="1999-01-01", full_name="Siti A."), seq=1
    )
    one.push([first])
    two.push([second])
    with central_server.engine.connect() as conn:
        groups = registrations.duplicates(conn)
    group = next(g for g in groups if g["nik_hash"] == central_server.keys.nik_hash(nik))
    assert group["ids"] == [first["record_id"], second["record_id"]]


def test_application_needs_a_published_vacancy(central_server: CentralServer) -> None:
    from sync.central import vacancies

    kiosk = central_server.enroll()
    with central_server.engine.begin() as conn:
        vacancies.publish(conn, {"id": "test-push:kasir", "title": "Kasir"})
    apply = {"full_name": "Budi Santoso", "phone": "081234567891"}
    results = kiosk.push(
        [
            op("application", dict(apply, vacancy_id="test-push:kasir"), seq=1),
            op("application", dict(apply, vacancy_id="test-push:none"), seq=2),
        ]
    )["results"]
    assert [r["status"] for r in results] == ["applied", "rejected"]
    assert results[1]["reason"]["code"] == "vacancy_closed"


def test_another_kiosks_op_id_or_record_is_refused(central_server: CentralServer) -> None:
    owner, other = central_server.enroll("Kiosk A"), central_server.enroll("Kiosk B")
    mine = op("registration", registration(), seq=1)
    owner.push([mine])
    stolen_op = dict(mine)  # the same op_id from another device: never its answer or copy
    stolen_record = op("registration", registration(), seq=1, record_id=mine["record_id"])
    results = other.push([stolen_op, stolen_record])["results"]
    assert [(r["status"], r["reason"]["code"]) for r in results] == [
        ("rejected", "op_id_taken"), ("rejected", "record_taken")]
    assert all(r["server_copy"] is None for r in results)
    with central_server.engine.connect() as conn:
        row = conn.execute(sa.select(t.registrations.c.device_id, t.registrations.c.version)
                           .where(t.registrations.c.id == mine["record_id"])).one()
    assert (row.device_id, row.version) == (owner.device_id, 1)
