"""Central server throughput over loopback, on SQLite and on PostgreSQL, beside a bare baseline.

Run by hand (not in `make test`), a few minutes in all:
    .venv/bin/python benchmarks/central_push_pull.py [--registrations 10000]
        [--vacancies 100000] [--kiosks 200] [--rounds 5] [--backends sqlite,postgresql]

Measures, per backend, with a real `siker-central serve` (1 worker on SQLite, 2 on PostgreSQL):
- push of N registrations in batches of 500 ops: records/s, bytes per record plain and gzip;
- pull of M vacancies (real job-board rows from ../shared/data, ids varied) in pages of 500:
  records/s and bytes per record on the wire with and without gzip;
- K kiosks at once, each `rounds` times a heartbeat and a push of 5 registrations: req/s, p50/p95;
baselines in the same run: a bare FastAPI app (GET /ping, POST /echo) under the same K-client
load with the same worker count, and the database's raw INSERT rate for rows of the same size.
Prints a Markdown table for docs/central.md.
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from sync.central import vacancies  # noqa: E402
from tests.central.server import CentralServer, Kiosk, op, registration  # noqa: E402
from tests.pg import PostgresServer, free_port  # noqa: E402

FAST = {"SIKER_CENTRAL_RATE_PER_MINUTE": "10000000", "SIKER_CENTRAL_RATE_BURST": "10000000"}
POSTINGS = REPO.parent / "shared" / "data" / "job_postings_id.jsonl"
BASELINE_APP = '''
from fastapi import FastAPI, Request
app = FastAPI()
@app.get("/ping")
def ping() -> dict:
    return {"ok": True}
@app.post("/echo")
async def echo(request: Request) -> dict:
    return {"n": len(await request.body())}
'''


NAMES = ["Siti Aminah", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Rina Wati",
         "Eko Prasetyo", "Sri Wahyuni", "Joko Susilo", "Nur Hidayah", "Andi Saputra"]


def _registrations(n: int, offset: int = 0) -> list[dict[str, Any]]:
    """n different, valid registrations (NIK, birth date, sex, name, phone all vary)."""
    out = []
    for i in range(offset, offset + n):
        born = date(1970, 1, 1) + timedelta(days=(i * 7) % 15000)
        female = i % 2 == 0
        nik = (f"337401{born.day + 40 * female:02d}{born.month:02d}{born.year % 100:02d}"
               f"{i % 10000:04d}")
        payload = registration(
            nik=nik, birth_date=born.isoformat(), sex="P" if female else "L",
            full_name=f"{NAMES[i % len(NAMES)]} {chr(65 + i % 26)}",
            phone=f"08{(1_200_000_000 + i * 7919) % 10_000_000_000:010d}",
            address=f"Jl. Pemuda No. {i % 300 + 1}", email=None)
        out.append(op("registration", payload, seq=i + 1))
    return out


def bench_push(kiosk: Kiosk, n: int, *, compress: bool, offset: int) -> dict[str, float]:
    ops = _registrations(n, offset)
    plain_bytes = gzip_bytes = 0
    start = time.perf_counter()
    for i in range(0, n, 500):
        batch = kiosk.batch(ops[i : i + 500])
        body = json.dumps(batch).encode()
        packed = gzip.compress(body, 6)
        plain_bytes += len(body)
        gzip_bytes += len(packed)
        headers = {**kiosk.headers, "Idempotency-Key": batch["batch_id"],
                   "Content-Type": "application/json"}
        if compress:
            headers["Content-Encoding"] = "gzip"
        answer = kiosk.http.post("/api/v1/sync/push", content=packed if compress else body,
                                 headers=headers)
        assert answer.status_code == 200, answer.text[:300]
        assert all(r["status"] == "applied" for r in answer.json()["results"])
    elapsed = time.perf_counter() - start
    return {"records_per_s": n / elapsed, "bytes_plain": plain_bytes / n,
            "bytes_gzip": gzip_bytes / n, "seconds": elapsed}


def load_vacancies(server: CentralServer, m: int) -> float:
    rows = [json.loads(line) for line in POSTINGS.read_text(encoding="utf-8").splitlines()]
    start = time.perf_counter()
    for i in range(0, m, 2000):
        with server.engine.begin() as conn:
            for j in range(i, min(m, i + 2000)):
                data = dict(rows[j % len(rows)])
                data["id"] = f"bench:{j}"
                vacancies.publish(conn, data)
    return m / (time.perf_counter() - start)


def bench_pull(kiosk: Kiosk, m: int, *, compress: bool) -> dict[str, float]:
    cursor, count, wire = "", 0, 0
    headers = {**kiosk.headers, "Accept-Encoding": "gzip" if compress else "identity"}
    start = time.perf_counter()
    while True:
        with kiosk.http.stream("GET", "/api/v1/sync/pull", headers=headers,
                               params={"cursor": cursor, "limit": 500}) as response:
            assert response.status_code == 200
            body = response.read()
            wire += response.num_bytes_downloaded
        page = json.loads(body)
        count += sum(1 for c in page["changes"] if c["entity"] == "vacancy")
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    elapsed = time.perf_counter() - start
    assert count >= m, (count, m)
    return {"records_per_s": count / elapsed, "bytes": wire / count, "seconds": elapsed}


async def _fleet(base_url: str, plans: list[list[tuple[str, str, dict, dict]]]) -> dict[str, float]:
    latencies: list[float] = []

    async def kiosk_loop(http: httpx.AsyncClient, steps: list[tuple[str, str, dict, dict]]) -> None:
        for method, path, headers, body in steps:
            t0 = time.perf_counter()
            answer = await http.request(method, path, headers=headers,
                                        json=body if method == "POST" else None)
            latencies.append(time.perf_counter() - t0)
            assert answer.status_code == 200, answer.text[:200]

    limits = httpx.Limits(max_connections=len(plans) + 10)
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as http:
        start = time.perf_counter()
        await asyncio.gather(*(kiosk_loop(http, steps) for steps in plans))
        elapsed = time.perf_counter() - start
    latencies.sort()
    return {"req_per_s": len(latencies) / elapsed, "p50_ms": statistics.median(latencies) * 1000,
            "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
            "requests": len(latencies)}


def bench_fleet(server: CentralServer, kiosks: int, rounds: int) -> dict[str, float]:
    enrolled = [server.enroll(f"Kiosk {i:03d}") for i in range(kiosks)]
    plans = []
    for kiosk in enrolled:
        steps = []
        for r in range(rounds):
            beat = {"pending_count": 5, "app_version": "0.1.0",
                    "device_time": "2026-01-01T00:00:00Z", "speech_ok": True}
            steps.append(("POST", "/api/v1/heartbeat", kiosk.headers, beat))
            batch = kiosk.batch([op("registration", registration(), seq=5 * r + k + 1)
                                 for k in range(5)])
            steps.append(("POST", "/api/v1/sync/push",
                          {**kiosk.headers, "Idempotency-Key": batch["batch_id"]}, batch))
        plans.append(steps)
    return asyncio.run(_fleet(server.base_url, plans))


def bench_baseline_http(kiosks: int, rounds: int, workers: int, folder: Path) -> dict[str, float]:
    (folder / "baseline_app.py").write_text(BASELINE_APP)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "baseline_app:app", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers), "--log-level", "warning"],
        cwd=folder, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/ping", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        body = {"x": "y" * 2000}
        plans = [[("GET", "/ping", {}, {}), ("POST", "/echo", {}, body)] * rounds
                 for _ in range(kiosks)]
        return asyncio.run(_fleet(f"http://127.0.0.1:{port}", plans))
    finally:
        os.killpg(process.pid, 15)
        process.wait()


def bench_raw_insert(engine: sa.Engine, n: int) -> float:
    """Rows/s of plain INSERTs of ~1.2 kB rows, 500 per transaction: the floor under push."""
    meta = sa.MetaData()
    table = sa.Table("bench_raw", meta, sa.Column("id", sa.String(36), primary_key=True),
                     sa.Column("body", sa.Text))
    meta.drop_all(engine)
    meta.create_all(engine)
    text = "x" * 1200
    start = time.perf_counter()
    for i in range(0, n, 500):
        with engine.begin() as conn:
            conn.execute(sa.insert(table), [{"id": str(uuid.uuid4()), "body": text}
                                            for _ in range(min(500, n - i))])
    elapsed = time.perf_counter() - start
    meta.drop_all(engine)
    return n / elapsed


def run_backend(name: str, url: str, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    workers = 1 if name == "sqlite" else 2
    server = CentralServer.start(url, folder / f"data-{name}", workers=workers, env=FAST)
    try:
        out: dict[str, Any] = {"workers": workers}
        out["raw_insert_rows_per_s"] = bench_raw_insert(server.engine, args.registrations)
        kiosk = server.enroll("Bench")
        out["push_plain"] = bench_push(kiosk, args.registrations, compress=False, offset=0)
        out["push_gzip"] = bench_push(kiosk, args.registrations, compress=True,
                                      offset=args.registrations)
        out["publish_per_s"] = load_vacancies(server, args.vacancies)
        reader = server.enroll("Reader")
        out["pull_plain"] = bench_pull(reader, args.vacancies, compress=False)
        out["pull_gzip"] = bench_pull(reader, args.vacancies, compress=True)
        out["fleet"] = bench_fleet(server, args.kiosks, args.rounds)
        out["baseline_http"] = bench_baseline_http(args.kiosks, args.rounds, workers, folder)
        return out
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=10_000)
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="siker-bench-") as tmp:
        folder = Path(tmp)
        for name in args.backends.split(","):
            print(f"== {name}", file=sys.stderr, flush=True)
            if name == "sqlite":
                results[name] = run_backend(name, f"sqlite:///{folder / 'bench.sqlite3'}",
                                            folder, args)
            else:
                with PostgresServer.start() as pg:
                    results[name] = run_backend(name, pg.create_database(), folder, args)
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; 1-minute load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after (other work on the machine skews the figures)")
    print(json.dumps(results, indent=2))
    print("\n| figure | " + " | ".join(results) + " |\n|---|" + "---|" * len(results))

    def row(label: str, get: Any) -> None:
        print(f"| {label} | " + " | ".join(get(r) for r in results.values()) + " |")

    row("workers", lambda r: str(r["workers"]))
    row("raw INSERT rows/s (baseline)", lambda r: f"{r['raw_insert_rows_per_s']:,.0f}")
    row("push registrations/s (plain JSON)", lambda r: f"{r['push_plain']['records_per_s']:,.0f}")
    row("push registrations/s (gzip body)", lambda r: f"{r['push_gzip']['records_per_s']:,.0f}")
    row("push bytes/registration plain / gzip",
        lambda r: f"{r['push_plain']['bytes_plain']:,.0f} / {r['push_plain']['bytes_gzip']:,.0f}")
    row("publish vacancies/s (in-process)", lambda r: f"{r['publish_per_s']:,.0f}")
    row("pull vacancies/s plain / gzip", lambda r: f"{r['pull_plain']['records_per_s']:,.0f} / "
        f"{r['pull_gzip']['records_per_s']:,.0f}")
    row("pull bytes/vacancy on the wire plain / gzip",
        lambda r: f"{r['pull_plain']['bytes']:,.0f} / {r['pull_gzip']['bytes']:,.0f}")
    row(f"{args.kiosks} kiosks heartbeat+push req/s",
        lambda r: f"{r['fleet']['req_per_s']:,.0f}")
    row("... p50 / p95 ms", lambda r: f"{r['fleet']['p50_ms']:,.0f} / {r['fleet']['p95_ms']:,.0f}")
    row("bare FastAPI same load req/s (baseline)",
        lambda r: f"{r['baseline_http']['req_per_s']:,.0f}")
    row("... p50 / p95 ms", lambda r: f"{r['baseline_http']['p50_ms']:,.0f} / "
        f"{r['baseline_http']['p95_ms']:,.0f}")


if __name__ == "__main__":
    main()
