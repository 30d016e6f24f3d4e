"""Twenty concurrent clients, overlapping batches, the same batch to two server processes at once
(one of them with two uvicorn workers), one PostgreSQL database: every op applied exactly once."""

from __future__ import annotations

import base64
import os
import threading
from collections import Counter

import httpx
import sqlalchemy as sa
from cryptography.fernet import Fernet

from sync.central import tables as t
from sync.central.crypto import ENV_KEY, ENV_NIK_KEY
from tests.central.server import CentralServer, Kiosk, op, registration

KIOSKS = 10  # two clients each: 20 concurrent clients
OPS_PER_KIOSK = 30
BATCH, STEP = 10, 5  # batch k holds ops 5k .. 5k+9: neighbours share half their ops

FAST = {"SIKER_CENTRAL_RATE_PER_MINUTE": "100000", "SIKER_CENTRAL_RATE_BURST": "100000"}


def _batches(kiosk: Kiosk) -> list[dict]:
    ops = [op("registration", registration(), seq=i + 1) for i in range(OPS_PER_KIOSK)]
    return [kiosk.batch(ops[k : k + BATCH]) for k in range(0, OPS_PER_KIOSK - STEP, STEP)]


def test_overlapping_batches_on_two_processes_apply_each_op_once(
    pg_db_url: str, start_central
) -> None:
    # Two machines on one database share the keys through the environment (crypto.py).
    keys = {
        ENV_KEY: Fernet.generate_key().decode(),
        ENV_NIK_KEY: base64.urlsafe_b64encode(os.urandom(32)).decode(),
    }
    first: CentralServer = start_central(pg_db_url, workers=2, env={**FAST, **keys})
    second: CentralServer = start_central(pg_db_url, env={**FAST, **keys})
    kiosks = [first.enroll(f"Kiosk {i}") for i in range(KIOSKS)]
    plans = [(kiosk, _batches(kiosk)) for kiosk in kiosks]
    barrier = threading.Barrier(2 * KIOSKS)
    answers: list[tuple[str, dict]] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client(kiosk: Kiosk, batches: list[dict], server: CentralServer) -> None:
        with httpx.Client(base_url=server.base_url, timeout=60) as http:
            barrier.wait()
            for batch in batches:
                response = http.post(
                    "/api/v1/sync/push",
                    json=batch,
                    headers={**kiosk.headers, "Idempotency-Key": batch["batch_id"]},
                )
                with lock:
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {response.text[:200]}")
                    else:
                        answers.append((batch["batch_id"], response.json()))

    threads = [
        threading.Thread(target=client, args=(kiosk, batches, server))
        for kiosk, batches in plans
        for server in (first, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    sent_ops = {
        o["op_id"]: o["record_id"] for _, batches in plans for b in batches for o in b["ops"]
    }
    assert len(sent_ops) == KIOSKS * OPS_PER_KIOSK
    with first.engine.connect() as conn:
        ledger = Counter(conn.execute(sa.select(t.op_ledger.c.op_id)).scalars())
        records = Counter(conn.execute(sa.select(t.registrations.c.id)).scalars())
        versions = set(conn.execute(sa.select(t.registrations.c.version)).scalars())
        received = Counter(
            conn.execute(
                sa.select(t.changes.c.record_id).where(t.changes.c.entity == "registration")
            ).scalars()
        )
    assert set(ledger) == set(sent_ops) and set(ledger.values()) == {1}
    assert set(records) == set(sent_ops.values()) and set(records.values()) == {1}
    assert versions == {1}  # never applied a second time as an update
    assert set(received.values()) == {1}  # one "received" change per record
    # The two copies of each batch got the same answer; each op was applied by one batch and
    # answered duplicate (with the same version) by every later one.
    by_batch: dict[str, list[dict]] = {}
    for batch_id, answer in answers:
        by_batch.setdefault(batch_id, []).append(answer)
    assert all(len(copies) == 2 and copies[0] == copies[1] for copies in by_batch.values())
    applied = Counter(
        r["op_id"]
        for copies in by_batch.values()
        for r in copies[0]["results"]
        if r["status"] == "applied"
    )
    assert set(applied) == set(sent_ops) and set(applied.values()) == {1}
