"""Guards against known defects of the Qt binding the kiosk is built on."""
from __future__ import annotations

import sys

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel


def test_qt_calls_that_return_nothing_keep_references_to_none_balanced(qtbot) -> None:
    # PySide6 6.12.0 on Python 3.11 dropped one reference to None per such call; a kiosk drawing
    # a QR code (about 2,000 drawRect calls) aborted after a few detail screens ("none_dealloc").
    label = QLabel()
    qtbot.addWidget(label)
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    before = sys.getrefcount(None)
    for _ in range(2_000):
        label.setText("x")
    painter = QPainter(image)
    for _ in range(2_000):
        painter.drawRect(0, 0, 1, 1)
    painter.end()
    assert abs(sys.getrefcount(None) - before) < 100
