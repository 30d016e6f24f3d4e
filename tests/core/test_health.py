"""The running kiosk's health snapshot (kiosk.health): what the heartbeat may report."""
from __future__ import annotations

import json
from pathlib import Path

from kiosk.health import MAX_AGE_S, DeviceHealth, free_disk_mb, read_health, write_health


def test_a_snapshot_is_read_back_whole_and_trimmed_to_the_heartbeat_limits(tmp_path: Path) -> None:
    write_health(tmp_path, DeviceHealth(speech_ok=False, printer_ok=True,
                                        warnings=tuple("x" * 300 for _ in range(25)),
                                        written_at=1000.0))
    health = read_health(tmp_path, now=1010.0)
    assert health is not None
    assert (health.speech_ok, health.printer_ok) == (False, True)
    assert len(health.warnings) == 20 and {len(w) for w in health.warnings} == {200}
    assert not (tmp_path / "health.tmp").exists()


def test_an_old_missing_or_damaged_snapshot_says_nothing(tmp_path: Path) -> None:
    assert read_health(tmp_path) is None
    write_health(tmp_path, DeviceHealth(speech_ok=True, written_at=1000.0))
    assert read_health(tmp_path, now=1000.0 + MAX_AGE_S + 1) is None
    for damaged in ("{", "[]", '{"speech_ok": true}', '{"written_at": "soon"}'):
        (tmp_path / "health.json").write_text(damaged, encoding="utf-8")
        assert read_health(tmp_path) is None
    (tmp_path / "health.json").write_text(
        json.dumps({"speech_ok": "yes", "written_at": 5.0}), encoding="utf-8")
    health = read_health(tmp_path, now=6.0)
    assert health is not None and health.speech_ok is None  # not a bool: unknown, not True


def test_free_disk_is_measured_and_unknown_for_a_missing_folder(tmp_path: Path) -> None:
    assert (free_disk_mb(tmp_path) or 0) > 0
    assert free_disk_mb(tmp_path / "gone") is None
