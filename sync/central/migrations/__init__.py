"""Alembic migrations of the central server; run by `sync.central.migrate.upgrade`."""
