"""Where a posting is and which places a query names, beyond Kota Semarang's own kecamatan.

Codes are Kemendagri's (Kepmendagri No. 300.2.2-2138 Tahun 2025): "33" Jawa Tengah, "33.72"
Kota Surakarta, "33.74" Kota Semarang, "33.74.10" Kecamatan Tembalang. The kiosk ranks by
distance band (issue 9): its own kecamatan, the rest of the city, the rest of Jawa Tengah,
elsewhere. The national table is assets/regions/wilayah_indonesia.json.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from pathlib import Path

from babel.numbers import format_decimal

from assets import ASSETS_DIR
from kiosk.formatting import babel_locale
from kiosk.i18n import _, ngettext
from kiosk.region import KOTA_CODE, RegionTable
from kiosk.textnorm import fold_phrase, tokens

WILAYAH_FILE = ASSETS_DIR / "regions" / "wilayah_indonesia.json"
JATENG_CODE = "33"
_PREFIX = re.compile(r"^(kota administrasi|kota adm|kabupaten administrasi|kabupaten|kab|kota)\s+")
# Provinces and kabupaten/kota a resident may name at a Semarang kiosk; a bare name elsewhere
# in Indonesia too often is an ordinary word ("batang", "bone", "pati" in a job title).
_QUERY_PROVINCES = ("33", "34", "31", "32", "35", "36", "51")
_NOT_PLACES_IN_QUERIES = frozenset({"batang", "barat", "tengah", "utara", "selatan", "timur"})


class Band(IntEnum):
    """Distance band of a posting from the kiosk, nearest first; UNKNOWN is a posting that
    names no place at all (no location, no kecamatan), which ranks after the city's own and
    before the rest of Jawa Tengah (kiosk.search_rank): it is not known to be far."""

    KECAMATAN = 0
    KOTA = 1
    JATENG = 2
    ELSEWHERE = 3
    UNKNOWN = 4

    @property
    def rank(self) -> int:
        """Where the band's postings come in results, 0 first (the values are kept as they
        were before UNKNOWN was added, so they are not this order)."""
        return _RANKED.index(self)


_RANKED = (Band.KECAMATAN, Band.KOTA, Band.UNKNOWN, Band.JATENG, Band.ELSEWHERE)


@dataclass(frozen=True)
class Place:
    """A place named in a query: kind "kecamatan" (in Kota Semarang), "kabupaten_kota" or
    "provinsi", its dotted code and its name."""

    kind: str
    code: str
    name: str


class PlaceTable:
    """Place names of Kota Semarang (its RegionTable) and of Indonesia's kabupaten/kota."""

    def __init__(self, regions: RegionTable, doc: dict) -> None:
        self._regions = regions
        self.provinces: dict[str, str] = doc["provinsi"]
        self.kabupaten_kota: dict[str, str] = doc["kabupaten_kota"]
        names: dict[str, str] = {}
        for code, name in self.kabupaten_kota.items():
            folded = fold_phrase(name)
            names[folded] = code
            names.setdefault(_PREFIX.sub("", folded), code)  # "Surakarta" -> Kota Surakarta
        for code, name in self.provinces.items():
            names[fold_phrase(name)] = code
        names.update(doc["aliases"])
        names["semarang"] = KOTA_CODE  # a posting naming only "Semarang" is in the city
        self._names = names
        query: dict[tuple[str, ...], Place] = {}
        for folded, code in names.items():
            if folded in _NOT_PLACES_IN_QUERIES:
                continue
            if code.split(".")[0] in _QUERY_PROVINCES or folded in doc["aliases"]:
                query[tuple(folded.split())] = self._place(code)
        for k in regions.kecamatan:
            query[tuple(tokens(k.name))] = Place("kecamatan", k.code, k.name)
        query[("semarang",)] = query[("kota", "semarang")] = self._place(KOTA_CODE)
        self._query = query
        self._longest = max(len(words) for words in query)

    @classmethod
    def load(cls, regions: RegionTable) -> PlaceTable:
        return _shipped(regions)

    def _place(self, code: str) -> Place:
        if "." in code:
            return Place("kabupaten_kota", code, self.kabupaten_kota.get(code, code))
        return Place("provinsi", code, self.provinces.get(code, code))

    def locate(self, location: str) -> str | None:
        """The kabupaten/kota (or, where only that is known, province) code of a posting's
        location text ("Surakarta / Solo" -> "33.72", "Jawa Tengah" -> "33"), or None."""
        folded = fold_phrase(location)
        if not folded:
            return None
        for part in [folded, *re.split(r"\s*[,/]\s*|\s{2,}", location)]:
            part = fold_phrase(part)
            code = self._names.get(part) or self._names.get(_PREFIX.sub("", part))
            if code:
                return code
        return None

    def band(self, near: str | None, kecamatan_code: str | None, in_kota: bool,
             location: str) -> Band:
        """The distance band of one posting from a kiosk in kecamatan `near` (None: the kiosk
        knows only the city, so the city is its nearest band)."""
        if kecamatan_code is not None and kecamatan_code == near:
            return Band.KECAMATAN
        if in_kota or kecamatan_code is not None:
            return Band.KOTA if near else Band.KECAMATAN
        if names_no_place(location, kecamatan_code, in_kota):
            return Band.UNKNOWN
        code = self.locate(location)
        if code == KOTA_CODE:
            return Band.KOTA if near else Band.KECAMATAN
        if code and code.split(".")[0] == JATENG_CODE:
            return Band.JATENG
        return Band.ELSEWHERE

    def in_query(self, words: list[str]) -> tuple[int, int, Place] | None:
        """The first place named in a query's folded words, longest name first: (start, end,
        place), or None."""
        for i in range(len(words)):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                place = self._query.get(tuple(words[i:i + n]))
                if place is not None:
                    return i, i + n, place
        return None


def names_no_place(location: str | None, kecamatan_code: str | None, in_kota: bool) -> bool:
    """Whether a posting says nothing of where the work is: no location text (only spaces or
    none), no kecamatan, not marked as in the city. Such a posting is not "outside Jawa
    Tengah"; it is "lokasi tidak disebut" (Band.UNKNOWN)."""
    return not in_kota and kecamatan_code is None and not (location or "").strip()


def no_place_note(n: int) -> str:
    """The import report's note for `n` vacancies that name no place (names_no_place)."""
    return ngettext(
        "{n} vacancy names no place (no location or kecamatan): residents see it as "
        "“place not stated”, after the vacancies of Kota Semarang.",
        "{n} vacancies name no place (no location or kecamatan): residents see them as "
        "“place not stated”, after the vacancies of Kota Semarang.", n,
    ).format(n=format_decimal(n, format="#,##0", locale=babel_locale()))


def home_kecamatan(regions: RegionTable, where: str) -> str | None:
    """The kecamatan code of where a kiosk stands, from a kelurahan code ("33.74.10.1001"),
    a kecamatan code ("33.74.10", "337410") or a name ("Tembalang", "Jatingaleh"); None for
    the city as a whole ("33.74", "Kota Semarang", "").

    Raises:
        ValueError: no kelurahan or kecamatan of Kota Semarang has that code or name.
    """
    text = where.strip()
    if not text or fold_phrase(text) in {"kota semarang", "semarang"}:
        return None
    if not re.sub(r"[\d.\s]", "", text):
        digits = re.sub(r"\D", "", text)
        dotted = ".".join(digits[i:i + 2] for i in range(0, min(len(digits), 6), 2))
        if dotted == KOTA_CODE:
            return None
        if regions.by_code(dotted[:8]) is not None:
            return dotted[:8]
        raise ValueError(_("No kelurahan or kecamatan of Kota Semarang has the code {code}.")
                         .format(code=text))
    code = regions.match_kecamatan(text)
    if code is None:
        raise ValueError(_("No kelurahan or kecamatan of Kota Semarang is called “{name}”.")
                         .format(name=text))
    return code


def band_label(band: Band, near_name: str | None) -> str:
    """How a result says how far it is: "di Kecamatan Tembalang", "di Kota Semarang",
    "di Jawa Tengah", "di luar Jawa Tengah", "lokasi tidak disebut"."""
    if band is Band.UNKNOWN:
        return _("place not stated")
    if band is Band.KECAMATAN and near_name:
        return _("in Kecamatan {name}").format(name=near_name)
    if band in (Band.KECAMATAN, Band.KOTA):
        return _("in Kota Semarang")
    if band is Band.JATENG:
        return _("in Jawa Tengah")
    return _("outside Jawa Tengah")


@cache
def _shipped(regions: RegionTable) -> PlaceTable:
    return PlaceTable(regions, json.loads(Path(WILAYAH_FILE).read_text(encoding="utf-8")))
