"""Writes commit with their change mark or not at all, and other processes' writes are noticed."""
from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.catalog import BATCH_SIZE, VacancyCatalog, upsert_in_batches
from kiosk.changes import DOMAINS, Changes, ChangeWatcher, changed, mark_changed
from kiosk.db import database_path, open_database
from kiosk.importer import read_vacancies
from kiosk.region import RegionTable
from kiosk.services import open_services
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock

REPO = Path(__file__).resolve().parents[2]


def counters(db: Database) -> dict[str, int]:
    return dict(db.execute("SELECT domain, counter FROM change_counter").fetchall())


def table_counts(db: Database) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("vacancy", "vacancy_facet", "vacancy_search")
    )


def assert_every_vacancy_indexed(db: Database) -> None:
    """Each vacancy row has its facet row and its search row, and nothing else is there."""
    unindexed = db.execute(
        "SELECT count(*) FROM vacancy v LEFT JOIN vacancy_facet f ON f.vacancy_id = v.id "
        "LEFT JOIN vacancy_search s ON s.rowid = f.rank_key WHERE s.rowid IS NULL"
    ).fetchone()[0]
    assert unindexed == 0
    n = table_counts(db)
    assert n[0] == n[1] == n[2], n


def real_vacancies(shared_data: Path, regions: RegionTable) -> list[Vacancy]:
    return [v for v in read_vacancies(shared_data / "job_postings_id.jsonl", regions)
            if isinstance(v, Vacancy)]


def test_changes_union_truth_and_fields() -> None:
    assert not Changes()
    assert Changes(catalog=True)
    assert Changes(catalog=True) | Changes(outbox=True) == Changes(catalog=True, outbox=True)
    assert (Changes() | Changes()) == Changes()
    assert tuple(f.name for f in dataclasses.fields(Changes)) == DOMAINS
    assert Changes(registrations=True).domains() == ("registrations",)


def test_mark_changed_refuses_to_run_outside_a_transaction(db: Database) -> None:
    with pytest.raises(RuntimeError, match="atomic"):
        mark_changed(db, Changes(catalog=True))
    mark_changed(db, Changes())  # nothing to mark: no transaction needed
    assert set(counters(db).values()) == {0}


def test_a_failed_write_rolls_back_with_its_change_mark(db: Database) -> None:
    with pytest.raises(ZeroDivisionError), changed(db, Changes(catalog=True, outbox=True)):
        db.execute("UPDATE change_counter SET counter = 99 WHERE domain = 'registrations'")
        raise ZeroDivisionError("the write fails midway")
    assert set(counters(db).values()) == {0}
    with changed(db, Changes(outbox=True)):
        pass
    assert counters(db) == {"catalog": 0, "registrations": 0, "outbox": 1}


def test_a_batch_that_fails_midway_leaves_no_row_and_no_mark(
    db: Database, clock: FakeClock, shared_data: Path, regions: RegionTable
) -> None:
    catalog = VacancyCatalog(db, clock)
    good = real_vacancies(shared_data, regions)[: BATCH_SIZE + 10]
    # Row 505 breaks a NOT NULL constraint, inside the second batch.
    broken = good[:505] + [dataclasses.replace(good[505], title=None)] + good[506:]  # type: ignore[arg-type]
    committed: list[int] = []
    with pytest.raises(Exception, match="NOT NULL"):
        upsert_in_batches(catalog, broken,
                          on_batch=lambda c, _batch: committed.append(c.added))
    assert committed == [BATCH_SIZE]
    assert table_counts(db) == (BATCH_SIZE,) * 3
    assert counters(db)["catalog"] == 1
    assert_every_vacancy_indexed(db)


def test_the_watcher_notices_another_process_and_stays_quiet_otherwise(
    tmp_path: Path, clock: FakeClock
) -> None:
    services = open_services(tmp_path, clock, seed_demo=False)
    try:
        assert services.poll_changes() == Changes()
        other = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(f"""
                from datetime import datetime
                from kiosk.services import open_services
                s = open_services({str(tmp_path)!r}, lambda: datetime(2025, 7, 10, 9))
                print(s.catalog.count())
                s.close()
            """)],
            cwd=REPO, capture_output=True, text=True, timeout=60,
        )
        assert other.returncode == 0, other.stderr
        assert other.stdout.strip() == "48"  # it seeded the demo catalog
        assert services.poll_changes() == Changes(catalog=True)
        assert services.poll_changes() == Changes()
        assert services.seed_demo() == Changes()  # not empty any more
        assert services.poll_changes() == Changes()
    finally:
        services.close()


def test_the_watcher_reports_writes_of_its_own_connection(db: Database) -> None:
    watcher = ChangeWatcher(db)
    with changed(db, Changes(registrations=True)):
        pass
    assert watcher.poll() == Changes(registrations=True)
    assert watcher.poll() == Changes()


def test_an_import_killed_midway_keeps_whole_batches_and_their_counts(
    tmp_path: Path, shared_data: Path
) -> None:
    """SIGKILL while the second batch's transaction is open: the first stays whole, the rest
    is gone, and the change counter says exactly one batch committed."""
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from datetime import datetime
            from kiosk.catalog import upsert_in_batches
            from kiosk.importer import read_vacancies
            from kiosk.services import open_services
            from kiosk.vacancy import Vacancy
            s = open_services({str(tmp_path)!r}, lambda: datetime(2025, 7, 10, 9),
                              seed_demo=False)
            items = read_vacancies({str(shared_data / "job_postings_id.jsonl")!r}, s.regions)

            inserts = [0]

            def pause_in_second_batch(statement):
                # Runs inside the open transaction of batch 2, after its 250th vacancy.
                if statement.startswith("INSERT INTO vacancy ("):
                    inserts[0] += 1
                    if inserts[0] == {BATCH_SIZE + 250}:
                        print("midway", flush=True)
                        sys.stdin.readline()  # the parent kills us while we wait here

            s.catalog.database.conn.set_trace_callback(pause_in_second_batch)
            vacancies = (i for i in items if isinstance(i, Vacancy))
            upsert_in_batches(s.catalog, vacancies,
                              on_batch=lambda c, _b: print("committed", c.added, flush=True))
        """)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().strip() == f"committed {BATCH_SIZE}"
    assert child.stdout.readline().strip() == "midway"  # 250 rows of batch 2 are written
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL

    db = open_database(database_path(tmp_path))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert table_counts(db) == (BATCH_SIZE,) * 3
        assert_every_vacancy_indexed(db)
        assert counters(db)["catalog"] == 1
    finally:
        db.close()


def test_demo_seeding_is_one_transaction_with_one_mark(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 1, 5, 9))
    services = open_services(tmp_path, clock)
    services.close()
    db = open_database(database_path(tmp_path))
    try:
        assert table_counts(db) == (48, 48, 48)
        assert counters(db) == {"catalog": 1, "registrations": 0, "outbox": 0}
    finally:
        db.close()


def test_opening_and_warming_up_are_no_news(tmp_path: Path, clock: FakeClock) -> None:
    services = open_services(tmp_path, clock)  # seeds the demo catalog
    try:
        services.search.warm_up()  # stores the index's words: derived data, not a change
        assert services.poll_changes() == Changes()
        assert services.store_vacancies([]) == Changes()
    finally:
        services.close()


def test_a_vacancy_is_found_by_its_source_and_source_id(db) -> None:
    from datetime import date, datetime

    from kiosk.catalog import VacancyCatalog
    from kiosk.vacancy import Vacancy

    catalog = VacancyCatalog(db, lambda: datetime(2025, 7, 10))
    vacancy = Vacancy(
        title="Kasir", employer="Toko Maju", location="Semarang", description="",
        date_posted=date(2025, 7, 1), valid_through=date(2025, 7, 31),
        source="lokerid", source_id="K-1",
    )
    with db.atomic():
        catalog.upsert([vacancy])
    found = catalog.find("lokerid", "K-1")
    assert found is not None and found.title == "Kasir" and found.id is not None
    assert catalog.find("csv", "K-1") is None
    assert catalog.find("lokerid", "K-2") is None
