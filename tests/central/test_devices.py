"""Enrollment codes (once, before expiry), tokens stored hashed, revocation, rate limits."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from sync.central import devices
from sync.central import tables as t
from tests.central.server import CentralServer


def test_a_code_enrolls_once(central_server: CentralServer) -> None:
    code = central_server.enrollment_code("Kiosk Kecamatan Tembalang")
    http = central_server.client()
    first = http.post("/api/v1/enroll", json={"code": code.lower().replace("-", " ")})
    assert first.status_code == 200
    body = first.json()
    assert body["name"] == "Kiosk Kecamatan Tembalang" and body["place"] == "Balai Kota"
    replay = http.post("/api/v1/enroll", json={"code": code})
    assert replay.status_code == 403
    assert replay.json()["error"] == "enrollment_refused"
    assert replay.json()["reason_id"].startswith("Kode pendaftaran")
    with central_server.engine.connect() as conn:
        row = conn.execute(sa.select(t.devices).where(t.devices.c.id == body["device_id"])).one()
        codes = conn.execute(sa.select(t.enrollment_codes.c.code_hash)).scalars().all()
    # Only digests are stored.
    assert row.token_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert body["token"] not in str(tuple(row))
    assert all(code.replace("-", "") not in h for h in codes)


def test_an_expired_code_is_refused(central_server: CentralServer) -> None:
    code = central_server.enrollment_code("Kiosk Lama", minutes=1)
    with central_server.engine.begin() as conn:
        conn.execute(
            sa.update(t.enrollment_codes)
            .values(expires_at=t.enrollment_codes.c.created_at)
            .where(
                t.enrollment_codes.c.code_hash
                == hashlib.sha256(devices.normalize_code(code).encode()).hexdigest()
            )
        )
    answer = central_server.client().post("/api/v1/enroll", json={"code": code})
    assert answer.status_code == 403


def test_bad_and_revoked_tokens_get_401(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    http = central_server.client()
    assert kiosk.pull().status_code == 200
    for header in (
        {},
        {"Authorization": "Bearer nope"},
        {"Authorization": "Basic abc"},
        {"Authorization": f"Bearer {kiosk.device_id}.wrong-secret"},
        {"Authorization": f"Bearer {kiosk.token}x"},
    ):
        answer = http.get("/api/v1/sync/pull", headers=header)
        assert answer.status_code == 401, header
        assert answer.json()["error"] == "unauthorized"
        assert answer.headers["www-authenticate"] == "Bearer"
    with central_server.engine.begin() as conn:
        assert devices.revoke(conn, kiosk.device_id) is True
        assert devices.revoke(conn, kiosk.device_id) is False
    assert kiosk.pull().status_code == 401
    beat = {"pending_count": 0, "app_version": "0.1.0", "device_time": "2025-07-10T09:00:00Z"}
    assert kiosk.http.post("/api/v1/heartbeat", json=beat, headers=kiosk.headers).status_code == 401


def test_rate_limit_answers_429_with_retry_after_across_workers(
    pg_db_url: str, start_central
) -> None:
    server = start_central(
        pg_db_url,
        workers=2,
        env={"SIKER_CENTRAL_RATE_PER_MINUTE": "6", "SIKER_CENTRAL_RATE_BURST": "5"},
    )
    kiosk = server.enroll()
    statuses = []
    for _ in range(8):  # new connections, so both workers take their share
        with server.client() as http:
            statuses.append(http.get("/api/v1/sync/pull", headers=kiosk.headers))
    codes = [r.status_code for r in statuses]
    assert codes[:5] == [200] * 5, codes
    assert set(codes[5:]) == {429}, codes
    limited = statuses[-1]
    assert limited.json()["error"] == "rate_limited"
    assert 1 <= int(limited.headers["retry-after"]) <= 10
    # Another kiosk has its own bucket.
    assert server.enroll("Kiosk Lain").pull().status_code == 200
