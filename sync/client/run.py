"""Opening a kiosk data folder for one sync, enrolling, and the status staff see (no Qt).

    report = sync_once(data_dir, ClientConfig(url))   # SyncReport
    enroll(data_dir, "ABCD-EFGH-JKMN", ClientConfig(url))
    status(data_dir)                                  # dict for `siker-kiosk status --json`
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk import outbox
from kiosk.catalog import VacancyCatalog
from kiosk.db import database_path, open_database
from kiosk.health import read_health
from kiosk.services import open_vault
from kiosk.storage import lost_database_warning
from sync.client import credentials
from sync.client.config import ClientConfig
from sync.client.engine import APP_VERSION, SyncEngine, SyncReport
from sync.client.hooks import AckHooks, default_hooks
from sync.client.http import CentralClient
from sync.protocol import EnrollAnswer

CLOCK_WARNING_S = 300  # SYNC.md: an offset over 5 minutes is shown to staff


class NotEnrolled(Exception):
    """The kiosk has no device credential yet (siker-kiosk enroll)."""


def enroll(data_dir: Path, code: str, config: ClientConfig, *,
           on_retry: Callable[[int, float], None] | None = None
           ) -> credentials.DeviceCredential:
    """Trade a one-time code for the device credential and store it (0600). `on_retry` is
    CentralClient's (told before each wait between attempts).

    Raises: sync.client.http.Refused (403: code unknown/used/expired), Offline.
    """
    client = CentralClient(config, on_retry=on_retry)
    try:
        answer = client.call("POST", "/enroll", EnrollAnswer,
                             json={"code": code, "app_version": APP_VERSION})
    finally:
        client.close()
    credential = credentials.DeviceCredential(str(answer.device_id), answer.token,
                                              config.central_url, answer.name)
    credentials.save(data_dir, credential)
    return credential


def sync_once(data_dir: Path, config: ClientConfig | None = None, *,
              hooks: AckHooks | None = None,
              clock: Callable[[], datetime] | None = None,
              on_retry: Callable[[int, float], None] | None = None) -> SyncReport:
    """One whole sync of the kiosk in `data_dir` (opens and closes its own connection, so it
    runs in any thread). `config` defaults to the enrolled server's URL; `clock` (UTC, aware)
    is the device clock, injectable because a kiosk's clock may be days off (SYNC.md fault 9).
    `on_retry` is CentralClient's: None (the background sync) keeps it quiet.

    Raises: NotEnrolled; VaultError (the key file); sqlite3.Error.
    """
    credential = credentials.load(data_dir)
    if credential is None:
        raise NotEnrolled(str(data_dir))
    config = config or ClientConfig(credential.central_url)
    db = open_database(database_path(data_dir))
    clock = clock or (lambda: datetime.now(UTC))
    client = CentralClient(config, credential.token, now=clock, on_retry=on_retry)
    try:
        vault = open_vault(db, data_dir)
        engine = SyncEngine(db, vault, client, credential.device_id, data_dir,
                            hooks or default_hooks(),
                            VacancyCatalog(db, lambda: datetime.now().astimezone()), clock=clock)
        return engine.run()
    finally:
        client.close()
        db.close()


def status(data_dir: Path) -> dict[str, Any]:
    """What staff see: counts per outbox state, rejected entries with reasons, last sync,
    clock offset, catalog size (`catalog_size` stored, `catalog_open` shown to residents
    today), enrollment, warnings (plain JSON-able data)."""
    credential = credentials.load(data_dir)
    db = open_database(database_path(data_dir))
    try:
        counts = outbox.counts(db)
        row = db.execute("SELECT last_attempt_at, last_success_at, last_result, last_problem,"
                         " clock_offset_s, revoked FROM sync_state WHERE id = 1").fetchone()
        rejected = [{"op_id": e.op_id, "entity": e.entity, "record_id": e.record_id,
                     "reason_code": e.reason_code, "reason_id": e.reason_id,
                     "reason_en": e.reason_en}
                    for e in outbox.entries(db, states=("rejected", "conflict"))]
        catalog = int(db.execute("SELECT count(*) FROM vacancy").fetchone()[0])
        # What residents see today: the closed ones stay stored but are not shown.
        catalog_open = VacancyCatalog(db, datetime.now).count()
        central = int(db.execute("SELECT count(*) FROM central_vacancy").fetchone()[0])
    finally:
        db.close()
    warnings = []
    lost = lost_database_warning(data_dir)
    if lost:
        warnings.append(lost)
    if credential is None:
        warnings.append("Kios belum terdaftar di server pusat. / The kiosk is not enrolled.")
    if row[5]:
        warnings.append("Kios dicabut oleh server pusat; antrean disimpan. / The kiosk was "
                        "revoked by the central server; the queue is kept.")
    if row[4] is not None and abs(row[4]) > CLOCK_WARNING_S:
        warnings.append(f"Jam kios berbeda {row[4]:+.0f} detik dari server. / The kiosk clock "
                        f"is {row[4]:+.0f} s off the server's.")
    health = read_health(data_dir)
    if health is not None and health.speech_ok is False:
        warnings.append("Suara kios tidak berfungsi; lihat log kios. / The kiosk's voice is "
                        "not working; see the kiosk's log.")
    if counts["rejected"]:
        warnings.append(f"{counts['rejected']} data ditolak server; lihat alasannya. / "
                        f"{counts['rejected']} records were refused; see the reasons.")
    return {
        "enrolled": credential is not None,
        "device_id": credential.device_id if credential else None,
        "central_url": credential.central_url if credential else None,
        "pending": counts["pending"] + counts["sending"], "sent": counts["acked"],
        "rejected": rejected, "counts": counts,
        "last_attempt_at": row[0], "last_sync_at": row[1], "last_result": row[2],
        "last_problem": row[3], "clock_offset_s": row[4], "revoked": bool(row[5]),
        "catalog_size": catalog, "catalog_open": catalog_open, "central_vacancies": central,
        "warnings": warnings,
    }
