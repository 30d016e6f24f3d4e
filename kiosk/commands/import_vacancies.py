"""`siker-kiosk import-vacancies`: read vacancy files into the catalog and print the report."""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from kiosk.commands.interrupt import stop_on_signals
from kiosk.i18n import _
from kiosk.importer import format_report
from kiosk.services import open_services
from kiosk.settings import Settings
from kiosk.storage import describe_storage_error


def import_vacancies(settings: Settings, files: list[Path], *, source: str | None = None) -> int:
    """`siker-kiosk import-vacancies FILE...`: import into the catalog in `settings.data_dir`.

    Prints the report (counts first, then one line per unreadable file, note and skipped
    record, and a summary by reason after a long skip list) to stdout in the current language.
    `source` overrides every record's source name (folded: "Loker ID / Bursa" ->
    "loker-id-bursa"). When writing fails part-way (a full disk, a read-only folder), the counts
    of what was committed are printed all the same, then the storage problem on stderr.

    Returns:
        The exit status: 0 when every file was read and every record in them imported; 1 when
        any record was skipped, any file could not be read or the writing stopped. The other
        records and files are imported either way, so 1 means "look at the report", not
        "nothing happened". 130 (Ctrl-C) or 143 (SIGTERM) when a signal stopped it after the
        batch in flight (kiosk.commands.interrupt): the report counts what was stored.
    """
    services = open_services(settings.data_dir, datetime.now, seed_demo=False)
    try:
        with stop_on_signals() as stop:
            report = services.import_files(files, source=source, stop=stop.requested)
    finally:
        services.close()
    for line in format_report(report):
        print(line)
    if report.write_error is not None:
        problem = describe_storage_error(report.write_error, settings.data_dir)
        print(problem.staff_message(), file=sys.stderr)
    if report.interrupted:
        print(_("Stopped. The vacancies counted above are saved; the rest was not imported: "
                "run the same import again to finish it."), file=sys.stderr)
        return stop.exit_code or 130
    return 0 if report.complete else 1
