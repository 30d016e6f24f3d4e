"""Random interleavings of create, push/pull, crashes, server errors and restarts keep the
promise of SYNC.md (hypothesis RuleBasedStateMachine against a real server through the proxy).
"""
from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from kiosk import outbox
from kiosk.db import database_path, open_database
from sync.central import tables as t
from sync.client import credentials
from sync.client.run import sync_once
from tests.central.server import CentralServer
from tests.e2e.sync_helpers import (
    check_promise,
    config,
    cursor_seq,
    enrolled_kiosk,
    kiosk_cursor,
    queue_registrations,
)
from tests.sync.fault_proxy import Delay, DropAfterUpstream, FaultProxy, captive_portal, unavailable

FAULTS = {
    "drop": lambda: DropAfterUpstream("/api/v1/sync/", times=1),
    "slow": lambda: Delay("/api/v1/sync/push", times=1, seconds=1.2),
    "down": lambda: unavailable("/api/v1/", times=2, retry_after=0),
    "portal": lambda: captive_portal("/api/v1/sync/", times=1),
}


# A safety net only: the run takes ~5-15 s on a loaded 2-core machine. "signal" so that a hang
# fails this test alone (its finally stops the server) instead of the thread method's killing
# the whole pytest run.
@pytest.mark.timeout(150, method="signal")
@pytest.mark.expected_log("sync.client.http", "WARNING")
def test_random_interleavings_keep_the_promise(tmp_path: Path) -> None:
    server = CentralServer.start(f"sqlite:///{tmp_path / 'c.sqlite3'}", tmp_path / "c")
    proxy = FaultProxy(server.base_url).start()
    counter = [0]

    class Machine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.kiosk = Path(tempfile.mkdtemp(dir=tmp_path)) / "kiosk"
            enrolled_kiosk(server, self.kiosk)
            self.device_id = credentials.load(self.kiosk).device_id  # type: ignore[union-attr]
            self.ids: list[str] = []
            self.cursors = [0]
            proxy.clear()

        @rule(count=st.integers(1, 3))
        def create(self, count: int) -> None:
            # Numbers never reused: each registration's reference and NIK are its own.
            start, counter[0] = counter[0], counter[0] + count
            self.ids += queue_registrations(self.kiosk, count, start=start)

        @rule(fault=st.sampled_from(sorted(FAULTS)) | st.none())
        def sync(self, fault: str | None) -> None:
            proxy.plan(*([FAULTS[fault]()] if fault else []))
            # A 4 s deadline: a sync cut short is one more interleaving, not a failure, and a
            # loaded machine never spends more than that on one step.
            sync_once(self.kiosk, config(proxy.url, read_timeout_s=1.0, deadline_s=4,
                                         batch_size=2))
            proxy.clear()

        @rule()
        def crash_after_claiming(self) -> None:
            # A kill right after the batch id was committed, before the request went out.
            db = open_database(database_path(self.kiosk))
            try:
                if outbox.sending_batch(db) is None:
                    outbox.claim_batch(db, 2, now=datetime.now(UTC))
            finally:
                db.close()

        @rule()
        def crash_mid_write(self) -> None:
            # A write torn by a crash: begun, never committed; SQLite rolls it back on reopen.
            db = open_database(database_path(self.kiosk))
            db.conn.execute("BEGIN")
            db.conn.execute("UPDATE sync_state SET cursor = 'garbage' WHERE id = 1")
            db.conn.close()

        @invariant()
        def never_twice_and_cursor_forward(self) -> None:
            with server.engine.connect() as conn:
                rows = conn.execute(sa.select(t.registrations.c.id).where(
                    t.registrations.c.device_id == self.device_id)).scalars().all()
            assert len(rows) == len(set(rows)) and set(rows) <= set(self.ids)
            self.cursors.append(cursor_seq(kiosk_cursor(self.kiosk)))
            assert self.cursors == sorted(self.cursors)

        def teardown(self) -> None:
            proxy.clear()
            assert sync_once(self.kiosk, config(proxy.url)).ok
            check_promise(server, self.kiosk, self.ids)

    try:
        # One server for every example; no shrinking: each example costs real syncs, so a
        # shrink could outlast the timeout, and six unshrunk steps are short enough to read.
        run_state_machine_as_test(Machine, settings=settings(
            max_examples=4, stateful_step_count=6, deadline=None,
            phases=(Phase.explicit, Phase.reuse, Phase.generate),
            suppress_health_check=list(HealthCheck)))
    finally:
        proxy.stop()
        server.stop()
