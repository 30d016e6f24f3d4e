"""Encryption at rest of personal data (UU PDP 27/2022 art. 35: the controller secures it).

    keys = Keys.load(data_dir)            # or Keys.from_env(); both raise KeyError/ValueError
    token = keys.seal({"nik": ..., ...})  # Fernet (AES-128-CBC + HMAC-SHA256), a str
    record = keys.unseal(token)           # the dict back; raises cryptography InvalidToken
    keys.nik_hash("3374...")              # HMAC-SHA256 hex: equal NIKs give equal hashes

Two keys, so the duplicate index can be kept (or handed to an auditor) without the power to
decrypt: `fernet` seals records, `nik_hmac` hashes NIKs and op payloads. Each is one line in a
file of the data folder's keys/ (mode 0600, created on first use), or SIKER_CENTRAL_KEY and
SIKER_CENTRAL_NIK_KEY (required when several machines share one database). A key file may hold
several Fernet keys, newest first: new tokens use the first, old ones still open (rotation).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, MultiFernet

ENV_KEY = "SIKER_CENTRAL_KEY"
ENV_NIK_KEY = "SIKER_CENTRAL_NIK_KEY"


def _read_or_create(path: Path, make: bytes) -> bytes:
    """The file's bytes, creating it with `make` (mode 0600, exclusively) if it is missing."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        handle.write(make)
        handle.flush()
        os.fsync(handle.fileno())
    return make


class Keys:
    """The server's two secrets and the operations on them. Thread- and process-safe."""

    def __init__(self, fernet_keys: list[bytes], nik_key: bytes) -> None:
        if not fernet_keys or len(nik_key) < 32:
            raise ValueError("a Fernet key and a NIK key of at least 32 bytes are needed")
        self._fernet = MultiFernet([Fernet(k) for k in fernet_keys])
        self._nik_key = nik_key

    @classmethod
    def load(cls, data_dir: Path, environ: Mapping[str, str] | None = None) -> Keys:
        """Keys from the environment if set, else from data_dir/keys/ (created if missing)."""
        env = os.environ if environ is None else environ
        if env.get(ENV_KEY) or env.get(ENV_NIK_KEY):
            return cls.from_env(env)
        fernet = _read_or_create(data_dir / "keys" / "fernet.key", Fernet.generate_key() + b"\n")
        nik = _read_or_create(
            data_dir / "keys" / "nik-hmac.key",
            base64.urlsafe_b64encode(secrets.token_bytes(32)) + b"\n",
        )
        return cls._parse(fernet.decode(), nik.decode())

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Keys:
        """Keys from SIKER_CENTRAL_KEY (Fernet keys, comma separated) and SIKER_CENTRAL_NIK_KEY.

        Raises KeyError when one of them is missing.
        """
        return cls._parse(environ[ENV_KEY].replace(",", "\n"), environ[ENV_NIK_KEY])

    @classmethod
    def _parse(cls, fernet_text: str, nik_text: str) -> Keys:
        fernet_keys = [line.strip().encode() for line in fernet_text.splitlines() if line.strip()]
        return cls(fernet_keys, base64.urlsafe_b64decode(nik_text.strip()))

    def seal(self, record: Mapping[str, Any]) -> str:
        """The record's JSON, encrypted and authenticated, as ASCII text."""
        raw = json.dumps(record, ensure_ascii=False, sort_keys=True, default=str).encode()
        return self._fernet.encrypt(raw).decode("ascii")

    def unseal(self, token: str) -> dict[str, Any]:
        """The dict `seal` was given. Raises cryptography.fernet.InvalidToken if tampered."""
        value = json.loads(self._fernet.decrypt(token.encode("ascii")))
        assert isinstance(value, dict)
        return value

    def keyed_hash(self, data: bytes) -> str:
        """HMAC-SHA256 of `data` with the NIK key, 64 hex characters."""
        return hmac.new(self._nik_key, data, hashlib.sha256).hexdigest()

    def nik_hash(self, nik: str) -> str:
        """The NIK's keyed hash (digits only, so "3374 01..." and "337401..." agree)."""
        return self.keyed_hash(("nik:" + "".join(ch for ch in nik if ch.isdigit())).encode())
