"""Submit latency of an AK1 registration (issue 10): KioskServices.submit_registration (check
every answer, keyed NIK hash and the "already pending" look-up, seal with Fernet, the record
and its outbox entry in one transaction) against a bare baseline in the same run: the same
JSON inserted in plain text into one table plus one outbox row, in one transaction, on a
database opened the same way (kiosk.db.open_database: WAL, synchronous, secure_delete).

Run by hand: `.venv/bin/python benchmarks/registration_submit.py [--count 300] [--json]`.
Prints p50/p95/max in milliseconds. The screens' own latency is REG-UI's
benchmarks/registration_screens.py.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kiosk.db import open_database  # noqa: E402
from kiosk.registration.form import check_draft  # noqa: E402
from kiosk.services import open_services  # noqa: E402
from tests.core.registration_drafts import TODAY_UTC, valid_draft  # noqa: E402


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
            "max_ms": round(ordered[-1] * 1000, 2)}


def run(count: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(Path(tmp) / "kiosk", lambda: TODAY_UTC, seed_demo=False)
        drafts = [valid_draft(nik=f"337401450799{i + 1:04d}") for i in range(count)]
        check_draft(drafts[0], today=TODAY_UTC.date(), min_age=18, regions=services.regions)
        kiosk = []
        for draft in drafts:
            start = time.perf_counter()
            result = services.submit_registration(draft)
            kiosk.append(time.perf_counter() - start)
            assert result.reference and not result.existing
        duplicate = []
        for draft in drafts[:50]:
            start = time.perf_counter()
            assert services.submit_registration(draft).existing
            duplicate.append(time.perf_counter() - start)
        payloads = [check_draft(d, today=TODAY_UTC.date(), min_age=18,
                                regions=services.regions).payload for d in drafts]
        services.close()
        bare_db = open_database(Path(tmp) / "bare" / "kiosk.db")
        bare_db.execute("CREATE TABLE plain (id INTEGER PRIMARY KEY, data TEXT)")
        bare_db.execute("CREATE TABLE plain_outbox (id INTEGER PRIMARY KEY, data TEXT)")
        bare = []
        for payload in payloads:
            text = json.dumps(payload)
            start = time.perf_counter()
            with bare_db.atomic():
                bare_db.execute("INSERT INTO plain (data) VALUES (?)", [text])
                bare_db.execute("INSERT INTO plain_outbox (data) VALUES (?)", [text])
            bare.append(time.perf_counter() - start)
        bare_db.close()
    return {"count": count, "machine": f"{platform.machine()}, {platform.python_version()}",
            "kiosk_submit": _percentiles(kiosk), "kiosk_duplicate": _percentiles(duplicate),
            "bare_insert": _percentiles(bare)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.count)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name in ("kiosk_submit", "kiosk_duplicate", "bare_insert"):
        figures = result[name]
        assert isinstance(figures, dict)
        print(f"{name:16} p50 {figures['p50_ms']:7.2f} ms  p95 {figures['p95_ms']:7.2f} ms"
              f"  max {figures['max_ms']:7.2f} ms")


if __name__ == "__main__":
    main()
