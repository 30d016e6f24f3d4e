"""What an import did: skipped records, file errors, notes, and the lines that tell staff."""
from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_decimal

from kiosk.changes import Changes
from kiosk.formatting import babel_locale
from kiosk.i18n import N_, _, ngettext

SUMMARY_AFTER_SKIPS = 5
"""A report with more skipped records than this ends with a count per kind of reason."""

SKIP_KINDS: dict[str, str] = {
    "not_text": N_("a field is not text"),
    "too_long": N_("a field is too long"),
    "bad_date": N_("a date could not be read"),
    "bad_kbji": N_("not a KBJI 2014 code"),
    "not_a_number": N_("a number could not be read"),
    "negative_number": N_("a negative number"),
    "number_too_large": N_("a number is too large"),
    "salary_too_high": N_("salary above Rp 100 million a month"),
    "salary_too_low": N_("salary too small for a month's pay"),
    "unknown_salary_period": N_("unknown salary period"),
    "foreign_currency": N_("salary not in rupiah"),
    "salary_min_above_max": N_("lowest salary above the highest"),
    "range_and_other_figure": N_("salary range in one field while the other is filled"),
    "unknown_education": N_("unknown school level"),
    "no_title": N_("no job title"),
    "no_employer": N_("no employer"),
    "no_date_posted": N_("no posting date"),
    "posted_in_future": N_("posting date in the future"),
    "closes_before_posted": N_("closing date before the posting date"),
    "description_too_long": N_("description too long"),
    "unreadable_record": N_("record could not be read"),
    "too_long_to_read": N_("line or row too long to read"),
    "not_utf8": N_("line not in UTF-8"),
    "invalid_json": N_("not valid JSON"),
    "not_a_job_record": N_("not a job record"),
    "not_a_job_posting": N_("not a JobPosting"),
    "unclosed_quote": N_("quotation mark never closed"),
    "cell_too_long": N_("cell too long"),
}
"""Kind key of a skip reason -> its short label (an English msgid) for the summary.

A kind stands for one reason template, whatever values fill it: "“Min Salary” is not a number:
abc" and "“gaji_max” is not a number: x" are both "not_a_number".
"""


@dataclass(frozen=True)
class SkippedRecord:
    """One record (or, with `position == ""`, one whole file) that was not imported.

    `position` and `reason` are already in the language that was current when the file was
    read: position like "baris 12" / "line 12" (JSON Lines), "baris 3" / "row 3" (CSV, the
    header is row 1) or "data ke-2" / "record 2" (JSON); reason says what is wrong and what to fix.
    `kind` is a SKIP_KINDS key naming the reason's template ("" for a file error or when unknown).
    """

    file: Path
    position: str
    reason: str
    kind: str = ""

    @property
    def is_file_error(self) -> bool:
        """True when the whole file could not be read (no position inside it)."""
        return self.position == ""


@dataclass(frozen=True)
class ImportReport:
    """Counts and problems of one `import_files` run.

    `added + updated + unchanged + len(skipped)` is the number of records read from the files
    that could be opened; `file_errors` lists the files that could not be read at all. A record
    whose id came earlier in the same run replaces that one and counts as updated or unchanged
    (a note says so). `already_closed` counts the imported vacancies whose closing date was
    before the catalog's today: stored, but hidden from residents. `demo_removed` is how many
    demo vacancies the run deleted because real ones arrived; `demo_kept` is True when the run
    stored only vacancies that had already closed, so the demo stayed. `changes` says what the run
    changed (kiosk.changes), for screens that show the catalog. `write_error` is the database
    error that stopped the run early (a full disk, a read-only folder: describe it with
    kiosk.storage.describe_storage_error); the counts then cover the batches committed before
    it, each of which is whole, and the batch in flight is not stored. `interrupted` is True
    when a signal stopped the run after a committed batch (the counts say what was stored).
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: tuple[SkippedRecord, ...] = ()
    notes: tuple[str, ...] = ()
    file_errors: tuple[SkippedRecord, ...] = ()
    already_closed: int = 0
    demo_removed: int = 0
    demo_kept: bool = False
    changes: Changes = Changes()
    write_error: sqlite3.Error | None = None
    interrupted: bool = False

    @property
    def complete(self) -> bool:
        """True when every file was read and every record in them imported."""
        return (not self.skipped and not self.file_errors and self.write_error is None
                and not self.interrupted)


def line_position(number: int) -> str:
    """ "line 12" for a JSON Lines file, in the current language."""
    return _("line {number}").format(number=number)


def row_position(number: int) -> str:
    """ "row 3" for a CSV file (the header is row 1, as a spreadsheet numbers it)."""
    return _("row {number}").format(number=number)


def record_position(number: int) -> str:
    """ "record 2" for the n-th job posting (from 1) in a JSON document."""
    return _("record {number}").format(number=number)


def duplicate_note(
    file: Path, position: str, source_id: str, first_file: Path, first_position: str
) -> str:
    """The note for a record whose (source, source_id) already came earlier in the same run.

    `first_*` say where it came first; the file is named only when it is another one. An id
    the importer derived from title, employer and date ("h:...") is not shown, as it means
    nothing to staff.
    """
    first = first_position if first_file == file else f"{first_file}, {first_position}"
    if source_id.startswith("h:"):
        text = _("The same vacancy (same title, employer and posting date) already appeared at "
                 "{first}; the last one is used.").format(first=first)
    else:
        text = _("Vacancy code {id} already appeared at {first}; the last one is used.").format(
            id=source_id, first=first)
    return f"{file}, {position}: {text}"


def demo_removed_note(n: int) -> str:
    """The note for the demo vacancies an import removed."""
    return ngettext(
        "{n} demo vacancy was removed because a real catalog has been loaded.",
        "{n} demo vacancies were removed because a real catalog has been loaded.", n,
    ).format(n=_count(n))


def demo_kept_note() -> str:
    """The note for an import whose vacancies had all closed: the demo stays on the kiosk."""
    return _("Every imported vacancy is past its closing date, so none of them is shown to "
             "residents. The demo vacancies stay on screen until open vacancies are imported, "
             "so that the kiosk does not stand empty.")


def _count(n: int) -> str:
    return format_decimal(n, format="#,##0", locale=babel_locale())


def format_report(report: ImportReport) -> list[str]:
    """The report as lines to print, in the current language.

    The first line gives the counts, the next how many of the imported vacancies had already
    closed (when any); then one line per file that could not be read, one per note (encoding
    guesses, repeated ids, demo removal), one per skipped record as "file, position: reason",
    and, after more than SUMMARY_AFTER_SKIPS skips, one line per kind of reason, most frequent
    first.
    """
    lines = [
        _("Import finished: {added} new, {updated} updated, {unchanged} unchanged, "
          "{skipped} skipped.").format(
            added=_count(report.added),
            updated=_count(report.updated),
            unchanged=_count(report.unchanged),
            skipped=_count(len(report.skipped)),
        )
    ]
    if report.already_closed:
        n = report.already_closed
        lines.append(ngettext(
            "{n} of them is past its closing date, so the kiosk does not show it.",
            "{n} of them are past their closing date, so the kiosk does not show them.", n,
        ).format(n=_count(n)))
    if report.file_errors:
        n = len(report.file_errors)
        lines.append(
            ngettext("{n} file could not be read:", "{n} files could not be read:", n).format(
                n=_count(n)
            )
        )
        lines += [f"{error.file}: {error.reason}" for error in report.file_errors]
    lines += list(report.notes)
    lines += [f"{s.file}, {s.position}: {s.reason}" for s in report.skipped]
    if len(report.skipped) > SUMMARY_AFTER_SKIPS:
        lines += _summary(report.skipped)
    return lines


def _summary(skipped: tuple[SkippedRecord, ...]) -> list[str]:
    """ "12 × no employer" per kind of reason; a reason of unknown kind stands for itself."""
    counts = Counter(s.kind if s.kind in SKIP_KINDS else s.reason for s in skipped)
    lines = [_("Skipped records by reason:")]
    for key, n in counts.most_common():  # ties keep the order of first appearance
        label = _(SKIP_KINDS[key]) if key in SKIP_KINDS else key
        lines.append(f"{_count(n)} × {label}")
    return lines
