"""The functions the office's pages call: status moves, AK1 numbers, decrypted reads, vacancy
checks; each writes its change-log entry in the caller's transaction (both databases)."""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from sync.central import changes, devices, registrations, vacancies
from sync.central import tables as t
from sync.central.crypto import Keys
from sync.central.db import make_engine
from sync.central.stores import STORES
from sync.protocol import Op, Reason, Registration, uuid7
from tests.central.server import registration


@pytest.fixture
def setup(central_db_url: str, tmp_path: Path) -> tuple[sa.Engine, Keys, str, list[str]]:
    engine = make_engine(central_db_url)
    keys = Keys.load(tmp_path, environ={})
    with engine.begin() as conn:
        device = devices.enroll(conn, devices.create_enrollment_code(conn, "Kiosk"))
        assert device is not None
        ids = []
        for seq, name in enumerate(("Siti Aminah", "Ani Rahma", "Tuti Wulan"), start=1):
            op = Op(op_id=uuid7(), seq=seq, entity="registration", record_id=uuid.uuid4(),
                    kind="create", payload=registration(full_name=name))
            record = Registration.model_validate(op.payload)
            STORES["registration"].apply(conn, keys, device["device_id"], op, record, {})
            ids.append(str(op.record_id))
    yield engine, keys, device["device_id"], ids
    engine.dispose()


def _entries(conn: sa.Connection, record_id: str) -> list[tuple[int, str | None]]:
    rows = conn.execute(sa.select(t.changes.c.version, t.changes.c.device_id)
                        .where(t.changes.c.record_id == record_id).order_by(t.changes.c.seq))
    return [(r.version, r.device_id) for r in rows]


def test_status_flow_and_its_change_log(setup) -> None:  # type: ignore[no-untyped-def]
    engine, keys, device_id, (first, second, third) = setup
    with engine.begin() as conn:
        assert registrations.set_status(conn, first, "verified") == 2
        assert registrations.set_status(conn, first, "ak1_issued", ak1_number="3374-2025-1") == 3
        reason = Reason(code="blurred", reason_id="Foto buram.", reason_en="Blurred photo.")
        assert registrations.set_status(conn, second, "rejected", reason=reason) == 2
        assert _entries(conn, first) == [(1, device_id), (2, device_id), (3, device_id)]
        assert registrations.count(conn, status="received") == 1
        queue = registrations.list(conn, keys, status="received")
        assert [r["id"] for r in queue] == [third]
        assert queue[0]["data"]["full_name"] == "Tuti Wulan"
        done = registrations.get(conn, keys, first)
        assert done is not None and done["ak1_number"] == "3374-2025-1"
        assert registrations.get(conn, keys, second)["reason"]["reason_en"] == "Blurred photo."
        assert registrations.get(conn, keys, str(uuid.uuid4())) is None


def test_refused_moves_change_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    engine, keys, _, (first, second, third) = setup
    with engine.begin() as conn:
        registrations.set_status(conn, first, "verified")
        registrations.set_status(conn, first, "ak1_issued", ak1_number="3374-2025-7")
        registrations.set_status(conn, second, "verified")
    cases = [
        (third, "ak1_issued", {"ak1_number": "3374-2025-8"}, ValueError),  # not verified yet
        (first, "rejected", {"reason": "x"}, ValueError),  # already decided
        (second, "ak1_issued", {"ak1_number": "3374-2025-7"}, ValueError),  # number taken
        (second, "ak1_issued", {}, ValueError),
        (third, "rejected", {"reason": "  "}, ValueError),
        (third, "archived", {}, ValueError),
        (str(uuid.uuid4()), "verified", {}, KeyError),
    ]
    for record_id, status, kwargs, error in cases:
        with engine.begin() as conn, pytest.raises(error):
            registrations.set_status(conn, record_id, status, **kwargs)
    with engine.connect() as conn:
        assert registrations.get(conn, keys, third)["status"] == "received"
        assert registrations.get(conn, keys, second)["version"] == 2
        assert len(_entries(conn, third)) == 1


def test_vacancy_checks(central_db_url: str) -> None:
    engine = make_engine(central_db_url)
    with engine.begin() as conn:
        for bad in ({}, {"id": ""}, {"id": "x" * 201}, {"id": 5}):
            with pytest.raises(ValueError):
                vacancies.publish(conn, bad)
        with pytest.raises(TypeError):
            vacancies.publish(conn, {"id": "v", "when": object()})
        vacancies.publish(conn, {"id": "v", "title": "Kasir"})
        assert vacancies.get(conn, "v")["published"] is True
        assert [v["id"] for v in vacancies.list_all(conn)] == ["v"]
        vacancies.unpublish(conn, "v")
        assert vacancies.list_all(conn) == []
        assert [v["id"] for v in vacancies.list_all(conn, published_only=False)] == ["v"]
        with pytest.raises(ValueError):
            changes.append(conn, "vacancy", "v", "patch", {})  # type: ignore[arg-type]
    engine.dispose()
