"""The services one kiosk runs on, opened together from a data folder."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.db import database_path, open_database
from kiosk.region import RegionTable
from kiosk.search import SearchService
from kiosk.textnorm import Stemmer

log = logging.getLogger(__name__)


@dataclass
class KioskServices:
    """Everything a screen or command needs. Lives in the thread that opened it (SQLite rule)."""

    db: Database
    catalog: VacancyCatalog
    search: SearchService
    regions: RegionTable
    clock: Callable[[], datetime]

    def close(self) -> None:
        self.db.close()


def open_services(
    data_dir: Path, clock: Callable[[], datetime], *, seed_demo: bool = True
) -> KioskServices:
    """Open the kiosk database in `data_dir` and build the services on it.

    On first start (a catalog with no vacancies at all) the demo catalog from assets/ is seeded,
    so the kiosk is useful before its first sync or import.

    Raises:
        OSError: the data folder cannot be created or written.
        sqlite3.DatabaseError: the database file is damaged.
    """
    db = open_database(database_path(data_dir))
    stemmer = Stemmer()
    regions = RegionTable.load()
    catalog = VacancyCatalog(db, clock, stemmer)
    services = KioskServices(
        db=db,
        catalog=catalog,
        search=SearchService(db, clock, stemmer),
        regions=regions,
        clock=clock,
    )
    if seed_demo:
        from kiosk.demo import seed_demo_catalog

        seeded = seed_demo_catalog(catalog, regions, clock)
        if seeded:
            log.info("Seeded %d demo vacancies into an empty catalog", seeded)
    return services
