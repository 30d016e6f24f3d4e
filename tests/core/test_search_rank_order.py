"""The ranking gives exactly the order issue 9's rules define, whichever way it reads a page:
relevance tier first, then distance band from the kiosk (its kecamatan, the rest of Kota
Semarang, no place named, the rest of Jawa Tengah, elsewhere), then newest; only open vacancies in
scope (the city scope keeps the postings that name no place); and a
page at any offset is that order's slice. The order is computed here from its definition: each
tier's matches as FTS5 finds them, each band from kiosk.places.PlaceTable.band, recency from the
rank key; migration m010's facet area agrees with the place tags of the index."""
from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

import kiosk.search_rank as search_rank
from kiosk.catalog import VacancyCatalog, rank_key
from kiosk.places import Band, PlaceTable
from kiosk.region import KOTA_CODE, RegionTable
from kiosk.search import SearchQuery, SearchService
from kiosk.search_rank import tiers
from kiosk.search_tags import place_area
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock

TEMBALANG, GENUK = "33.74.10", "33.74.05"
# (location, kecamatan_code, in_kota): every band for a kiosk in Tembalang
PLACES = [("Tembalang, Semarang", TEMBALANG, True), ("Genuk, Semarang", GENUK, True),
          ("Semarang", None, True), ("Surakarta / Solo", None, False),
          ("Jawa Tengah", None, False), ("Jakarta Barat", None, False), ("", None, False)]
TITLES = ["Satpam Gudang", "Admin Gudang", "Security", "Kasir", "Staff Gudang Admin",
          "Operator Produksi", "Admin Shift Malam"]
SKILLS = [[], ["Gudang"], ["Admin"], ["Satpam"], ["Shift malam"]]
DESCRIPTIONS = ["Bekerja di gudang.", "Melayani pelanggan.", "Admin kantor, satpam malam.",
                "Kerja shift malam di pabrik."]
# Occupations match in title or skills only; "malam" and "shift mala" (a prefix of four
# letters) also in the description, so every tier has vacancies.
TEXTS = ["gudang ", "admin gu", "satpam ", "gudang admin", "", "lowongan kerja ", "malam ",
         "shift mala"]
START = date(2025, 6, 1)

vacancy_rows = st.lists(st.tuples(
    st.sampled_from(PLACES), st.sampled_from(TITLES), st.sampled_from(SKILLS),
    st.sampled_from(DESCRIPTIONS), st.integers(0, 30), st.integers(0, 40)),
    min_size=1, max_size=24)


def _expected(db: Database, service: SearchService, places: PlaceTable, stored: list[Vacancy],
              query: SearchQuery, today: date) -> list[int]:
    """The rule's order, from its definition, of the open vacancies in the query's scope; when
    none has every word, of those with the most of them (issue 9 soft matching)."""
    plan = service.plan(query.text)
    groups = list(plan.groups)
    exact = " AND ".join(plan.exact) if plan.exact != plan.groups else None
    found = _ordered(db, places, stored, query, today, " AND ".join(groups), exact)
    for k in range(len(groups) - 1, 0, -1):
        if found:
            break
        some = " OR ".join("(" + " AND ".join(c) + ")" for c in combinations(groups, k))
        found = _ordered(db, places, stored, query, today, f"({some})", None)
    return found


def _ordered(db: Database, places: PlaceTable, stored: list[Vacancy], query: SearchQuery,
             today: date, expression: str, exact: str | None) -> list[int]:
    tier_of: dict[int, int] = {}
    if expression:
        for tier, tier_expression in enumerate(tiers(expression, exact)):
            for (rowid,) in db.execute("SELECT rowid FROM vacancy_search WHERE vacancy_search "
                                       "MATCH ?", [tier_expression]):
                tier_of.setdefault(rowid, tier)
    keyed = []
    for v in stored:
        assert v.id is not None
        key = rank_key(v.date_posted, v.id)
        if not v.is_open_on(today) or (expression and key not in tier_of):
            continue
        band = places.band(query.near, v.kecamatan_code, v.in_kota_semarang, v.location or "")
        # The city scope keeps the postings that name no place, after the city's own.
        if query.kecamatan_code == KOTA_CODE and not v.in_kota_semarang \
                and band is not Band.UNKNOWN:
            continue
        if query.kecamatan_code not in (None, KOTA_CODE) and \
                v.kecamatan_code != query.kecamatan_code:
            continue
        keyed.append(((tier_of.get(key, 0), band.rank, -key), v.id))
    return [vacancy_id for _key, vacancy_id in sorted(keyed)]


@pytest.mark.parametrize("few, small_band", [(3_000, 0.2), (0, 0.0), (0, 0.5), (0, 1.0)],
                         ids=["few-sorted", "each-band", "small-bands-merged", "all-merged"])
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
# every band, each more than once, every tier; everywhere and in the city
@example(rows=[(place, title, [], DESCRIPTIONS[i % len(DESCRIPTIONS)], i, 60)
               for i, (place, title) in enumerate(zip(PLACES * 3, TITLES * 3, strict=False))],
         today_offset=30, near=TEMBALANG, scope=None)
@example(rows=[(place, title, [], DESCRIPTIONS[i % len(DESCRIPTIONS)], i, 60)
               for i, (place, title) in enumerate(zip(PLACES * 3, TITLES * 3, strict=False))],
         today_offset=30, near=TEMBALANG, scope=KOTA_CODE)
@given(rows=vacancy_rows, today_offset=st.integers(20, 60),
       near=st.sampled_from([None, TEMBALANG]), scope=st.sampled_from([None, KOTA_CODE, GENUK]))
def test_the_order_is_tier_then_band_then_newest(
    db: Database, clock: FakeClock, regions: RegionTable, monkeypatch: pytest.MonkeyPatch,
    few: int, small_band: float, rows: list[tuple], today_offset: int, near: str | None,
    scope: str | None,
) -> None:
    # every way of reading a page (kiosk.search_rank) must give the same order
    monkeypatch.setattr(search_rank, "FEW_MATCHES", few)
    monkeypatch.setattr(search_rank, "SMALL_BAND", small_band)
    # hypothesis reuses the database between examples
    db.execute("INSERT INTO vacancy_search (vacancy_search) VALUES ('delete-all')")
    db.execute("DELETE FROM vacancy_facet")
    db.execute("DELETE FROM vacancy")
    vacancies = [
        Vacancy(source="t", source_id=str(i), title=title, employer="PT Maju",
                location=location, kecamatan_code=kecamatan, in_kota_semarang=in_kota,
                skills=tuple(skills), description=description,
                date_posted=START + timedelta(days=posted),
                valid_through=START + timedelta(days=posted + open_for))
        for i, ((location, kecamatan, in_kota), title, skills, description, posted, open_for)
        in enumerate(rows)
    ]
    catalog = VacancyCatalog(db, clock)
    with db.atomic():
        catalog.upsert(vacancies)
    stored = [v for v in (catalog.find("t", str(i)) for i in range(len(rows))) if v]
    service = SearchService(db, clock, regions=regions)
    places = PlaceTable.load(regions)
    today = START + timedelta(days=today_offset)
    for text in TEXTS:
        query = SearchQuery(text, kecamatan_code=scope, near=near)
        expected = _expected(db, service, places, stored, query, today)
        result = service.search(query, limit=100, today=today)
        assert [v.id for v in result.vacancies] == expected, text
        assert result.total == len(expected), text
        for offset in (0, 3, 7):  # a page is the slice of the same order
            page = service.search(query, limit=4, offset=offset, today=today)
            assert [v.id for v in page.vacancies] == expected[offset:offset + 4], text
    # the facet's area (migration m010) is the place tags' area
    for v in stored:
        stored_area = db.execute("SELECT area FROM vacancy_facet WHERE vacancy_id = ?",
                                 [v.id]).fetchone()[0]
        assert stored_area == place_area(v.location or "", v.kecamatan_code,
                                         v.in_kota_semarang)
