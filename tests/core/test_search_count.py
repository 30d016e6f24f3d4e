"""The exact count of open matches, counted by FTS5 alone where the rank keys allow it, equals
the count of joining every match to the facet table, whatever mix of open and closed."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.search import SearchQuery, SearchService
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock

TITLES = ("Sopir Ekspedisi", "Admin Gudang", "Kasir Toko", "Staff Marketing", "Operator Produksi")


def _join_count(db: Database, service: SearchService, text: str, today: date) -> int:
    expression = service.match_expression(text)
    return int(db.execute(
        "SELECT count(*) FROM vacancy_search s JOIN vacancy_facet f ON f.rank_key = s.rowid "
        "WHERE vacancy_search MATCH ? AND f.valid_through >= ?",
        (expression, today.isoformat())).fetchone()[0])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1,
                     max_size=30),
       today_offset=st.integers(0, 80))
def test_the_count_equals_the_joined_count(
    db: Database, clock: FakeClock, days: list[tuple[int, int]], today_offset: int
) -> None:
    # hypothesis reuses the database between examples
    db.execute("INSERT INTO vacancy_search (vacancy_search) VALUES ('delete-all')")
    db.execute("DELETE FROM vacancy_facet")
    db.execute("DELETE FROM vacancy")
    start = date(2025, 6, 1)
    vacancies = [
        Vacancy(source="t", source_id=str(i), title=TITLES[i % len(TITLES)],
                employer="PT Maju", location="Semarang", description="Bekerja di gudang.",
                date_posted=start + timedelta(days=posted),
                valid_through=start + timedelta(days=posted + open_for))
        for i, (posted, open_for) in enumerate(days)
    ]
    with db.atomic():
        VacancyCatalog(db, clock).upsert(vacancies)
    service = SearchService(db, clock)
    today = start + timedelta(days=today_offset)
    for text in ("bekerja", "gudang", "st", "kasir toko", "sopir"):
        expected = _join_count(db, service, text, today)
        assert service.search(SearchQuery(text), today=today).total == expected, text
        open_now = sum(1 for v in vacancies if v.is_open_on(today))
        if text == "bekerja":
            assert expected == open_now
