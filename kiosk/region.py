"""Kota Semarang's kecamatan and kelurahan (Kemendagri codes); matching place names to them."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from assets import ASSETS_DIR
from kiosk.textnorm import fold_phrase

REGION_FILE = ASSETS_DIR / "regions" / "kota_semarang.json"
KOTA_CODE = "33.74"  # Kota Semarang's Kemendagri code; as a filter value: the whole city
_KABUPATEN = re.compile(r"\b(kabupaten|kab)\s+semarang\b")


@dataclass(frozen=True)
class Kelurahan:
    code: str  # dotted Kemendagri code, e.g. "33.74.01.1001"
    name: str
    kecamatan_code: str


@dataclass(frozen=True)
class Kecamatan:
    code: str  # dotted Kemendagri code, e.g. "33.74.01"
    name: str
    kelurahan: tuple[Kelurahan, ...]


class RegionTable:
    """The 16 kecamatan and 177 kelurahan of Kota Semarang (code 33.74).

    Source: Kepmendagri No. 300.2.2-2138 Tahun 2025 on administrative-region codes.
    """

    def __init__(self, kecamatan: tuple[Kecamatan, ...]) -> None:
        self.kecamatan = kecamatan
        self._by_code = {k.code: k for k in kecamatan}
        # Longest names first so "Semarang Barat" wins over a shorter name inside it.
        names: list[tuple[str, str]] = [(fold_phrase(k.name), k.code) for k in kecamatan]
        kelurahan_names: dict[str, set[str]] = {}
        for k in kecamatan:
            for kel in k.kelurahan:
                kelurahan_names.setdefault(fold_phrase(kel.name), set()).add(k.code)
        # A kelurahan name that exists in two kecamatan (Purwosari, Mangunharjo) says nothing.
        names += [(n, next(iter(codes))) for n, codes in kelurahan_names.items() if len(codes) == 1]
        names.sort(key=lambda item: -len(item[0]))
        self._names = names
        self._kecamatan_names = {fold_phrase(k.name): k.code for k in kecamatan}

    @classmethod
    def load(cls, path: Path = REGION_FILE) -> RegionTable:
        """Read the region table shipped in assets/regions/.

        Raises:
            OSError, ValueError: the file is missing or malformed.
        """
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            tuple(
                Kecamatan(
                    code=k["code"],
                    name=k["name"],
                    kelurahan=tuple(
                        Kelurahan(code=kel["code"], name=kel["name"], kecamatan_code=k["code"])
                        for kel in k["kelurahan"]
                    ),
                )
                for k in doc["kecamatan"]
            )
        )

    def by_code(self, code: str) -> Kecamatan | None:
        return self._by_code.get(code)

    def name_of(self, code: str | None) -> str | None:
        """The kecamatan's name for its code, "Kota Semarang" for KOTA_CODE, else None."""
        if code == KOTA_CODE:
            return "Kota Semarang"
        kecamatan = self._by_code.get(code or "")
        return kecamatan.name if kecamatan else None

    def is_in_kota(self, place: str) -> bool:
        """True when a place is in Kota Semarang: it names the city ("Semarang", "Kota
        Semarang, Jawa Tengah") or one of its kecamatan. Kabupaten Semarang, the regency
        around Ungaran, is another place."""
        folded = fold_phrase(place)
        if not folded or _KABUPATEN.search(folded):
            return False
        if " semarang " in f" {folded} ":
            return True
        # A kecamatan name alone; a bare kelurahan name may be a place elsewhere (Karanganyar).
        return re.sub(r"^(kecamatan|kec)\s+", "", folded) in self._kecamatan_names

    def match_kecamatan(self, place: str) -> str | None:
        """The kecamatan code a place name denotes, or None.

        Accepts a kecamatan name ("Tembalang", "kec. semarang barat"), a kelurahan name that
        belongs to one kecamatan only ("Jatingaleh" -> Candisari), or either followed by the
        city ("Banyumanik, Semarang"). A bare "Semarang" or another city gives None.
        """
        folded = fold_phrase(place)
        folded = re.sub(r"^(kecamatan|kec|kelurahan|kel)\s+", "", folded)
        folded = re.sub(r"\s+(provinsi\s+)?(jawa\s+tengah|jateng)$", "", folded)
        folded = re.sub(r"\s+(kota\s+)?semarang$", "", folded)
        if not folded:
            return None
        for name, code in self._names:
            if folded == name:
                return code
        return None

    def find_kecamatan_in_text(self, text: str) -> str | None:
        """The single kecamatan named in a longer text (e.g. "Penempatan: Pedurungan"), else None.

        Only kecamatan names count here, and only when exactly one distinct kecamatan is named:
        kelurahan names are too often ordinary words or street names.
        """
        folded = " " + fold_phrase(text) + " "
        found = {
            code
            for name, code in self._kecamatan_names.items()
            if f" {name} " in folded
        }
        return found.pop() if len(found) == 1 else None
