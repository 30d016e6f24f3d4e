"""Search latency (p50, p95) at 1k, 10k and 100k vacancies scaled up from the real job-board file.

Run by hand: `make benchmark`, or
`.venv/bin/python benchmarks/search_latency.py [--sizes 1000,10000]`.
Catalogs are built once into benchmarks/.cache/ and reused. Each measured query is what the kiosk
runs as a resident types: every prefix of a phrase, whole words, typos, loan words and filters.
Target (issue 2): p95 <= 30 ms at 100k vacancies on a 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kiosk.catalog import VacancyCatalog, upsert_in_batches  # noqa: E402
from kiosk.db import open_database  # noqa: E402
from kiosk.importer import read_vacancies  # noqa: E402
from kiosk.region import RegionTable  # noqa: E402
from kiosk.search import SearchQuery, SearchService  # noqa: E402
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy  # noqa: E402

REAL_FILE = REPO.parent / "shared" / "data" / "job_postings_id.jsonl"
CACHE = REPO / "benchmarks" / ".cache"
TODAY = datetime(2025, 7, 10, 9, 0)

# What residents type, letter by letter for the first group.
TYPED = ["sopir", "admin gudang", "kasir", "staff marketing", "operator produksi"]
WHOLE = [
    "security ", "akuntan ", "customer service ", "driver semarang ", "penjahit ",
    "pengemdui ", "akutansi ", "marketnig ", "teknisi listrik ", "barista ", "", "sales ",
]
FILTERS = [
    {},
    {"education": EducationLevel.SMA},
    {"employment_type": EmploymentType.FULL_TIME},
    {"min_salary": 4_000_000},
    {"kecamatan_code": "33.74.10"},
    {"education": EducationLevel.SMK, "min_salary": 3_000_000},
]


def _queries() -> list[SearchQuery]:
    texts: list[str] = []
    for phrase in TYPED:
        texts += [phrase[:i] for i in range(1, len(phrase) + 1)]
    texts += WHOLE
    queries = [SearchQuery(t) for t in texts]
    for i, filters in enumerate(FILTERS):
        queries.append(SearchQuery(WHOLE[i % len(WHOLE)], **filters))  # type: ignore[arg-type]
        queries.append(SearchQuery("", **filters))  # type: ignore[arg-type]
    return queries


def _scaled(base: list[Vacancy], size: int) -> list[Vacancy]:
    """`size` vacancies: copies of the real ones with their own ids, spread over 60 days."""
    out = []
    for i in range(size):
        v = base[i % len(base)]
        copy = i // len(base)
        posted = date(2025, 6, 15) + timedelta(days=(i * 7) % 60)
        out.append(replace(
            v, source_id=f"{v.source_id}-{copy}", date_posted=posted,
            valid_through=posted + timedelta(days=60),
        ))
    return out


def build_catalog(size: int, base: list[Vacancy]) -> Path:
    path = CACHE / f"catalog-{size}.db"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(partial)
    upsert_in_batches(VacancyCatalog(db, lambda: TODAY), _scaled(base, size))
    db.execute("PRAGMA optimize")
    db.close()
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    print(f"  built {size:,} vacancies in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def measure(path: Path, rounds: int) -> dict[str, float]:
    db = open_database(path)
    service = SearchService(db, lambda: TODAY)
    queries = _queries()
    started = time.perf_counter()
    service.search(SearchQuery("warm"))  # first call loads the vocabulary, as at kiosk start
    warmup_ms = (time.perf_counter() - started) * 1000
    timings = []
    for _ in range(rounds):
        for query in queries:
            t0 = time.perf_counter()
            service.search(query, limit=30)
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    db.close()
    return {
        "queries": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "max_ms": round(timings[-1], 2),
        "first_search_ms": round(warmup_ms, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    regions = RegionTable.load()
    base = [v for v in read_vacancies(REAL_FILE, regions) if isinstance(v, Vacancy)]
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {len(base)} real vacancies as the base")
    figures = {}
    for size in (int(s) for s in args.sizes.split(",")):
        path = build_catalog(size, base)
        figures[size] = measure(path, args.rounds)
        print(f"{size:>7,} vacancies: {json.dumps(figures[size])}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
