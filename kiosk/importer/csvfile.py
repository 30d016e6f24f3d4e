"""CSV files of vacancies, as staff save them from a spreadsheet, read row by row.

Columns (the first row names them; case, spaces and "_" in names are ignored; any order; the
first of two columns with the same meaning wins; unknown columns are ignored):

=================  ==========================================================================
meaning            accepted column names
=================  ==========================================================================
title (required)   title, judul, posisi, jabatan, nama pekerjaan, lowongan
employer (req.)    employer, hiringOrganization, company, perusahaan, nama perusahaan,
                   pemberi kerja
date posted (req.) date_posted, datePosted, Posted Date, tanggal posting, tanggal tayang,
                   tgl posting  (YYYY-MM-DD, DD/MM/YYYY or "9 Juli 2025")
location           location, jobLocation, lokasi, lokasi kerja, penempatan, kota
address            address, streetAddress, alamat  (searched for a kecamatan)
description        description, deskripsi, keterangan, uraian  (at most 20,000 characters)
employment type    employment_type, employmentType, Type, jenis pekerjaan, status kerja
salary             salary_min, salary_max, Min Salary, Max Salary, gaji min(imum),
                   gaji max(imum), upah min, upah max; or one column salary, gaji, upah
                   (IDR; "3000000", "3.000.000", "Rp 3,5 juta", "Rp 3.500.000,-"; a range
                   "Rp 3-5 juta" in one column when the other is empty; "Nego", "UMK",
                   "Dirahasiakan" = not stated)
salary period      salary_unit, unitText, salary_period, satuan gaji, satuan upah, periode
                   gaji  (HOUR/jam, DAY/hari, WEEK/minggu, MONTH/bulan (default), YEAR/tahun;
                   the pay is kept and shown in this unit)
currency           currency, mata uang  (IDR or empty; other currencies are refused)
education          education, education_min, educationRequirements, pendidikan, pendidikan
                   minimal  (SD ... S3, Paket A/B/C; "Bebas", "Semua jurusan", "Tidak ada" =
                   no requirement), or the job-board flags SMA/SMK/STM, Diploma/D1/D2/D3,
                   Sarjana/S1, Master/S2, Doctor/S3 (0/1)
experience         experience_years, Min Experience, pengalaman, pengalaman tahun (whole
                   years); experience_months, monthsOfExperience, pengalaman bulan (months)
skills             skills, Skill_Set, keahlian, keterampilan  (separated by ";" or ",", or a
                   ['..'] list)
KBJI group         kbji, kbji_code  (a KBJI 2014 code; its first digit is kept)
category hints     category, Category, Subcategory, Function, occupationalCategory, industry
closing date       valid_through, validThrough, batas lamaran, tanggal tutup, berlaku sampai
                   (YYYY-MM-DD; else +30 days)
id                 source_id, id, identifier, Job ID, kode  (else the url, else a hash)
link               url, Link, tautan
source             source, sumber  (a short name of where the row comes from; default "csv")
=================  ==========================================================================

The separator (",", ";" as Indonesian Excel writes, or tab) is taken from the header row.
"""
from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TextIO

from kiosk.i18n import _
from kiosk.importer.context import ReadContext, source_name
from kiosk.importer.fields import Field
from kiosk.importer.files import CHUNK_BYTES, MAX_LINE_BYTES, Encoding, FileError
from kiosk.importer.jobboard import EDUCATION_FLAGS, flag_is_set
from kiosk.importer.record import Draft
from kiosk.importer.report import SkippedRecord, row_position
from kiosk.textnorm import fold
from kiosk.vacancy import Vacancy

CSV_SOURCE = "csv"
MAX_ROW_CHARS = MAX_LINE_BYTES
"""A row (with its multi-line cells) longer than this is skipped without being parsed."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "Title", "judul", "posisi", "jabatan", "nama_pekerjaan", "lowongan"),
    "employer": ("employer", "hiringOrganization", "company", "perusahaan", "nama_perusahaan",
                 "pemberi_kerja"),
    "date_posted": ("date_posted", "datePosted", "Posted Date", "tanggal_posting",
                    "tanggal_tayang", "tgl_posting"),
    "location": ("location", "jobLocation", "lokasi", "lokasi_kerja", "penempatan", "kota"),
    "address": ("address", "streetAddress", "alamat"),
    "description": ("description", "deskripsi", "keterangan", "uraian"),
    "employment_type": ("employment_type", "employmentType", "Type", "jenis_pekerjaan",
                        "status_kerja"),
    "salary_min": ("salary_min", "Min Salary", "gaji_min", "gaji_minimum", "upah_min"),
    "salary_max": ("salary_max", "Max Salary", "gaji_max", "gaji_maksimum", "upah_max"),
    "salary": ("salary", "gaji", "upah"),
    "salary_period": ("salary_unit", "unitText", "salary_period", "satuan_gaji", "satuan_upah",
                      "periode_gaji"),
    "currency": ("currency", "mata_uang"),
    "education": ("education", "education_min", "educationRequirements", "pendidikan",
                  "pendidikan_minimal"),
    "experience_years": ("experience_years", "Min Experience", "pengalaman",
                         "pengalaman_tahun"),
    "experience_months": ("experience_months", "monthsOfExperience", "pengalaman_bulan"),
    "skills": ("skills", "Skill_Set", "keahlian", "keterampilan"),
    "kbji_code": ("kbji", "kbji_code"),
    "valid_through": ("valid_through", "validThrough", "batas_lamaran", "tanggal_tutup",
                      "berlaku_sampai"),
    "source_id": ("source_id", "id", "identifier", "Job ID", "kode"),
    "url": ("url", "Link", "tautan"),
    "source": ("source", "sumber"),
}
"""Meaning -> accepted column names (compared after folding case and dropping " ", "_")."""
HINT_COLUMNS = ("Function", "Subcategory", "Category", "occupationalCategory", "industry")
REQUIRED = ("title", "employer", "date_posted")


class _UnclosedQuote:
    """What `_logical_rows` gives instead of a row's text when a quoted cell never closes."""


UNCLOSED_QUOTE = _UnclosedQuote()


def _key(name: str) -> str:
    return "".join(fold(name).split())


_BY_KEY = {_key(name): meaning for meaning, names in COLUMNS.items() for name in names}
_HINT_KEYS = {_key(name) for name in HINT_COLUMNS}
_FLAG_KEYS = {_key(name): level for name, level in EDUCATION_FLAGS.items()}


def read_csv(path: Path, encoding: Encoding, ctx: ReadContext) -> Iterator[
        Vacancy | SkippedRecord]:
    """Every data row of a CSV file as a Vacancy or a SkippedRecord (position "row N", the
    header being row 1); a file error when the file cannot be read or lacks a required column."""
    try:
        codec = _text_codec(path, encoding)
        if codec == "cp1252":
            ctx.note(_("{file}: not UTF-8, so it was read as Windows-1252 (what Excel on Windows "
                       "saves). Check that letters such as é look right.").format(file=path))
        with path.open("r", encoding=codec, errors="replace" if codec == "cp1252" else "strict",
                       newline="") as stream:
            yield from _read_rows(stream, ctx)
    except OSError as exc:
        yield ctx.file_error(_("The file could not be opened: {error}.").format(
            error=exc.strerror or exc))
    except UnicodeDecodeError:
        yield ctx.file_error(_("The file is not valid UTF-16 text. Save it as UTF-8."))


def _text_codec(path: Path, encoding: Encoding) -> str:
    """The codec to read the text with; UTF-8 is checked over the whole file first."""
    if encoding.codec != "utf-8":
        return "utf-16"  # the BOM tells the byte order
    if encoding.bom_length:
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as stream:
        try:
            while chunk := stream.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _header(stream: TextIO) -> tuple[list[str], str, int]:
    """(the header's cells, the separator, the header's row number: 2 after a "sep=;" line).

    Raises:
        FileError: no header row, or one that cannot be read.
    """
    number, delimiter = 1, ""
    first = next(_logical_rows(stream, ",;\t", 0), None)
    text = first[1] if first else None
    if isinstance(text, str) and text.strip().lower().startswith("sep=") and len(
            text.strip()) <= 5:  # Excel's "sep=;" line naming the separator
        delimiter = text.strip()[4:] or ","
        second = next(_logical_rows(stream, delimiter, 1), None)
        text, number = (second[1] if second else None), 2
    if not isinstance(text, str):
        if text is None and first is None:
            raise FileError(_("The file is empty."))
        raise FileError(_("The first row (the column names) could not be read."))
    if not text.strip():
        raise FileError(_("The file is empty."))
    delimiter = delimiter or max((",", ";", "\t"), key=text.count)
    return _parse(text, delimiter) or [], delimiter, number


def _read_rows(stream: TextIO, ctx: ReadContext) -> Iterator[Vacancy | SkippedRecord]:
    try:
        header, delimiter, header_number = _header(stream)
    except FileError as exc:
        yield ctx.file_error(exc.reason)
        return
    columns: dict[str, int] = {}
    hints: list[int] = []
    flags: list[tuple[int, str]] = []
    for i, name in enumerate(header):
        key = _key(name)
        if key in _BY_KEY:
            columns.setdefault(_BY_KEY[key], i)
        elif key in _HINT_KEYS:
            hints.append(i)
        elif key in _FLAG_KEYS:
            flags.append((i, _FLAG_KEYS[key]))
    missing = [meaning for meaning in REQUIRED if meaning not in columns]
    if missing:
        yield ctx.file_error(_(
            "The CSV has no column for {columns}. The first row must name the columns, for "
            "example: {names}.").format(
                columns=", ".join(missing), names=", ".join(COLUMNS[m][0] for m in COLUMNS)))
        return
    records = 0
    for number, text in _logical_rows(stream, delimiter, header_number):
        position = row_position(number)
        if isinstance(text, _UnclosedQuote):
            records += 1
            yield ctx.skip(position, _("A quotation mark opened in this row is never closed, so "
                                       "this row and every row after it could not be read."),
                           kind="unclosed_quote")
            continue
        if text is None:
            records += 1
            yield ctx.skip(position, _("The row is longer than {limit} MB and was not read.")
                           .format(limit=MAX_ROW_CHARS // 1_048_576), kind="too_long_to_read")
            continue
        cells = _parse(text, delimiter)
        if cells is None:
            records += 1
            yield ctx.skip(position, _("A cell is longer than {limit} characters; the row was "
                                       "not read.").format(limit=csv.field_size_limit()),
                           kind="cell_too_long")
            continue
        if not any(cell.strip() for cell in cells):
            continue  # an empty row, as spreadsheets leave at the end
        records += 1
        yield ctx.convert(
            position,
            partial(_draft, cells, header, columns, hints, flags),
            source_name(_cell(cells, columns.get("source")), CSV_SOURCE),
        )
    if records == 0:
        yield ctx.file_error(_("No vacancies found in the file."))


def _cell(cells: list[str], index: int | None) -> str | None:
    return cells[index] if index is not None and index < len(cells) else None


def _draft(
    cells: list[str],
    header: list[str],
    columns: dict[str, int],
    hints: list[int],
    flags: list[tuple[int, str]],
) -> Draft:
    def field(meaning: str) -> Field | None:
        index = columns.get(meaning)
        value = _cell(cells, index)
        return None if index is None or value is None else Field(header[index].strip(), value)

    draft = Draft(education_strict=True)
    for meaning in COLUMNS:
        if meaning not in ("source", "salary"):
            setattr(draft, meaning, field(meaning))
    if draft.salary_min is None and draft.salary_max is None:
        # One pay column ("gaji"): one figure for both ends, or a range "Rp 3-5 juta".
        draft.salary_min = draft.salary_max = field("salary")
    draft.education_flags = tuple(level for i, level in flags if flag_is_set(_cell(cells, i)))
    draft.kbji_hints = tuple(c for i in hints if (c := _cell(cells, i)) and len(c) <= 200)
    return draft


def _parse(text: str, delimiter: str) -> list[str] | None:
    """The cells of one logical row; None when a cell is over the csv module's field limit."""
    try:
        return next(csv.reader([text.replace("\x00", "")], delimiter=delimiter), [])
    except csv.Error:
        return None


def _logical_rows(
    stream: TextIO, separators: str, number: int
) -> Iterator[tuple[int, str | None | _UnclosedQuote]]:
    """(spreadsheet row number, the row's text) for each row after row `number`; a quoted cell
    may span lines.

    A row longer than MAX_ROW_CHARS comes back as None, and is never held whole; a row whose
    quoted cell never closes comes back as UNCLOSED_QUOTE. Quotes are
    tracked as the csv module reads them: a quote opens a cell only at the cell's start (after
    one of `separators`), and "" inside a quoted cell is a literal quote.
    """
    parts: list[str] = []
    size = 0
    overflow = False
    in_quotes = False
    at_cell_start = True
    while True:
        line = stream.readline(MAX_ROW_CHARS)
        if not line:
            break
        in_quotes, at_cell_start = _scan_quotes(line, separators, in_quotes, at_cell_start)
        size += len(line)
        if not overflow:
            parts.append(line)
            if size > MAX_ROW_CHARS:
                overflow, parts = True, []
        if not in_quotes and line.endswith(("\n", "\r")):
            number += 1
            yield number, None if overflow else "".join(parts)
            parts, size, overflow, at_cell_start = [], 0, False, True
    if in_quotes:
        yield number + 1, UNCLOSED_QUOTE
    elif parts or overflow:
        number += 1
        yield number, None if overflow else "".join(parts)


def _scan_quotes(
    line: str, separators: str, in_quotes: bool, at_cell_start: bool
) -> tuple[bool, bool]:
    """Whether a quoted cell is still open after `line`, and whether the next character (of a
    line cut at the length limit) starts a cell."""
    i = 0
    while True:
        j = line.find('"', i)
        if j < 0:
            return in_quotes, (line[-1:] in separators) if line else at_cell_start
        if in_quotes:
            if line[j + 1: j + 2] == '"':
                i = j + 2
                continue
            in_quotes = False
        elif (j == 0 and at_cell_start) or (j > 0 and line[j - 1] in separators):
            in_quotes = True
        i = j + 1
