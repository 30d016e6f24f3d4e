"""The device credential (device id + bearer token) in a file only the kiosk user can read.

The file is `device.json` in the data folder, mode 0600, written atomically. The token is a
secret: it is never logged and `DeviceCredential.__repr__` hides it.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

FILENAME = "device.json"


@dataclass(frozen=True)
class DeviceCredential:
    device_id: str
    token: str = field(repr=False)
    central_url: str
    name: str = ""


def credential_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILENAME


def save(data_dir: Path, credential: DeviceCredential) -> Path:
    """Write the credential (0600) atomically; returns the file's path."""
    path = credential_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"device_id": credential.device_id, "token": credential.token,
                   "central_url": credential.central_url, "name": credential.name}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    if os.name == "posix":
        path.chmod(0o600)
    return path


def check_writable(data_dir: Path) -> None:
    """Make sure the credential can be stored before a one-time code is spent on it.

    Raises: OSError (the folder cannot be created or written: read-only disk, permissions).
    """
    path = credential_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    probe = path.with_suffix(".probe")
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    probe.unlink()


def load(data_dir: Path) -> DeviceCredential | None:
    """The stored credential, or None when the kiosk was never enrolled (or the file is bad)."""
    try:
        doc = json.loads(credential_path(data_dir).read_text(encoding="utf-8"))
        return DeviceCredential(str(doc["device_id"]), str(doc["token"]),
                                str(doc["central_url"]), str(doc.get("name", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
