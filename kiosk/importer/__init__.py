"""Importing vacancies from files: schema.org JobPosting JSON / JSON-LD, job-board JSON Lines, CSV.

`read_vacancies` streams one file; `import_files` stores what it reads in the catalog and says
what happened. Field rules live in record.py, fields.py, amounts.py and education.py; formats in
document.py, jobposting.py, jobboard.py, jsonlines.py and csvfile.py.
"""
from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from kiosk.catalog import UpsertCounts, VacancyCatalog, upsert_in_batches
from kiosk.catalog_batches import WriteStopped
from kiosk.changes import Changes
from kiosk.i18n import _
from kiosk.importer.amounts import MIN_MONTHLY_SALARY_IDR
from kiosk.importer.context import ReadContext, source_name
from kiosk.importer.csvfile import read_csv
from kiosk.importer.document import LooksLikeJsonLines, read_document
from kiosk.importer.files import FileError, probe
from kiosk.importer.jsonlines import read_json_lines
from kiosk.importer.record import (
    ESTIMATED_VALIDITY_DAYS,
    MAX_DESCRIPTION_CHARS,
    MAX_FUTURE_POSTING_DAYS,
    MAX_VALIDITY_DAYS,
)
from kiosk.importer.report import (
    SKIP_KINDS,
    ImportReport,
    SkippedRecord,
    demo_kept_note,
    demo_removed_note,
    duplicate_note,
    format_report,
)
from kiosk.kbji import KbjiClassifier
from kiosk.places import names_no_place, no_place_note
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy
from kiosk.vocabulary import refresh_index_words

__all__ = [
    "ESTIMATED_VALIDITY_DAYS",
    "MAX_DESCRIPTION_CHARS",
    "MAX_FUTURE_POSTING_DAYS",
    "MAX_VALIDITY_DAYS",
    "MIN_MONTHLY_SALARY_IDR",
    "SKIP_KINDS",
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
    today: date | None = None,
) -> Iterator[Vacancy | SkippedRecord]:
    """Each record of one file, in file order, as a Vacancy or a SkippedRecord.

    The format comes from the file name (.json/.jsonld, .jsonl/.ndjson, .csv/.tsv/.txt) or,
    failing that, from its first character. A problem with the whole file (missing, a folder,
    not a regular file, empty, not JSON, wrong encoding, no title column) is yielded as a
    SkippedRecord whose `position` is "" (`is_file_error`); nothing else follows it unless the
    file broke off midway.

    Args:
        source: the source name to store on every record instead of the file's own
            ("lokerid" for job-board records, a JSON document's "source", a CSV "source"
            column, else "jobposting" / "csv"); folded like those ("Loker ID / Bursa" ->
            "loker-id-bursa"). One with no letter or digit is ignored, with a note.
        classifier: a shared KBJI classifier, so its table is read once per import.
        on_note: called with a localised line about the file that is not a problem, such as
            "read as Windows-1252", or about a record that was imported with a change.
        today: the import's date; records posted more than MAX_FUTURE_POSTING_DAYS after it
            are skipped. None: no such check (the demo catalog, whose dates are shifted later).
    """
    for _position, item in _read_located(
        Path(path), regions, source=source, classifier=classifier or KbjiClassifier(),
        note=on_note or (lambda _line: None), today=today,
    ):
        yield item


def _read_located(
    path: Path,
    regions: RegionTable,
    *,
    source: str | None,
    classifier: KbjiClassifier,
    note: Callable[[str], None],
    today: date | None,
) -> Iterator[tuple[str, Vacancy | SkippedRecord]]:
    """read_vacancies with each item's position in the file ("baris 3", "" for a file error)."""
    folded = _caller_source(source, note)
    ctx = ReadContext(path=path, regions=regions, classifier=classifier, source=folded,
                      note=note, today=today)
    for item in _read(ctx):
        yield (ctx.position if isinstance(item, Vacancy) else item.position), item


def _caller_source(source: str | None, note: Callable[[str], None]) -> str | None:
    if source is None:
        return None
    folded = source_name(source, "")
    if not folded:
        note(_("The source name “{name}” has no letter or digit, so each file's own source "
               "name is used.").format(name=_as_typed(source)))
    return folded or None


def _as_typed(text: str, limit: int = 40) -> str:
    """`text` as staff typed it, for quoting back: only control characters (a stray newline)
    taken out and a long one cut. Not `shorten`, which spells emoji out in words: quoting
    "(api)(api)" for a typed "🔥🔥" would send staff looking for the wrong thing."""
    kept = (c for c in text if unicodedata.category(c) not in ("Cc", "Zl", "Zp"))
    shown = "".join(kept).strip()
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _read(ctx: ReadContext) -> Iterator[Vacancy | SkippedRecord]:
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
    stop: Callable[[], bool] | None = None,
) -> ImportReport:
    """Read every file and add or update its vacancies in the catalog.

    Records are matched on (source, source_id), so importing a file again updates it instead of
    duplicating; within one run a repeated id replaces the earlier record (the last one wins)
    and gets a note. Files stream through `kiosk.catalog.upsert_in_batches`: every 500
    vacancies are one transaction with their change mark; a bad record or a bad file is
    reported and the rest still imports. The catalog's clock gives the import's today for the
    plausibility checks and `already_closed`. The catalog's demo vacancies (they only stand in
    until a real catalog is loaded) are removed in the same transaction as the first batch that
    holds a vacancy still open today, with a note, so residents never see demo and real
    vacancies side by side, even when the run is stopped after that batch. A run whose stored
    vacancies have all closed keeps the demo and says so (`demo_kept`): otherwise the kiosk
    would show residents nothing at all.

    `stop` is asked after each committed batch and before each file: when it answers True (the
    import command got SIGTERM or Ctrl-C) the run ends there with `interrupted` set; every
    committed batch stays whole and is counted, the batch prepared ahead is not stored.

    A database error while writing (a full disk, a read-only data folder, a damaged file) stops
    the run: the report then holds it as `write_error` and counts what was committed before.
    """
    classifier = KbjiClassifier()
    today = catalog.today()
    skipped: list[SkippedRecord] = []
    file_errors: list[SkippedRecord] = []
    notes: list[str] = []
    seen: dict[tuple[str, str], tuple[Path, str]] = {}
    # Closed and open vacancies in the committed batches only: a batch lost to a full disk is
    # not counted.
    stored = {"closed": 0, "open": 0, "no_place": 0}

    def vacancies(
        path: Path, items: Iterable[tuple[str, Vacancy | SkippedRecord]]
    ) -> Iterator[Vacancy]:
        for position, item in items:
            if isinstance(item, SkippedRecord):
                (file_errors if item.is_file_error else skipped).append(item)
                continue
            key = (item.source, item.source_id)
            if key in seen:
                notes.append(duplicate_note(path, position, item.source_id, *seen[key]))
            seen[key] = (path, position)
            yield item

    caller_source = _caller_source(source, notes.append)
    demo_kept = False
    write_error: sqlite3.Error | None = None
    committed = [UpsertCounts()]  # what the batches committed so far, also when one fails

    demo_gone = [0]  # demo vacancies deleted with a committed batch
    stopping = stop or (lambda: False)
    interrupted = False

    def on_batch(counts: UpsertCounts, batch: list[Vacancy]) -> None:
        committed[0] += counts
        for vacancy in batch:
            stored["closed" if vacancy.valid_through < today else "open"] += 1
            stored["no_place"] += names_no_place(vacancy.location, vacancy.kecamatan_code,
                                                 vacancy.in_kota_semarang)

    def remove_demo_with(batch: list[Vacancy]) -> None:
        # Inside the batch's transaction: the demo goes exactly when the first vacancy
        # residents can see arrives, and comes back if that batch is rolled back.
        if stored["open"] or not any(v.valid_through >= today for v in batch):
            return
        demo_gone[0] = catalog.remove_demo()

    try:
        for path in map(Path, paths):
            if stopping():
                interrupted = True
                break
            items = _read_located(path, regions, source=caller_source, classifier=classifier,
                                  note=notes.append, today=today)
            try:
                upsert_in_batches(catalog, vacancies(path, items), on_batch=on_batch,
                                  within=remove_demo_with, stop=stopping)
            except WriteStopped:
                interrupted = True
                break
        demo_kept = bool(stored["closed"] and not stored["open"] and catalog.count_demo())
        if committed[0].added or committed[0].updated:
            # The kiosk reads this copy of the index's words at its next search or start.
            refresh_index_words(catalog.database)
    except sqlite3.Error as exc:
        write_error = exc
    # Only a committed batch counts: one rolled back took its demo removal with it.
    removed = demo_gone[0] if stored["open"] else 0
    counts = committed[0]
    if removed:
        notes.append(demo_removed_note(removed))
    if demo_kept:
        notes.append(demo_kept_note())
    if stored["no_place"]:  # shown as "lokasi tidak disebut", not as outside Jawa Tengah
        notes.append(no_place_note(stored["no_place"]))
    return ImportReport(
        added=counts.added,
        updated=counts.updated,
        unchanged=counts.unchanged,
        skipped=tuple(skipped),
        notes=tuple(notes),
        file_errors=tuple(file_errors),
        already_closed=stored["closed"],
        demo_removed=removed,
        demo_kept=demo_kept,
        changes=Changes(catalog=bool(counts.added or counts.updated or removed)),
        write_error=write_error,
        interrupted=interrupted,
    )
