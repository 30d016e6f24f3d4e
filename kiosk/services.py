"""The services one kiosk runs on, opened together from a data folder.

Screens and commands get these objects, never the database: reads go through `catalog`,
`search` and `regions`; every write is a method here that runs as one transaction and returns
what it changed (kiosk.changes.Changes). All of it lives in the thread that opened it (SQLite's
rule); the Qt side opens it in its db thread and hands it to each task.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog, upsert_in_batches
from kiosk.changes import Changes, ChangeWatcher
from kiosk.db import database_path, open_database
from kiosk.region import RegionTable
from kiosk.search import SearchService
from kiosk.textnorm import Stemmer
from kiosk.vacancy import Vacancy
from kiosk.vault import KEY_FILENAME, Vault, database_is_bound

if TYPE_CHECKING:
    from datetime import date

    from kiosk.importer import ImportReport
    from kiosk.registration.draft import RegistrationDraft
    from kiosk.registration.store import ApplicationResult, Receipt, SubmitResult

log = logging.getLogger(__name__)


class KioskServices:
    """Everything a screen or command may call. Lives in the thread that opened it.

    Attributes:
        catalog: reads vacancies (`count()`, `get(id)`, `code_is_shared(v)`).
        search: `search(query, limit=, offset=)`, `warm_up()`.
        regions: the Kota Semarang region table.
        clock: local time, as given to open_services.
        vault: the key that seals personal data (kiosk/vault.py), or None when opened
            without one (then the registration methods raise RuntimeError).
        registration_min_age: the working-age minimum of the AK1 registration (settings).
    """

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        regions: RegionTable,
        stemmer: Stemmer | None = None,
        vault: Vault | None = None,
        registration_min_age: int = 18,
    ) -> None:
        stemmer = stemmer or Stemmer()
        self._db = db
        self.clock = clock
        self.regions = regions
        self.catalog = VacancyCatalog(db, clock, stemmer)
        self.search = SearchService(db, clock, stemmer, regions=regions)
        self._watcher = ChangeWatcher(db)
        self.vault = vault
        self.registration_min_age = registration_min_age

    def _now(self) -> datetime:
        # The clock is local time; records carry UTC (a naive clock is taken as local).
        return self.clock().astimezone()

    def _vault(self) -> Vault:
        if self.vault is None:
            raise RuntimeError("these services were opened without the personal-data key")
        return self.vault

    def submit_registration(self, draft: RegistrationDraft) -> SubmitResult:
        """Check and save an AK1 registration with its outbox entry, one transaction
        (kiosk.registration.store.submit_registration): `.reference`, `.existing` when the
        NIK was already pending here, `.problems`/`.problem` when refused (nothing written)."""
        from kiosk.registration.store import submit_registration

        now = self._now()
        return submit_registration(self._db, self._vault(), draft, now=now, today=now.date(),
                                   min_age=self.registration_min_age, regions=self.regions)

    def pending_receipt_for_nik(self, nik: str) -> Receipt | None:
        """The receipt of this NIK's registration still pending on this kiosk, or None."""
        from kiosk.registration.store import pending_receipt_for_nik

        return pending_receipt_for_nik(self._db, self._vault(), nik)

    def receipt(self, record_id: str) -> Receipt | None:
        """The receipt (nothing personal) of a registration by id, or None."""
        from kiosk.registration.store import receipt

        return receipt(self._db, record_id)

    def receipt_by_reference(self, reference: str) -> Receipt | None:
        """The receipt for a typed reference ("k7m-4qx-9"), or None."""
        from kiosk.registration.store import receipt_by_reference

        return receipt_by_reference(self._db, reference)

    def queue_application(self, *, vacancy_id: int, reference: str | None = None,
                          nik: str | None = None, birth_date: date | None = None
                          ) -> ApplicationResult:
        """Queue a Lamar with its outbox entry (one transaction), tied to this visit's
        registration `reference` or an AK1 card (`nik`, `birth_date`); `.problem` says why
        not (a demo vacancy, one applied to elsewhere, a bad NIK), nothing written then."""
        from kiosk.registration.store import queue_application

        now = self._now()
        return queue_application(self._db, self._vault(), self.catalog.get(vacancy_id),
                                 reference=reference, nik=nik, birth_date=birth_date, now=now,
                                 today=now.date(), min_age=self.registration_min_age)

    def purge_personal(self, record_id: str) -> bool:
        """Delete the sealed personal data of an acknowledged record (the sync engine)."""
        from kiosk.registration.store import purge_personal

        return purge_personal(self._db, record_id, now=self._now())

    def pending_count(self) -> int:
        """How many operations wait to be sent (pending or in flight), for the indicator."""
        from kiosk import outbox

        counts = outbox.counts(self._db)
        return counts["pending"] + counts["sending"]

    def record_sync_state(self, entity: str, record_id: str) -> dict[str, str | None]:
        """Where a resident's record stands, for the receipt and status screens:
        {"state": "waiting" ("menunggu dikirim") | "received" ("sudah diterima Disnaker") |
        "refused" (the kiosk could not send it; staff see why) | "unknown",
        "decision": None | "verified" | "ak1_issued" | "rejected", "ak1_number", "reason_id",
        "reason_en"} (the decision as pulled from the central server)."""
        from kiosk import outbox

        state = outbox.record_state(self._db, entity, record_id)
        row = self._db.execute(
            "SELECT status, ak1_number, reason_id, reason_en FROM record_status "
            "WHERE entity = ? AND record_id = ?", [entity, str(record_id)]).fetchone()
        if state in ("pending", "sending"):
            shown = "waiting"
        elif state in ("acked", "conflict") or row is not None:
            shown = "received"
        elif state == "rejected":
            shown = "refused"
        else:
            shown = "unknown"
        decision = row[0] if row is not None and row[0] != "received" else None
        return {"state": shown, "decision": decision,
                "ak1_number": row[1] if row else None, "reason_id": row[2] if row else None,
                "reason_en": row[3] if row else None}

    def poll_changes(self) -> Changes:
        """What changed in the database since the last poll, by this process or another one (a
        CLI import while the kiosk runs, later the sync engine). Cheap when nothing did."""
        return self._watcher.poll()

    def import_files(self, paths: Iterable[Path], *, source: str | None = None,
                     stop: Callable[[], bool] | None = None) -> ImportReport:
        """Import vacancy files (kiosk.importer.import_files): every 500 vacancies one
        transaction; `report.changes` says what changed, `report.write_error` why it stopped;
        `stop` is asked between batches (`report.interrupted`)."""
        from kiosk.importer import import_files  # ~20 ms of imports the kiosk's start skips

        return import_files(paths, self.catalog, self.regions, source=source, stop=stop)

    def store_vacancies(self, vacancies: Iterable[Vacancy]) -> Changes:
        """Add or update vacancies (matched on source and source id), 500 per transaction.

        Returns:
            Changes(catalog=True) when any vacancy was added or changed, else Changes().
        """
        counts = upsert_in_batches(self.catalog, vacancies)
        return Changes(catalog=bool(counts.added or counts.updated))

    def seed_demo(self) -> Changes:
        """Seed the demo catalog into an empty catalog (kiosk.demo.seed_demo_catalog), as one
        transaction. Returns Changes(catalog=True) when it seeded anything."""
        if self.catalog.count(include_expired=True) > 0:
            return Changes()  # the usual start: no need to load the importer at all
        from kiosk.demo import seed_demo_catalog

        seeded = seed_demo_catalog(self.catalog, self.regions, self.clock)
        if seeded:
            log.info("Seeded %d demo vacancies into an empty catalog", seeded)
        return Changes(catalog=seeded > 0)

    def close(self) -> None:
        self._db.close()


def open_vault(db: Database, data_dir: Path, key_file: Path | None = None) -> Vault:
    """The personal-data key for `db`: `key_file` (default `data_dir`/kiosk.key), created
    (mode 0600) only while the database holds no sealed data (no registration, application or
    outbox payload), then bound to the database.

    Raises:
        VaultError: "missing" (the database holds sealed data and the key file is gone),
            "damaged", "permission", "wrong_key" (another kiosk's key). Never silent.
    """
    path = key_file or Path(data_dir) / KEY_FILENAME
    if database_is_bound(db) and not _holds_sealed_data(db):
        # Bound once but nothing sealed yet (no registration made): a new or other key loses
        # nothing, so take it rather than refuse to start.
        with db.atomic():
            db.execute("DELETE FROM vault_key")
    vault = Vault.open(path, create=not database_is_bound(db))
    vault.bind(db)
    return vault


def _holds_sealed_data(db: Database) -> bool:
    return any(db.execute(sql).fetchone() for sql in (
        "SELECT 1 FROM outbox WHERE payload IS NOT NULL LIMIT 1",
        "SELECT 1 FROM registration WHERE personal IS NOT NULL LIMIT 1",
        "SELECT 1 FROM application WHERE personal IS NOT NULL LIMIT 1"))


def open_services(
    data_dir: Path, clock: Callable[[], datetime], *, seed_demo: bool = True,
    key_file: Path | None = None, registration_min_age: int = 18,
) -> KioskServices:
    """Open the kiosk database in `data_dir` and build the services on it.

    On first start (a catalog with no vacancies at all) the demo catalog from assets/ is seeded,
    so the kiosk is useful before its first sync or import. Opening reads no vacancy: it takes
    well under a second at 100,000 vacancies (docs/performance.md); call `search.warm_up()`
    afterwards, in the same thread, before residents type.

    Raises:
        OSError: the data folder cannot be created or written.
        sqlite3.Error: the database cannot be opened, written or is damaged
            (kiosk.storage.describe_storage_error tells staff which).
        VaultError: the personal-data key is missing, damaged or not this database's
            (`staff_message()` says what to do; nothing is deleted or re-keyed).
    """
    db = open_database(database_path(data_dir))
    try:
        vault = open_vault(db, data_dir, key_file)
        services = KioskServices(db, clock, RegionTable.load(), vault=vault,
                                 registration_min_age=registration_min_age)
        if seed_demo:
            services.seed_demo()
            # Changes are counted from here: the seeding is part of opening, not news.
            services._watcher = ChangeWatcher(db)
    except BaseException:
        db.close()
        raise
    return services
