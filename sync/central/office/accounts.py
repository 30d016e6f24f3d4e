"""Staff accounts (petugas): argon2id password hashes, two roles, sign-in with throttling.

Passwords are hashed with argon2-cffi's PasswordHasher (argon2id, RFC 9106 defaults). Sign-in
is throttled in the database, so every worker process sees the same count: after
MAX_FAILURES_PER_USER failed attempts on one name, or MAX_FAILURES_PER_REMOTE from one address,
within THROTTLE_WINDOW_S seconds, further attempts are refused until the window has passed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sync.central.office.tables import ROLES, login_failure, staff_user

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
"""Lower-case letters, digits, '.', '_' and '-', 2 to 32 characters, starting with a letter
or digit: names staff can type and that are safe in logs."""
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 256  # argon2 hashes anything; the cap keeps a megabyte "password" out
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_REMOTE = 20
THROTTLE_WINDOW_S = 15 * 60

_hasher = PasswordHasher()
# Verified when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("siker-office-no-such-user")


class AccountError(ValueError):
    """A name, role or password that cannot be used; `message` is (Indonesian, English)."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message = (message_id, message_en)


class Throttled(Exception):
    """Too many failed sign-ins; `retry_after` is whole seconds until the next attempt."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed sign-ins; retry in {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class StaffUser:
    """A signed-in member of staff: `role` is "admin" or "verifier"."""

    id: int
    username: str
    role: str
    session_epoch: int


def validate_password(password: str) -> None:
    """Raises AccountError for a password shorter than MIN_PASSWORD_CHARS or too long."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(
            f"Kata sandi minimal {MIN_PASSWORD_CHARS} karakter.",
            f"The password needs at least {MIN_PASSWORD_CHARS} characters.",
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(
            f"Kata sandi maksimal {MAX_PASSWORD_CHARS} karakter.",
            f"The password can have at most {MAX_PASSWORD_CHARS} characters.",
        )


def create_user(
    conn: sa.Connection, username: str, password: str, role: str, *, now: float
) -> int:
    """Add a staff account and return its id; `now` is UTC epoch seconds.

    Raises:
        AccountError: the name does not match USERNAME_RE or is taken, the role is not one of
            ROLES, or the password is too short or too long.
    """
    if not USERNAME_RE.match(username):
        raise AccountError(
            "Nama pengguna: 2-32 huruf kecil, angka, titik, garis bawah atau tanda hubung.",
            "User name: 2-32 lower-case letters, digits, dots, underscores or hyphens.",
        )
    if role not in ROLES:
        raise AccountError(
            f"Peran harus salah satu dari: {', '.join(ROLES)}.",
            f"The role must be one of: {', '.join(ROLES)}.",
        )
    validate_password(password)
    taken = conn.execute(
        sa.select(staff_user.c.id).where(staff_user.c.username == username)
    ).first()
    if taken:
        raise AccountError(
            f"Nama pengguna {username} sudah dipakai.", f"The user name {username} is taken."
        )
    result = conn.execute(
        staff_user.insert().values(
            username=username, password_hash=_hasher.hash(password), role=role,
            active=True, session_epoch=0, created_at=now,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def get_user(conn: sa.Connection, user_id: int) -> StaffUser | None:
    """The active account with this id, or None."""
    row = conn.execute(
        sa.select(staff_user).where(staff_user.c.id == user_id, staff_user.c.active.is_(True))
    ).first()
    return _user(row) if row else None


def authenticate(
    conn: sa.Connection, username: str, password: str, *, remote: str, now: float
) -> StaffUser | None:
    """The account when name and password match, else None (the failure is recorded).

    Raises:
        Throttled: too many recent failures for this name or this address; the password is
            not even checked, so guessing goes no faster.
    """
    username = username.strip().lower()[:64]
    remote = remote[:64]
    _check_throttle(conn, username, remote, now)
    row = conn.execute(
        sa.select(staff_user).where(staff_user.c.username == username)
    ).first()
    ok = False
    try:
        stored = row.password_hash if row else _DUMMY_HASH
        ok = _hasher.verify(stored, password[:MAX_PASSWORD_CHARS])
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or row is None or not row.active:
        conn.execute(login_failure.insert().values(username=username, remote=remote, at=now))
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        conn.execute(staff_user.update().where(staff_user.c.id == row.id)
                     .values(password_hash=_hasher.hash(password)))
    conn.execute(login_failure.delete().where(login_failure.c.username == username))
    return _user(row)


def end_sessions(conn: sa.Connection, user_id: int) -> None:
    """Sign the user out everywhere: every session cookie issued so far stops working."""
    conn.execute(
        staff_user.update().where(staff_user.c.id == user_id)
        .values(session_epoch=staff_user.c.session_epoch + 1)
    )


def _check_throttle(conn: sa.Connection, username: str, remote: str, now: float) -> None:
    since = now - THROTTLE_WINDOW_S
    for column, value, limit in (
        (login_failure.c.username, username, MAX_FAILURES_PER_USER),
        (login_failure.c.remote, remote, MAX_FAILURES_PER_REMOTE),
    ):
        count, oldest = conn.execute(
            sa.select(sa.func.count(), sa.func.min(login_failure.c.at))
            .where(column == value, login_failure.c.at > since)
        ).one()
        if count >= limit:
            wait = float(oldest) + THROTTLE_WINDOW_S - now
            raise Throttled(max(1, int(wait) + 1))


def _user(row: sa.Row) -> StaffUser:
    return StaffUser(id=row.id, username=row.username, role=row.role,
                     session_epoch=row.session_epoch)
