"""Heartbeat: stored per device, clock offset measured, fleet list with warnings and `late`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sync.central import db, fleet
from sync.protocol import HeartbeatAnswer
from tests.central.server import CentralServer


def test_heartbeat_is_stored_and_the_fleet_shows_it(central_server: CentralServer) -> None:
    kiosk = central_server.enroll("Kiosk Pedurungan")
    ahead = datetime.now(UTC) + timedelta(days=2)
    answer = kiosk.http.post(
        "/api/v1/heartbeat",
        headers=kiosk.headers,
        json={
            "pending_count": 150,
            "last_sync_at": "2025-07-10T08:00:00Z",
            "app_version": "0.2.0",
            "device_time": ahead.isoformat(),
            "free_disk_mb": 120,
            "speech_ok": False,
            "printer_ok": True,
            "warnings": ["kertas hampir habis"],
        },
    )
    assert answer.status_code == 200, answer.text
    body = HeartbeatAnswer.model_validate(answer.json())
    assert 2 * 86400 - 60 < body.clock_offset_seconds < 2 * 86400 + 60
    with central_server.engine.connect() as conn:
        listed = fleet.list_devices(conn, db.now())
    mine = next(d for d in listed if d["id"] == kiosk.device_id)
    assert mine["name"] == "Kiosk Pedurungan" and mine["place"] == "Balai Kota"
    assert (mine["pending_count"], mine["app_version"], mine["free_disk_mb"]) == (150, "0.2.0", 120)
    assert mine["late"] is False
    assert mine["last_sync_at"] == datetime(2025, 7, 10, 8, tzinfo=UTC).timestamp()
    warnings = " ".join(mine["warnings"])
    for expected in ("kertas hampir habis", "clock offset", "speech", "low disk", "150 records"):
        assert expected in warnings
    assert "printer" not in warnings
    assert "token_hash" not in mine


def test_a_silent_kiosk_is_late(central_server: CentralServer) -> None:
    quiet = central_server.enroll("Kiosk Diam")
    talking = central_server.enroll("Kiosk Bicara")
    talking.http.post(
        "/api/v1/heartbeat",
        headers=talking.headers,
        json={
            "pending_count": 0,
            "app_version": "0.1.0",
            "device_time": datetime.now(UTC).isoformat(),
        },
    )
    with central_server.engine.connect() as conn:
        now = fleet.list_devices(conn, db.now(), interval_seconds=600)
        later = fleet.list_devices(conn, db.now() + 3 * 600 + 1, interval_seconds=600)
    state = {d["id"]: d["late"] for d in now}
    assert state[quiet.device_id] is False  # never called, but enrolled just now
    assert state[talking.device_id] is False
    later_state = {d["id"]: d["late"] for d in later}
    assert later_state[talking.device_id] is True
    assert later_state[quiet.device_id] is True  # three intervals after its enrollment
