"""A real subprocess submitting registrations is killed with SIGKILL at random moments, 20
times: each time the database holds every registration whole with its outbox entry, or not
at all, and opens cleanly (with the same key) for the next round."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO

ROUNDS = 20


@pytest.mark.timeout(240)
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_during_submit_leaves_whole_records_or_none(tmp_path) -> None:
    data = tmp_path / "data"
    rng = random.Random(20261202)
    seen_counts = []
    for round_ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.core.registration_submitter", str(data),
             str(1 + round_ * 400)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "ready", child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.25))  # the moment of the kill, not a wait for a result
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        conn = sqlite3.connect(data / "kiosk.db")
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            orphans = conn.execute(
                "SELECT COUNT(*) FROM registration r WHERE NOT EXISTS (SELECT 1 FROM outbox o"
                " WHERE o.entity = 'registration' AND o.record_id = r.id)").fetchone()[0]
            lost = conn.execute(
                "SELECT COUNT(*) FROM outbox o WHERE o.entity = 'registration' AND NOT EXISTS"
                " (SELECT 1 FROM registration r WHERE r.id = o.record_id)").fetchone()[0]
            sealed = conn.execute(
                "SELECT COUNT(*) FROM registration WHERE personal IS NULL").fetchone()[0]
            count = conn.execute("SELECT COUNT(*) FROM registration").fetchone()[0]
            counter = conn.execute("SELECT counter FROM change_counter WHERE domain ="
                                   " 'registrations'").fetchone()[0]
        finally:
            conn.close()
        assert (orphans, lost, sealed) == (0, 0, 0), f"round {round_}"
        assert counter == count  # the change counter committed with each record, never alone
        seen_counts.append(count)
    assert seen_counts == sorted(seen_counts) and seen_counts[-1] > 0
