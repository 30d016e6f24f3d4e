"""Pressing switches in tests: one press of a switch key, and "move the highlight to this
control, then press it" (ui/switch_access.py: Space moves, Enter presses)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.switch_groups import StepKind

ADVANCE, SELECT = Qt.Key.Key_Space, Qt.Key.Key_Return


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """One press of a switch, delivered where a USB switch's key would go: the focus widget."""
    target = QApplication.focusWidget() or QApplication.activeModalWidget() or window
    qtbot.keyClick(target, key)
    QApplication.processEvents()  # the scanner looks again once what was pressed has shown


def scan_to_and_press(qtbot: QtBot, window: MainWindow, wanted: Callable[[QWidget], bool]) -> int:
    """Advance until the highlight is on a control `wanted` accepts, then select; returns how
    many presses it took. A group (the on-screen keyboard) or a row holding the control is
    entered on the way, and left by its exit step when the control is elsewhere (row-column
    scanning: ui/switch_groups.py). Fails when a whole round
    of a level passes without it."""
    scanner = window.switch
    presses = 0
    passed = 0
    # Results arrive from the database thread meanwhile, so a round may grow: count it anew.
    while passed <= len(scanner.steps()) + 1:
        step = scanner.current_step
        if step is not None and step.kind is StepKind.CONTROL and wanted(step.frame):
            press(qtbot, window, SELECT)
            return presses + 1
        if step is not None and step.kind in (StepKind.GROUP, StepKind.ROW) and any(
                wanted(w) for w in step.widgets):
            press(qtbot, window, SELECT)  # into the group or the row that holds it
            presses += 1
            passed = 0
            continue
        if step is not None and step.kind is StepKind.EXIT and not any(
                wanted(w) for s in scanner.steps() for w in s.widgets):
            press(qtbot, window, SELECT)  # not in this group: out of it, as a resident would
            presses += 1
            passed = 0
            continue
        press(qtbot, window, ADVANCE)
        presses += 1
        passed += 1
    raise AssertionError(
        f"the highlight went round every step without reaching it: now on "
        f"{scanner.current_step!r} of {len(scanner.steps())} steps in {scanner.root()!r}")
