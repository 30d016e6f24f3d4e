"""A real PostgreSQL server for tests: initdb into a temporary folder, postgres on a free port.

    with PostgresServer.start() as pg:
        url = pg.create_database()        # postgresql://postgres@127.0.0.1:PORT/t_1

Its folder is a fresh one in the system temp dir (pytest's tmp_path is mode 0700 under root,
which the unprivileged postgres user cannot enter); it is removed when the server stops.

Run as root it uses the system user `siker-pg` (created with useradd if missing), because
postgres refuses to run as root. Binaries come from /usr/lib/postgresql/<newest>/bin (Debian's
`postgresql` package, which `make test` installs). `find_bin_dir()` is None when they are
missing; the fixtures then fail with that message rather than skip silently.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

PG_USER = "siker-pg"


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin that has initdb, or None."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not found:
        return None
    newest = max(found, key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(newest).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_user() -> list[str]:
    """The command prefix that drops root to PG_USER (nothing when not root)."""
    if os.geteuid() != 0:
        return []
    if subprocess.run(["id", "-u", PG_USER], capture_output=True).returncode != 0:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            check=True,
            capture_output=True,
        )
    # setpriv execs in place (no parent process in between), so signals reach postgres itself.
    return ["setpriv", f"--reuid={PG_USER}", f"--regid={PG_USER}", "--init-groups", "--"]


@dataclass
class PostgresServer:
    """A running postgres; `create_database()` gives a fresh, empty database's URL."""

    port: int
    folder: Path
    process: subprocess.Popen[bytes]
    _count: int = field(default=0)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self) -> str:
        self._count += 1
        name = f"t_{self._count}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    @classmethod
    @contextmanager
    def start(cls) -> Iterator[PostgresServer]:
        bin_dir = find_bin_dir()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        prefix = _as_user()
        parent = Path(tempfile.mkdtemp(prefix="siker-pg-"))
        folder = parent / "pg"
        data, sockets = folder / "data", folder / "sock"
        sockets.mkdir(parents=True)
        if prefix:
            shutil.chown(parent, PG_USER)
            for path in (folder, sockets):
                shutil.chown(path, PG_USER)
            os.chmod(parent, 0o755)
        init = subprocess.run(
            [
                *prefix,
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            capture_output=True,
            text=True,
        )
        if init.returncode != 0:
            shutil.rmtree(parent, ignore_errors=True)
            raise RuntimeError(f"initdb failed:\n{init.stdout}{init.stderr}")
        port = free_port()
        log = open(folder / "postgres.log", "wb")  # noqa: SIM115 - closed below
        process = subprocess.Popen(
            [
                *prefix,
                str(bin_dir / "postgres"),
                "-D",
                str(data),
                "-p",
                str(port),
                "-h",
                "127.0.0.1",
                "-k",
                str(sockets),
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=300",
                "-c",
                "shared_buffers=64MB",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = cls(port=port, folder=folder, process=process)
        try:
            deadline = time.monotonic() + 30
            while True:  # readiness: postgres accepts connections only after recovery
                try:
                    psycopg.connect(server.url(), connect_timeout=2).close()
                    break
                except psycopg.OperationalError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            "postgres did not start:\n" + (folder / "postgres.log").read_text()
                        ) from None
                    time.sleep(0.1)
            yield server
        finally:
            process.send_signal(signal.SIGINT)  # fast shutdown: ends open sessions too
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
            shutil.rmtree(parent, ignore_errors=True)
