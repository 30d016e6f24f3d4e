"""Telling a screen reader what changed without moving focus, and in which language.

    announce(widget, text, assertive=False)
        Sends a QAccessibleAnnouncementEvent from `widget` (Qt >= 6.8 delivers it to AT-SPI
        as "object:announcement"). Polite waits for the reader to finish; assertive cuts in
        (an error, the idle countdown's last seconds). Empty text sends nothing.
    apply_locale(window, language)
        The Qt locale of every object: id -> id_ID, en -> en_US, so AT-SPI reports the
        screen's language and a reader picks a matching voice (it reported "C"). libatspi
        caches an object's locale in the reader's process, so a reader that has already
        read an object keeps the old value after a switch (tests/atspi reads afresh).

Used for result counts, "nothing found", errors and the idle countdown (ACCESSIBILITY.md:
"headings and status changes are announced"). The kiosk's own speech (ui.speech) is the
reader for residents; this serves readers that residents and staff bring.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)
LOCALES = {"id": "id_ID", "en": "en_US"}
sent: list[tuple[str, bool]] = []  # the last announcements (text, assertive), for tests
_KEEP = 20


def announce(widget: QObject, text: str, assertive: bool = False) -> None:
    """Announce `text` from `widget` (see the module docstring). Never raises for a widget
    that is already deleted: an announcement is not worth a crash."""
    text = text.strip()
    if not text:
        return
    sent.append((text, assertive))
    del sent[:-_KEEP]
    if not QAccessible.isActive():
        return  # no reader is listening; Qt would drop it anyway
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    try:
        QAccessible.updateAccessibility(event)
    except RuntimeError:  # the widget was deleted under us
        log.debug("Announcement from a deleted widget dropped")


def qt_locale(language: str) -> QLocale:
    """The QLocale of a kiosk language ("id" or "en"); an unknown code gives id_ID."""
    return QLocale(LOCALES.get(language, LOCALES["id"]))


def apply_locale(window: QWidget, language: str) -> None:
    """Set the locale of the application (QLocale.setDefault: objects without their own) and
    of `window` (its children inherit it), both to `language`."""
    locale = qt_locale(language)
    QLocale.setDefault(locale)
    window.setLocale(locale)
    # Other windows (a modal question) resolve their locale only when told: tell them too.
    for other in QApplication.topLevelWidgets():
        if other is not window:
            other.setLocale(locale)
