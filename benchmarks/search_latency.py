"""Search latency (p50, p95) at 1k, 10k and 100k vacancies scaled up from the real job-board file.

Run by hand: `make benchmark`, or
`.venv/bin/python benchmarks/search_latency.py [--sizes 1000,10000]`.
Catalogs are built once into benchmarks/.cache/ and reused. Each measured query is what the kiosk
runs as a resident types: every prefix of a phrase, whole words, typos, loan words and filters.
The catalog file of an older schema is migrated forward when opened (kiosk.migrations), as
a kiosk's would be, so a cached catalog stays valid across schema changes; `--near KODE`
measures a kiosk that knows its kecamatan (four distance bands instead of three).
Targets: p95 <= 30 ms at 100k vacancies on a 2-core machine (issue 2), p95 <= 15 ms at 100k
(issue 9), measured beside a bare FTS5 baseline in the same run: the same rows' raw text in a
plain FTS5 table, each query's words AND-ed (the last one as a prefix while typing), counted
and a page of 30 read, no filters, no tiers, no rows loaded. `count share` is the part of the
kiosk's search spent before the page is read (planning the words and the exact count: the
same search with limit 0), `joined count` the count as it was before issue 9 (every match
joined to the facet table to check expiry).
"""
from __future__ import annotations

import argparse
import json
import platform
import sqlite3
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
from kiosk.textnorm import tokens  # noqa: E402
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy  # noqa: E402

REAL_FILE = REPO.parent / "shared" / "data" / "job_postings_id.jsonl"
CACHE = REPO / "benchmarks" / ".cache"
CATALOG_VERSION = "m011"  # catalogs built before the index without positions (m011) are not reused
TODAY = datetime(2025, 7, 10, 9, 0)

# What residents type, letter by letter for the first group.
TYPED = ["sopir", "admin gudang", "kasir", "staff marketing", "operator produksi"]
WHOLE = [
    "security ", "akuntan ", "customer service ", "driver semarang ", "penjahit ",
    "pengemdui ", "akutansi ", "marketnig ", "teknisi listrik ", "barista ", "", "sales ",
    "bekerja ",  # a word in nearly every description: the largest count
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
    path = CACHE / f"catalog-{CATALOG_VERSION}-{size}.db"
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


def build_bare(size: int, base: list[Vacancy], catalog: Path) -> Path:
    """The same vacancies' raw text in a plain FTS5 table (default tokenizer, content kept)."""
    path = CACHE / f"bare-{size}.db"
    if path.exists():
        return path
    conn = sqlite3.connect(path.with_suffix(".partial"), isolation_level=None)
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, employer, skills, description)")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", [
        (v.title, v.employer, " ".join(v.skills), v.description) for v in _scaled(base, size)])
    conn.execute("COMMIT")
    conn.close()
    path.with_suffix(".partial").rename(path)
    return path


def _bare_expression(text: str) -> str | None:
    words = tokens(text)
    typing = bool(text[-1:].strip())
    if typing and words and len(words[-1]) < 2:
        words = words[:-1]  # as the kiosk: a lone first letter waits for the second
        typing = False
    if not words:
        return None
    parts = [f'"{w}"' for w in words]
    if typing:
        parts[-1] += "*"
    return " AND ".join(parts)


def _bare_search(conn: sqlite3.Connection, text: str) -> None:
    expression = _bare_expression(text)
    if expression is None:
        conn.execute("SELECT count(*) FROM t").fetchone()
        conn.execute("SELECT rowid FROM t ORDER BY rowid DESC LIMIT 30").fetchall()
        return
    conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()
    conn.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid DESC LIMIT 30",
                 (expression,)).fetchall()


def _p(timings: list[float], q: float) -> float:
    ordered = sorted(timings)
    return round(ordered[max(0, int(len(ordered) * q) - 1)], 2)


def measure(path: Path, bare: Path, rounds: int, near: str | None = None) -> dict[str, float]:
    db = open_database(path)
    service = SearchService(db, lambda: TODAY)
    queries = [replace(q, near=near) for q in _queries()]
    started = time.perf_counter()
    service.search(SearchQuery("warm"))  # first call loads the vocabulary, as at kiosk start
    warmup_ms = (time.perf_counter() - started) * 1000
    bare_conn = sqlite3.connect(bare)
    bare_conn.execute("PRAGMA cache_size = -65536")
    for query in queries:  # the same warm page cache for both
        service.search(query, limit=30)
        _bare_search(bare_conn, query.text)
    timings, counts, bare_times = [], [], []
    slowest: dict[str, float] = {}
    for _ in range(rounds):
        for query in queries:
            t0 = time.perf_counter()
            service.search(query, limit=30)
            t1 = time.perf_counter()
            service.search(query, limit=0)
            t2 = time.perf_counter()
            _bare_search(bare_conn, query.text)
            t3 = time.perf_counter()
            timings.append((t1 - t0) * 1000)
            counts.append((t2 - t1) * 1000)
            bare_times.append((t3 - t2) * 1000)
            slowest[query.text] = max(slowest.get(query.text, 0.0), (t1 - t0) * 1000)
    bekerja = SearchQuery("bekerja ")
    joined = []
    expression = getattr(service, "match_expression", lambda _t: None)("bekerja ")
    for _ in range(rounds):
        if expression is not None:
            t0 = time.perf_counter()
            db.execute("SELECT count(*) FROM vacancy_search s JOIN vacancy_facet f ON "
                       "f.rank_key = s.rowid WHERE vacancy_search MATCH ? AND "
                       "f.valid_through >= ?", (expression, TODAY.date().isoformat())).fetchone()
            joined.append((time.perf_counter() - t0) * 1000)
    bekerja_ms = [0.0]
    for _ in range(rounds):
        t0 = time.perf_counter()
        service.search(bekerja, limit=30)
        bekerja_ms.append((time.perf_counter() - t0) * 1000)
    db.close()
    bare_conn.close()
    return {
        "queries": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": _p(timings, 0.95),
        "max_ms": round(max(timings), 2),
        "bare_p50_ms": round(statistics.median(bare_times), 2),
        "bare_p95_ms": _p(bare_times, 0.95),
        "p95_ratio": round(_p(timings, 0.95) / max(_p(bare_times, 0.95), 0.01), 2),
        "count_share": round(sum(counts) / sum(timings), 2),
        "bekerja_ms": round(statistics.median(bekerja_ms[1:]), 1),
        "bekerja_joined_count_ms": round(statistics.median(joined), 1) if joined else None,
        "slowest": sorted(slowest.items(), key=lambda kv: -kv[1])[:3],
        "first_search_ms": round(warmup_ms, 1),
    }  # type: ignore[return-value]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--near", help="the kecamatan code where the kiosk stands (its four "
                        "distance bands); default: a kiosk that knows only the city")
    args = parser.parse_args()
    regions = RegionTable.load()
    base = [v for v in read_vacancies(REAL_FILE, regions) if isinstance(v, Vacancy)]
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {len(base)} real vacancies as the base")
    figures = {}
    for size in (int(s) for s in args.sizes.split(",")):
        path = build_catalog(size, base)
        figures[size] = measure(path, build_bare(size, base, path), args.rounds, args.near)
        print(f"{size:>7,} vacancies: {json.dumps(figures[size])}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
