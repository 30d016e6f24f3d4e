"""The server's settings: one frozen dataclass, passed to `create_app` and the CLI commands.

Worker processes started by uvicorn get it through environment variables (`to_env` /
`from_env`), which is why every field is a plain value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

import platformdirs

ENV_DATABASE = "SIKER_CENTRAL_DATABASE"
ENV_DATA_DIR = "SIKER_CENTRAL_DATA_DIR"
# Test-only hook: seconds the push waits inside its transaction, just before COMMIT, so a test
# can SIGKILL the server with the batch half-done. Never set in production.
ENV_PUSH_DELAY = "SIKER_CENTRAL_TEST_PUSH_DELAY"


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

        Raises ValueError when a number is not a number.
        """
        env = os.environ if environ is None else environ
        config = cls()
        changes: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"SIKER_CENTRAL_{f.name.upper()}")
            if raw is None:
                continue
            default = getattr(config, f.name)
            changes[f.name] = type(default)(raw)
        delay = env.get(ENV_PUSH_DELAY)
        if delay:
            changes["push_delay_seconds"] = float(delay)
        return replace(config, **changes)  # type: ignore[arg-type]
