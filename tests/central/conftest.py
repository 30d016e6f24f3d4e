"""Fixtures of the central server's tests; the office's tests reuse them.

- `pg_server` (session): a real PostgreSQL (tests/pg.py), started once, stopped at the end.
- `central_db_url` (function, parametrized "sqlite" / "postgresql"): a fresh, migrated database.
- `central_server` (module, parametrized "sqlite" / "postgresql"): a live `siker-central serve`
  on 127.0.0.1 (tests/central/server.py `CentralServer`): `.base_url`, `.enroll(name)` -> Kiosk,
  `.engine` / `.keys` for admin work, `.count(table, *where)`. Tests share it, so each enrolls its
  own kiosk and looks only at its own records and vacancy ids.
- `start_central` (function): a factory `start_central(db_url, workers=1, env={...})` for a server
  of one's own (other limits, a test hook, several workers); stopped after the test.
- `pg_db_url` (function): a fresh migrated PostgreSQL database, for PostgreSQL-only tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.central.server import CentralServer, migrated
from tests.pg import PostgresServer

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    with PostgresServer.start() as server:
        yield server


def _new_db_url(backend: str, folder: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'central.sqlite3'}"
    pg: PostgresServer = request.getfixturevalue("pg_server")
    return pg.create_database()


@pytest.fixture(params=BACKENDS)
def central_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return migrated(_new_db_url(request.param, tmp_path, request))


@pytest.fixture
def pg_db_url(pg_server: PostgresServer) -> str:
    return migrated(pg_server.create_database())


@pytest.fixture(scope="module", params=BACKENDS)
def central_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CentralServer]:
    folder = tmp_path_factory.mktemp(f"central-{request.param}")
    server = CentralServer.start(_new_db_url(request.param, folder, request), folder / "data")
    yield server
    server.stop()


@pytest.fixture
def start_central(tmp_path: Path) -> Iterator[Callable[..., CentralServer]]:
    started: list[CentralServer] = []

    def start(db_url: str, **kwargs: Any) -> CentralServer:
        server = CentralServer.start(db_url, tmp_path / f"data-{len(started)}", **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
