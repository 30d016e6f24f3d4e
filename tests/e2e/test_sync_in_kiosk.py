"""The kiosk's background sync and its quiet indicator, against a real central server."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from kiosk.changes import Changes
from kiosk.health import DeviceHealth
from kiosk.services import open_services
from kiosk.settings import Settings
from sync.central import fleet
from tests.central.server import CentralServer
from tests.e2e.sync_helpers import enrolled_kiosk, queue_registrations
from ui.sync import SyncScheduler
from ui.tasks import SyncRunner
from ui.widgets.sync_indicator import SyncIndicator


def test_sync_now_sends_the_queue_and_fans_out_what_changed(qtbot, tmp_path: Path) -> None:
    server = CentralServer.start(f"sqlite:///{tmp_path / 'c.sqlite3'}", tmp_path / "c")
    try:
        kiosk = tmp_path / "kiosk"
        enrolled_kiosk(server, kiosk)
        record = queue_registrations(kiosk, 1)[0]
        runner = SyncRunner(lambda: open_services(kiosk, datetime.now, seed_demo=False))
        seen: list[Changes] = []
        runner.on_changes(seen.append)
        settings = replace(Settings(), data_dir=kiosk, central_url=server.base_url)
        # The voice is broken on this kiosk: the heartbeat tells the office (kiosk.health).
        scheduler = SyncScheduler(runner, settings, health=lambda: DeviceHealth(
            speech_ok=False, warnings=("Suara kios: tidak ada perangkat audio",)))
        indicator = SyncIndicator()
        qtbot.addWidget(indicator)
        scheduler.finished.connect(lambda r: indicator.show_report(r, datetime.now()))
        with qtbot.waitSignal(scheduler.finished) as blocker:
            scheduler.sync_now()
        assert blocker.args[0].ok and blocker.args[0].acked == 1
        assert any(c.registrations and c.outbox for c in seen)
        assert indicator.text().startswith("Daring")
        state = runner.db(lambda s: s.record_sync_state("registration", record)).result()
        assert state["state"] == "received"
        with server.engine.connect() as conn:
            [device] = fleet.list_devices(conn, time.time())
        assert device["speech_ok"] is False and device["free_disk_mb"] > 0
        assert {"Suara kios: tidak ada perangkat audio", "speech not working"} <= set(
            device["warnings"])
        scheduler.stop()
        runner.shutdown()
    finally:
        server.stop()


def test_the_interval_has_jitter_within_the_setting() -> None:
    import random

    settings = replace(Settings(), sync_interval_s=600.0, sync_jitter_s=120.0)
    scheduler = SyncScheduler(SyncRunner(lambda: None), settings,  # type: ignore[arg-type]
                              rng=random.Random(3))
    values = {scheduler.next_interval_ms() for _ in range(20)}
    assert all(600_000 <= v <= 720_000 for v in values) and len(values) > 1
