"""Schema migrations, run programmatically (no alembic.ini): `siker-central migrate` and serve.

    upgrade(engine)            # to the newest revision; safe to run twice or concurrently
    current_revisions(engine)  # e.g. {"0001_core"}

On PostgreSQL two servers starting at once take an advisory lock so only one migrates.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_MIGRATION_LOCK = 0x51_4B_45_4D


def alembic_config(conn: Connection | None = None) -> Config:
    """An Alembic Config pointing at sync/central/migrations (for `command.*` calls)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(MIGRATIONS / "versions"))
    if conn is not None:
        config.attributes["connection"] = conn
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the schema to `revision` (default: every head). Raises on a failed migration."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        command.upgrade(alembic_config(conn), revision)


def current_revisions(engine: Engine) -> set[str]:
    """The revisions the database is at (empty set for a blank database)."""
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())
