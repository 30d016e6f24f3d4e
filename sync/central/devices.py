"""Kiosk devices: one-time enrollment codes, bearer tokens, revocation, rate limits.

    code = devices.create_enrollment_code(conn, "Kiosk Balai Kota", place="Lobi", minutes=60)
    device = devices.enroll(conn, code)            # {"device_id", "token", "name", "place"}
    devices.authenticate(conn, token)             # device id, or None (unknown / revoked)
    devices.revoke(conn, device_id)               # True if it was active
    devices.take_token(conn, device_id, rate_per_minute=600, burst=120)  # 0.0 or seconds to wait

Codes are 12 characters of Crockford base32 (60 bits), shown as XXXX-XXXX-XXXX; tokens are
"<device id>.<43 characters of 32 random bytes>". Only SHA-256 digests of either are stored,
compared in constant time (hmac.compare_digest). A code works once, before it expires.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.central import db, freetext
from sync.central import tables as t

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalize_code(code: str) -> str:
    """The code as stored: upper case, without dashes/spaces, O->0 and I/L->1 (Crockford)."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))


def create_enrollment_code(
    conn: Connection, kiosk_name: str, *, place: str | None = None, minutes: int = 60
) -> str:
    """A new one-time code for the kiosk `kiosk_name`, valid `minutes` from now.

    The name and place are cleaned and checked by sync/central/freetext.py (the web form and
    the CLI share it). Returns the code for display (XXXX-XXXX-XXXX).

    Raises: freetext.TextRefused (a ValueError) for a bad name or place, or a lifetime
        outside 1 minute .. 7 days.
    """
    kiosk_name = freetext.kiosk_name(kiosk_name)
    place = freetext.kiosk_place(place)
    if not 1 <= minutes <= 7 * 24 * 60:
        raise freetext.TextRefused("Kode berlaku antara 1 menit dan 7 hari.",
                                   "A code lives between 1 minute and 7 days.")
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    now = db.now()
    conn.execute(
        sa.insert(t.enrollment_codes).values(
            code_hash=_digest(raw),
            kiosk_name=kiosk_name,
            place=place,
            created_at=now,
            expires_at=now + minutes * 60,
        )
    )
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def enroll(conn: Connection, code: str) -> dict[str, Any] | None:
    """Use a code: a new device and its token, or None if the code is unknown, used or expired.

    The token is returned only here; the server keeps its digest.
    """
    code_hash = _digest(normalize_code(code))
    now = db.now()
    c = t.enrollment_codes.c
    device_id = str(uuid.uuid4())
    used = conn.execute(
        sa.update(t.enrollment_codes)
        .where(c.code_hash == code_hash, c.used_at.is_(None), c.expires_at > now)
        .values(used_at=now, device_id=device_id)
    ).rowcount
    if used != 1:
        return None
    row = conn.execute(sa.select(c.kiosk_name, c.place).where(c.code_hash == code_hash)).one()
    token = f"{device_id}.{secrets.token_urlsafe(32)}"
    conn.execute(
        sa.insert(t.devices).values(
            id=device_id,
            name=row.kiosk_name,
            place=row.place,
            token_hash=_digest(token),
            created_at=now,
        )
    )
    return {"device_id": device_id, "token": token, "name": row.kiosk_name, "place": row.place}


def authenticate(conn: Connection, token: str) -> str | None:
    """The device id a bearer token belongs to, or None (malformed, unknown, revoked)."""
    device_id, dot, _secret = token.partition(".")
    if not dot or len(device_id) != 36 or len(token) > 200:
        return None
    row = conn.execute(
        sa.select(t.devices.c.token_hash, t.devices.c.revoked_at).where(t.devices.c.id == device_id)
    ).first()
    if row is None:
        hmac.compare_digest(_digest(token), _digest(""))  # same work for unknown devices
        return None
    if not hmac.compare_digest(row.token_hash, _digest(token)) or row.revoked_at is not None:
        return None
    return device_id


def revoke(conn: Connection, device_id: str) -> bool:
    """Stop a device: its next call answers 401. True if it was enrolled and not yet revoked."""
    return (
        conn.execute(
            sa.update(t.devices)
            .where(t.devices.c.id == str(device_id), t.devices.c.revoked_at.is_(None))
            .values(revoked_at=db.now())
        ).rowcount
        == 1
    )


def take_token(conn: Connection, device_id: str, *, rate_per_minute: int, burst: int) -> float:
    """Spend one request from the device's token bucket (stored in the database).

    Returns 0.0 when allowed, else the seconds until a token is back (Retry-After). The bucket
    row is updated in the caller's transaction, so every worker process shares it.
    """
    now = db.now()
    b = t.rate_buckets.c
    if db.insert_ignore(
        conn, t.rate_buckets, {"device_id": device_id, "tokens": burst - 1.0, "updated_at": now}
    ):
        return 0.0
    query = sa.select(b.tokens, b.updated_at).where(b.device_id == device_id)
    if db.is_postgresql(conn):
        query = query.with_for_update()
    row = conn.execute(query).one()
    per_second = rate_per_minute / 60.0
    tokens = min(float(burst), row.tokens + max(0.0, now - row.updated_at) * per_second)
    if tokens < 1.0:
        return (1.0 - tokens) / per_second
    conn.execute(
        sa.update(t.rate_buckets)
        .where(b.device_id == device_id)
        .values(tokens=tokens - 1.0, updated_at=now)
    )
    return 0.0
