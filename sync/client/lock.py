"""One sync at a time across processes (the kiosk's thread and `siker-kiosk sync`).

A lock file in the data folder held with flock (msvcrt.locking on Windows), chosen over a
SQLite row held by BEGIN IMMEDIATE: a sync spends minutes on the network, and holding a write
transaction that long would block every registration a resident saves meanwhile; the
operating system also drops a flock when its process dies, SIGKILL included, so a killed
sync never leaves a stale lock behind.
"""
from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import IO


class SyncBusy(Exception):
    """Another process (or thread) is syncing right now."""


class SyncLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / "sync.lock"
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> SyncLock:
        handle = open(self.path, "a+b")  # noqa: SIM115 (held for the lock's life)
        try:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise SyncBusy(str(self.path)) from None
        self._handle = handle
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._handle is not None:
            self._handle.close()  # closing releases flock and msvcrt locks
            self._handle = None
