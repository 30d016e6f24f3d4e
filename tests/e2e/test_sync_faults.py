"""The kiosk's sync engine against a real central server on 127.0.0.1 (SQLite), through the
fault proxy (tests/sync/fault_proxy.py): the happy path and the faults of SYNC.md."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.db import database_path, open_database
from kiosk.health import DeviceHealth, write_health
from sync.central import registrations, vacancies
from sync.central import tables as t
from sync.client.run import status, sync_once
from tests.central.server import CentralServer
from tests.e2e.sync_helpers import (
    check_promise,
    config,
    cursor_seq,
    enrolled_kiosk,
    kiosk_cursor,
    queue_registrations,
)
from tests.sync.fault_proxy import (
    Delay,
    DropAfterUpstream,
    FaultProxy,
    Link,
    captive_portal,
    unavailable,
)

VACANCY = {
    "id": "karirhub:uji-1", "source": "karirhub", "source_id": "uji-1",
    "title": "Kasir Toko", "employer": "Toko Maju", "location": "Semarang Tengah",
    "description": "Melayani pembeli.", "date_posted": "2025-07-01",
    "valid_through": "2030-12-31", "in_kota_semarang": True, "skills": ["kasir"],
    "salary_unit": "MONTH",
}


@pytest.fixture
def proxy(server: CentralServer) -> Iterator[FaultProxy]:
    with FaultProxy(server.base_url) as running:
        yield running


@pytest.fixture
def kiosk(server: CentralServer, tmp_path: Path) -> Path:
    data_dir = tmp_path / "kiosk"
    enrolled_kiosk(server, data_dir)
    return data_dir


def test_happy_path_pushes_pulls_vacancies_and_decisions(server, kiosk) -> None:
    with server.engine.begin() as conn:
        vacancies.publish(conn, VACANCY)
    ids = queue_registrations(kiosk, 5)
    report = sync_once(kiosk, config(server.base_url))
    assert report.ok and report.acked == 5, report
    check_promise(server, kiosk, ids)
    db = open_database(database_path(kiosk))
    try:
        assert db.execute("SELECT title FROM vacancy WHERE source_id = 'uji-1'").fetchone()
        assert db.execute("SELECT count(*) FROM vacancy WHERE is_demo = 1").fetchone()[0] == 0
        statuses = db.execute("SELECT status FROM record_status").fetchall()
    finally:
        db.close()
    assert statuses == [("received",)] * 5
    with server.engine.begin() as conn:
        registrations.set_status(conn, ids[0], "verified")
        registrations.set_status(conn, ids[0], "ak1_issued", ak1_number="3374-2025-000001")
        vacancies.unpublish(conn, VACANCY["id"])
    before = cursor_seq(kiosk_cursor(kiosk))
    assert sync_once(kiosk, config(server.base_url)).ok
    assert cursor_seq(kiosk_cursor(kiosk)) >= before
    db = open_database(database_path(kiosk))
    try:
        assert db.execute("SELECT status, ak1_number FROM record_status WHERE record_id = ?",
                          [ids[0]]).fetchone() == ("ak1_issued", "3374-2025-000001")
        assert db.execute("SELECT 1 FROM vacancy WHERE source_id = 'uji-1'").fetchone() is None
    finally:
        db.close()
    shown = status(kiosk)
    assert shown["pending"] == 0 and shown["sent"] == 5 and shown["last_sync_at"]
    assert not any("Suara" in w for w in shown["warnings"])
    write_health(kiosk, DeviceHealth(speech_ok=False))  # the running kiosk lost its voice
    assert any(w.startswith("Suara kios tidak berfungsi") for w in status(kiosk)["warnings"])


@pytest.mark.parametrize("fault", [
    pytest.param(lambda: [DropAfterUpstream("/api/v1/sync/push", times=2)], id="1-lost-answer"),
    pytest.param(lambda: [Delay("/api/v1/sync/push", times=3, seconds=1.5)], id="2-slow"),
    pytest.param(lambda: [unavailable("/api/v1/", times=6, retry_after=0)], id="5-server-down"),
    pytest.param(lambda: [captive_portal("/api/v1/sync/push", times=2)], id="7-captive-portal",
                 marks=pytest.mark.expected_log("sync.client.http", "WARNING")),
])
def test_network_faults_keep_the_promise(server, proxy, kiosk, fault) -> None:
    ids = queue_registrations(kiosk, 6)
    proxy.plan(*fault())
    report = sync_once(kiosk, config(proxy.url, read_timeout_s=1.0, batch_size=4))
    assert report.ok, report
    check_promise(server, kiosk, ids)


@pytest.mark.expected_log("sync.client.http", "WARNING")
def test_a_long_outage_then_the_queue_drains_by_itself(server, proxy, kiosk) -> None:
    ids = queue_registrations(kiosk, 3)
    proxy.plan(unavailable("/api/v1/", times=None, retry_after=0))
    report = sync_once(kiosk, config(proxy.url, deadline_s=1.0))
    assert not report.ok and report.problem == "offline"
    assert status(kiosk)["pending"] == 3
    proxy.clear()
    assert sync_once(kiosk, config(proxy.url)).ok
    check_promise(server, kiosk, ids)


def test_a_record_over_the_size_limit_is_refused_and_the_rest_goes_on(tmp_path) -> None:
    folder = tmp_path / "small"
    small = CentralServer.start(f"sqlite:///{tmp_path / 'small.sqlite3'}", folder,
                                env={"SIKER_CENTRAL_MAX_BODY_BYTES": "3500"})
    try:
        kiosk = tmp_path / "kiosk"
        enrolled_kiosk(small, kiosk)
        ids = queue_registrations(kiosk, 2)
        big = queue_registrations(kiosk, 1, start=50, skills=[f"{i:02d}" + "k" * 78
                                                               for i in range(30)],
                                   job_wishes=[f"{i}" + "w" * 79 for i in range(10)],
                                   address="Jl. " + "Panjang " * 36)[0]
        ids += [big] + queue_registrations(kiosk, 2, start=60)
        report = sync_once(kiosk, config(small.base_url, batch_size=4))
        assert report.ok and report.rejected == 1 and report.acked == 4, report
        check_promise(small, kiosk, ids)
        refused = status(kiosk)["rejected"]
        assert [r["record_id"] for r in refused] == [big]
        assert refused[0]["reason_code"] == "payload_too_large" and refused[0]["reason_id"]
    finally:
        small.stop()


def test_a_revoked_kiosk_says_so_and_keeps_its_queue(server, kiosk) -> None:
    from sync.central import devices
    from sync.client import credentials

    queue_registrations(kiosk, 2)
    with server.engine.begin() as conn:
        devices.revoke(conn, credentials.load(kiosk).device_id)  # type: ignore[union-attr]
    report = sync_once(kiosk, config(server.base_url))
    assert report.problem == "unauthorized" and "dicabut" in report.message
    shown = status(kiosk)
    assert shown["revoked"] and shown["pending"] == 2 and shown["warnings"]


def test_slow_lossy_link_finishes_and_the_cursor_never_goes_back(server, proxy, kiosk) -> None:
    ids = queue_registrations(kiosk, 8)
    proxy.set_link(Link(bytes_per_second=64_000, loss=0.05, rto_s=0.05))
    report = sync_once(kiosk, config(proxy.url, batch_size=3))
    assert report.ok
    check_promise(server, kiosk, ids)
    with server.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t.devices)).scalar()


def test_a_kiosk_clock_days_ahead_changes_nothing_but_the_warning(server, kiosk) -> None:
    ids = queue_registrations(kiosk, 3)
    ahead = lambda: datetime.now(UTC) + timedelta(days=3)  # noqa: E731
    report = sync_once(kiosk, config(server.base_url), clock=ahead)
    assert report.ok, report
    check_promise(server, kiosk, ids)
    shown = status(kiosk)
    assert abs(shown["clock_offset_s"] - 3 * 86400) < 120
    assert any("Jam kios" in w for w in shown["warnings"])
