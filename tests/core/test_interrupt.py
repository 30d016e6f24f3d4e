"""Ctrl-C and SIGTERM at a command, sent for real to a real `siker-kiosk` process: one
sentence instead of a traceback, 128 + the signal as exit code, and a catalog that is whole
(the demo gone with the first real batch, never beside it)."""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.services import open_services

REPO = Path(__file__).resolve().parents[2]
POSTINGS = REPO.parent / "shared" / "data" / "job_postings_id.jsonl"
if not POSTINGS.exists():  # the worktree layout: /work/wt/<name> beside /work/wt/shared
    POSTINGS = REPO.parents[1] / "shared" / "data" / "job_postings_id.jsonl"


def kiosk(*argv: str, data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "SIKER_LANG": "id", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "ui.cli", "--data-dir", str(data_dir), *argv],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def postings_open_today(path: Path, copies: int) -> Path:
    """The shared job-board postings, `copies` times with new ids, posted today (so open)."""
    today = date.today().isoformat()
    lines = POSTINGS.read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for line in lines:
                record = json.loads(line)
                record["Job ID"] = f"{record['Job ID']}-{copy}"
                record["Posted Date"] = f"{today} 08:00:00"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def counts(data_dir: Path) -> tuple[int, int]:
    """(real vacancies, demo vacancies) as another reader sees them."""
    conn = sqlite3.connect(data_dir / "kiosk.db", timeout=5)
    try:
        real, demo = conn.execute(
            "SELECT count(*) - coalesce(sum(is_demo), 0), coalesce(sum(is_demo), 0) "
            "FROM vacancy").fetchone()
        return int(real), int(demo)
    finally:
        conn.close()


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_an_import_after_a_whole_batch_with_the_demo_gone_in_it(
    tmp_path: Path, signum: int, code: int
) -> None:
    data_dir = tmp_path / "data"
    open_services(data_dir, datetime.now).close()  # a first start: the demo catalog
    assert counts(data_dir)[1] > 0
    big = postings_open_today(tmp_path / "big.jsonl", copies=3)  # 6,000 records, 12 batches
    child = kiosk("import-vacancies", str(big), data_dir=data_dir)
    deadline = time.monotonic() + 60
    while counts(data_dir)[0] == 0 and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # another process's commit has no event to wait on
    child.send_signal(signum)
    out, err = child.communicate(timeout=60)
    real, demo = counts(data_dir)
    assert child.returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "Dihentikan." in err and "jalankan impor yang sama lagi" in err
    assert 0 < real < 6_000 and real % 500 == 0  # whole batches only
    assert demo == 0  # removed in the first real batch's transaction
    assert out.startswith(f"Impor selesai: {real:,}".replace(",", ".") + " baru")


def test_ctrl_c_while_enroll_waits_for_the_server_ends_in_one_sentence(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts, never answers
        port = silent.getsockname()[1]
        child = kiosk("--central-url", f"http://127.0.0.1:{port}", "enroll", "AAAA-BBBB-CCCC",
                      data_dir=tmp_path / "k")
        silent.settimeout(30)
        conn, _ = silent.accept()  # the command is now waiting for an answer
        try:
            child.send_signal(signal.SIGINT)
            out, err = child.communicate(timeout=30)
        finally:
            conn.close()
    assert child.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1].startswith("Dihentikan.")
