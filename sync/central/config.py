"""The server's settings: one frozen dataclass, passed to `create_app` and the CLI commands.

Worker processes started by uvicorn get it through environment variables (`to_env` /
`from_env`), which is why every field is a plain value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

ENV_DATABASE = "SIKER_CENTRAL_DATABASE"
ENV_DATA_DIR = "SIKER_CENTRAL_DATA_DIR"
# Test-only hook: seconds the push waits inside its transaction, just before COMMIT, so a test
# can SIGKILL the server with the batch half-done. Never set in production.
ENV_PUSH_DELAY = "SIKER_CENTRAL_TEST_PUSH_DELAY"


class SetupError(ValueError):
    """A setting the server cannot work with; `reason_id` / `reason_en` say why."""

    def __init__(self, reason_id: str, reason_en: str) -> None:
        super().__init__(f"{reason_id} / {reason_en}")
        self.reason_id = reason_id
        self.reason_en = reason_en


SUPPORTED_DATABASES = ("sqlite", "postgresql", "postgres")


def check_database_url(url: str) -> str:
    """`url` if it names SQLite or PostgreSQL (the two the server is tested on).

    Raises: SetupError for another database or an address that is not a URL at all (so a
        missing driver such as MySQLdb is never imported).
    """
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend not in SUPPORTED_DATABASES:
        shown = url.split("://", 1)[0][:40] or url[:40]
        raise SetupError(
            f"Basis data “{shown}” tidak didukung; pakai sqlite:///BERKAS atau "
            "postgresql://...",
            f"The database “{shown}” is not supported; use sqlite:///FILE or postgresql://...")
    return url


def ensure_data_dir(path: Path) -> Path:
    """The data folder, made with mode 0700 if missing (it holds the keys and the SQLite file
    with personal data, UU PDP 27/2022: only the server's user may read it). A folder that
    already exists keeps its mode: the administrator chose it.

    Raises: SetupError when `path` is a file; OSError (permissions) from mkdir.
    """
    if path.exists() and not path.is_dir():
        raise SetupError(f"Folder data {path} adalah sebuah berkas, bukan folder.",
                         f"The data folder {path} is a file, not a folder.")
    if not path.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass  # another process made it first
        else:
            os.chmod(path, 0o700)  # exactly 0700, whatever the umask
    return path


def default_data_dir() -> Path:
    """The platform's data folder for the server (e.g. ~/.local/share/siker-central)."""
    return Path(platformdirs.user_data_dir("siker-central", appauthor=False))


@dataclass(frozen=True)
class CentralConfig:
    """Settings. Sizes in bytes, durations in seconds, rates in requests per minute.

    `database_url` empty means the SQLite file `central.sqlite3` in `data_dir`.
    `rate_per_minute` and `rate_burst` form each device's token bucket (stored in the database,
    so it holds across worker processes).
    """

    data_dir: str = ""
    database_url: str = ""
    max_body_bytes: int = 2 * 1024 * 1024
    max_batch_ops: int = 500
    max_pull_limit: int = 500
    sync_interval_seconds: int = 600
    min_app_version: str = "0.1.0"
    rate_per_minute: int = 600
    rate_burst: int = 120
    enrollment_minutes: int = 60
    push_delay_seconds: float = 0.0

    def resolved_data_dir(self) -> Path:
        return Path(self.data_dir) if self.data_dir else default_data_dir()

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.resolved_data_dir() / 'central.sqlite3'}"

    def to_env(self) -> dict[str, str]:
        """Every field as SIKER_CENTRAL_<NAME> (the inverse of `from_env`)."""
        env = {f"SIKER_CENTRAL_{f.name.upper()}": str(getattr(self, f.name)) for f in fields(self)}
        env[ENV_PUSH_DELAY] = str(self.push_delay_seconds)
        return env

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> CentralConfig:
        """Settings from SIKER_CENTRAL_* variables; unset ones keep their defaults.

        Raises SetupError (a ValueError) when a number is not a number, naming the variable.
        """
        env = os.environ if environ is None else environ
        config = cls()
        changes: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"SIKER_CENTRAL_{f.name.upper()}")
            if raw is None:
                continue
            default = getattr(config, f.name)
            changes[f.name] = _number(f"SIKER_CENTRAL_{f.name.upper()}", raw, type(default))
        delay = env.get(ENV_PUSH_DELAY)
        if delay:
            changes["push_delay_seconds"] = _number(ENV_PUSH_DELAY, delay, float)
        return replace(config, **changes)  # type: ignore[arg-type]


def _number(name: str, raw: str, kind: type) -> object:
    if kind is str:
        return raw
    try:
        return kind(raw)
    except ValueError:
        what_id, what_en = ("bilangan bulat", "a whole number") if kind is int else (
            "angka", "a number")
        raise SetupError(f"{name} harus {what_id}, bukan {raw[:40]!r}.",
                         f"{name} must be {what_en}, not {raw[:40]!r}.") from None
