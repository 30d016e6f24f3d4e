"""Importing vacancies from files: schema.org JobPosting JSON / JSON-LD, job-board JSON Lines, CSV.

`read_vacancies` streams one file; `import_files` stores what it reads in the catalog and says
what happened. Field rules live in record.py, fields.py and education.py; formats in
jobposting.py, jobboard.py, jsonlines.py and csvfile.py.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kiosk.catalog import UpsertCounts, VacancyCatalog
from kiosk.importer.context import ReadContext
from kiosk.importer.csvfile import read_csv
from kiosk.importer.files import FileError, probe
from kiosk.importer.jobposting import LooksLikeJsonLines, read_document
from kiosk.importer.jsonlines import read_json_lines
from kiosk.importer.record import ESTIMATED_VALIDITY_DAYS, MAX_DESCRIPTION_CHARS
from kiosk.importer.report import ImportReport, SkippedRecord, format_report
from kiosk.kbji import KbjiClassifier
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy

__all__ = [
    "ESTIMATED_VALIDITY_DAYS",
    "MAX_DESCRIPTION_CHARS",
    "ImportReport",
    "SkippedRecord",
    "format_report",
    "import_files",
    "read_vacancies",
]


def read_vacancies(
    path: Path,
    regions: RegionTable,
    *,
    source: str | None = None,
    classifier: KbjiClassifier | None = None,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[Vacancy | SkippedRecord]:
    """Each record of one file, in file order, as a Vacancy or a SkippedRecord.

    The format comes from the file name (.json/.jsonld, .jsonl/.ndjson, .csv/.tsv/.txt) or,
    failing that, from its first character. A problem with the whole file (missing, a folder,
    empty, not JSON, wrong encoding, no title column) is yielded as a SkippedRecord whose
    `position` is "" (`is_file_error`); nothing else follows it unless the file broke off midway.

    Args:
        source: the source name to store on every record instead of the file's own
            ("lokerid" for job-board records, a JSON document's "source", a CSV "source"
            column, else "jobposting" / "csv").
        classifier: a shared KBJI classifier, so its table is read once per import.
        on_note: called with a localised line about the file that is not a problem, such as
            "read as Windows-1252".
    """
    ctx = ReadContext(
        path=Path(path),
        regions=regions,
        classifier=classifier or KbjiClassifier(),
        source=source,
        note=on_note or (lambda _line: None),
    )
    try:
        kind, encoding = probe(ctx.path)
    except FileError as exc:
        yield ctx.file_error(exc.reason)
        return
    if kind == "csv":
        yield from read_csv(ctx.path, encoding, ctx)
    elif kind == "jsonl":
        yield from read_json_lines(ctx.path, encoding, ctx)
    else:
        try:
            yield from read_document(ctx.path, encoding, ctx)
        except LooksLikeJsonLines:
            yield from read_json_lines(ctx.path, encoding, ctx)


def import_files(
    paths: Iterable[Path],
    catalog: VacancyCatalog,
    regions: RegionTable,
    *,
    source: str | None = None,
) -> ImportReport:
    """Read every file and add or update its vacancies in the catalog.

    Records are matched on (source, source_id), so importing a file again updates it instead of
    duplicating. Files stream through `catalog.upsert_many`, which writes in transactions of
    500; a bad record or a bad file is reported and the rest still imports.
    """
    classifier = KbjiClassifier()
    counts = UpsertCounts()
    skipped: list[SkippedRecord] = []
    file_errors: list[SkippedRecord] = []
    notes: list[str] = []

    def vacancies(items: Iterable[Vacancy | SkippedRecord]) -> Iterator[Vacancy]:
        for item in items:
            if isinstance(item, Vacancy):
                yield item
            elif item.is_file_error:
                file_errors.append(item)
            else:
                skipped.append(item)

    for path in paths:
        items = read_vacancies(
            Path(path), regions, source=source, classifier=classifier, on_note=notes.append
        )
        counts += catalog.upsert_many(vacancies(items))
    return ImportReport(
        added=counts.added,
        updated=counts.updated,
        unchanged=counts.unchanged,
        skipped=tuple(skipped),
        notes=tuple(notes),
        file_errors=tuple(file_errors),
    )
