"""Signed session cookies and CSRF tokens for the office pages; no session state on the server.

The cookie holds {"n": nonce, "u": user id or None, "e": the user's session epoch}, signed and
time-stamped with itsdangerous, HttpOnly and SameSite=Strict. Signing out raises the epoch in
the database, so an old copy of the cookie is worthless. Every POST form carries a CSRF token:
an HMAC-SHA256 of the cookie's nonce under the office secret (the "signed double-submit" pattern
of the OWASP CSRF cheat sheet), so a token from another session or another browser never fits.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE_NAME = "siker_office"
SESSION_MAX_AGE_S = 8 * 3600
"""A working day: after this the cookie's signature expires and staff sign in again."""
SECRET_ENV = "SIKER_CENTRAL_SECRET"
SECRET_FILE = "office-secret.key"


@dataclass(frozen=True)
class Session:
    """What the cookie says: `user_id` None before sign-in."""

    nonce: str
    user_id: int | None = None
    epoch: int = 0


class SessionCodec:
    """Turns sessions into cookie values and back, and makes and checks CSRF tokens."""

    def __init__(self, secret: bytes, *, max_age_s: int = SESSION_MAX_AGE_S) -> None:
        self._secret = secret
        self._serializer = URLSafeTimedSerializer(secret, salt="siker-office-session")
        self.max_age_s = max_age_s

    def dumps(self, session: Session) -> str:
        return self._serializer.dumps({"n": session.nonce, "u": session.user_id,
                                       "e": session.epoch})

    def loads(self, value: str | None) -> Session | None:
        """The session in a cookie value, or None when missing, forged, expired or malformed."""
        if not value or len(value) > 4096:
            return None
        try:
            data = self._serializer.loads(value, max_age=self.max_age_s)
        except BadSignature:  # also SignatureExpired, a subclass
            return None
        if not isinstance(data, dict) or not isinstance(data.get("n"), str):
            return None
        user_id, epoch = data.get("u"), data.get("e", 0)
        if user_id is not None and not isinstance(user_id, int):
            return None
        if not isinstance(epoch, int):
            return None
        return Session(nonce=data["n"], user_id=user_id, epoch=epoch)

    def csrf_token(self, session: Session) -> str:
        return hmac.new(self._secret, b"csrf:" + session.nonce.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, session: Session | None, token: str | None) -> bool:
        if session is None or not token:
            return False
        return hmac.compare_digest(self.csrf_token(session), token)


def new_session(user_id: int | None = None, epoch: int = 0) -> Session:
    """A fresh nonce; sign-in always gets a new one, so a planted cookie is useless after it."""
    return Session(nonce=secrets.token_urlsafe(18), user_id=user_id, epoch=epoch)


def load_secret(data_dir: Path | None) -> bytes:
    """The office signing secret: $SIKER_CENTRAL_SECRET, else `data_dir/office-secret.key`.

    The file is written complete under a temporary name and then hard-linked into place, which
    fails when it already exists: two worker processes starting at once end up with the same
    secret, and neither ever reads a half-written file. Without either, a random secret for this
    process only: fine for one worker and tests, but every restart signs everyone out.
    """
    env = os.environ.get(SECRET_ENV)
    if env:
        return env.encode()
    if data_dir is None:
        return secrets.token_bytes(32)
    path = Path(data_dir) / SECRET_FILE
    if not path.exists():
        temp = path.with_name(f"{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            temp.unlink()
    return _read_secret(path)


def _read_secret(path: Path) -> bytes:
    text = path.read_text(encoding="ascii").strip()
    if len(text) < 32:
        raise ValueError(f"{path} holds no usable secret (fewer than 32 characters)")
    return text.encode()
