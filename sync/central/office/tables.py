"""The office's own tables: staff accounts, failed sign-ins, the audit log, AK1 numbering and
duplicate decisions. Created by the Alembic migration 0002_office (beside the core's 0001_core).

They sit on the core's `metadata` (sync/central/tables.py) and follow its conventions: times are
UTC epoch seconds (Float). They refer to core rows (registrations, devices) by id, without
foreign keys, so the core's tables never depend on the office's.
"""
from __future__ import annotations

import sqlalchemy as sa

from sync.central.tables import metadata

ROLES: tuple[str, ...] = ("admin", "verifier")
"""admin: devices and publishing; verifier: registrations and duplicates (issue 7)."""

staff_user = sa.Table(
    "staff_user",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    # Raised on sign-out and password change: every cookie carrying an older epoch stops working.
    sa.Column("session_epoch", sa.Integer, nullable=False, default=0),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.CheckConstraint("role IN ('admin', 'verifier')", name="ck_staff_user_role"),
)

login_failure = sa.Table(
    "login_failure",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("remote", sa.String(64), nullable=False),
    sa.Column("at", sa.Float, nullable=False),
    sa.Index("ix_login_failure_username_at", "username", "at"),
    sa.Index("ix_login_failure_remote_at", "remote", "at"),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Float, nullable=False),
    sa.Column("staff_user_id", sa.Integer, nullable=True),  # None: a command-line action
    sa.Column("staff_username", sa.String(64), nullable=False),
    sa.Column("action", sa.String(48), nullable=False),
    sa.Column("entity", sa.String(32), nullable=False),
    sa.Column("record_id", sa.String(64), nullable=False),
    # Never personal data: AK1 numbers, counts, kept/merged ids; a rejection reason is the
    # verifier's own text and is stored encrypted with the registration, not here.
    sa.Column("detail", sa.Text, nullable=False, default=""),
    sa.Index("ix_audit_log_at", "at"),
)

ak1_sequence = sa.Table(
    "ak1_sequence",
    metadata,
    sa.Column("region_code", sa.String(4), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("last_number", sa.Integer, nullable=False),
)

duplicate_decision = sa.Table(
    "duplicate_decision",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("nik_hash", sa.String(128), nullable=False),
    sa.Column("decision", sa.String(16), nullable=False),
    # Comma-separated registration ids the decision covered, sorted: a later registration with
    # the same NIK makes a new group that staff see again.
    sa.Column("member_ids", sa.Text, nullable=False),
    sa.Column("kept_registration_id", sa.String(36), nullable=True),
    sa.Column("staff_user_id", sa.Integer, nullable=True),
    sa.Column("at", sa.Float, nullable=False),
    sa.CheckConstraint("decision IN ('merged', 'dismissed')", name="ck_duplicate_decision"),
    sa.Index("ix_duplicate_decision_nik_hash", "nik_hash"),
)
