"""The kiosk's sync engine: push of N pending registrations and a first pull of M vacancies,
over loopback and through the fault proxy as a 256 kbit/s link with 5 % loss.

Run by hand (not in `make test`):
    .venv/bin/python benchmarks/sync_throughput.py [--registrations 10000] [--vacancies 100000]
        [--slow-sample 0.02]

Each sync is a real `siker-kiosk sync` subprocess (its peak RSS from wait4) against a real
`siker-central serve` (SQLite) behind tests/sync/fault_proxy.py (which counts the bytes). The
slow link is measured on a sample (`--slow-sample` of each size) and extrapolated by bytes,
because the full run would take hours at 32 kB/s; the output says so. Baseline in the same
run: the same pull with bare httpx (no kiosk database work) through the same proxy.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from kiosk import outbox  # noqa: E402
from kiosk.changes import Changes, changed  # noqa: E402
from kiosk.db import database_path, open_database  # noqa: E402
from kiosk.services import open_vault  # noqa: E402
from sync.central import vacancies  # noqa: E402
from sync.client import credentials  # noqa: E402
from sync.client.config import ClientConfig  # noqa: E402
from sync.client.run import enroll  # noqa: E402
from tests.central.server import CentralServer, registration  # noqa: E402
from tests.sync.fault_proxy import FaultProxy, Link  # noqa: E402

POSTINGS = REPO.parent / "shared" / "data" / "job_postings_id.jsonl"


def queue(data_dir: Path, n: int) -> None:
    """n registrations with their outbox entries, 1000 per transaction (setup, not measured)."""
    db = open_database(database_path(data_dir))
    vault = open_vault(db, data_dir)
    now = datetime.now(UTC)
    for start in range(0, n, 1000):
        with changed(db, Changes(registrations=True, outbox=True)):
            for i in range(start, min(n, start + 1000)):
                record_id = str(outbox.new_id())
                payload = registration(nik=f"337401550795{i % 10000:04d}",
                                       full_name=f"Siti Aminah {chr(65 + i % 26)}")
                db.execute("INSERT INTO registration (id, reference, created_at, "
                           "consent_version, consent_at, nik_hash, personal) VALUES "
                           "(?,?,?,?,?,?,?)", [record_id, f"B{i:09d}", now.isoformat(),
                                               "2025-07", now.isoformat(), "x",
                                               vault.seal_json(payload)])
                outbox.enqueue(db, vault, entity="registration", record_id=record_id,
                               kind="create", payload=payload, now=now)
    db.close()


def publish(server: CentralServer, m: int, prefix: str) -> None:
    rows = [json.loads(line) for line in POSTINGS.read_text(encoding="utf-8").splitlines()]
    for start in range(0, m, 5000):
        with server.engine.begin() as conn:
            for j in range(start, min(m, start + 5000)):
                row = rows[j % len(rows)]
                vacancies.publish(conn, {
                    "id": f"{prefix}:{j}", "source": prefix, "source_id": str(j),
                    "title": row["Title"], "employer": row["Company"] or "-",
                    "location": row["Location"] or "", "description":
                    (row.get("Description") or "")[:2000], "date_posted": "2025-07-01",
                    "valid_through": "2030-12-31", "salary_unit": "MONTH", "skills": []})


def run_sync(data_dir: Path, url: str) -> dict[str, float]:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "ui.cli", "sync", "--data-dir",
                                str(data_dir), "--central-url", url], cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "SIKER_SYNC_DEADLINE_S": "7200"})
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        print(process.stderr.read().decode()[-500:] if process.stderr else "", file=sys.stderr)
    return {"seconds": elapsed, "rss_mib": usage.ru_maxrss / 1024, "exit": status >> 8}


def bare_pull(server_url: str, token: str) -> float:
    start = time.perf_counter()
    cursor = ""
    with httpx.Client(base_url=server_url + "/api/v1", timeout=600,
                      headers={"Authorization": f"Bearer {token}"}) as http:
        while True:
            page = http.get("/sync/pull", params={"cursor": cursor, "limit": 500}).json()
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return time.perf_counter() - start


def measure(server: CentralServer, proxy: FaultProxy, root: Path, name: str, *,
            registrations: int, pulled: int) -> dict[str, Any]:
    kiosk = root / name
    # Enrolled through the proxy: an enrolled kiosk syncs only with the server it enrolled
    # with (sync.client.config.check_url), and every sync here goes through the proxy.
    enroll(kiosk, server.enrollment_code(name[:40]), ClientConfig(proxy.url))
    queue(kiosk, registrations)
    up, down = proxy.bytes_up, proxy.bytes_down
    result = run_sync(kiosk, proxy.url)
    if result["exit"] != 0:  # a refused or failed sync measures nothing
        raise SystemExit(f"siker-kiosk sync for {name} ended with {result['exit']}")
    records = registrations + pulled
    result.update(records=records, records_per_s=records / result["seconds"],
                  bytes_up_per_registration=(proxy.bytes_up - up) / max(1, registrations),
                  bytes_down=(proxy.bytes_down - down))
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--registrations", type=int, default=10_000)
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--slow-sample", type=float, default=0.02)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    server = CentralServer.start(f"sqlite:///{root / 'central.sqlite3'}", root / "central",
                                 env={"SIKER_CENTRAL_RATE_PER_MINUTE": "100000",
                                      "SIKER_CENTRAL_RATE_BURST": "100000"})
    proxy = FaultProxy(server.base_url).start()
    out: dict[str, Any] = {"machine": f"{os.cpu_count()} cores, {platform.python_version()}"}
    try:
        # Push alone (an empty change log but this kiosk's own statuses come back too).
        out["push"] = measure(server, proxy, root, "push", registrations=args.registrations,
                              pulled=0)
        publish(server, args.vacancies, "bench")
        pull = measure(server, proxy, root, "pull", registrations=0, pulled=args.vacancies)
        pull["bytes_down_per_vacancy"] = pull["bytes_down"] / args.vacancies
        out["pull"] = pull
        token = credentials.load(root / "pull").token  # type: ignore[union-attr]
        out["pull_baseline_s"] = bare_pull(proxy.url, token)
        # The slow lossy link, on a sample, extrapolated by time per record: a server of its
        # own, so the push sample pulls no vacancies.
        n = max(1, int(args.registrations * args.slow_sample))
        m = max(1, int(args.vacancies * args.slow_sample))
        slow_server = CentralServer.start(f"sqlite:///{root / 'slow.sqlite3'}", root / "slow")
        slow_proxy = FaultProxy(slow_server.base_url).start()
        try:
            slow_proxy.set_link(Link(bytes_per_second=32_000, loss=0.05))
            slow_push = measure(slow_server, slow_proxy, root, "slow-push", registrations=n,
                                pulled=0)
            publish(slow_server, m, "slow")
            slow_pull = measure(slow_server, slow_proxy, root, "slow-pull", registrations=0,
                                pulled=m)
        finally:
            slow_proxy.stop()
            slow_server.stop()
        out["slow"] = {"sample_registrations": n, "sample_vacancies": m,
                       "push_sample_s": slow_push["seconds"],
                       "pull_sample_s": slow_pull["seconds"],
                       "push_full_s_extrapolated": slow_push["seconds"] / n * args.registrations,
                       "pull_full_s_extrapolated": slow_pull["seconds"] / m * args.vacancies,
                       "push_rss_mib": slow_push["rss_mib"], "pull_rss_mib": slow_pull["rss_mib"]}
    finally:
        proxy.stop()
        server.stop()
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
