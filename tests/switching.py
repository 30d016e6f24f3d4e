"""Pressing switches in tests: one press of a switch key, and "move the highlight to this
control, then press it" (ui/switch_access.py: Space moves, Enter presses)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow

ADVANCE, SELECT = Qt.Key.Key_Space, Qt.Key.Key_Return


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """One press of a switch, delivered where a USB switch's key would go: the focus widget."""
    target = QApplication.focusWidget() or QApplication.activeModalWidget() or window
    qtbot.keyClick(target, key)
    QApplication.processEvents()  # the scanner looks again once what was pressed has shown


def scan_to_and_press(qtbot: QtBot, window: MainWindow, wanted: Callable[[QWidget], bool]) -> int:
    """Advance until the highlight is on a control `wanted` accepts, then select; returns how
    many presses it took. Fails when a whole round of the controls passes without it."""
    scanner = window.switch
    presses = 0
    # Results arrive from the database thread meanwhile, so a round may grow: count it anew.
    while presses <= len(scanner.items()) + 1:
        current = scanner.current
        if current is not None and wanted(current):
            press(qtbot, window, SELECT)
            return presses + 1
        press(qtbot, window, ADVANCE)
        presses += 1
    raise AssertionError(
        f"the highlight went round every control without reaching it: now on "
        f"{scanner.current!r} of {len(scanner.items())} controls in {scanner.root()!r}")
