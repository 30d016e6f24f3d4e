"""Opening the kiosk services (`kiosk.services.open_services`) and warming search at 100k.

Run by hand: `.venv/bin/python benchmarks/open_services.py [--sizes 10000,100000] [--runs 5]
[--cold]`. Catalogs come from benchmarks/.cache/ (built by search_latency.py's builder, reused).
Each run is a fresh process on the same database file, so nothing is cached in Python; the
imports are timed apart. The baseline in the same run is a bare `sqlite3.connect` and
`SELECT count(*) FROM vacancy`. With --cold (root only) the OS page cache is dropped before
every run, as after a kiosk boots. Target (issue 5): open under 1 s at 100,000 vacancies.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, sqlite3, sys, time
from datetime import datetime
from pathlib import Path
sys.path.insert(0, {repo!r})
folder = Path({folder!r})
t0 = time.perf_counter()
conn = sqlite3.connect(folder / "kiosk.db")
conn.execute("SELECT count(*) FROM vacancy").fetchone()
conn.close()
baseline = time.perf_counter() - t0
t0 = time.perf_counter()
from kiosk.services import open_services
imports = time.perf_counter() - t0
t0 = time.perf_counter()
services = open_services(folder, lambda: datetime(2025, 7, 10, 9))
opened = time.perf_counter() - t0
t0 = time.perf_counter()
count = services.catalog.count()
counted = time.perf_counter() - t0
t0 = time.perf_counter()
services.search.warm_up()
warm = time.perf_counter() - t0
services.close()
print(json.dumps(dict(baseline=baseline, imports=imports, open=opened, count=counted,
                      warm_up=warm, vacancies=count)))
"""


def _drop_page_cache() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def one_run(folder: Path, cold: bool, code: Path = REPO) -> dict[str, float]:
    if cold:
        _drop_page_cache()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD.format(repo=str(code), folder=str(folder))],
        cwd=code,
        capture_output=True, text=True, timeout=300, check=True,
    )
    return json.loads(done.stdout)


def _folder_for(size: int) -> Path:
    """A data folder whose kiosk.db is the cached benchmark catalog of `size` (a hard link)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    sys.path.insert(0, str(REPO))
    from search_latency import REAL_FILE, build_catalog

    from kiosk.importer import read_vacancies
    from kiosk.region import RegionTable
    from kiosk.vacancy import Vacancy

    cached = REPO / "benchmarks" / ".cache" / f"catalog-{size}.db"
    if not cached.exists():
        base = [v for v in read_vacancies(REAL_FILE, RegionTable.load()) if isinstance(v, Vacancy)]
        build_catalog(size, base)
    folder = REPO / "benchmarks" / ".cache" / f"data-{size}"
    folder.mkdir(exist_ok=True)
    target = folder / "kiosk.db"
    if not target.exists():
        os.link(cached, target)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="drop the page cache before each run")
    parser.add_argument("--code", type=Path, default=REPO,
                        help="measure the kiosk package of another checkout (e.g. `git archive "
                             "OLD | tar -x -C DIR`) on the same catalog")
    args = parser.parse_args()
    if args.cold and os.geteuid() != 0:
        parser.error("--cold needs root (it writes /proc/sys/vm/drop_caches)")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = _folder_for(size)
        one_run(folder, False, args.code)  # applies pending migrations once, outside the figures
        runs = [one_run(folder, args.cold, args.code) for _ in range(args.runs)]
        median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        worst = {k: max(r[k] for r in runs) for k in runs[0]}
        print(f"{size:,} vacancies, code in {args.code} "
              f"({'cold' if args.cold else 'warm'} page cache, "
              f"median of {args.runs}; worst in brackets):")
        for key, label in (("baseline", "bare connect + count(*)"), ("imports", "imports"),
                           ("open", "open_services"), ("count", "catalog.count()"),
                           ("warm_up", "search.warm_up()")):
            print(f"  {label:<24} {median[key] * 1000:8.1f} ms  ({worst[key] * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")
    sys.exit(status)
