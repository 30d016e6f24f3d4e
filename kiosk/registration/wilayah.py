"""Every province, kabupaten/kota and kecamatan code of Indonesia, 2016 to 2025 editions.

Source: the Kemendagri region-code decrees (latest Kepmendagri No. 300.2.2-2138 Tahun 2025)
as merged in ../shared/data/kemendagri_wilayah.csv (github.com/cahyadsn/wilayah, MIT; see
SOURCES.md there); shipped unchanged, gzipped, as assets/regions/kemendagri_wilayah.csv.gz.
A code with last_seen before 2025 is still real: NIKs keep the code of the place where they
were issued, as codes were then (Merauke was 91.01 until 2022 and is 93.01 now).
"""
from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assets import ASSETS_DIR

WILAYAH_FILE = ASSETS_DIR / "regions" / "kemendagri_wilayah.csv.gz"
LATEST_EDITION = 2025


@dataclass(frozen=True)
class Wilayah:
    """One code: dotted `code` ("33.74.01"), `level` (provinsi, kabupaten_kota, kecamatan),
    `name` (from the latest edition holding it), first and last edition year it appears in."""

    code: str
    level: str
    name: str
    first_seen: int
    last_seen: int

    @property
    def current(self) -> bool:
        """Whether the code is still in the latest edition."""
        return self.last_seen >= LATEST_EDITION


@lru_cache(maxsize=2)
def wilayah_table(path: Path = WILAYAH_FILE) -> dict[str, Wilayah]:
    """Dotted code -> Wilayah (about 8,500 codes; read once, ~30 ms).

    Raises:
        OSError, ValueError: the file is missing or malformed.
    """
    raw = Path(path).read_bytes()
    text = gzip.decompress(raw).decode("utf-8") if path.suffix == ".gz" else raw.decode("utf-8")
    table: dict[str, Wilayah] = {}
    for row in csv.DictReader(io.StringIO(text)):
        table[row["code"]] = Wilayah(row["code"], row["level"], _tidy(row["name"]),
                                     int(row["first_seen"]), int(row["last_seen"]))
    return table


def _tidy(name: str) -> str:
    # Older editions wrote "KAB. MERAUKE"; show it as the latest editions do.
    if name.isupper():
        name = name.title()
        if name.startswith("Kab. "):
            name = "Kabupaten " + name[5:]
    return name
