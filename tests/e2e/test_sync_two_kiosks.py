"""Two kiosks and the server: one resident registers on both with the same NIK; the server
flags one probable duplicate; each kiosk gets its own decision back (SYNC.md)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.services import open_services
from sync.central import registrations
from sync.client.run import sync_once
from tests.central.server import CentralServer
from tests.e2e.sync_helpers import check_promise, config, enrolled_kiosk, queue_registrations


def test_the_same_nik_on_two_kiosks_is_one_flagged_duplicate(tmp_path: Path) -> None:
    server = CentralServer.start(f"sqlite:///{tmp_path / 'c.sqlite3'}", tmp_path / "c")
    try:
        kiosks = [tmp_path / "balai-kota", tmp_path / "pedurungan"]
        records = []
        for number, kiosk in enumerate(kiosks):
            enrolled_kiosk(server, kiosk, name=f"Kiosk {number}")
            records.append(queue_registrations(kiosk, 1, start=7)[0])  # the same NIK
            assert sync_once(kiosk, config(server.base_url)).ok
            check_promise(server, kiosk, records[-1:])
        with server.engine.begin() as conn:
            groups = registrations.duplicates(conn)
        assert [sorted(g["ids"]) for g in groups] == [sorted(records)]
        with server.engine.begin() as conn:
            registrations.set_status(conn, records[0], "verified")
            registrations.set_status(conn, records[1], "rejected",
                                     reason="Sudah terdaftar di kios lain.")
        shown = []
        for kiosk, record in zip(kiosks, records, strict=True):
            assert sync_once(kiosk, config(server.base_url)).ok
            services = open_services(kiosk, datetime.now, seed_demo=False)
            try:
                shown.append(services.record_sync_state("registration", record))
                other = records[1 - kiosks.index(kiosk)]
                assert services.record_sync_state("registration", other)["state"] == "unknown"
            finally:
                services.close()
        assert shown[0]["state"] == "received" and shown[0]["decision"] == "verified"
        assert shown[1]["decision"] == "rejected" and shown[1]["reason_id"]
    finally:
        server.stop()
