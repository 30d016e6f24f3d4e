"""Probable duplicates: the same NIK from two kiosks is flagged for staff; merging or
dismissing is their decision, audited, and a merge reaches the merged record's kiosk."""
from __future__ import annotations

import re

from sync.central import registrations
from tests.central.office_client import (
    Staff,
    audit_rows,
    enroll,
    pushed_registration,
    status_changes,
    unique_nik,
)
from tests.central.server import CentralServer


def _group_form(page: str, record_id: str) -> dict[str, str]:
    """The hidden fields of the duplicate group that lists `record_id`."""
    for section in page.split("<section")[1:]:
        if record_id in section:
            return {name: value for name, value in
                    re.findall(r'name="(nik_hash|key)" value="([^"]+)"', section)}
    raise AssertionError(f"no duplicate group lists {record_id}")


def test_the_same_nik_from_two_kiosks_is_flagged_and_nothing_is_merged_by_itself(
        central_server: CentralServer) -> None:
    nik = unique_nik()
    first = pushed_registration(enroll(central_server, "Kios Pedurungan"), nik=nik)
    second = pushed_registration(enroll(central_server, "Kios Tembalang"), nik=nik,
                                 full_name="Siti Aminah Putri")
    lone = pushed_registration(enroll(central_server, "Kios Lain"))
    verifier = Staff.sign_in(central_server, "verifier")
    page = verifier.get("/office/duplicates").text
    group = _group_form(page, first)
    assert second in group["key"] and lone not in page
    assert "Kios Pedurungan" in page and "Kios Tembalang" in page and nik in page
    assert nik not in group["nik_hash"]  # compared by keyed hash, never by the NIK itself
    detail = verifier.get(f"/office/registrations/{second}").text
    assert "NIK ini juga ada di pendaftaran lain" in detail
    with central_server.engine.connect() as conn:
        assert {registrations.get(conn, central_server.keys, r)["status"]  # type: ignore[index]
                for r in (first, second)} == {"received"}


def test_merge_keeps_the_chosen_record_and_tells_the_other_kiosk(
        central_server: CentralServer) -> None:
    nik = unique_nik()
    kiosk_a, kiosk_b = enroll(central_server, "Kios A"), enroll(central_server, "Kios B")
    keep = pushed_registration(kiosk_a, nik=nik)
    gone = pushed_registration(kiosk_b, nik=nik)
    verifier = Staff.sign_in(central_server, "verifier")
    group = _group_form(verifier.get("/office/duplicates").text, keep)
    answer = verifier.post("/office/duplicates/decide", {**group, "action": "merge", "keep": keep})
    assert answer.status_code == 303
    closed = status_changes(kiosk_b, gone)[-1]["data"]
    assert closed["status"] == "rejected" and closed["reason"]["code"] == "duplicate_merged"
    assert [c["data"]["status"] for c in status_changes(kiosk_a, keep)] == ["received"]
    assert keep not in verifier.get("/office/duplicates").text
    audited = audit_rows(central_server, keep)
    assert [r.action for r in audited] == ["duplicate.merge"]
    assert gone in audited[0].detail
    # Deciding the same group again (a second tab) is refused as stale.
    again = verifier.post("/office/duplicates/decide", {**group, "action": "dismiss"})
    assert again.status_code == 409


def test_merge_needs_a_choice_and_dismiss_hides_the_group_until_a_new_one_arrives(
        central_server: CentralServer) -> None:
    nik = unique_nik()
    kiosk = enroll(central_server)
    first = pushed_registration(kiosk, nik=nik)
    pushed_registration(kiosk, nik=nik)
    verifier = Staff.sign_in(central_server, "verifier")
    group = _group_form(verifier.get("/office/duplicates").text, first)
    unchosen = verifier.post("/office/duplicates/decide", {**group, "action": "merge"})
    assert unchosen.status_code == 422 and "Pilih data yang dipertahankan" in unchosen.text
    assert verifier.post("/office/duplicates/decide",
                         {**group, "action": "dismiss"}).status_code == 303
    assert first not in verifier.get("/office/duplicates").text
    assert [r.action for r in audit_rows(central_server, first)] == ["duplicate.dismiss"]
    third = pushed_registration(kiosk, nik=nik)
    page = verifier.get("/office/duplicates").text
    assert first in page and third in page


def test_an_issued_record_cannot_be_merged_away(central_server: CentralServer) -> None:
    nik = unique_nik()
    kiosk = enroll(central_server)
    issued = pushed_registration(kiosk, nik=nik)
    other = pushed_registration(kiosk, nik=nik)
    verifier = Staff.sign_in(central_server, "verifier")
    verifier.post(f"/office/registrations/{issued}/verify")
    verifier.post(f"/office/registrations/{issued}/issue")
    group = _group_form(verifier.get("/office/duplicates").text, issued)
    refused = verifier.post("/office/duplicates/decide",
                            {**group, "action": "merge", "keep": other})
    assert refused.status_code == 409
    with central_server.engine.connect() as conn:
        assert registrations.get(conn, central_server.keys, issued)["status"] == "ak1_issued"  # type: ignore[index]
        assert registrations.get(conn, central_server.keys, other)["status"] == "received"  # type: ignore[index]
    assert verifier.post("/office/duplicates/decide",
                         {**group, "action": "merge", "keep": issued}).status_code == 303
