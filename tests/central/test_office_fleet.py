"""The fleet page: heartbeats shown with every field, late kiosks marked, enrollment codes as
text and QR code, revocation stops the kiosk (real server, both databases)."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sync.central import tables as t
from tests.central.office_client import Staff, audit_rows, csrf_of, enroll
from tests.central.server import CentralServer, Kiosk


def heartbeat(kiosk: Kiosk, **changes: object) -> None:
    body: dict[str, object] = {
        "pending_count": 3, "last_sync_at": datetime.now(UTC).isoformat(),
        "app_version": "0.1.0", "device_time": datetime.now(UTC).isoformat(),
        "free_disk_mb": 20_000, "speech_ok": True, "printer_ok": True, "warnings": []}
    body.update(changes)
    answer = kiosk.http.post("/api/v1/heartbeat", json=body, headers=kiosk.headers)
    assert answer.status_code == 200, answer.text


def _row(html: str, device_id: str) -> str:
    found = re.search(rf'<tr id="device-{device_id}"[^>]*>.*?</tr>', html, re.S)
    assert found, f"no row for {device_id}"
    return found.group(0)


def test_heartbeats_fill_the_fleet_rows_and_silent_kiosks_are_late(
        central_server: CentralServer) -> None:
    calling = enroll(central_server, "Kios Gayamsari")
    silent = enroll(central_server, "Kios Genuk")
    with central_server.engine.begin() as conn:  # enrolled a day ago, never heard of since
        conn.execute(t.devices.update().where(t.devices.c.id == silent.device_id)
                     .values(created_at=t.devices.c.created_at - 86_400))
    ahead = (datetime.now(UTC) + timedelta(minutes=9)).isoformat()
    heartbeat(calling, pending_count=7, app_version="0.2.0-uji", device_time=ahead,
              printer_ok=False, warnings=["kertas <habis>"])
    verifier = Staff.sign_in(central_server, "verifier")
    rows = verifier.get("/office/fleet/rows")
    assert rows.status_code == 200
    row = _row(rows.text, calling.device_id)
    assert "Kios Gayamsari" in row and 'class="pending">7<' in row and "0.2.0-uji" in row
    assert "+9 min" in row and "printer tidak berfungsi" in row
    assert re.search(r"selisih jam \+5[34]\d detik", row)  # the server's warning, in Indonesian
    assert "kertas &lt;habis&gt;" in row  # a kiosk's words are escaped like any other
    assert "aktif" in row
    late = _row(rows.text, silent.device_id)
    assert 'class="late"' in late and "TERLAMBAT" in late and "belum pernah" in late


def test_admin_creates_an_enrollment_code_shown_as_text_and_qr_that_enrolls_once(
        central_server: CentralServer) -> None:
    admin = Staff.sign_in(central_server, "admin")
    page = admin.post("/office/fleet/enroll", {"name": "Kios Candisari", "place": "Kelurahan"})
    assert page.status_code == 200
    code = re.search(r'id="enrollment-code">([0-9A-Z-]+)<', page.text)
    assert code
    assert 'src="data:image/svg+xml;base64,' in page.text and 'alt="Kode QR' in page.text
    http = central_server.client()
    first = http.post("/api/v1/enroll", json={"code": code.group(1)})
    assert first.status_code == 200 and first.json()["name"] == "Kios Candisari"
    assert http.post("/api/v1/enroll", json={"code": code.group(1)}).status_code in (401, 403,
                                                                                      404, 409)
    http.close()
    assert [r.action for r in audit_rows(central_server, "Kios Candisari")] == [
        "device.enrollment_code"]
    refused = admin.post("/office/fleet/enroll", {"name": "<b>x</b>", "place": "Lobi Timur"})
    assert refused.status_code == 422
    assert "Nama kios tidak boleh berisi tanda &lt; &gt;." in refused.text
    # The form again, with what the officer typed still in it.
    assert 'name="name" required maxlength="100" value="&lt;b&gt;x&lt;/b&gt;"' in refused.text
    assert 'name="place" maxlength="200" value="Lobi Timur"' in refused.text


def test_invisible_bidi_and_zero_width_characters_never_reach_the_fleet_table(
        central_server: CentralServer) -> None:
    admin = Staff.sign_in(central_server, "admin")
    page = admin.post("/office/fleet/enroll", {"name": "Kios\u200b Tembalang\u2066",
                                               "place": "Kelurahan \u202eTembalang"})
    code = re.search(r'id="enrollment-code">([0-9A-Z-]+)<', page.text)
    assert code
    http = central_server.client()
    enrolled = http.post("/api/v1/enroll", json={"code": code.group(1)}).json()
    assert enrolled["name"] == "Kios Tembalang" and enrolled["place"] == "Kelurahan Tembalang"
    kiosk = Kiosk(central_server.base_url, enrolled["device_id"], enrolled["token"], http)
    heartbeat(kiosk, warnings=["kertas \u202ehabis"])  # a kiosk's own words: shown cleaned
    http.close()
    row = _row(admin.get("/office/fleet/rows").text, enrolled["device_id"])
    assert "Kelurahan Tembalang" in row and "kertas habis" in row
    assert "\u202e" not in row and "\u200b" not in row and "\u2066" not in row


def test_revoking_a_kiosk_stops_it_at_its_next_call(central_server: CentralServer) -> None:
    kiosk = enroll(central_server, "Kios Dicabut")
    heartbeat(kiosk)
    admin = Staff.sign_in(central_server, "admin")
    fleet = admin.get("/office/fleet").text
    assert f"/office/fleet/{kiosk.device_id}/revoke" in fleet
    done = admin.post(f"/office/fleet/{kiosk.device_id}/revoke", {"csrf": csrf_of(fleet)})
    assert done.status_code == 303
    answer = kiosk.http.post("/api/v1/heartbeat", headers=kiosk.headers, json={
        "pending_count": 0, "app_version": "0.1.0", "device_time": datetime.now(UTC).isoformat()})
    assert answer.status_code == 401
    assert "dicabut" in _row(admin.get("/office/fleet/rows").text, kiosk.device_id)
    assert [r.action for r in audit_rows(central_server, kiosk.device_id)] == ["device.revoke"]
    assert admin.post(f"/office/fleet/{kiosk.device_id}/revoke").status_code == 404
    assert central_server.count(t.devices, t.devices.c.id == kiosk.device_id) == 1
