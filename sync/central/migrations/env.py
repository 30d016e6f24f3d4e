"""Alembic environment (a plain folder, not a package: importing this file runs migrations).

Always online, on the connection `migrate.upgrade` passes in."""

from __future__ import annotations

from alembic import context

from sync.central.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()
