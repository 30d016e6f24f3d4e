"""The core tables (SQLAlchemy Core). Migration 0001_core creates exactly these.

All times are UTC epoch seconds (double precision): comparable and portable across SQLite and
PostgreSQL. Personal data never sits in a plain column: `sealed` holds a Fernet token of the
record's JSON (crypto.py); `nik_hash` is an HMAC of the NIK for duplicate search.

Another feature's tables go in its own module on this same `metadata` with its own migration
(0002_office has down_revision "0001_core"); never change a table here without a new migration.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# An integer primary key that autoincrements on both: SQLite only does it for INTEGER PRIMARY KEY.
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

meta = sa.Table(
    "central_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("place", sa.String(200)),
    sa.Column("token_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("revoked_at", sa.Float),
    sa.Column("last_seen_at", sa.Float),
    sa.Column("last_push_at", sa.Float),
    sa.Column("last_sync_at", sa.Float),
    sa.Column("pending_count", sa.Integer),
    sa.Column("app_version", sa.String(40)),
    sa.Column("clock_offset_seconds", sa.Float),
    sa.Column("free_disk_mb", sa.BigInteger),
    sa.Column("speech_ok", sa.Boolean),
    sa.Column("printer_ok", sa.Boolean),
    sa.Column("warnings", sa.JSON),
)

enrollment_codes = sa.Table(
    "enrollment_codes",
    metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),
    sa.Column("kiosk_name", sa.String(100), nullable=False),
    sa.Column("place", sa.String(200)),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("used_at", sa.Float),
    sa.Column("device_id", sa.String(36)),
)

rate_buckets = sa.Table(
    "rate_buckets",
    metadata,
    sa.Column("device_id", sa.String(36), primary_key=True),
    sa.Column("tokens", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

# One row per (device, Idempotency-Key): the body's hash and the answer given.
push_batches = sa.Table(
    "push_batches",
    metadata,
    sa.Column("device_id", sa.String(36), primary_key=True),
    sa.Column("batch_id", sa.String(36), primary_key=True),
    sa.Column("body_hash", sa.String(64), nullable=False),
    sa.Column("answer", sa.JSON),
    sa.Column("created_at", sa.Float, nullable=False),
)

# The permanent ledger: one row per op_id ever seen, with the answer given the first time.
op_ledger = sa.Table(
    "op_ledger",
    metadata,
    sa.Column("op_id", sa.String(36), primary_key=True),
    sa.Column("device_id", sa.String(36), nullable=False, index=True),
    sa.Column("batch_id", sa.String(36), nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("entity", sa.String(40), nullable=False),
    sa.Column("record_id", sa.String(36), nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("payload_hash", sa.String(64), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("answer", sa.JSON, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

registrations = sa.Table(
    "registrations",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("device_id", sa.String(36), nullable=False, index=True),
    sa.Column("nik_hash", sa.String(64), nullable=False, index=True),
    sa.Column("sealed", sa.Text, nullable=False),
    sa.Column("kecamatan_code", sa.String(8), nullable=False),
    sa.Column("status", sa.String(12), nullable=False, index=True),
    sa.Column("ak1_number", sa.String(40), unique=True),
    sa.Column("reason_code", sa.String(64)),
    sa.Column("reason_id", sa.String(500)),
    sa.Column("reason_en", sa.String(500)),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("received_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

# Applications, training and consultation requests: the same shape, told apart by `entity`.
submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("entity", sa.String(40), nullable=False, index=True),
    sa.Column("device_id", sa.String(36), nullable=False, index=True),
    sa.Column("target_id", sa.String(200), nullable=False, index=True),
    sa.Column("registration_id", sa.String(36)),
    sa.Column("sealed", sa.Text, nullable=False),
    sa.Column("status", sa.String(12), nullable=False, index=True),
    sa.Column("reason_code", sa.String(64)),
    sa.Column("reason_id", sa.String(500)),
    sa.Column("reason_en", sa.String(500)),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("received_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

vacancies = sa.Table(
    "vacancies",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("published", sa.Boolean, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("published_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

# The change log kiosks pull. device_id NULL: for every device; else only for that one.
changes = sa.Table(
    "changes",
    metadata,
    sa.Column("seq", BigId, primary_key=True, autoincrement=True),
    sa.Column("entity", sa.String(40), nullable=False),
    sa.Column("record_id", sa.String(200), nullable=False),
    sa.Column("op", sa.String(6), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("data", sa.JSON),
    sa.Column("device_id", sa.String(36), index=True),
    sa.Column("created_at", sa.Float, nullable=False),
)
