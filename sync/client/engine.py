"""The sync engine: push the outbox, then pull pages, in explicit resumable stages (SYNC.md).

Stages of `SyncEngine.run()` (under the cross-process SyncLock):
1. push: a batch already `sending` (a sync cut off between send and answer) is sent again with
   the SAME batch id / Idempotency-Key; else up to `batch_size` pending entries are marked
   `sending` under a new batch id and committed BEFORE the request goes out. Answers are applied
   in one transaction: applied/duplicate -> acked (payload dropped, the entity's ack hook purges
   the personal data), rejected -> kept with its reason, conflict -> the server's copy stands.
   A timeout halves the batch; a 413/422 for the whole batch splits it down to the one op,
   which is then rejected with its reason while the rest goes on.
2. pull: each page and its cursor in one transaction; 410 -> from scratch; at the end of a
   pull from scratch, central vacancies it did not bring are removed.
3. heartbeat.
401/403 stop everything (revoked: said to staff, the queue kept).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from kiosk import outbox
from kiosk.catalog import VacancyCatalog
from kiosk.changes import Changes, changed
from kiosk.health import free_disk_mb, read_health
from kiosk.vault import Vault
from sync.client.hooks import AckHooks
from sync.client.http import CentralClient, Offline, Refused, TimedOut, Unauthorized
from sync.client.lock import SyncBusy, SyncLock
from sync.client.vacancies import apply_vacancy_changes
from sync.protocol import (
    Change,
    HeartbeatAnswer,
    HeartbeatRequest,
    Op,
    OpResult,
    PullPage,
    PushAnswer,
    PushBatch,
    StatusData,
    SyncConfig,
)

log = logging.getLogger(__name__)
APP_VERSION = "0.1.0"
_TOO_LARGE = ("payload_too_large",
              "Data ini terlalu besar untuk diterima server; petugas perlu memeriksanya.",
              "This record is too large for the server to accept; staff need to check it.")


@dataclass
class SyncReport:
    """What one run did. `problem`: None (all went), "offline", "unauthorized", "busy",
    "refused". `message` is one staff line, Indonesian / English."""

    ok: bool = False
    acked: int = 0
    rejected: int = 0
    conflicts: int = 0
    pulled: int = 0
    problem: str | None = None
    message: str = ""
    changes: Changes = field(default_factory=Changes)
    bytes_sent: int = 0
    bytes_received: int = 0
    """Bytes on the wire in this run (bodies as sent, gzipped where they were), for staff on
    a metered link."""


def _now() -> datetime:
    return datetime.now(UTC)


class SyncEngine:
    """Syncs one kiosk database. Build it in the thread that owns `db`."""

    def __init__(self, db: Database, vault: Vault, client: CentralClient, device_id: str,
                 data_dir: Path, hooks: AckHooks, catalog: VacancyCatalog, *,
                 clock: Callable[[], datetime] = _now) -> None:
        self.db, self.vault, self.client, self.device_id = db, vault, client, device_id
        self.data_dir, self.hooks, self.catalog, self.clock = data_dir, hooks, catalog, clock
        self.batch_size = client.config.batch_size
        self.report = SyncReport()
        self._demo_gone = False

    def run(self) -> SyncReport:
        self.report = report = SyncReport()
        try:
            with SyncLock(self.data_dir):
                self._state(last_attempt_at=self._stamp())
                try:
                    self._configure()
                    self.push()
                    self.pull()
                    # Stamped before the heartbeat, which reports it: the office's "last
                    # sync" is this one, not the one before.
                    self._state(last_success_at=self._stamp())
                    self.heartbeat()
                    report.ok = True
                    self._state(last_result="ok", last_problem=None, revoked=0)
                except Unauthorized as exc:
                    report.problem = "unauthorized"
                    report.message = (
                        "Kios ini ditolak server pusat (dicabut atau tidak dikenal); antrean "
                        "tetap disimpan. Daftarkan ulang dengan siker-kiosk enroll. / The "
                        "central server refused this kiosk (revoked or unknown); the queue is "
                        "kept. Enroll again with siker-kiosk enroll.")
                    self._state(last_result="unauthorized", last_problem=report.message,
                                revoked=1 if exc.status == 401 else 0)
                except Offline:
                    report.problem = "offline"
                    report.message = ("Server pusat tidak terjangkau; dicoba lagi nanti. / "
                                      "The central server cannot be reached; retrying later.")
                    self._state(last_result="offline", last_problem=report.message)
                except Refused as exc:
                    report.problem = "refused"
                    report.message = (exc.body.reason_id + " / " + exc.body.reason_en
                                      if exc.body else str(exc))
                    self._state(last_result="refused", last_problem=report.message)
                finally:
                    if self.client.clock_offset_s is not None:
                        self._state(clock_offset_s=round(self.client.clock_offset_s, 1))
        except SyncBusy:
            report.problem = "busy"
            report.message = ("Sinkronisasi lain sedang berjalan. / Another sync is running.")
        report.bytes_sent = self.client.bytes_sent
        report.bytes_received = self.client.bytes_received
        log.info("Sync finished: ok=%s acked=%d rejected=%d pulled=%d problem=%s sent=%d B "
                 "received=%d B", report.ok, report.acked, report.rejected, report.pulled,
                 report.problem, report.bytes_sent, report.bytes_received)
        return report

    # -- stage 0 -------------------------------------------------------------------------
    def _configure(self) -> None:
        config = self.client.call("GET", "/sync/config", SyncConfig)
        self.batch_size = max(1, min(self.batch_size, config.max_batch_ops))
        self.client.gzip_requests = config.gzip
        self.pull_limit = max(1, min(self.client.config.pull_limit, config.max_pull_limit))

    # -- stage 1: push -------------------------------------------------------------------
    def push(self) -> None:
        """Send every pending entry (see the module docstring)."""
        while True:
            batch = outbox.sending_batch(self.db) or outbox.claim_batch(
                self.db, self.batch_size, now=self.clock())
            if batch is None:
                return
            batch_id, op_ids = batch
            wanted = set(op_ids)
            entries = [e for e in outbox.entries(self.db, states=("sending",), vault=self.vault)
                       if e.op_id in wanted]
            body = PushBatch.model_validate({
                "device_id": self.device_id, "batch_id": batch_id,
                "ops": [Op.model_validate({"op_id": e.op_id, "seq": e.seq, "entity": e.entity,
                                           "record_id": e.record_id, "kind": e.kind,
                                           "payload": dict(e.payload or {})})
                        for e in entries]})
            log.info("Sync push: batch %s with %d ops", batch_id, len(entries))
            try:
                answer = self.client.call(
                    "POST", "/sync/push", PushAnswer, json=body.model_dump(mode="json"),
                    headers={"Idempotency-Key": batch_id}, halve_on_timeout=True)
            except TimedOut:
                if len(op_ids) > 1:
                    self.batch_size = max(1, len(op_ids) // 2)
                    outbox.rebatch(self.db, op_ids, self.batch_size, now=self.clock())
                continue
            except Refused as exc:
                code = exc.body.error if exc.body else ""
                if exc.status == 422 and code == "idempotency_key_reused":
                    outbox.rebatch(self.db, op_ids, len(op_ids), now=self.clock())
                    continue
                if exc.status not in (413, 422):
                    raise
                if len(op_ids) > 1:
                    outbox.rebatch(self.db, op_ids, len(op_ids) // 2, now=self.clock())
                    continue
                reason = _TOO_LARGE if exc.status == 413 else (
                    code or "invalid_request",
                    exc.body.reason_id if exc.body else "Ditolak server.",
                    exc.body.reason_en if exc.body else "Refused by the server.")
                with changed(self.db, Changes(outbox=True)):
                    outbox.settle(self.db, op_ids[0], "rejected", now=self.clock(),
                                  reason=reason)
                self.report.rejected += 1
                log.info("Sync push: op %s refused with HTTP %d", op_ids[0], exc.status)
                continue
            self._apply_answer(answer, {e.op_id: e for e in entries})

    def _apply_answer(self, answer: PushAnswer, entries: dict[str, outbox.OutboxEntry]) -> None:
        now = self.clock()
        with changed(self.db, Changes(outbox=True, registrations=True)):
            for result in answer.results:
                entry = entries.get(str(result.op_id))
                if entry is None:
                    continue  # not ours: never settle an op we did not send
                self._settle(entry, result, now)
        # An op the answer left out stays `sending` and goes again with the same batch id.

    def _settle(self, entry: outbox.OutboxEntry, result: OpResult, now: datetime) -> None:
        reason = ((result.reason.code, result.reason.reason_id, result.reason.reason_en)
                  if result.reason else None)
        if result.status in ("applied", "duplicate"):
            outbox.settle(self.db, entry.op_id, "acked", now=now,
                          server_version=result.version, server_status=result.server_status)
            self._record_status(entry.entity, entry.record_id, result.server_status or
                                "received", result.version or 0, now)
            self.hooks.run(self.db, entry.entity, entry.record_id, now)
            self.report.acked += 1
        elif result.status == "rejected":
            outbox.settle(self.db, entry.op_id, "rejected", now=now, reason=reason)
            self.report.rejected += 1
        else:
            copy = result.server_copy
            outbox.settle(self.db, entry.op_id, "conflict", now=now, reason=reason,
                          server_version=copy.version if copy else None,
                          server_status=copy.status if copy else None)
            if copy is not None:  # the server holds the record: its copy stands
                self._record_status(entry.entity, entry.record_id, copy.status,
                                    copy.version, now)
                self.hooks.run(self.db, entry.entity, entry.record_id, now)
            self.report.conflicts += 1

    def _record_status(self, entity: str, record_id: str, status: str, version: int,
                       now: datetime, data: StatusData | None = None) -> None:
        """Keep the server's decision; never go back to an older version."""
        reason = data.reason if data else None
        self.db.execute(
            "INSERT INTO record_status (entity, record_id, status, ak1_number, reason_code, "
            "reason_id, reason_en, server_version, updated_at) VALUES (?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (entity, record_id) DO UPDATE SET status = excluded.status, "
            "ak1_number = excluded.ak1_number, reason_code = excluded.reason_code, "
            "reason_id = excluded.reason_id, reason_en = excluded.reason_en, "
            "server_version = excluded.server_version, updated_at = excluded.updated_at "
            "WHERE excluded.server_version >= COALESCE(record_status.server_version, 0)",
            [entity, record_id, status, data.ak1_number if data else None,
             reason.code if reason else None, reason.reason_id if reason else None,
             reason.reason_en if reason else None, version, self._stamp(now)])

    # -- stage 2: pull -------------------------------------------------------------------
    def pull(self) -> None:
        """Pull pages until `has_more` is false; each page with its cursor in one transaction."""
        while True:
            cursor = self._read("cursor")
            try:
                page = self.client.call("GET", "/sync/pull", PullPage,
                                        params={"cursor": cursor, "limit": self.pull_limit})
            except Refused as exc:
                if exc.status != 410:
                    raise
                log.info("Sync pull: cursor gone (410), starting over")
                with changed(self.db, Changes()):
                    self.db.execute("UPDATE sync_state SET cursor = '', resync = 1, "
                                    "generation = generation + 1 WHERE id = 1")
                continue
            self._apply_page(page)
            self.report.pulled += len(page.changes)
            if not page.has_more:
                return

    def _apply_page(self, page: PullPage) -> None:
        now = self.clock()
        touched = Changes()
        generation = int(self._read("generation"))
        with changed(self.db, Changes(registrations=True)):
            vacancies = [c for c in page.changes if c.entity == "vacancy"]
            if apply_vacancy_changes(self.db, self.catalog, vacancies, generation,
                                     before_first_upsert=self._remove_demo_once):
                touched = touched | Changes(catalog=True)
            for change in page.changes:
                if change.entity != "vacancy":
                    touched = touched | self._apply_change(change, generation, now)
            self.db.execute("UPDATE sync_state SET cursor = ? WHERE id = 1", [page.next_cursor])
            if not page.has_more and int(self._read("resync")):
                touched = touched | self._drop_unseen(generation)
        self.report.changes = self.report.changes | touched

    def _apply_change(self, change: Change, generation: int, now: datetime) -> Changes:
        """A pulled change other than a vacancy (those go by page: apply_vacancy_changes)."""
        if change.entity == "reference":
            return Changes()  # regions and KBJI ship with the kiosk; not stored yet
        if outbox.has_local_work(self.db, change.entity, change.id):
            # Pending local work wins: the resident's unsent edit is never overwritten. The
            # server's view still lands in record_status (it is the server's own).
            log.info("Sync pull: %s %s has local work; record left alone", change.entity,
                     change.id)
        if change.op == "upsert" and change.data is not None:
            try:
                data = StatusData.model_validate(change.data)
            except ValueError:
                log.warning("Sync pull: unreadable status for %s %s", change.entity, change.id)
                return Changes()
            self._record_status(change.entity, change.id, data.status, change.version, now,
                                data)
            return Changes(registrations=True)
        return Changes()

    def _remove_demo_once(self) -> None:
        """A real catalog has arrived: the demo goes (checked once per run, not per page)."""
        if not self._demo_gone:
            if self.catalog.count_demo():
                self.catalog.remove_demo()
            self._demo_gone = True

    def _drop_unseen(self, generation: int) -> Changes:
        gone = self.db.execute("SELECT wire_id, source, source_id FROM central_vacancy WHERE "
                               "generation < ?", [generation]).fetchall()
        for wire_id, source, source_id in gone:
            self.catalog.remove(source, source_id)
            self.db.execute("DELETE FROM central_vacancy WHERE wire_id = ?", [wire_id])
        self.db.execute("UPDATE sync_state SET resync = 0 WHERE id = 1")
        return Changes(catalog=bool(gone))

    # -- stage 3: heartbeat --------------------------------------------------------------
    def heartbeat(self) -> None:
        counts = outbox.counts(self.db)
        last = self._read("last_success_at")
        health = read_health(self.data_dir)
        body = HeartbeatRequest(
            pending_count=counts["pending"] + counts["sending"],
            last_sync_at=datetime.fromisoformat(last) if last else None,
            app_version=APP_VERSION, device_time=self.clock(),
            free_disk_mb=free_disk_mb(self.data_dir),
            speech_ok=health.speech_ok if health else None,
            printer_ok=health.printer_ok if health else None,
            warnings=list(health.warnings) if health else [])
        answer = self.client.call("POST", "/heartbeat", HeartbeatAnswer,
                                  json=body.model_dump(mode="json"))
        self.client.clock_offset_s = answer.clock_offset_seconds

    # -- state ---------------------------------------------------------------------------
    def _stamp(self, now: datetime | None = None) -> str:
        return (now or self.clock()).astimezone(UTC).isoformat(timespec="seconds")

    def _read(self, column: str) -> Any:
        return self.db.execute(f"SELECT {column} FROM sync_state WHERE id = 1").fetchone()[0]

    def _state(self, **values: Any) -> None:
        sets = ", ".join(f"{k} = ?" for k in values)
        with self.db.atomic():
            self.db.execute(f"UPDATE sync_state SET {sets} WHERE id = 1", list(values.values()))
