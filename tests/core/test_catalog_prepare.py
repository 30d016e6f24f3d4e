"""The helper process that prepares a long write's batches (kiosk.catalog_prepare): it gives
exactly what preparing in-process gives, a write through it stores the same catalog, it ends
when the writer is SIGKILLed, and a helper that dies leaves the write to finish in a thread."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
from datetime import datetime
from itertools import islice
from pathlib import Path

import pytest

from kiosk import catalog_batches, catalog_prepare
from kiosk.catalog import VacancyCatalog, upsert_in_batches
from kiosk.catalog_prepare import BatchPreparer
from kiosk.catalog_rows import prepare_batch
from kiosk.db import open_database
from kiosk.importer import read_vacancies
from kiosk.region import RegionTable
from kiosk.textnorm import Stemmer
from kiosk.vacancy import Vacancy
from tests.conftest import SHARED_DATA

REPO = Path(__file__).resolve().parents[2]
CLOCK = datetime(2025, 7, 10, 9)


@pytest.fixture(scope="module")
def postings() -> list[Vacancy]:
    items = read_vacancies(SHARED_DATA / "job_postings_id.jsonl", RegionTable.load())
    return list(islice((v for v in items if isinstance(v, Vacancy)), 300))  # read no further


def _ready_preparer(stemmer: Stemmer) -> BatchPreparer:
    """A preparer whose helper process is started and ready (from its first batch on)."""
    preparer = BatchPreparer(stemmer)
    preparer.submit([])()  # the first batch starts the helper when PROCESS_FROM_BATCHES is 0
    assert preparer.wait_for_helper(60), "the helper process did not start"
    return preparer


def _dump(path: Path) -> tuple[list[tuple[object, ...]], ...]:
    db = open_database(path)
    try:
        return tuple(db.execute(sql).fetchall() for sql in (
            "SELECT id, source, source_id, title, description, skills FROM vacancy ORDER BY id",
            "SELECT * FROM vacancy_facet ORDER BY rank_key",
            "SELECT term, doc, cnt FROM vacancy_search_vocab ORDER BY term"))
    finally:
        db.close()


def test_the_helper_prepares_and_stores_what_this_process_does(
    tmp_path: Path, postings: list[Vacancy], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_batches, "BATCH_SIZE", 20)  # 15 batches of the 300 and more
    monkeypatch.setattr(catalog_prepare, "PROCESS_FROM_BATCHES", 0)
    stemmer = Stemmer()
    with _ready_preparer(stemmer) as preparer:
        # The helper's batch is exactly what preparing in this process gives.
        assert preparer.submit(postings[:100])() == prepare_batch(Stemmer(), postings[:100])
        for name, through in (("thread", BatchPreparer(stemmer, use_process=False)),
                              ("helper", preparer)):
            db = open_database(tmp_path / name / "kiosk.db")
            catalog = VacancyCatalog(db, lambda: CLOCK, stemmer)
            # Repeats within and across batches: updated in place, indexed once.
            counts = upsert_in_batches(catalog, postings + postings[:40] + postings[5:7],
                                       preparer=through)
            assert (counts.added, counts.unchanged) == (len(postings), 42)
            db.close()
            if through is not preparer:
                through.close()
        assert preparer.helper_batches == 19  # the 100, then 342 / 20: every batch
    assert _dump(tmp_path / "helper" / "kiosk.db") == _dump(tmp_path / "thread" / "kiosk.db")


@pytest.mark.expected_log("kiosk.catalog_prepare", "WARNING")
def test_a_helper_that_dies_leaves_the_batch_to_this_process(
    postings: list[Vacancy], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_prepare, "PROCESS_FROM_BATCHES", 0)
    stemmer = Stemmer()
    with _ready_preparer(stemmer) as preparer:
        pid = preparer.helper_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        prepared = preparer.submit(postings[:50])()  # sent into a dead pipe, or unanswered
        assert preparer.helper_pid is None
        assert preparer.submit(postings[50:60])() == prepare_batch(stemmer, postings[50:60])
    assert prepared == prepare_batch(Stemmer(), postings[:50])


def test_a_helper_that_dies_while_starting_is_never_used(
    postings: list[Vacancy], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_prepare, "PROCESS_FROM_BATCHES", 0)
    stemmer = Stemmer()
    with BatchPreparer(stemmer) as preparer:
        assert preparer.submit(postings[:5])() == prepare_batch(stemmer, postings[:5])
        pid = preparer.helper_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)  # long before it has imported anything
        assert not preparer.wait_for_helper(60)
        assert preparer.submit(postings[5:9])() == prepare_batch(stemmer, postings[5:9])
        assert (preparer.helper_pid, preparer.helper_batches) == (None, 0)


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux pidfd_open")
def test_the_helper_ends_when_the_writer_is_killed() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent("""
            import sys
            from kiosk import catalog_prepare
            from kiosk.textnorm import Stemmer
            catalog_prepare.PROCESS_FROM_BATCHES = 0
            preparer = catalog_prepare.BatchPreparer(Stemmer())
            preparer.submit([])()
            assert preparer.wait_for_helper(60)
            print(preparer.helper_pid, flush=True)
            sys.stdin.readline()  # the test kills us while we wait here
        """)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    helper = int(child.stdout.readline())
    exited = os.pidfd_open(helper)
    try:
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
        # The helper reads end-of-file on its pipe and returns: its pidfd turns readable.
        readable, _w, _x = select.select([exited], [], [], 30)
        assert readable == [exited], "the helper outlived the killed writer"
    finally:
        os.close(exited)
