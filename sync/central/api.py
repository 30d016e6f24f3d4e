"""The kiosk-facing routes of /api/v1 (SYNC.md "Endpoints"). Staff pages live elsewhere.

Every route is a plain `def` (FastAPI runs it in its thread pool) because the database layer
is synchronous SQLAlchemy Core; each request opens its own transaction(s) and keeps nothing
between requests, so any number of worker processes can share one PostgreSQL database.
"""

from __future__ import annotations

import json
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.central import changes, db, devices, fleet, push
from sync.central.config import CentralConfig
from sync.central.crypto import Keys
from sync.central.errors import ApiError, responses
from sync.protocol import (
    API_PREFIX,
    ENTITY_MODELS,
    PROTOCOL_VERSION,
    EnrollAnswer,
    EnrollRequest,
    HeartbeatAnswer,
    HeartbeatRequest,
    PullPage,
    PushAnswer,
    PushBatch,
    SyncConfig,
)

router = APIRouter(prefix=API_PREFIX)
_bearer = HTTPBearer(auto_error=False, description="The token POST /enroll gave the kiosk.")


def _config(request: Request) -> CentralConfig:
    config = request.app.state.config
    assert isinstance(config, CentralConfig)
    return config


def _engine(request: Request) -> sa.Engine:
    engine = request.app.state.engine
    assert isinstance(engine, sa.Engine)
    return engine


def current_device(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The calling device's id; 401 without a valid token, 429 when over its rate limit."""
    unauthorized = ApiError(
        401,
        "unauthorized",
        "Perangkat tidak dikenal atau sudah dicabut; daftarkan ulang.",
        "Unknown or revoked device; enroll again.",
        headers={"WWW-Authenticate": "Bearer"},
    )
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthorized
    config = _config(request)
    with _engine(request).begin() as conn:
        device_id = devices.authenticate(conn, credentials.credentials)
        if device_id is None:
            raise unauthorized
        wait = devices.take_token(
            conn, device_id, rate_per_minute=config.rate_per_minute, burst=config.rate_burst
        )
    if wait:
        raise ApiError(
            429,
            "rate_limited",
            "Terlalu banyak permintaan; tunggu sebentar.",
            "Too many requests; wait a moment.",
            headers={"Retry-After": str(max(1, int(wait + 0.999)))},
        )
    return device_id


Device = Annotated[str, Depends(current_device)]


@router.get("/sync/config", response_model=SyncConfig, responses=responses(422))
def sync_config(request: Request) -> SyncConfig:
    """Batch limits, gzip support, server time, recommended interval, minimum app version."""
    config = _config(request)
    return SyncConfig(
        protocol_version=PROTOCOL_VERSION,
        server_time=db.to_datetime(db.now()),  # type: ignore[arg-type]
        max_batch_ops=config.max_batch_ops,
        max_body_bytes=config.max_body_bytes,
        max_pull_limit=config.max_pull_limit,
        gzip=True,
        sync_interval_seconds=config.sync_interval_seconds,
        min_app_version=config.min_app_version,
        entities=sorted(ENTITY_MODELS),
    )


@router.post("/enroll", response_model=EnrollAnswer, responses=responses(400, 403, 413, 422))
def enroll(body: EnrollRequest, request: Request) -> EnrollAnswer:
    """Trade a one-time enrollment code for a device id and bearer token (403 if refused)."""
    with _engine(request).begin() as conn:
        device = devices.enroll(conn, body.code)
    if device is None:
        raise ApiError(
            403,
            "enrollment_refused",
            "Kode pendaftaran tidak dikenal, sudah dipakai atau kedaluwarsa.",
            "The enrollment code is unknown, already used or expired.",
        )
    return EnrollAnswer(server_time=db.to_datetime(db.now()), **device)  # type: ignore[arg-type]


@router.post(
    "/sync/push", response_model=PushAnswer, responses=responses(400, 401, 403, 413, 422, 429)
)
def sync_push(
    batch: PushBatch,
    request: Request,
    device_id: Device,
    idempotency_key: Annotated[str, Header(alias="Idempotency-Key", max_length=64)],
) -> PushAnswer:
    """Apply a batch; one result per op (applied, duplicate, conflict, rejected)."""
    config = _config(request)
    if str(batch.device_id) != device_id:
        raise ApiError(
            403,
            "device_mismatch",
            "device_id tidak sesuai dengan token.",
            "device_id does not match the token.",
        )
    if idempotency_key.strip().lower() != str(batch.batch_id):
        raise ApiError(
            422,
            "idempotency_key",
            "Idempotency-Key harus sama dengan batch_id.",
            "The Idempotency-Key header must equal batch_id.",
        )
    if len(batch.ops) > config.max_batch_ops:
        raise ApiError(
            413,
            "too_many_ops",
            f"Paling banyak {config.max_batch_ops} operasi per kiriman.",
            f"At most {config.max_batch_ops} ops per batch.",
        )
    keys: Keys = request.app.state.keys
    body_hash = keys.keyed_hash(json.dumps(batch.model_dump(mode="json"), sort_keys=True).encode())
    try:
        with _engine(request).begin() as conn:
            answer = push.apply_batch(
                conn, keys, device_id, batch, body_hash, delay_seconds=config.push_delay_seconds
            )
    except push.IdempotencyMismatch as exc:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "Idempotency-Key ini sudah dipakai untuk kiriman lain.",
            "This Idempotency-Key was used for a different batch.",
        ) from exc
    return PushAnswer.model_validate(answer)


@router.get("/sync/pull", response_model=PullPage, responses=responses(401, 410, 422, 429))
def sync_pull(
    request: Request,
    device_id: Device,
    cursor: Annotated[str, Query(max_length=200)] = "",
    limit: Annotated[int, Query(ge=1, le=100_000)] = 100,
) -> PullPage:
    """The next page of the change log for this device. 410: start over with no cursor."""
    limit = min(limit, _config(request).max_pull_limit)
    try:
        with _engine(request).begin() as conn:
            page = changes.page(conn, device_id, cursor, limit)
    except changes.CursorGone as exc:
        raise ApiError(
            410,
            "cursor_gone",
            "Posisi sinkron tidak dikenal; mulai dari awal.",
            "Unknown sync position; start over without a cursor.",
        ) from exc
    return PullPage.model_validate(page)


@router.post(
    "/heartbeat", response_model=HeartbeatAnswer, responses=responses(400, 401, 413, 422, 429)
)
def heartbeat(
    body: HeartbeatRequest, request: Request, device_id: Device
) -> HeartbeatAnswer:
    """Record the kiosk's health; answers the clock offset the server measured."""
    now = db.now()
    with _engine(request).begin() as conn:
        offset = fleet.record_heartbeat(conn, device_id, body, now)
    return HeartbeatAnswer(
        server_time=db.to_datetime(now),  # type: ignore[arg-type]
        clock_offset_seconds=round(offset, 3),
        sync_interval_seconds=_config(request).sync_interval_seconds,
    )
