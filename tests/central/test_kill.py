"""SIGKILL of the server in the middle of a push: the batch is all or nothing, and a retry
after the restart applies every op exactly once (SYNC.md faults 1 and 3, server side)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from sync.central import tables as t
from tests.central.server import CentralServer, op, registration


def _wait_for_line(log: Path, text: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, f"the server never logged {text!r}"
        time.sleep(0.02)


def test_killed_mid_push_stores_nothing_and_the_retry_applies_once(
    central_db_url: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "shared-data"  # the restarted server keeps its keys
    slow = CentralServer.start(
        central_db_url, data_dir, env={"SIKER_CENTRAL_TEST_PUSH_DELAY": "30"}
    )
    try:
        kiosk = slow.enroll()
        ops = [op("registration", registration(), seq=i) for i in range(1, 21)]
        batch = kiosk.batch(ops)
        outcome: list[object] = []

        def send() -> None:
            try:
                outcome.append(kiosk.send(batch).status_code)
            except httpx.TransportError as exc:
                outcome.append(type(exc).__name__)

        sender = threading.Thread(target=send)
        sender.start()
        _wait_for_line(slow.log, f"push-delay: holding batch {batch['batch_id']}")
        slow.kill()  # SIGKILL: every op written, nothing committed
        sender.join()
        assert outcome and isinstance(outcome[0], str), outcome  # the kiosk got no answer
    finally:
        slow.stop()
    ids = [o["op_id"] for o in ops]
    fresh = CentralServer.start(central_db_url, data_dir)
    try:
        assert fresh.count(t.op_ledger, t.op_ledger.c.op_id.in_(ids)) == 0
        assert fresh.count(t.push_batches, t.push_batches.c.batch_id == batch["batch_id"]) == 0
        assert fresh.count(t.registrations, t.registrations.c.device_id == kiosk.device_id) == 0
        kiosk.http = fresh.client()
        answer = kiosk.send(batch)
        assert answer.status_code == 200
        assert {r["status"] for r in answer.json()["results"]} == {"applied"}
        assert kiosk.send(batch).json() == answer.json()
        assert fresh.count(t.op_ledger, t.op_ledger.c.op_id.in_(ids)) == 20
        assert fresh.count(t.registrations, t.registrations.c.device_id == kiosk.device_id) == 20
    finally:
        fresh.stop()
