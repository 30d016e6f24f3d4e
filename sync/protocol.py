"""The wire models of /api/v1, shared by the kiosk and the central server (SYNC.md).

Pydantic v2 only: no Qt and nothing server-only (import-linter keeps fastapi, sqlalchemy and
alembic out). Every model forbids unknown fields, so a typo in a client is a 422, not silence.

Two levels of validation, on purpose:
- the envelope (`PushBatch`, `Op`): a malformed envelope is a 422 for the whole request and
  nothing is stored;
- the payload of one op (`Registration`, `Application`, ...): validated by the server op by op
  with `validate_payload`; a bad payload makes only that op `rejected`, with a reason in
  Indonesian and English, and the rest of the batch goes on.

The record payloads live in sync/records.py; this module re-exports them.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import uuid6
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sync.records import (
    ENTITY_MODELS,
    Application,
    ConsultationRequest,
    Registration,
    TrainingRequest,
    describe_errors,
)

__all__ = [
    "API_PREFIX",
    "PROTOCOL_VERSION",
    "ENTITY_MODELS",
    "Application",
    "Change",
    "ConsultationRequest",
    "EnrollAnswer",
    "EnrollRequest",
    "ErrorBody",
    "HeartbeatAnswer",
    "HeartbeatRequest",
    "Op",
    "OpResult",
    "PullPage",
    "PushAnswer",
    "PushBatch",
    "Reason",
    "Registration",
    "ServerCopy",
    "StatusData",
    "SyncConfig",
    "TrainingRequest",
    "uuid7",
    "validate_payload",
]

PROTOCOL_VERSION = "1"
API_PREFIX = "/api/v1"
# The server's own cap on ops per batch is in SyncConfig.max_batch_ops; this is the hard ceiling
# any server accepts, so a client can never send an unbounded list.
HARD_MAX_OPS = 1000

OpStatus = Literal["applied", "duplicate", "conflict", "rejected"]
RecordStatusName = Literal["received", "verified", "ak1_issued", "rejected"]


class Wire(BaseModel):
    """Base of every wire model: unknown fields are refused, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Reason(Wire):
    """Why something was refused: a sentence in Indonesian (first) and in English.

    `code` is stable and machine-readable (e.g. "nik_format"); the texts may change.
    """

    code: str = Field(max_length=64)
    reason_id: str = Field(max_length=500)
    reason_en: str = Field(max_length=500)


class ErrorBody(Wire):
    """The body of every 4xx/5xx answer of /api/v1.

    `error` is the machine code ("unauthorized", "payload_too_large", "rate_limited",
    "invalid_request", "cursor_gone", ...); `details` lists field errors for a 422.
    """

    error: str
    reason_id: str
    reason_en: str
    details: list[str] | None = None


class SyncConfig(Wire):
    """GET /sync/config: what the server accepts and recommends."""

    protocol_version: str
    server_time: datetime
    max_batch_ops: int
    max_body_bytes: int
    max_pull_limit: int
    gzip: bool
    sync_interval_seconds: int
    min_app_version: str
    entities: list[str]


class EnrollRequest(Wire):
    """POST /enroll: the one-time code an admin created, as typed or scanned."""

    code: str = Field(min_length=4, max_length=40)
    app_version: str | None = Field(default=None, max_length=40)


class EnrollAnswer(Wire):
    """The kiosk's credential: keep `token` secret; send it as `Authorization: Bearer <token>`."""

    device_id: uuid.UUID
    token: str
    name: str
    place: str | None
    server_time: datetime


def uuid7(now_ms: int | None = None) -> uuid.UUID:
    """A new UUIDv7 (RFC 9562 section 5.7; the `uuid6` library): ids made later sort later.

    `now_ms` (Unix milliseconds) is for tests that need a fixed time; its random bits still
    come from the operating system.
    """
    if now_ms is None:
        return uuid.UUID(int=uuid6.uuid7().int)
    raw = bytearray(now_ms.to_bytes(6, "big") + secrets.token_bytes(10))
    raw[6] = (raw[6] & 0x0F) | 0x70
    raw[8] = (raw[8] & 0x3F) | 0x80
    return uuid.UUID(bytes=bytes(raw))


def _uuid7(value: uuid.UUID) -> uuid.UUID:
    if value.version != 7:
        raise ValueError("op_id must be a UUIDv7 (RFC 9562)")
    return value


class Op(Wire):
    """One operation of the kiosk's outbox.

    `op_id` is a UUIDv7 created with the op; `seq` the device's own sequence number (>= 1);
    `record_id` the record's UUID (created on the kiosk). `kind` "create" or "update": both carry
    the whole record (last write by `seq` wins while the server status is still "received").
    `payload` is validated per entity by the server (see `validate_payload`).
    """

    op_id: uuid.UUID
    seq: int = Field(ge=1, le=2**62)
    entity: str = Field(min_length=1, max_length=40)
    record_id: uuid.UUID
    kind: Literal["create", "update"]
    payload: dict[str, Any]

    check_op_id = field_validator("op_id")(_uuid7)


class PushBatch(Wire):
    """POST /sync/push body. `batch_id` equals the Idempotency-Key header."""

    device_id: uuid.UUID
    batch_id: uuid.UUID
    ops: Annotated[list[Op], Field(min_length=1, max_length=HARD_MAX_OPS)]


class ServerCopy(Wire):
    """What the server holds for a record, sent with a `conflict`.

    `payload` is the record as stored (only ever sent to the device that created it).
    """

    entity: str
    record_id: uuid.UUID
    version: int
    status: RecordStatusName
    payload: dict[str, Any] | None = None


class OpResult(Wire):
    """The answer for one op. `duplicate` repeats the first answer's version and status."""

    op_id: uuid.UUID
    status: OpStatus
    entity: str
    record_id: uuid.UUID
    version: int | None = None
    server_status: RecordStatusName | None = None
    reason: Reason | None = None
    server_copy: ServerCopy | None = None


class PushAnswer(Wire):
    """One result per op, in the order of the batch."""

    batch_id: uuid.UUID
    results: list[OpResult]
    server_time: datetime


class StatusData(Wire):
    """`data` of a pull change about one of the device's own records.

    `ak1_number` is set when status is "ak1_issued"; `reason` when "rejected".
    """

    status: RecordStatusName
    ak1_number: str | None = None
    reason: Reason | None = None
    updated_at: datetime


class Change(Wire):
    """One change-log entry. `op` "delete" is a tombstone (`data` is None)."""

    entity: str
    id: str
    version: int
    op: Literal["upsert", "delete"]
    data: dict[str, Any] | None


class PullPage(Wire):
    """GET /sync/pull answer. Store `next_cursor` with the page in one transaction."""

    changes: list[Change]
    next_cursor: str
    has_more: bool


class HeartbeatRequest(Wire):
    """POST /heartbeat body: the kiosk's health. Sizes in MiB, times in UTC."""

    pending_count: int = Field(ge=0, le=10_000_000)
    last_sync_at: datetime | None = None
    app_version: str = Field(min_length=1, max_length=40)
    device_time: datetime
    free_disk_mb: int | None = Field(default=None, ge=0)
    speech_ok: bool | None = None
    printer_ok: bool | None = None
    warnings: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=20)] = []


class HeartbeatAnswer(Wire):
    """The server's time and the clock offset it measured (device minus server, seconds)."""

    server_time: datetime
    clock_offset_seconds: float
    sync_interval_seconds: int


def validate_payload(entity: str, payload: dict[str, Any]) -> BaseModel | Reason:
    """The payload as its entity's model, or the Reason it was refused (never raises).

    Unknown entities are refused too, so a newer kiosk talking to an older server gets a clear
    permanent answer instead of an error for the whole batch.
    """
    model = ENTITY_MODELS.get(entity)
    if model is None:
        return Reason(
            code="unknown_entity",
            reason_id=f"Jenis data '{entity[:40]}' tidak dikenal server.",
            reason_en=f"The server does not know the entity '{entity[:40]}'.",
        )
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        reason_id, reason_en = describe_errors(exc.errors())
        return Reason(code="invalid_payload", reason_id=reason_id, reason_en=reason_en)
