"""Hidden words the search index holds beside a posting's text: its KBJI group and its place.

Each is a letter pair and digits, a form no folded query word takes ("zg5414": KBJI 2014
subgolongan 5414; "zk337410": Kecamatan Tembalang; "zr3372": Kota Surakarta; "zp33": Jawa
Tengah; "zu": no place named; "zv": every vacancy). kiosk/catalog.py appends the KBJI tag to
the indexed title (so a query naming an occupation finds the group's postings in its best
tier) and the place tags to the indexed skills. They are derived only from stored columns
(title, location, kecamatan, in_kota), so the contentless index can delete a row with the
same words it indexed; a change to the tables behind them changes `TAGS_FINGERPRINT` and the
index is rebuilt.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from kiosk.occupations import OccupationVocabulary, vocabulary_fingerprint
from kiosk.places import JATENG_CODE, WILAYAH_FILE, PlaceTable, names_no_place
from kiosk.region import KOTA_CODE, RegionTable

EVERY = "zv"
NO_PLACE = "zu"
"""The tag of a posting that names no place at all (kiosk.places.names_no_place)."""
TAG_PATTERN = re.compile(r"^z[gkrpuv][0-9]*$")
"""Index words that are tags, never offered as a spelling to residents."""


def group_tag(code: str) -> str:
    return "zg" + code


def kecamatan_tag(code: str) -> str:
    return "zk" + code.replace(".", "")


def region_tag(code: str) -> str:
    """The tag of a kabupaten/kota ("33.72") or a province ("33")."""
    return ("zr" if "." in code else "zp") + code.replace(".", "")


@lru_cache(maxsize=65_536)  # titles and places repeat: an import meets each a few times
def title_tags(title: str) -> str:
    """"zgNNNN" when the title names an occupation of the vocabulary, else ""."""
    code = OccupationVocabulary.load().classify(title)
    return group_tag(code) if code else ""


@lru_cache(maxsize=65_536)
def place_tags(location: str, kecamatan_code: str | None, in_kota: bool) -> str:
    """The place tags of a posting: every vacancy, its kecamatan, kabupaten/kota, province;
    NO_PLACE when it names none."""
    if names_no_place(location, kecamatan_code, in_kota):
        return f"{EVERY} {NO_PLACE}"
    tags = [EVERY]
    code = KOTA_CODE if (in_kota or kecamatan_code) else _places().locate(location or "")
    if kecamatan_code:
        tags.append(kecamatan_tag(kecamatan_code))
    if code:
        if "." in code:
            tags.append(region_tag(code))
        tags.append(region_tag(code.split(".")[0]))
    return " ".join(tags)


AREA_CITY, AREA_JATENG, AREA_ELSEWHERE, AREA_UNKNOWN = 0, 1, 2, 3
"""The facet table's `area` of a posting (migration m010): in Kota Semarang, in the rest of
Jawa Tengah, elsewhere, no place named; the distance bands of kiosk.places.Band without the
kiosk's own kecamatan, which the facet's kecamatan_code gives. (The numbers are stored, so
AREA_UNKNOWN came last; kiosk.search_rank ranks it after the city.)"""


def place_area(location: str, kecamatan_code: str | None, in_kota: bool) -> int:
    """The `area` of a posting, read from its place tags, so that ranking by the facet table
    and matching the tags in the index can never disagree: AREA_UNKNOWN where it has the
    NO_PLACE tag, AREA_CITY where the posting has the city's tag, AREA_JATENG where it has
    Jawa Tengah's, else AREA_ELSEWHERE."""
    tags = place_tags(location, kecamatan_code, in_kota).split()
    if NO_PLACE in tags:
        return AREA_UNKNOWN
    if region_tag(KOTA_CODE) in tags:
        return AREA_CITY
    return AREA_JATENG if region_tag(JATENG_CODE) in tags else AREA_ELSEWHERE


@cache
def _places() -> PlaceTable:
    return PlaceTable.load(RegionTable.load())


@cache
def tags_fingerprint() -> str:
    """Changes whenever the derivation of tags may: the vocabulary, the region table, this
    module's tag version."""
    return "t2-" + vocabulary_fingerprint() + "-" + str(WILAYAH_FILE.stat().st_size)
