"""Marking widgets that hold a resident's personal data (UU PDP 27/2022).

A field marked personal (NIK, name, birth date, address, phone, email, disability) is never read
aloud in public: speech reads its label only, and the on-screen keyboard and number pad echo its
keys as "angka"/"huruf" unless private listening (headphones) is switched on
(kiosk.session.Mode.private_listening). The audit and the end-of-visit wipe also find such
fields through `is_personal`.
"""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

_PROPERTY = "sikerPersonal"


def mark_personal(widget: QWidget, personal: bool = True) -> QWidget:
    """Mark (or unmark) `widget` as holding personal data; returns it for chaining."""
    widget.setProperty(_PROPERTY, bool(personal))
    return widget


def is_personal(widget: QWidget | None) -> bool:
    """True when `widget` or one of its parents is marked personal (a label inside a
    personal group counts too)."""
    while widget is not None:
        if widget.property(_PROPERTY):
            return True
        widget = widget.parentWidget()
    return False
