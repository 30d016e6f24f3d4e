"""The one seam through which the assisted features (the idle question, switch access) tell a
screen reader what changed: ui.accessibility_events.announce, looked up when called so this
module works before and after that one lands. Speaking aloud goes through Qt signals instead
(`speech_requested(str)` on the widgets, forwarded by the main window to the kiosk's speech).
"""
from __future__ import annotations

import importlib

from PySide6.QtCore import QObject


def announce(widget: QObject, text: str, assertive: bool = False) -> None:
    """Announce `text` from `widget` to AT-SPI (QAccessibleAnnouncementEvent), if the kiosk
    has its announcement module; otherwise nothing (the text is still spoken by the kiosk)."""
    try:
        events = importlib.import_module("ui.accessibility_events")
    except ImportError:
        return
    events.announce(widget, text, assertive)
