"""How the office pages write times: Semarang's clock (WIB) and clock offsets."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sync.central.office.ak1 import WIB


def when(epoch: float | Callable[[], float] | None) -> str:
    """Epoch seconds as Semarang's local time: "2026-12-02 14:05:09 WIB"."""
    if epoch is None:
        return ""
    value = epoch() if callable(epoch) else epoch
    return datetime.fromtimestamp(float(value), WIB).strftime("%Y-%m-%d %H:%M:%S WIB")


def offset(seconds: float | None) -> str:
    """A clock offset as "+3 s", "-2 min", "+1.5 h" (device minus server)."""
    if seconds is None:
        return ""
    magnitude = abs(seconds)
    if magnitude < 0.5:
        return "0 s"
    if magnitude < 120:
        return f"{seconds:+.0f} s"
    if magnitude < 7200:
        return f"{seconds / 60:+.0f} min"
    return f"{seconds / 3600:+.1f} h"
