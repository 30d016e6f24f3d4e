"""Pull: vacancies and tombstones, the device's own status changes only, paging, 410, gzip."""

from __future__ import annotations

import base64
import gzip

import pytest
import sqlalchemy as sa

from sync.central import changes, registrations, vacancies
from sync.protocol import PullPage
from tests.central.server import CentralServer, op, registration


def _mine(found: list[dict], prefix: str) -> list[dict]:
    return [c for c in found if c["id"].startswith(prefix)]


def test_vacancies_arrive_and_unpublished_ones_are_tombstones(
    central_server: CentralServer, request: pytest.FixtureRequest
) -> None:
    prefix = f"pull-{request.node.callspec.id}:"
    kiosk = central_server.enroll()
    _, cursor = kiosk.pull_all()
    with central_server.engine.begin() as conn:
        assert vacancies.publish(conn, {"id": prefix + "1", "title": "Kasir"}) == 1
        assert vacancies.publish(conn, {"id": prefix + "2", "title": "Sopir"}) == 1
        # Identical data again: no new version, no new change.
        assert vacancies.publish(conn, {"id": prefix + "1", "title": "Kasir"}) == 1
    found, cursor = kiosk.pull_all(cursor)
    assert [(c["id"], c["op"], c["version"]) for c in _mine(found, prefix)] == [
        (prefix + "1", "upsert", 1),
        (prefix + "2", "upsert", 1),
    ]
    assert _mine(found, prefix)[0]["data"] == {"id": prefix + "1", "title": "Kasir"}
    with central_server.engine.begin() as conn:
        assert vacancies.unpublish(conn, prefix + "2") is True
        assert vacancies.unpublish(conn, prefix + "2") is False
        assert vacancies.publish(conn, {"id": prefix + "1", "title": "Kasir Toko"}) == 2
    found, cursor = kiosk.pull_all(cursor)
    assert [(c["id"], c["op"], c["version"], c["data"]) for c in _mine(found, prefix)] == [
        (prefix + "2", "delete", 2, None),
        (prefix + "1", "upsert", 2, {"id": prefix + "1", "title": "Kasir Toko"}),
    ]
    # Caught up: an empty page, the same cursor, nothing more.
    page = kiosk.pull(cursor).json()
    assert (page["changes"], page["has_more"], page["next_cursor"]) == ([], False, cursor)


def test_status_changes_go_only_to_the_kiosk_that_sent_the_record(
    central_server: CentralServer,
) -> None:
    sender, other = central_server.enroll("Kiosk A"), central_server.enroll("Kiosk B")
    _, cursor_a = sender.pull_all()
    _, cursor_b = other.pull_all()
    first = op("registration", registration(), seq=1)
    second = op(
        "registration",
        registration(nik="3374010101800001", birth_date="1980-01-01", sex="L", full_name="Budi"),
        seq=2,
    )
    sender.push([first, second])
    with central_server.engine.begin() as conn:
        registrations.set_status(conn, first["record_id"], "verified")
        registrations.set_status(
            conn, first["record_id"], "ak1_issued", ak1_number="3374-2025-T00001"
        )
        registrations.set_status(
            conn, second["record_id"], "rejected", reason="Foto KTP tidak terbaca."
        )
    found, _ = sender.pull_all(cursor_a)
    own = [
        (c["id"], c["version"], c["data"]["status"]) for c in found if c["entity"] == "registration"
    ]
    assert own == [
        (first["record_id"], 1, "received"),
        (second["record_id"], 1, "received"),
        (first["record_id"], 2, "verified"),
        (first["record_id"], 3, "ak1_issued"),
        (second["record_id"], 2, "rejected"),
    ]
    issued = next(c for c in found if c["version"] == 3)["data"]
    assert issued["ak1_number"] == "3374-2025-T00001"
    rejected = [c for c in found if c["data"] and c["data"].get("status") == "rejected"][0]
    assert rejected["data"]["reason"]["reason_id"] == "Foto KTP tidak terbaca."
    # The status carries no personal data.
    assert "Siti" not in str(found) and "3374015507950001" not in str(found)
    theirs, _ = other.pull_all(cursor_b)
    assert [c for c in theirs if c["entity"] == "registration"] == []


def test_pages_respect_the_limit_and_the_server_maximum(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    kiosk.push([op("registration", registration(), seq=i) for i in range(1, 8)])
    found: list[dict] = []
    cursor, pages = "", 0
    while True:
        page = kiosk.pull(cursor, limit=3).json()
        PullPage.model_validate(page)
        assert len(page["changes"]) <= 3
        found.extend(page["changes"])
        cursor, pages = page["next_cursor"], pages + 1
        if not page["has_more"]:
            break
    seqs = [c["id"] for c in found if c["entity"] == "registration"]
    assert len(seqs) == 7 and len(set(seqs)) == 7
    assert pages >= 3
    # Over the server's page maximum (500) is clamped, not refused.
    assert kiosk.pull("", limit=10_000).status_code == 200


def test_unknown_reset_and_compacted_cursors_answer_410(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    kiosk.push([op("registration", registration(), seq=1)])
    _, cursor = kiosk.pull_all()
    for bad in (
        "nonsense",
        base64.urlsafe_b64encode(b"feedfacefeedface:1").decode(),
        "%%%",
        "x" * 200,
    ):
        answer = kiosk.pull(bad)
        assert answer.status_code == 410, bad
        assert answer.json()["error"] == "cursor_gone"
    ahead = base64.urlsafe_b64encode(
        base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).split(b":")[0] + b":999999999"
    ).decode()
    assert kiosk.pull(ahead).status_code == 410


def test_compaction_keeps_the_latest_entry_and_gones_old_cursors(
    central_db_url: str, start_central
) -> None:
    server = start_central(central_db_url)
    kiosk = server.enroll()
    with server.engine.begin() as conn:
        for title in ("A", "B", "C"):
            vacancies.publish(conn, {"id": "compact:1", "title": title})
    old_page = kiosk.pull("", limit=1).json()
    with server.engine.begin() as conn:
        last = conn.execute(sa.text("SELECT max(seq) FROM changes")).scalar()
        assert changes.compact(conn, last) == 2
    assert kiosk.pull(old_page["next_cursor"]).status_code == 410
    found, _ = kiosk.pull_all()
    assert [(c["id"], c["version"]) for c in found] == [("compact:1", 3)]
    with server.engine.begin() as conn:
        changes.reset(conn)
    assert kiosk.pull(old_page["next_cursor"]).status_code == 410


def test_pull_is_gzipped_when_asked(central_server: CentralServer) -> None:
    kiosk = central_server.enroll()
    with central_server.engine.begin() as conn:
        for i in range(30):
            vacancies.publish(conn, {"id": f"gzip:{i}", "title": "Operator Produksi " * 5})
    raw = kiosk.http.get(
        "/api/v1/sync/pull",
        headers={**kiosk.headers, "Accept-Encoding": "gzip"},
        params={"limit": 100},
        extensions={},
    )
    assert raw.headers.get("content-encoding") == "gzip"
    assert raw.json()["changes"]  # httpx inflates it
    plain = kiosk.http.get(
        "/api/v1/sync/pull",
        params={"limit": 100},
        headers={**kiosk.headers, "Accept-Encoding": "identity"},
    )
    assert "content-encoding" not in plain.headers
    assert len(gzip.compress(plain.content)) < len(plain.content)


def test_reference_data_reaches_every_kiosk_once(central_db_url: str, start_central) -> None:
    from sync.central import reference

    server = start_central(central_db_url)
    kiosk = server.enroll()
    with server.engine.begin() as conn:
        first = reference.publish_defaults(conn)
        assert reference.publish_defaults(conn) == 0  # unchanged: nothing new to pull
    assert first == 16 + 10  # 16 kecamatan of Kota Semarang, 10 KBJI golongan pokok
    found, _ = kiosk.pull_all()
    items = {c["id"]: c for c in found if c["entity"] == "reference"}
    assert len(items) == first
    tengah = items["kecamatan:33.74.01"]["data"]
    assert tengah["name"] == "Semarang Tengah"
    assert {"code": "33.74.01.1001", "name": "Miroto"} in tengah["kelurahan"]
    assert items["kbji_major:2"]["data"]["kind"] == "kbji_major"
