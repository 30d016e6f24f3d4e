"""AK1 numbers: "RRRR-YYYY-NNNNNN", allocated from a per-region, per-year sequence.

The AK/I card (Kartu Tanda Bukti Pendaftaran Pencari Kerja) is issued by the kabupaten/kota
labour office under Permenaker 39/2016 on Penempatan Tenaga Kerja (Berita Negara 2016 No. 1990).
The regulation fixes the card, not a number format; this server's format is
`<kabupaten/kota code>-<year>-<sequence>`: the four-digit Kemendagri code without its dot
(Kota Semarang 33.74 -> "3374"), the year of issue, and a six-digit sequence that starts at
000001 every year, e.g. "3374-2026-000123".
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from sync.central.db import insert_ignore
from sync.central.office.tables import ak1_sequence

KOTA_SEMARANG = "3374"
AK1_RE = re.compile(r"^(\d{4})-(\d{4})-(\d{6})$")
MAX_SEQUENCE = 999_999
WIB = timezone(timedelta(hours=7), "WIB")
"""Western Indonesia Time, Semarang's clock (no daylight saving): the year turns at its midnight."""


class AK1Exhausted(RuntimeError):
    """The six-digit sequence of one region and year is used up."""


def format_ak1(region_code: str, year: int, number: int) -> str:
    """ "3374-2026-000123". Raises ValueError for a code that is not 4 digits or a bad number."""
    code = region_code.replace(".", "")
    if not re.fullmatch(r"\d{4}", code):
        raise ValueError(f"a kabupaten/kota code has four digits, not {region_code!r}")
    if not 1 <= number <= MAX_SEQUENCE:
        raise ValueError(f"AK1 sequence {number} is outside 1..{MAX_SEQUENCE}")
    return f"{code}-{year:04d}-{number:06d}"


def allocate_ak1(conn: sa.Connection, *, now: float, region_code: str = KOTA_SEMARANG) -> str:
    """Take the next number of `region_code` for the year (in WIB) of `now` (epoch seconds).

    Runs in the caller's transaction, so the number, the registration's new status and the
    audit entry commit or vanish together; a rolled-back issue gives its number back. Safe
    under concurrency: the sequence row is created with an insert that ignores a duplicate
    key, then raised with one UPDATE, which holds the row's write lock (PostgreSQL) or the
    database's (SQLite, BEGIN IMMEDIATE) until commit, so a second issuer waits and reads the
    raised value. The registrations table's unique ak1_number is the backstop.

    Raises:
        AK1Exhausted: the year's 999,999 numbers are used up.
    """
    code = region_code.replace(".", "")
    year = datetime.fromtimestamp(now, WIB).year
    insert_ignore(conn, ak1_sequence, {"region_code": code, "year": year, "last_number": 0})
    where = (ak1_sequence.c.region_code == code) & (ak1_sequence.c.year == year)
    conn.execute(ak1_sequence.update().where(where)
                 .values(last_number=ak1_sequence.c.last_number + 1))
    number = conn.execute(sa.select(ak1_sequence.c.last_number).where(where)).scalar_one()
    if number > MAX_SEQUENCE:
        raise AK1Exhausted(f"no AK1 numbers left for {code} in {year}")
    return format_ak1(code, year, number)
