"""Guards against known defects of the Qt binding the kiosk is built on.

PySide6 6.12.0 on Python 3.11 dropped one reference to None per Qt call that returns nothing; a
kiosk drawing a QR code (about 2,000 drawRect calls) aborted after a few detail screens
("Fatal Python error: none_dealloc"). From Python 3.12 None is immortal (PEP 683) and its count
never moves, so a check on None alone could never fail there. The guard therefore counts the
references of an ordinary (mortal) object that travels through the binding the same ways, which
can fail on every Python the project allows.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel

ROUNDS = 2_000


class _Carrier(QObject):
    carried = Signal(object)


def _none_is_mortal() -> bool:
    before = sys.getrefcount(None)
    extra = [None] * 100
    moved = sys.getrefcount(None) != before
    del extra
    return moved


def test_qt_calls_that_return_nothing_keep_references_to_none_balanced(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    if not _none_is_mortal():
        # Nothing to count on this Python; the mortal-object test below still runs.
        assert sys.version_info >= (3, 12)
        return
    before = sys.getrefcount(None)
    for _ in range(ROUNDS):
        label.setText("x")
    painter = QPainter(image)
    for _ in range(ROUNDS):
        painter.drawRect(0, 0, 1, 1)
    painter.end()
    assert abs(sys.getrefcount(None) - before) < 100


def test_objects_passed_through_the_binding_keep_balanced_references(qtbot) -> None:
    carrier = _Carrier()
    label = QLabel()
    qtbot.addWidget(label)
    payload = object()  # mortal on every Python
    received: list[object] = []
    carrier.carried.connect(received.append)
    before = sys.getrefcount(payload)
    for _ in range(ROUNDS):
        label.setProperty("payload", payload)
        assert label.property("payload") is payload
        carrier.carried.emit(payload)
    received.clear()
    label.setProperty("payload", None)
    assert abs(sys.getrefcount(payload) - before) < 10


def test_the_reference_counter_itself_sees_a_leak() -> None:
    """The guard's own check fails where references are lost: keep one in a list each round."""
    payload = object()
    before = sys.getrefcount(payload)
    kept = [payload for _ in range(ROUNDS)]
    assert sys.getrefcount(payload) - before >= ROUNDS
    del kept
