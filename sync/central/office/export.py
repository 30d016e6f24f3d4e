"""The registrations export for the national systems (SIAPKerja / Karirhub), as CSV and JSON.

Columns and their sources are documented in docs/central-exports.md; EXPORT_COLUMNS is the one
list both formats follow. Records are decrypted only here, in memory, for a signed-in verifier
or the `export-registrations` command, and every export is audited (who, when, how many).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sync.central import registrations
from sync.central.crypto import Keys
from sync.central.office import audit

FORMAT_NAME = "siker-ak1-export/1"
BATCH = 500


def _join(values: Any) -> str:
    return "; ".join(str(v) for v in values) if values else ""


def _iso(epoch: float | None) -> str:
    return "" if epoch is None else datetime.fromtimestamp(epoch, UTC).isoformat()


def _data(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda r: r["data"].get(key)


EXPORT_COLUMNS: tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...] = (
    ("id_pendaftaran", lambda r: r["id"]),
    ("nomor_ak1", lambda r: r["ak1_number"] or ""),
    ("status", lambda r: r["status"]),
    ("alasan_penolakan", lambda r: (r["reason"] or {}).get("reason_id", "")),
    ("tanggal_daftar", lambda r: _iso(r["received_at"])),
    ("tanggal_status", lambda r: _iso(r["updated_at"])),
    ("nik", _data("nik")),
    ("nama_lengkap", _data("full_name")),
    ("tempat_lahir", _data("birth_place")),
    ("tanggal_lahir", _data("birth_date")),
    ("jenis_kelamin", _data("sex")),
    ("alamat", _data("address")),
    ("rt", _data("rt")),
    ("rw", _data("rw")),
    ("kode_kelurahan", _data("kelurahan_code")),
    ("kode_kecamatan", _data("kecamatan_code")),
    ("kode_kabupaten_kota", lambda r: str(r["data"].get("kecamatan_code", ""))[:5]),
    ("no_hp", _data("phone")),
    ("email", _data("email")),
    ("pendidikan_terakhir", _data("education")),
    ("jurusan", _data("education_major")),
    ("tahun_lulus", _data("graduation_year")),
    ("keterampilan", lambda r: _join(r["data"].get("skills"))),
    ("jabatan_diminati", lambda r: _join(r["data"].get("job_wishes"))),
    ("kode_kbji_diminati", lambda r: _join(r["data"].get("kbji_wishes"))),
    ("disabilitas", _data("disability")),
    ("versi_persetujuan", _data("consent_version")),
    ("waktu_persetujuan", _data("consent_at")),
)
COLUMN_NAMES = tuple(name for name, _get in EXPORT_COLUMNS)
STATUSES = ("received", "verified", "ak1_issued", "rejected")


def rows(conn: sa.Connection, keys: Keys, *, status: str | None) -> Iterator[dict[str, Any]]:
    """Each registration (of `status`, or all) as {column: value}, oldest first."""
    offset = 0
    while True:
        batch = registrations.list(conn, keys, status=status, limit=BATCH, offset=offset)
        for record in batch:
            yield {name: get(record) for name, get in EXPORT_COLUMNS}
        if len(batch) < BATCH:
            return
        offset += BATCH


def to_json(items: list[dict[str, Any]], *, status: str | None, now: float) -> str:
    return json.dumps({
        "format": FORMAT_NAME,
        "generated_at": datetime.fromtimestamp(now, UTC).isoformat(),
        "status": status,
        "count": len(items),
        "columns": list(COLUMN_NAMES),
        "registrations": items,
    }, ensure_ascii=False, indent=1)


def to_csv(items: list[dict[str, Any]]) -> str:
    """CSV with a header row, comma-separated, every field quoted when needed (RFC 4180).

    A cell that a spreadsheet would run as a formula (starting with = or @, or + / - not
    followed by a digit, or a tab or carriage return) gets a leading apostrophe (OWASP "CSV
    injection"); phone numbers like +62812... stay as they are.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    for item in items:
        writer.writerow([_cell(item[name]) for name in COLUMN_NAMES])
    return out.getvalue()


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    if text[:1] in ("=", "@", "\t", "\r") or (
        text[:1] in ("+", "-") and not text[1:2].isdigit()
    ):
        return "'" + text
    return text


def export(
    engine: sa.Engine, keys: Keys, *, status: str | None, fmt: str, now: float,
    staff_user_id: int | None, staff_username: str,
) -> tuple[str, int]:
    """The export's text in `fmt` ("csv" or "json") and its row count; audited in the same
    transaction that read the rows.

    Raises:
        ValueError: an unknown status or format.
    """
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
    if fmt not in ("csv", "json"):
        raise ValueError("the format is csv or json")
    with engine.begin() as conn:
        items = list(rows(conn, keys, status=status))
        audit.record(conn, at=now, staff_user_id=staff_user_id, staff_username=staff_username,
                     action="export.registrations", entity="registration",
                     record_id=status or "all",
                     detail={"format": fmt, "count": len(items)})
    body = to_csv(items) if fmt == "csv" else to_json(items, status=status, now=now)
    return body, len(items)

