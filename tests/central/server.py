"""A real central server in a subprocess (uvicorn on 127.0.0.1) and a kiosk-side test client.

    server = CentralServer.start(db_url, data_dir, workers=1, env={...})
    kiosk = server.enroll("Kiosk Balai Kota")        # a Kiosk: device id, token, httpx client
    kiosk.push([registration_op(...)])               # the PushAnswer JSON (asserts 200)
    server.stop()

`server.engine` and `server.keys` open the same database and keys from the test process, for
the admin side (enrollment codes, decisions) and for counting rows.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from sync.central import devices, migrate
from sync.central.crypto import Keys
from sync.central.db import make_engine
from sync.protocol import uuid7
from tests.pg import free_port

REPO = Path(__file__).resolve().parents[2]


def registration(nik: str = "3374015507950001", **changes: Any) -> dict[str, Any]:
    """A valid AK1 registration payload (a woman born 15 July 1995 in Semarang Tengah)."""
    payload = {
        "nik": nik,
        "full_name": "Siti Aminah",
        "birth_place": "Semarang",
        "birth_date": "1995-07-15",
        "sex": "P",
        "address": "Jl. Pemuda No. 1",
        "rt": "001",
        "rw": "002",
        "kelurahan_code": "33.74.01.1001",
        "kecamatan_code": "33.74.01",
        "phone": "0812-3456-7890",
        "email": "siti@example.id",
        "education": "SMK",
        "skills": ["kasir", "Microsoft Excel"],
        "job_wishes": ["admin"],
        "consent_version": "2025-07",
        "consent_at": "2025-07-10T09:00:00Z",
    }
    payload.update(changes)
    return payload


def op(
    entity: str,
    payload: dict[str, Any],
    *,
    seq: int = 1,
    record_id: str | None = None,
    kind: str = "create",
    op_id: str | None = None,
) -> dict[str, Any]:
    """One wire op with a fresh UUIDv7 op_id and a fresh record id unless given."""
    return {
        "op_id": op_id or str(uuid7()),
        "seq": seq,
        "entity": entity,
        "record_id": record_id or str(uuid.uuid4()),
        "kind": kind,
        "payload": payload,
    }


@dataclass
class Kiosk:
    """An enrolled device talking to the server through httpx."""

    base_url: str
    device_id: str
    token: str
    http: httpx.Client = field(repr=False)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def batch(self, ops: list[dict[str, Any]], batch_id: str | None = None) -> dict[str, Any]:
        return {"device_id": self.device_id, "batch_id": batch_id or str(uuid.uuid4()), "ops": ops}

    def send(self, batch: dict[str, Any]) -> httpx.Response:
        return self.http.post(
            "/api/v1/sync/push",
            json=batch,
            headers={**self.headers, "Idempotency-Key": batch["batch_id"]},
        )

    def push(self, ops: list[dict[str, Any]], batch_id: str | None = None) -> dict[str, Any]:
        response = self.send(self.batch(ops, batch_id))
        assert response.status_code == 200, response.text
        return dict(response.json())

    def pull(self, cursor: str = "", limit: int = 100) -> httpx.Response:
        return self.http.get(
            "/api/v1/sync/pull", params={"cursor": cursor, "limit": limit}, headers=self.headers
        )

    def pull_all(self, cursor: str = "", limit: int = 100) -> tuple[list[dict[str, Any]], str]:
        """Every change after `cursor`, page by page; (changes, last cursor)."""
        out: list[dict[str, Any]] = []
        while True:
            response = self.pull(cursor, limit)
            assert response.status_code == 200, response.text
            page = response.json()
            out.extend(page["changes"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return out, cursor


@dataclass
class CentralServer:
    """A `siker-central serve` subprocess (its own process group, so workers die with it)."""

    db_url: str
    data_dir: Path
    port: int
    process: subprocess.Popen[bytes]
    engine: sa.Engine
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def keys(self) -> Keys:
        return Keys.load(self.data_dir, environ={})

    @classmethod
    def start(
        cls, db_url: str, data_dir: Path, *, workers: int = 1, env: dict[str, str] | None = None
    ) -> CentralServer:
        data_dir.mkdir(parents=True, exist_ok=True)
        port = free_port()
        log = data_dir / f"server-{port}.log"
        environment = {k: v for k, v in os.environ.items() if not k.startswith("SIKER_CENTRAL")}
        environment.update(env or {})
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.central.cli",
                "--database",
                db_url,
                "--data-dir",
                str(data_dir),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=environment,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        engine = make_engine(db_url)
        server = cls(db_url, data_dir, port, process, engine, log)
        deadline = time.monotonic() + 60
        while True:  # readiness, not a test wait: the first answer means the app is up
            if process.poll() is not None:
                raise RuntimeError(f"the server exited:\n{log.read_text()}")
            try:
                if httpx.get(f"{server.base_url}/api/v1/sync/config", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(f"the server did not answer:\n{log.read_text()}")
            time.sleep(0.05)
        return server

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=30, **kwargs)

    def enrollment_code(self, name: str = "Kiosk Uji", minutes: int = 60) -> str:
        with self.engine.begin() as conn:
            return devices.create_enrollment_code(conn, name, place="Balai Kota", minutes=minutes)

    def enroll(self, name: str = "Kiosk Uji") -> Kiosk:
        http = self.client()
        answer = http.post("/api/v1/enroll", json={"code": self.enrollment_code(name)})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        return Kiosk(self.base_url, body["device_id"], body["token"], http)

    def count(self, table: sa.Table, *where: Any) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar()
                or 0
            )

    def kill(self) -> None:
        """SIGKILL the whole process group (the server and its workers), no clean-up."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.engine.dispose()


def migrated(db_url: str) -> str:
    """`db_url` after `migrate.upgrade` (every head), for tests that use the functions directly."""
    engine = make_engine(db_url)
    migrate.upgrade(engine)
    engine.dispose()
    return db_url
