"""The kiosk's key file: sealing personal data at rest and keyed hashes for lookups.

UU PDP 27/2022 art. 35 asks the controller to protect personal data with technical measures;
on a kiosk PC that anyone with a screwdriver can open, that means the database never holds a
resident's NIK, name, birth date, address, phone or email in plain text.

- `seal(bytes) -> bytes` / `unseal(bytes) -> bytes`: Fernet (AES-128-CBC with HMAC-SHA256, from
  the `cryptography` library), so a token that was altered or made with another key is refused.
- `lookup_hash(purpose, value) -> str`: HMAC-SHA256 under a second key. A NIK has too little
  entropy for a plain hash (16 digits with a known structure are enumerable in minutes), so
  "is this NIK already pending here" compares keyed hashes only.

The key file (JSON: version, seal key, lookup key) is created on first use with mode 0600 in a
folder only the kiosk user can read. Its fingerprint is kept in the database (table
`vault_key`, migration m005) so that opening a database with another key is a clear staff
message, never a silent loss: `Vault.bind(db)`.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from sqlite_utils import Database

KEY_FILENAME = "kiosk.key"
_FORMAT_VERSION = 1


class VaultError(Exception):
    """The key file is missing, damaged, unreadable or does not match the database.

    `kind` is one of "missing", "damaged", "permission", "not_a_file", "wrong_key", "tampered";
    `staff_message()` says what a petugas should do, in Indonesian then English. The message
    never holds key material or personal data.
    """

    _ADVICE = {
        "missing": (
            "Berkas kunci data pribadi tidak ada, padahal basis data menyimpan data terenkripsi. "
            "Pulihkan berkas kunci dari cadangan; jangan hapus basis data.",
            "The personal-data key file is missing although the database holds sealed data. "
            "Restore the key file from backup; do not delete the database.",
        ),
        "damaged": (
            "Berkas kunci data pribadi rusak. Pulihkan dari cadangan.",
            "The personal-data key file is damaged. Restore it from backup.",
        ),
        "permission": (
            "Berkas kunci data pribadi tidak bisa dibaca atau dibuat oleh pengguna kios.",
            "The kiosk user cannot read or create the personal-data key file.",
        ),
        "wrong_key": (
            "Berkas kunci tidak cocok dengan basis data ini. Pasang kembali kunci yang benar.",
            "The key file does not belong to this database. Put the right key file back.",
        ),
        "not_a_file": (
            "Kunci data pribadi kiosk.key harus berupa berkas, tetapi yang ada folder. "
            "Pindahkan folder itu dan pulihkan berkas kunci dari cadangan.",
            "The personal-data key kiosk.key must be a file, but it is a folder. Move that "
            "folder away and restore the key file from backup.",
        ),
        "tampered": (
            "Sebagian data terenkripsi tidak bisa dibuka (rusak atau diubah).",
            "Some sealed data cannot be opened (damaged or altered).",
        ),
    }

    def __init__(self, kind: str, path: Path | None = None) -> None:
        self.kind = kind
        self.path = path
        super().__init__(self.staff_message())

    def staff_message(self) -> str:
        """One line for staff: Indonesian, then English, then the key file's path."""
        text_id, text_en = self._ADVICE[self.kind]
        where = f" ({self.path})" if self.path else ""
        return f"{text_id} / {text_en}{where}"


@dataclass(frozen=True)
class Vault:
    """The two keys of one kiosk. Build with `Vault.open(path)`; never construct keys by hand
    outside tests."""

    _seal_key: bytes
    _lookup_key: bytes
    path: Path | None = None

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Vault:
        """Read the key file at `path`, creating it (mode 0600) when absent and `create`.

        Raises:
            VaultError: "missing" (absent and not `create`), "damaged", "permission",
                "not_a_file" (a folder named kiosk.key).
        """
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            if not create:
                raise VaultError("missing", path) from None
            return cls._create(path)
        except PermissionError:
            raise VaultError("permission", path) from None
        except IsADirectoryError:
            raise VaultError("not_a_file", path) from None
        _tighten(path)
        try:
            doc = json.loads(raw)
            seal_key = doc["seal"].encode("ascii")
            Fernet(seal_key)  # validates length and encoding
            lookup_key = base64.urlsafe_b64decode(doc["lookup"])
            if doc.get("version") != _FORMAT_VERSION or len(lookup_key) != 32:
                raise ValueError("unknown key file format")
        except (ValueError, KeyError, TypeError, AttributeError):
            raise VaultError("damaged", path) from None
        return cls(seal_key, lookup_key, path)

    @classmethod
    def _create(cls, path: Path) -> Vault:
        seal_key = Fernet.generate_key()
        lookup_key = secrets.token_bytes(32)
        doc = {
            "version": _FORMAT_VERSION,
            "seal": seal_key.decode("ascii"),
            "lookup": base64.urlsafe_b64encode(lookup_key).decode("ascii"),
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # O_EXCL: two processes starting at once never write two different keys.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return cls.open(path, create=False)
        except PermissionError:
            raise VaultError("permission", path) from None
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            json.dump(doc, handle)
            handle.flush()
            os.fsync(handle.fileno())
        return cls(seal_key, lookup_key, path)

    @classmethod
    def for_tests(cls) -> Vault:
        """A vault with fresh random keys held in memory only."""
        return cls(Fernet.generate_key(), secrets.token_bytes(32))

    def seal(self, plain: bytes) -> bytes:
        """The Fernet token of `plain` (bytes in, bytes out; ~1.4x longer plus 57 bytes)."""
        return Fernet(self._seal_key).encrypt(plain)

    def unseal(self, token: bytes) -> bytes:
        """The plain bytes of a token made by `seal` with this vault's key.

        Raises:
            VaultError: "tampered" when the token was altered or made with another key.
        """
        try:
            return Fernet(self._seal_key).decrypt(token)
        except (InvalidToken, TypeError, ValueError):
            raise VaultError("tampered", self.path) from None

    def seal_json(self, value: object) -> bytes:
        """`seal` of the compact UTF-8 JSON of `value`."""
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return self.seal(text.encode("utf-8"))

    def unseal_json(self, token: bytes) -> object:
        """The value sealed by `seal_json`. Raises VaultError("tampered") like `unseal`."""
        return json.loads(self.unseal(token).decode("utf-8"))

    def lookup_hash(self, purpose: str, value: str) -> str:
        """Hex HMAC-SHA256 of `value` for one `purpose` ("nik", ...), under the lookup key.

        Equal inputs give equal hashes on this kiosk only; the hash reveals nothing without
        the key file.
        """
        message = f"{purpose}\x00{value}".encode()
        return hmac.new(self._lookup_key, message, hashlib.sha256).hexdigest()

    def fingerprint(self) -> str:
        """A short public value that identifies the key pair (safe to store and to log)."""
        return self.lookup_hash("fingerprint", base64.b64encode(self._seal_key).decode())[:32]

    def bind(self, db: Database) -> None:
        """Record this vault's fingerprint in `db` on first use; afterwards check it matches.

        Raises:
            VaultError: "wrong_key" when the database was sealed with another key.
        """
        row = db.execute("SELECT fingerprint FROM vault_key WHERE id = 1").fetchone()
        if row is None:
            with db.atomic():
                db.execute(
                    "INSERT INTO vault_key (id, fingerprint) VALUES (1, ?)", [self.fingerprint()]
                )
        elif row[0] != self.fingerprint():
            raise VaultError("wrong_key", self.path)


def database_is_bound(db: Database) -> bool:
    """Whether `db` already holds data sealed under some key (so a missing key file is an error,
    not a first start)."""
    return db.execute("SELECT 1 FROM vault_key WHERE id = 1").fetchone() is not None


def _tighten(path: Path) -> None:
    # A key file others can read protects nothing; make it the owner's only when we own it.
    if os.name != "posix":
        return
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            path.chmod(0o600)
    except OSError:
        pass
