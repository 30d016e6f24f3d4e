"""The verifier's registration queue: verify, issue AK1, reject with a reason; decisions reach
the kiosk through pull and are audited; AK1 numbers stay unique under concurrent issuing."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from sync.central import registrations
from sync.central.office.ak1 import AK1_RE, format_ak1
from tests.central.office_client import (
    Staff,
    audit_rows,
    enroll,
    pushed_registration,
    status_changes,
)
from tests.central.server import CentralServer


def _status(server: CentralServer, record_id: str) -> dict[str, object]:
    with server.engine.connect() as conn:
        found = registrations.get(conn, server.keys, record_id)
    assert found is not None
    return found


def test_the_queue_shows_new_registrations_in_full_to_a_verifier(
        central_server: CentralServer) -> None:
    kiosk = enroll(central_server, "Kios Antrean")
    record_id = pushed_registration(kiosk, full_name="Dewi Lestari")
    verifier = Staff.sign_in(central_server, "verifier")
    queue = verifier.get("/office/registrations").text
    assert "Dewi Lestari" in queue and f"/office/registrations/{record_id}" in queue
    detail = verifier.get(f"/office/registrations/{record_id}").text
    for shown in ("Dewi Lestari", "Jl. Pemuda No. 1", "+6281234567890", "siti@example.id",
                  "33.74.01.1001", "kasir, Microsoft Excel",
                  "Kios Antrean"):
        assert shown in detail, shown
    assert 'id="verify"' in detail and 'id="reject"' in detail and 'id="issue"' not in detail


def test_verify_then_issue_flows_back_to_the_kiosk_and_is_audited(
        central_server: CentralServer) -> None:
    kiosk = enroll(central_server)
    record_id = pushed_registration(kiosk)
    verifier = Staff.sign_in(central_server, "verifier")
    assert verifier.post(f"/office/registrations/{record_id}/verify").status_code == 303
    issued = verifier.post(f"/office/registrations/{record_id}/issue", follow_redirects=True)
    assert issued.status_code == 200
    number = _status(central_server, record_id)["ak1_number"]
    assert isinstance(number, str) and AK1_RE.match(number) and number.startswith("3374-")
    assert f"Nomor AK1 {number} diterbitkan" in issued.text
    pulled = status_changes(kiosk, record_id)
    assert [c["data"]["status"] for c in pulled] == ["received", "verified", "ak1_issued"]
    assert pulled[-1]["data"]["ak1_number"] == number
    audited = audit_rows(central_server, record_id)
    assert [r.action for r in audited] == ["registration.verify", "registration.issue_ak1"]
    assert {r.staff_username for r in audited} == {verifier.username}
    assert number in audited[-1].detail


def test_reject_needs_a_reason_and_the_reason_reaches_the_kiosk(
        central_server: CentralServer) -> None:
    kiosk = enroll(central_server)
    record_id = pushed_registration(kiosk)
    verifier = Staff.sign_in(central_server, "verifier")
    for empty in ("", "   ", "abc"):
        refused = verifier.post(f"/office/registrations/{record_id}/reject", {"reason": empty})
        assert refused.status_code == 422
        assert "Alasan penolakan wajib diisi" in refused.text
    assert _status(central_server, record_id)["status"] == "received"
    reason = "Foto KTP tidak terbaca; silakan daftar ulang di kios."
    assert verifier.post(f"/office/registrations/{record_id}/reject",
                         {"reason": reason}).status_code == 303
    pulled = status_changes(kiosk, record_id)[-1]["data"]
    assert pulled["status"] == "rejected"
    assert pulled["reason"]["reason_id"] == reason
    assert [r.action for r in audit_rows(central_server, record_id)] == ["registration.reject"]
    assert reason not in audit_rows(central_server, record_id)[0].detail  # personal: not logged
    # Decided is final: a second decision is refused with the current status.
    again = verifier.post(f"/office/registrations/{record_id}/verify")
    assert again.status_code == 409 and "ditolak" in again.text


def test_an_overlong_reason_is_refused_and_stays_in_its_box(
        central_server: CentralServer) -> None:
    kiosk = enroll(central_server)
    record_id = pushed_registration(kiosk)
    verifier = Staff.sign_in(central_server, "verifier")
    typed = "Foto buram; " + "x" * 500
    answer = verifier.post(f"/office/registrations/{record_id}/reject", {"reason": typed})
    assert answer.status_code == 422
    assert "Alasan penolakan paling banyak 500 karakter." in answer.text
    assert re.search(r'<textarea id="reason"[^>]*>' + re.escape(typed) + "</textarea>",
                     answer.text)
    assert _status(central_server, record_id)["status"] == "received"
    assert audit_rows(central_server, record_id) == []


def test_a_reason_may_say_less_than_and_loses_invisible_characters(
        central_server: CentralServer) -> None:
    kiosk = enroll(central_server)
    record_id = pushed_registration(kiosk)
    verifier = Staff.sign_in(central_server, "verifier")
    typed = "Pelamar umur < 18 tahun;\u202e\u200b <b>bukan</b> tag\x00."
    assert verifier.post(f"/office/registrations/{record_id}/reject",
                         {"reason": typed}).status_code == 303
    stored = "Pelamar umur < 18 tahun; <b>bukan</b> tag."
    assert _status(central_server, record_id)["reason"]["reason_id"] == stored  # type: ignore[index]
    page = verifier.get(f"/office/registrations/{record_id}").text
    assert "umur &lt; 18 tahun; &lt;b&gt;bukan&lt;/b&gt; tag." in page and "<b>bukan" not in page


def test_sql_in_a_reason_is_stored_as_text_and_shown_escaped(
        central_server: CentralServer) -> None:
    kiosk = enroll(central_server)
    record_id = pushed_registration(kiosk, full_name="O'Neil Sari")
    verifier = Staff.sign_in(central_server, "verifier")
    reason = "Data'); DROP TABLE registrations; -- & \"kutip\""
    assert verifier.post(f"/office/registrations/{record_id}/reject",
                         {"reason": reason}).status_code == 303
    page = verifier.get(f"/office/registrations/{record_id}").text
    assert "Data&#39;); DROP TABLE registrations; -- &amp; &#34;kutip&#34;" in page
    assert "O&#39;Neil Sari" in page
    assert _status(central_server, record_id)["reason"]["reason_id"] == reason  # type: ignore[index]


def test_unknown_registrations_and_actions_answer_404(central_server: CentralServer) -> None:
    verifier = Staff.sign_in(central_server, "verifier")
    assert verifier.get("/office/registrations/00000000-0000-0000-0000-000000000000"
                        ).status_code == 404
    assert verifier.post("/office/registrations/nope/verify").status_code == 404
    kiosk = enroll(central_server)
    record_id = pushed_registration(kiosk)
    assert verifier.post(f"/office/registrations/{record_id}/delete").status_code == 404
    assert verifier.post(f"/office/registrations/{record_id}/issue").status_code == 409


def test_ak1_numbers_stay_unique_when_verifiers_issue_at_once(
        central_server: CentralServer) -> None:
    kiosk = enroll(central_server)
    ids = [pushed_registration(kiosk) for _ in range(12)]
    staff = [Staff.sign_in(central_server, "verifier") for _ in range(4)]
    for n, record_id in enumerate(ids):
        assert staff[n % 4].post(f"/office/registrations/{record_id}/verify").status_code == 303

    def issue(n: int) -> int:
        return staff[n % 4].post(f"/office/registrations/{ids[n]}/issue").status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(issue, range(len(ids))))
    assert codes == [303] * len(ids)
    numbers = [_status(central_server, rid)["ak1_number"] for rid in ids]
    assert len(set(numbers)) == len(ids)
    sequence = sorted(int(str(n).rsplit("-", 1)[1]) for n in numbers)
    assert sequence == list(range(sequence[0], sequence[0] + len(ids)))  # no gaps, no repeats

    # The same registration issued by two verifiers at once: one wins, the other is told.
    record_id = pushed_registration(kiosk)
    assert staff[0].post(f"/office/registrations/{record_id}/verify").status_code == 303
    with ThreadPoolExecutor(max_workers=2) as pool:
        twice = sorted(pool.map(lambda s: s.post(f"/office/registrations/{record_id}/issue"
                                                 ).status_code, staff[:2]))
    assert twice == [303, 409]
    issued = [c for c in status_changes(kiosk, record_id) if c["data"]["status"] == "ak1_issued"]
    assert len(issued) == 1


def test_the_ak1_format_has_the_region_code_year_and_six_digits() -> None:
    assert format_ak1("33.74", 2026, 123) == "3374-2026-000123"
    assert re.fullmatch(r"\d{4}-\d{4}-\d{6}", format_ak1("3374", 2027, 999_999))
    with pytest.raises(ValueError):
        format_ak1("337", 2026, 1)
    with pytest.raises(ValueError):
        format_ak1("3374", 2026, 0)
