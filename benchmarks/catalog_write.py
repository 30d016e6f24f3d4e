"""Writing the catalog: 100,000 vacancies through VacancyCatalog (the path imports and the sync
engine share) against a bare FTS5 table of the same text, in the same run.

Run by hand: `.venv/bin/python benchmarks/catalog_write.py [--size 100000]`.
The vacancies are the real job-board file read once by the kiosk's importer (not timed here:
reading and checking a file is the importer's cost, printed apart), copied with new ids and
dates as in benchmarks/search_latency.py. Three timings and two sizes:
- kiosk: `upsert_in_batches` into a fresh kiosk database (500 per transaction, as an import;
  past 2,000 vacancies its batches are prepared in the helper process, kiosk.catalog_prepare;
  `--thread-too` also times the same write with them prepared in a thread only);
- bare: the same title, employer, skills and description inserted into a plain FTS5 table
  (default tokenizer, content stored), 500 rows per transaction, same journal and sync mode;
- words: folding and stemming every text with a fresh Stemmer, the part of the kiosk's time
  that the bare table does not do.
Beside the seconds, the CPU seconds of the kiosk's writer, of its helper and of the bare insert
(less moved by other work on the same cores than wall time).
Targets (issue 9): kiosk time <= 20 s and kiosk size <= 1.5x bare at 100,000 vacancies.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.search_latency import REAL_FILE, TODAY, _scaled  # noqa: E402
from kiosk.catalog import VacancyCatalog, upsert_in_batches  # noqa: E402
from kiosk.catalog_prepare import BatchPreparer  # noqa: E402
from kiosk.db import open_database  # noqa: E402
from kiosk.importer import read_vacancies  # noqa: E402
from kiosk.region import RegionTable  # noqa: E402
from kiosk.textnorm import Stemmer  # noqa: E402
from kiosk.vacancy import Vacancy  # noqa: E402


def _size(path: Path) -> int:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.stat().st_size + sum(
        Path(str(path) + s).stat().st_size for s in ("-wal",) if Path(str(path) + s).exists())


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def kiosk_write(vacancies: list[Vacancy], folder: Path, *, use_process: bool = True
                ) -> tuple[float, int, int, float, float, float]:
    """Seconds, bytes, how many batches the helper process prepared, the seconds the
    writer waited for them, and the CPU seconds of the writer and of the helper. CPU seconds
    move less than wall time when other work shares the cores."""
    path = folder / ("kiosk.db" if use_process else "kiosk-thread.db")
    db = open_database(path)
    catalog = VacancyCatalog(db, lambda: TODAY)
    cpu_before, children_before = _cpu()
    started = time.perf_counter()
    # As upsert_in_batches makes its own (use_process=False: batches prepared in a thread only)
    with BatchPreparer(catalog.stemmer, use_process=use_process) as preparer:
        upsert_in_batches(catalog, vacancies, preparer=preparer)
        elapsed = time.perf_counter() - started
    cpu_after, children_after = _cpu()  # the helper has been joined: its CPU is counted
    db.close()
    return (elapsed, _size(path), preparer.helper_batches, preparer.helper_wait_s,
            cpu_after - cpu_before, children_after - children_before)


def bare_write(vacancies: list[Vacancy], folder: Path) -> tuple[float, int, float]:
    """Seconds, bytes and CPU seconds of the bare insert."""
    path = folder / "bare.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, employer, skills, description)")
    rows = [(v.title, v.employer, " ".join(v.skills), v.description) for v in vacancies]
    cpu_before = _cpu()[0]
    started = time.perf_counter()
    for i in range(0, len(rows), 500):
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows[i:i + 500])
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    cpu = _cpu()[0] - cpu_before
    conn.close()
    return elapsed, _size(path), cpu


def words_only(vacancies: list[Vacancy]) -> float:
    stemmer = Stemmer()
    stemmer.stem("pekerjaan")  # the dictionary load is not per vacancy
    started = time.perf_counter()
    for v in vacancies:
        stemmer.index_text(v.title)
        stemmer.index_text(v.employer)
        stemmer.index_many(v.skills)
        stemmer.index_stems(v.description)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--thread-too", action="store_true",
                        help="also write with batches prepared in a thread only (no helper)")
    args = parser.parse_args()
    regions = RegionTable.load()
    started = time.perf_counter()
    base = [v for v in read_vacancies(REAL_FILE, regions) if isinstance(v, Vacancy)]
    read_s = time.perf_counter() - started
    vacancies = _scaled(base, args.size)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version}; read {len(base)} real records in {read_s:.1f} s "
          f"({len(base) / read_s:,.0f}/s)")
    with tempfile.TemporaryDirectory(dir=REPO / "benchmarks") as tmp:
        folder = Path(tmp)
        bare_s, bare_bytes, bare_cpu = bare_write(vacancies, folder)
        (kiosk_s, kiosk_bytes, helper_batches, helper_wait_s, writer_cpu,
         helper_cpu) = kiosk_write(vacancies, folder)
        thread_s = (kiosk_write(vacancies, folder, use_process=False)[0] if args.thread_too
                    else None)
    words_s = words_only(vacancies)
    figures = {
        "vacancies": args.size,
        "kiosk_s": round(kiosk_s, 1), "bare_fts5_s": round(bare_s, 1),
        "time_ratio": round(kiosk_s / bare_s, 2),
        "folding_stemming_s": round(words_s, 1), "helper_process_batches": helper_batches,
        "waited_for_helper_s": round(helper_wait_s, 1),
        "kiosk_writer_cpu_s": round(writer_cpu, 1), "kiosk_helper_cpu_s": round(helper_cpu, 1),
        "bare_fts5_cpu_s": round(bare_cpu, 1),
        "writer_cpu_ratio": round(writer_cpu / bare_cpu, 2),
        "kiosk_thread_only_s": None if thread_s is None else round(thread_s, 1),
        "kiosk_mb": round(kiosk_bytes / 1e6, 1), "bare_fts5_mb": round(bare_bytes / 1e6, 1),
        "size_ratio": round(kiosk_bytes / bare_bytes, 2),
    }
    print(json.dumps(figures), "\nload average:", " ".join(
        f"{x:.2f}" for x in os.getloadavg()))
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
