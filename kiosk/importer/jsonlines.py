"""JSON Lines files: one job-board record or schema.org JobPosting per line, read as a stream.

A line that is too long, does not decode or is not valid JSON is skipped on its own; blank
lines are ignored and do not count as records.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kiosk.i18n import _
from kiosk.importer.context import ReadContext
from kiosk.importer.files import MAX_LINE_BYTES, Encoding, raw_lines
from kiosk.importer.jobboard import JOB_BOARD_SOURCE, draft_from_job_board, is_job_board_record
from kiosk.importer.jobposting import JOBPOSTING_SOURCE, draft_from_posting, is_job_posting
from kiosk.importer.report import SkippedRecord, line_position
from kiosk.vacancy import Vacancy


def read_json_lines(
    path: Path, encoding: Encoding, ctx: ReadContext
) -> Iterator[Vacancy | SkippedRecord]:
    """Every record of a JSON Lines file, in order; a file error when it cannot be opened or
    holds no record at all."""
    records = 0
    try:
        with path.open("rb") as stream:
            stream.seek(encoding.bom_length)
            for number, raw in raw_lines(stream, encoding):
                item = _read_line(number, raw, encoding, ctx)
                if item is not None:
                    records += 1
                    yield item
    except OSError as exc:
        yield ctx.file_error(_("Reading stopped after {records} records: {error}.").format(
            records=records, error=exc.strerror or exc))
        return
    if records == 0:
        yield ctx.file_error(_("No vacancies found in the file."))


def _read_line(
    number: int, raw: bytes | None, encoding: Encoding, ctx: ReadContext
) -> Vacancy | SkippedRecord | None:
    position = line_position(number)
    if raw is None:
        return ctx.skip(position, _("The line is longer than {limit} MB and was not read.")
                        .format(limit=MAX_LINE_BYTES // 1_048_576), kind="too_long_to_read")
    try:
        text = raw.decode(encoding.codec)
    except UnicodeDecodeError:
        return ctx.skip(position, _("This line is not UTF-8 text. Save the file as UTF-8."),
                        kind="not_utf8")
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return ctx.skip(position, _("Not valid JSON (at character {column}).").format(
            column=exc.colno), kind="invalid_json")
    except (ValueError, RecursionError):
        return ctx.skip(position, _("Not valid JSON (numbers too long or nesting too deep)."),
                        kind="invalid_json")
    if isinstance(record, dict) and is_job_posting(record):
        return ctx.convert(position, lambda: draft_from_posting(record), JOBPOSTING_SOURCE)
    if isinstance(record, dict) and is_job_board_record(record):
        return ctx.convert(position, lambda: draft_from_job_board(record), JOB_BOARD_SOURCE)
    return ctx.skip(position, _("This line is not a job record: expected a JSON object with "
                                "Title and Company, or a schema.org JobPosting."),
                    kind="not_a_job_record")
