"""What an import did: skipped records, file errors, notes, and the lines that tell staff."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_decimal

from kiosk.format import babel_locale
from kiosk.i18n import _, ngettext


@dataclass(frozen=True)
class SkippedRecord:
    """One record (or, with `position == ""`, one whole file) that was not imported.

    `position` and `reason` are already in the language that was current when the file was
    read: position like "baris 12" / "line 12" (JSON Lines), "baris 3" / "row 3" (CSV, the
    header is row 1) or "data ke-2" / "record 2" (JSON); reason says what is wrong and what to fix.
    """

    file: Path
    position: str
    reason: str

    @property
    def is_file_error(self) -> bool:
        """True when the whole file could not be read (no position inside it)."""
        return self.position == ""


@dataclass(frozen=True)
class ImportReport:
    """Counts and problems of one `import_files` run.

    `added + updated + unchanged + len(skipped)` is the number of records read from the files
    that could be opened; `file_errors` lists the files that could not be read at all.
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: tuple[SkippedRecord, ...] = ()
    notes: tuple[str, ...] = ()
    file_errors: tuple[SkippedRecord, ...] = ()

    @property
    def records_read(self) -> int:
        return self.added + self.updated + self.unchanged + len(self.skipped)


def line_position(number: int) -> str:
    """ "line 12" for a JSON Lines file, in the current language."""
    return _("line {number}").format(number=number)


def row_position(number: int) -> str:
    """ "row 3" for a CSV file (the header is row 1, as a spreadsheet numbers it)."""
    return _("row {number}").format(number=number)


def record_position(number: int) -> str:
    """ "record 2" for the n-th job posting (from 1) in a JSON document."""
    return _("record {number}").format(number=number)


def _count(n: int) -> str:
    return format_decimal(n, format="#,##0", locale=babel_locale())


def format_report(report: ImportReport) -> list[str]:
    """The report as lines to print, in the current language.

    The first line gives the counts; then one line per file that could not be read, one per
    note (such as an encoding guess), and one per skipped record as "file, position: reason".
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
    return lines
