"""Faults 3 and 4 of SYNC.md with real processes: `siker-kiosk sync` SIGKILLed between sending
a batch and recording its answer, and while applying pull pages."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from kiosk.db import database_path, open_database
from sync.central import tables as t
from sync.central import vacancies
from sync.client.run import sync_once
from tests.central.server import REPO, CentralServer
from tests.e2e.sync_helpers import (
    check_promise,
    config,
    cursor_seq,
    enrolled_kiosk,
    kiosk_cursor,
    queue_registrations,
)


def _sync_process(data_dir: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SIKER_LANG": "id"}
    return subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "sync", "--data-dir", str(data_dir),
         "--central-url", url], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)


def _wait_for(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # polling another process's files: there is no signal to wait on
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_killed_between_send_and_answer_resends_the_same_batch(tmp_path: Path) -> None:
    server = CentralServer.start(f"sqlite:///{tmp_path / 'c.sqlite3'}", tmp_path / "c",
                                 env={"SIKER_CENTRAL_TEST_PUSH_DELAY": "1.5"})
    try:
        kiosk = tmp_path / "kiosk"
        device_id = enrolled_kiosk(server, kiosk)
        ids = queue_registrations(kiosk, 4)
        process = _sync_process(kiosk, server.base_url)
        _wait_for(lambda: "push-delay: holding batch" in server.log.read_text())
        # Fault 6 as well: a record added while the push is in flight goes in the next batch.
        ids += queue_registrations(kiosk, 2, start=10)
        process.send_signal(signal.SIGKILL)
        process.wait()
        db = open_database(database_path(kiosk))
        try:
            sending = db.execute("SELECT DISTINCT batch_id FROM outbox WHERE state = "
                                 "'sending'").fetchall()
        finally:
            db.close()
        assert len(sending) == 1, "the batch id was committed before the request went out"
        assert sync_once(kiosk, config(server.base_url)).ok
        check_promise(server, kiosk, ids)
        with server.engine.connect() as conn:
            batches = conn.execute(sa.select(sa.func.count()).select_from(t.push_batches).where(
                t.push_batches.c.device_id == device_id)).scalar()
        # The killed batch was resent under its own Idempotency-Key; the two new records
        # made the one other batch.
        assert batches == 2
    finally:
        server.stop()


def test_killed_while_applying_pull_pages_loses_nothing(tmp_path: Path) -> None:
    server = CentralServer.start(f"sqlite:///{tmp_path / 'c.sqlite3'}", tmp_path / "c")
    try:
        with server.engine.begin() as conn:
            for i in range(1200):
                vacancies.publish(conn, {
                    "id": f"uji:{i}", "source": "uji", "source_id": str(i),
                    "title": f"Operator Produksi {i}", "employer": "PT Uji",
                    "location": "Semarang", "description": "Shift pagi.",
                    "date_posted": "2025-07-01", "valid_through": "2030-12-31",
                    "salary_unit": "MONTH"})
        kiosk = tmp_path / "kiosk"
        enrolled_kiosk(server, kiosk)
        seen = [0]
        rng = random.Random(4)
        for _round in range(3):
            before = kiosk_cursor(kiosk)
            process = _sync_process(kiosk, server.base_url)
            _wait_for(lambda b=before, p=process: kiosk_cursor(kiosk) != b or p.poll() is not None)
            time.sleep(rng.uniform(0.0, 0.3))  # somewhere inside the next page
            process.send_signal(signal.SIGKILL)
            process.wait()
            seen.append(cursor_seq(kiosk_cursor(kiosk)))
        assert sync_once(kiosk, config(server.base_url)).ok
        seen.append(cursor_seq(kiosk_cursor(kiosk)))
        assert seen == sorted(seen), "the cursor never went backwards"
        db = open_database(database_path(kiosk))
        try:
            assert db.execute("SELECT count(*) FROM vacancy WHERE source = 'uji'").fetchone()[0] \
                == 1200
            assert db.execute("SELECT count(*) FROM central_vacancy").fetchone()[0] == 1200
            assert db.execute("SELECT count(*) FROM vacancy WHERE is_demo = 1").fetchone()[0] \
                == 0
        finally:
            db.close()
    finally:
        server.stop()
