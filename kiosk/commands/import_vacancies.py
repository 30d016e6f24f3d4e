"""`siker-kiosk import-vacancies`: read vacancy files into the catalog and print the report."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.catalog import VacancyCatalog
from kiosk.db import database_path, open_database
from kiosk.importer import format_report, import_files
from kiosk.region import RegionTable
from kiosk.settings import Settings


def import_vacancies(settings: Settings, files: list[Path], *, source: str | None = None) -> int:
    """`siker-kiosk import-vacancies FILE...`: import into the catalog in `settings.data_dir`.

    Prints the report (counts first, then one line per unreadable file, note and skipped
    record, and a summary by reason after a long skip list) to stdout in the current language.
    `source` overrides every record's source name (folded: "Loker ID / Bursa" ->
    "loker-id-bursa").

    Returns:
        The exit status: 0 when every file was read and every record in them imported; 1 when
        any record was skipped or any file could not be read. The other records and files are
        imported either way, so 1 means "look at the report", not "nothing happened".
    """
    db = open_database(database_path(settings.data_dir))
    try:
        catalog = VacancyCatalog(db, datetime.now)
        report = import_files(files, catalog, RegionTable.load(), source=source)
    finally:
        db.close()
    for line in format_report(report):
        print(line)
    return 0 if report.complete else 1
