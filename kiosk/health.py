"""The kiosk's own health, as the running kiosk sees it, for the heartbeat and for staff.

The kiosk program knows whether its voice and its printer work; the sync engine (in the
kiosk's network thread, or `siker-kiosk sync` run from cron) is what reports to the central
server (SYNC.md `POST /heartbeat`: speech_ok, printer_ok, free_disk_mb, warnings). The running
kiosk therefore writes a small snapshot, `health.json` in its data folder, whenever it syncs;
the engine reads it and adds the free disk space it measures itself. A snapshot older than
`MAX_AGE_S` is not reported (the kiosk program is not running, so nothing is known).

No personal data is ever in it: only booleans and staff warnings the kiosk wrote itself.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HEALTH_FILE = "health.json"
MAX_AGE_S = 2 * 3600
"""A snapshot older than this (seconds) says nothing: two sync intervals of an hour."""
MAX_WARNINGS = 20
MAX_WARNING_CHARS = 200  # the limits of sync.protocol.HeartbeatRequest.warnings


@dataclass(frozen=True)
class DeviceHealth:
    """What the running kiosk knows about its devices.

    Attributes:
        speech_ok: the voice works as far as the kiosk can tell (accessibility.speech
            Speaker.warning() is None); None when unknown.
        printer_ok: a slip printer is found; None when the kiosk has none (slips then go to
            staff PDFs: a kiosk may be set up that way, so it is no fault).
        warnings: staff sentences ("no audio device"), each at most 200 characters, at most 20.
        written_at: when the snapshot was taken, seconds since the epoch.
    """

    speech_ok: bool | None = None
    printer_ok: bool | None = None
    warnings: tuple[str, ...] = ()
    written_at: float = field(default_factory=time.time)


def write_health(data_dir: Path, health: DeviceHealth) -> None:
    """Replace the snapshot atomically (a reader sees the old one or the new one, whole).

    Raises: OSError when the data folder cannot be written.
    """
    path = Path(data_dir) / HEALTH_FILE
    body = asdict(health)
    body["warnings"] = [w[:MAX_WARNING_CHARS] for w in health.warnings[:MAX_WARNINGS]]
    tmp = path.with_suffix(".tmp")
    # 0600 from the start: the kiosk user's alone, like the database beside it.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(body, ensure_ascii=False))
    if os.name == "posix":
        os.chmod(tmp, 0o600)  # a .tmp left by an older version keeps its mode otherwise
    os.replace(tmp, path)


def read_health(data_dir: Path, now: float | None = None) -> DeviceHealth | None:
    """The snapshot, or None when there is none, it is older than MAX_AGE_S, or it cannot be
    read (a damaged snapshot is never an error: the heartbeat then reports nothing of it)."""
    try:
        body = json.loads((Path(data_dir) / HEALTH_FILE).read_text(encoding="utf-8"))
        health = DeviceHealth(
            speech_ok=_bool_or_none(body.get("speech_ok")),
            printer_ok=_bool_or_none(body.get("printer_ok")),
            warnings=tuple(str(w)[:MAX_WARNING_CHARS]
                           for w in body.get("warnings", [])[:MAX_WARNINGS]),
            written_at=float(body["written_at"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    now = time.time() if now is None else now
    return health if 0 <= now - health.written_at <= MAX_AGE_S else None


def free_disk_mb(data_dir: Path) -> int | None:
    """Free space on the data folder's disk in MiB (for a normal user), None if unknown."""
    try:
        return shutil.disk_usage(data_dir).free // (1024 * 1024)
    except OSError:
        return None


def _bool_or_none(value: object) -> bool | None:
    return value if isinstance(value, bool) else None
