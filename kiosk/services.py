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

if TYPE_CHECKING:
    from kiosk.importer import ImportReport

log = logging.getLogger(__name__)


class KioskServices:
    """Everything a screen or command may call. Lives in the thread that opened it.

    Attributes:
        catalog: reads vacancies (`count()`, `get(id)`, `code_is_shared(v)`).
        search: `search(query, limit=, offset=)`, `warm_up()`.
        regions: the Kota Semarang region table.
        clock: local time, as given to open_services.
    """

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        regions: RegionTable,
        stemmer: Stemmer | None = None,
    ) -> None:
        stemmer = stemmer or Stemmer()
        self._db = db
        self.clock = clock
        self.regions = regions
        self.catalog = VacancyCatalog(db, clock, stemmer)
        self.search = SearchService(db, clock, stemmer, regions=regions)
        self._watcher = ChangeWatcher(db)

    def poll_changes(self) -> Changes:
        """What changed in the database since the last poll, by this process or another one (a
        CLI import while the kiosk runs, later the sync engine). Cheap when nothing did."""
        return self._watcher.poll()

    def import_files(self, paths: Iterable[Path], *, source: str | None = None) -> ImportReport:
        """Import vacancy files (kiosk.importer.import_files): every 500 vacancies one
        transaction; `report.changes` says what changed, `report.write_error` why it stopped."""
        from kiosk.importer import import_files  # ~20 ms of imports the kiosk's start skips

        return import_files(paths, self.catalog, self.regions, source=source)

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


def open_services(
    data_dir: Path, clock: Callable[[], datetime], *, seed_demo: bool = True
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
    """
    db = open_database(database_path(data_dir))
    try:
        services = KioskServices(db, clock, RegionTable.load())
        if seed_demo:
            services.seed_demo()
            # Changes are counted from here: the seeding is part of opening, not news.
            services._watcher = ChangeWatcher(db)
    except BaseException:
        db.close()
        raise
    return services
