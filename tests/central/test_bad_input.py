"""Bad input at every endpoint: a clear 4xx with ErrorBody JSON, nothing stored, nothing broken."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from sync.central import registrations
from sync.central import tables as t
from sync.protocol import ErrorBody
from tests.central.server import CentralServer, Kiosk, op, registration

BEAT = {"pending_count": 0, "app_version": "0.1.0", "device_time": "2025-07-10T09:00:00Z"}


def _stored(server: CentralServer) -> tuple[int, ...]:
    return tuple(
        server.count(table)
        for table in (t.op_ledger, t.registrations, t.submissions, t.push_batches, t.devices)
    )


@pytest.fixture
def kiosk(central_server: CentralServer) -> Kiosk:
    return central_server.enroll()


def _endpoints(kiosk: Kiosk) -> Iterator[tuple[str, dict[str, str]]]:
    push_headers = {**kiosk.headers, "Idempotency-Key": "00000000-0000-4000-8000-000000000000"}
    yield "/api/v1/enroll", {}
    yield "/api/v1/sync/push", push_headers
    yield "/api/v1/heartbeat", kiosk.headers


def _assert_error(answer, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    ErrorBody.model_validate(body)
    assert body["reason_id"] and body["reason_en"]
    return dict(body)


def test_malformed_json_wrong_types_and_unknown_fields(
    central_server: CentralServer, kiosk: Kiosk
) -> None:
    before = _stored(central_server)
    for path, headers in _endpoints(kiosk):
        json_headers = {**headers, "Content-Type": "application/json"}
        for body in (
            b"{not json",
            b"",
            b"[]",
            b"null",
            b'"text"',
            '{"code": "\u0000"}'.encode(),
            json.dumps({"code": 12345678, "pending_count": "many", "ops": "all"}).encode(),
            json.dumps({"unknown": 1}).encode(),
        ):
            _assert_error(kiosk.http.post(path, content=body, headers=json_headers), 422)
    # Unknown fields inside an otherwise good envelope.
    batch = kiosk.batch([op("registration", registration())])
    batch["ops"][0]["extra"] = True
    assert _assert_error(kiosk.send(batch), 422)["error"] == "invalid_request"
    assert _assert_error(
        kiosk.http.post("/api/v1/heartbeat", json={**BEAT, "cpu": 3}, headers=kiosk.headers), 422
    )
    # A negative queue, a seq of 0, an op_id that is not UUIDv7, a device_id of another kiosk.
    _assert_error(
        kiosk.http.post(
            "/api/v1/heartbeat", json={**BEAT, "pending_count": -1}, headers=kiosk.headers
        ),
        422,
    )
    for field, value in (("seq", 0), ("op_id", "6f1c1d52-9b7a-4c1e-8e8e-0d7c9f1b2a3c")):
        bad = kiosk.batch([op("registration", registration())])
        bad["ops"][0][field] = value
        _assert_error(kiosk.send(bad), 422)
    other = kiosk.batch([op("registration", registration())])
    other["device_id"] = "00000000-0000-4000-8000-000000000001"
    assert _assert_error(kiosk.send(other), 403)["error"] == "device_mismatch"
    wrong_key = kiosk.batch([op("registration", registration())])
    answer = kiosk.http.post(
        "/api/v1/sync/push",
        json=wrong_key,
        headers={**kiosk.headers, "Idempotency-Key": "something-else"},
    )
    assert _assert_error(answer, 422)["error"] == "idempotency_key"
    for params in ({"limit": "ten"}, {"limit": 0}, {"limit": -5}, {"cursor": "c" * 300}):
        _assert_error(
            kiosk.http.get("/api/v1/sync/pull", params=params, headers=kiosk.headers), 422
        )
    assert _stored(central_server) == before
    assert central_server.client().get("/api/v1/sync/config").status_code == 200


def test_huge_bodies_get_413_also_without_content_length(
    central_server: CentralServer, kiosk: Kiosk
) -> None:
    before = _stored(central_server)
    huge = b'{"code": "' + b"A" * (3 * 1024 * 1024) + b'"}'

    def chunks() -> Iterator[bytes]:  # chunked transfer: no Content-Length at all
        for i in range(0, len(huge), 65536):
            yield huge[i : i + 65536]

    for path, headers in _endpoints(kiosk):
        json_headers = {**headers, "Content-Type": "application/json"}
        body = _assert_error(kiosk.http.post(path, content=huge, headers=json_headers), 413)
        assert body["error"] == "payload_too_large"
        with central_server.client() as http:
            _assert_error(http.post(path, content=chunks(), headers=json_headers), 413)
    # A gzip bomb: 100 kB on the wire, 50 MB inflated.
    bomb = gzip.compress(b"[" + b" " * 50_000_000 + b"]")
    answer = kiosk.http.post(
        "/api/v1/heartbeat",
        content=bomb,
        headers={**kiosk.headers, "Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    _assert_error(answer, 413)
    answer = kiosk.http.post(
        "/api/v1/heartbeat",
        content=b"not gzip",
        headers={**kiosk.headers, "Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    _assert_error(answer, 400)
    assert _stored(central_server) == before
    assert kiosk.pull().status_code == 200


def test_a_gzip_body_within_the_limit_is_accepted(kiosk: Kiosk) -> None:
    answer = kiosk.http.post(
        "/api/v1/heartbeat",
        content=gzip.compress(json.dumps(BEAT).encode()),
        headers={**kiosk.headers, "Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    assert answer.status_code == 200, answer.text


def test_too_many_ops_in_one_batch(central_server: CentralServer, kiosk: Kiosk) -> None:
    before = _stored(central_server)
    ops = [op("registration", registration(), seq=i) for i in range(1, 502)]
    assert _assert_error(kiosk.send(kiosk.batch(ops)), 413)["error"] == "too_many_ops"
    assert _stored(central_server) == before


def test_html_and_sql_in_text_fields(central_server: CentralServer, kiosk: Kiosk) -> None:
    html = op("registration", registration(full_name="<script>alert(1)</script>"))
    sql_name = op("registration", registration(full_name="Robert'); DROP TABLE registrations;--"))
    html_skill = op("registration", registration(skills=["<b>las</b>"]))
    sql_address = op(
        "registration", registration(address="Jl. Pemuda'; DROP TABLE registrations; --")
    )
    results = kiosk.push([html, sql_name, html_skill, sql_address])["results"]
    assert [r["status"] for r in results] == ["rejected", "rejected", "rejected", "applied"]
    assert results[0]["reason"]["reason_id"].startswith("Nama hanya boleh")
    assert "< >" in results[2]["reason"]["reason_en"]
    # The SQL is only text: stored verbatim, the table is still there.
    with central_server.engine.connect() as conn:
        stored = registrations.get(conn, central_server.keys, sql_address["record_id"])
        assert stored is not None
        assert stored["data"]["address"] == "Jl. Pemuda'; DROP TABLE registrations; --"
        assert conn.execute(sa.select(sa.func.count()).select_from(t.registrations)).scalar()
    for rejected in (html, sql_name, html_skill):
        assert (
            central_server.count(t.registrations, t.registrations.c.id == rejected["record_id"])
            == 0
        )


def test_unknown_paths_and_methods_answer_json(central_server: CentralServer) -> None:
    http = central_server.client()
    assert _assert_error(http.get("/api/v1/nothing"), 404)["error"] == "not_found"
    assert _assert_error(http.get("/api/v1/sync/push"), 405)["error"] == "method_not_allowed"
