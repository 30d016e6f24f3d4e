"""Publishing vacancies from files with the kiosk's importer rules, for the vacancies page and
`siker-central publish-vacancies`.

Each file is read by `kiosk.importer.read_vacancies` (the same formats, checks and skip reasons
as `siker-kiosk import-vacancies`) and published in one transaction with its audit entry; the
report is the kiosk's `ImportReport`, so `format_report` prints the same lines. A vacancy's id
on the wire is "<source>:<source_id>", so publishing a file again updates instead of duplicating.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kiosk.i18n import current_language, set_language
from kiosk.importer import ImportReport, SkippedRecord, format_report

# The importer's own loop with positions ("baris 3"), so repeated-id notes read as the kiosk's do.
from kiosk.importer import _read_located as read_located
from kiosk.importer.report import duplicate_note
from kiosk.kbji import KbjiClassifier
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy
from sync.central import vacancies
from sync.central.office import audit
from sync.central.office.ak1 import WIB

# kiosk.i18n's language is process-wide; a report in the page's language is made under this lock.
_LANGUAGE_LOCK = threading.Lock()


def wire_id(vacancy: Vacancy) -> str:
    return f"{vacancy.source}:{vacancy.source_id}"[:200]


def vacancy_to_wire(vacancy: Vacancy) -> dict[str, Any]:
    """The vacancy as the change log carries it: every Vacancy field except the kiosk's local
    row id and the demo flag; dates as ISO 8601 text, enums as their values, tuples as lists."""
    return {
        "id": wire_id(vacancy),
        "source": vacancy.source,
        "source_id": vacancy.source_id,
        "title": vacancy.title,
        "employer": vacancy.employer,
        "location": vacancy.location,
        "description": vacancy.description,
        "date_posted": vacancy.date_posted.isoformat(),
        "valid_through": vacancy.valid_through.isoformat(),
        "valid_through_estimated": vacancy.valid_through_estimated,
        "kecamatan_code": vacancy.kecamatan_code,
        "in_kota_semarang": vacancy.in_kota_semarang,
        "employment_type": vacancy.employment_type.value if vacancy.employment_type else None,
        "salary_min": vacancy.salary_min,
        "salary_max": vacancy.salary_max,
        "salary_unit": vacancy.salary_unit.value,
        "education_min": vacancy.education_min.value if vacancy.education_min else None,
        "experience_years": vacancy.experience_years,
        "experience_months": vacancy.experience_months,
        "skills": list(vacancy.skills),
        "kbji_major_group": vacancy.kbji_major_group,
        "url": vacancy.url,
    }


@dataclass
class _Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    skipped: list[SkippedRecord] = field(default_factory=list)
    file_errors: list[SkippedRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def publish_files(
    engine: sa.Engine,
    files: Iterable[tuple[Path, str]],
    *,
    now: float,
    staff_user_id: int | None,
    staff_username: str,
    regions: RegionTable | None = None,
    today: date | None = None,
) -> ImportReport:
    """Read and publish each (path, name shown in the report) pair; returns the whole report.

    `today` (default: `now`'s date in WIB) is the import's date for the importer's checks and
    for counting already-closed vacancies. A file that cannot be read publishes nothing; a bad
    record is skipped and the rest of its file is published.
    """
    regions = regions or RegionTable.load()
    today = today or datetime.fromtimestamp(now, WIB).date()
    classifier = KbjiClassifier()
    tally = _Tally()
    seen: dict[str, tuple[Path, str]] = {}
    for path, shown in files:
        shown_path = Path(shown)
        items = list(_located(path, shown_path, regions, classifier, tally.notes, today))
        good: list[Vacancy] = []
        for position, item in items:
            if isinstance(item, SkippedRecord):
                (tally.file_errors if item.is_file_error else tally.skipped).append(item)
                continue
            key = wire_id(item)
            if key in seen:
                tally.notes.append(duplicate_note(shown_path, position, item.source_id,
                                                  *seen[key]))
            seen[key] = (shown_path, position)
            good.append(item)
        with engine.begin() as conn:
            counts = _publish(conn, good, today, tally)
            if good:
                audit.record(conn, at=now, staff_user_id=staff_user_id,
                             staff_username=staff_username, action="vacancy.publish",
                             entity="vacancy_file", record_id=shown[:64], detail=counts)
    return ImportReport(
        added=tally.added, updated=tally.updated, unchanged=tally.unchanged,
        skipped=tuple(tally.skipped), notes=tuple(tally.notes),
        file_errors=tuple(tally.file_errors), already_closed=tally.closed,
    )


def report_lines(report: ImportReport, lang: str) -> list[str]:
    """`format_report` in `lang` ("id" or "en"), safe to call from concurrent requests."""
    with _LANGUAGE_LOCK:
        before = current_language()
        set_language(lang)
        try:
            return format_report(report)
        finally:
            set_language(before)


def in_language(lang: str, work: Callable[[], ImportReport]) -> ImportReport:
    """Run `work` (which reads files) with the importer's messages in `lang`."""
    with _LANGUAGE_LOCK:
        before = current_language()
        set_language(lang)
        try:
            return work()
        finally:
            set_language(before)


def _located(
    path: Path, shown: Path, regions: RegionTable, classifier: KbjiClassifier,
    notes: list[str], today: date,
) -> Iterator[tuple[str, Vacancy | SkippedRecord]]:
    """Each item with its position, every path in notes and skips shown as `shown`."""
    real = str(path)

    def note(line: str) -> None:
        notes.append(line.replace(real, str(shown)))

    for position, item in read_located(path, regions, source=None, classifier=classifier,
                                       note=note, today=today):
        if isinstance(item, SkippedRecord):
            item = SkippedRecord(shown, item.position, item.reason.replace(real, str(shown)),
                                 item.kind)
        yield position, item


def _publish(
    conn: sa.Connection, good: list[Vacancy], today: date, tally: _Tally
) -> dict[str, int]:
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    for vacancy in good:
        data = vacancy_to_wire(vacancy)
        before = vacancies.get(conn, data["id"])
        vacancies.publish(conn, data)
        if before is None:
            counts["added"] += 1
        elif before["published"] and before["data"] == data:
            counts["unchanged"] += 1
        else:
            counts["updated"] += 1
        if vacancy.valid_through < today:
            tally.closed += 1
    tally.added += counts["added"]
    tally.updated += counts["updated"]
    tally.unchanged += counts["unchanged"]
    return counts
