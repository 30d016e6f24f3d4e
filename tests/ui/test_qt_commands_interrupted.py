"""Ctrl-C and SIGTERM at the Qt commands, for real: one sentence and 128 + the signal, never a
traceback or a crash in Qt's teardown (a KeyboardInterrupt unwinding through live widgets once
ended `screenshots` in SIGSEGV)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_screenshots_stopped_by_a_signal_end_in_one_sentence(
    tmp_path: Path, signum: int, code: int
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIKER_LANG": "id",
           "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(tmp_path / "data"), "screenshots",
         str(tmp_path / "shots")], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    seen = []
    for line in child.stderr:  # mid-run: once the second screenshot is written
        seen.append(line)
        if "Screenshot 02-" in line:
            break
    child.send_signal(signum)
    said = "".join(seen) + child.communicate(timeout=30)[1]
    assert child.returncode == code, said
    assert said.rstrip().splitlines()[-1].startswith("Dihentikan.")
    assert "Traceback" not in said and "KeyboardInterrupt" not in said
