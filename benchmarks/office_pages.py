"""The office pages' costs on a real server over loopback (SQLite, one worker), by hand:

    .venv/bin/python benchmarks/office_pages.py [--kiosks 200] [--requests 200]

- the fleet table's refresh (GET /office/fleet/rows, which every open fleet page polls every
  5 s) with K kiosks that have sent a heartbeat: p50/p95 latency and bytes;
- sign-in (argon2id verification plus the audit entry): p50/p95;
- the registration queue page with 100 decrypted registrations: p50/p95;
- baseline in the same run: GET /api/v1/sync/config (no database, no template).
Prints a Markdown table for docs/central-office.md.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from tests.central.office_client import (  # noqa: E402
    PASSWORD,
    Staff,
    csrf_of,
    make_user,
    pushed_registration,
)
from tests.central.server import CentralServer  # noqa: E402


def _timed(call: Callable[[], httpx.Response], n: int) -> tuple[float, float, int]:
    times, size = [], 0
    for _ in range(n):
        start = time.perf_counter()
        answer = call()
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code in (200, 303), answer.status_code
        size = len(answer.content)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], size


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server = CentralServer.start(f"sqlite:///{folder}/central.sqlite3", Path(folder) / "data")
        try:
            now = datetime.now(UTC).isoformat()
            first = None
            for n in range(args.kiosks):
                kiosk = server.enroll(f"Kios {n:03d}")
                first = first or kiosk
                kiosk.http.post("/api/v1/heartbeat", headers=kiosk.headers, json={
                    "pending_count": n, "app_version": "0.1.0", "device_time": now,
                    "last_sync_at": now, "free_disk_mb": 9000})
                if n < 100:
                    pushed_registration(kiosk)
                kiosk.http.close()
            admin = Staff.sign_in(server, "admin")
            verifier = Staff.sign_in(server, "verifier")
            rows: list[tuple[str, tuple[float, float, int]]] = []
            base = server.client()
            rows.append(("baseline GET /api/v1/sync/config",
                         _timed(lambda: base.get("/api/v1/sync/config"), args.requests)))
            rows.append((f"GET /office/fleet/rows, {args.kiosks} kiosks",
                         _timed(lambda: admin.get("/office/fleet/rows"), args.requests)))
            rows.append(("GET /office/registrations (100 decrypted)",
                         _timed(lambda: verifier.get("/office/registrations"), args.requests)))
            name = make_user(server, "verifier")

            def sign_in() -> httpx.Response:
                # Each sign-in replaces the session (a new nonce), so each needs a fresh form:
                # this row includes that GET.
                with server.client() as login:
                    token = csrf_of(login.get("/office/login").text)
                    return login.post("/office/login", data={
                        "csrf": token, "username": name, "password": PASSWORD,
                        "next": "/office/fleet"})

            rows.append(("GET /office/login + POST (argon2id verify)",
                         _timed(sign_in, min(args.requests, 50))))
        finally:
            server.stop()
    print("| request | p50 ms | p95 ms | bytes |")
    print("|---|---|---|---|")
    for label, (p50, p95, size) in rows:
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {size:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
