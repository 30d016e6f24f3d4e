"""`siker-kiosk audit --screen NAME`: only those screens, a progress line per screen and look
on stderr (stdout keeps the JSON alone), and an unknown name refused with the list."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ui.audit import run as audit_run
from ui.audit.run import LANGUAGES, screen_names
from ui.cli import main


@pytest.mark.timeout(120)
@pytest.mark.qt_log_ignore("This plugin does not support raise")
@pytest.mark.expected_log("ui.app", "WARNING")  # the offscreen screen is small: shrunk to fit
def test_one_screen_is_audited_with_progress_on_stderr(
    qapp, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two looks of the four prove a line per look; the full matrix is tests/ui/test_audit.py's.
    monkeypatch.setattr(audit_run, "MODES", {"default": False, "assisted": True})
    monkeypatch.setattr(audit_run, "TEXT_SCALES", (2.0,))
    code = main(["--data-dir", str(tmp_path / "data"), "audit", "--screen", "idle_warning",
                 "--json"])
    out, err = capsys.readouterr()
    report = json.loads(out)  # nothing but the JSON on stdout
    looks = 2
    states = 1  # the idle question: one state, the cheapest screen to walk
    assert report["screens_checked"] == looks * states * len(LANGUAGES)
    assert code == (1 if report["findings"] else 0)
    progress = [line for line in err.splitlines() if line.startswith("Tampilan ")]
    assert progress == [
        "Tampilan 1 dari 2 (default, 200 % teks): idle_warning",
        "Tampilan 2 dari 2 (assisted, 200 % teks): idle_warning",
    ]


def test_an_unknown_screen_is_refused_with_the_list(tmp_path: Path, capsys) -> None:
    code = main(["--data-dir", str(tmp_path / "data"), "audit", "--screen", "home",
                 "--screen", "nowhere"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"Layar tidak dikenal: nowhere; layar yang ada: {', '.join(screen_names())}" in err
    assert "idle_warning" in err and "job_search" in err
