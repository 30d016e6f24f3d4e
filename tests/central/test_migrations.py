"""Migrations run on both databases, twice harmlessly, and create exactly tables.py."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from sync.central import migrate
from sync.central.db import make_engine
from sync.central.tables import metadata

CORE_TABLES = {
    "central_meta",
    "devices",
    "enrollment_codes",
    "rate_buckets",
    "push_batches",
    "op_ledger",
    "registrations",
    "submissions",
    "vacancies",
    "changes",
}


def test_core_revision_is_the_root() -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    core = scripts.get_revision("0001_core")
    assert core is not None and core.down_revision is None
    assert len(scripts.get_heads()) == 1, "migrations must form one line"


def test_migrated_schema_matches_the_tables_module(central_db_url: str) -> None:
    engine = make_engine(central_db_url)
    migrate.upgrade(engine)  # a second run changes nothing
    heads = set(ScriptDirectory.from_config(migrate.alembic_config()).get_heads())
    assert migrate.current_revisions(engine) == heads
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    core_diffs = [d for d in diffs if _table_of(d) in CORE_TABLES]
    assert core_diffs == []
    assert CORE_TABLES <= set(metadata.tables)
    engine.dispose()


def _table_of(diff: object) -> str | None:
    item = diff[0] if isinstance(diff, list) else diff
    for part in item if isinstance(item, tuple) else ():
        name = getattr(part, "name", None)
        table = getattr(part, "table", None)
        if table is not None:
            return str(table.name)
        if isinstance(part, str) and part in CORE_TABLES:
            return part
        if name in CORE_TABLES:
            return str(name)
    return None
