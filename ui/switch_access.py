"""Switch access: a scanning mode for residents who can press one or two buttons only
(ACCESSIBILITY.md; issue 6 item 5).

A large highlight moves through the controls of what is shown now, in reading order (the Tab
order: top bar, screen, open panel, on-screen keyboard, bottom bar; only the sheet when a modal
question or panel is open). Two modes:

- "two": the advance switch (Space) moves the highlight to the next control, the select switch
  (Enter/Return) presses it.
- "auto": the highlight moves by itself every `interval_s` seconds (setting
  `switch_scan_interval_s`); the one switch (Space or Enter) presses the highlighted control.

Switching it on: the setting `switch_access` ("two" or "auto") for kiosks with a switch
attached (on at the start of every visit); a resident picks it in the look panel ("Teks dan
warna", Akses saklar), or holds the switch (Space) down for `HOLD_TO_TOGGLE_S` seconds, which
turns one-switch automatic scanning on, or off again. The resident's choice ends with the visit.
A container marked as a scan group (the on-screen keyboard, the number pad:
ui/switch_groups.py) is one step: selecting it scans its rows, selecting a row scans its keys,
and each level ends with an exit step. After a key is pressed the scan goes back to the rows.
The highlighted control also takes the keyboard focus (not while a text field has it: its
keyboard stays docked), so a screen reader follows; `speech_requested(name)` says it in
assisted mode.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from ui.app_filter import ApplicationFilter
from ui.switch_groups import Step, StepKind, inner_steps, top_steps
from ui.theme import Theme
from ui.voice import announce

SCAN_MODES = ("off", "two", "auto")
ADVANCE_KEYS = frozenset({Qt.Key.Key_Space})
SELECT_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
HOLD_TO_TOGGLE_S = 2.0
HIGHLIGHT_MM = 2.0
# What can change the controls on show or their order.
_CHANGES = frozenset({
    QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.EnabledChange, QEvent.Type.ChildAdded,
    QEvent.Type.ChildRemoved, QEvent.Type.ParentChange,
})  # the highlight's line: far thicker than the 2 px focus ring


class _Highlight(QWidget):
    """The frame drawn around the scanned control; never takes a tap."""

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._theme = theme

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        line = self._theme.px(HIGHLIGHT_MM)
        painter = QPainter(self)
        # Two rings, dark in light: visible on every background of both palettes (WCAG 1.4.11).
        for colour, width in (("on_window", line), ("focus_ring", max(2, line // 2))):
            pen = QPen(self._theme.colour(colour))
            pen.setWidth(width)
            painter.setPen(pen)
            inset = line // 2
            painter.drawRect(self.rect().adjusted(inset, inset, -inset - 1, -inset - 1))
        painter.end()


class SwitchScanner(ApplicationFilter):
    """Runs the scanning mode on `window` (see the module docstring).

    Args:
        window: the kiosk window; its theme is read at each step (`window.theme`), since the
            window rebuilds itself for a new look.
        mode: one of SCAN_MODES.
        interval_s: seconds per step in "auto" mode (positive).
        assisted: whether the visit is in assisted mode now (the highlighted name is spoken).
        clock: monotonic seconds, for holding the switch down (tests pass a fake).

    Raises:
        ValueError: an unknown mode or an interval that is not positive.
    """

    mode_changed = Signal(str)
    moved = Signal(object)  # the control now highlighted
    speech_requested = Signal(str)

    def __init__(
        self,
        window: QWidget,
        mode: str = "off",
        interval_s: float = 1.5,
        assisted: Callable[[], bool] = lambda: False,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if interval_s <= 0:
            raise ValueError("the scanning interval must be positive seconds")
        self._window = window
        self._assisted = assisted
        self._clock = clock
        self._mode = "off"
        self._step: Step | None = None
        # The group (and row of it) being scanned; None at the top level.
        self._scope: tuple[QWidget, int | None] | None = None
        self._highlight: _Highlight | None = None
        self._held_since: float | None = None
        self._toggled_in_hold = False
        self._items_cache: tuple[QWidget, list[QWidget]] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(round(interval_s * 1000))
        self._timer.timeout.connect(self.advance)
        self.set_mode(mode)

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def active(self) -> bool:
        return self._mode != "off"

    @property
    def current(self) -> QWidget | None:
        """The highlighted control or group container; None when none is highlighted, it
        went away, or a row or an exit step is highlighted (see `current_step`)."""
        step = self.current_step
        if step is None or step.kind not in (StepKind.CONTROL, StepKind.GROUP):
            return None
        return step.frame

    @property
    def current_step(self) -> Step | None:
        """The highlighted step (ui.switch_groups.Step), or None."""
        step = self._step
        if step is not None and not all(map(shiboken6.isValid, (step.frame, *step.widgets))):
            self._step = step = None
        return step

    def set_mode(self, mode: str) -> None:
        """Switch scanning to `mode` ("off" hides the highlight and stops the timer)."""
        if mode not in SCAN_MODES:
            raise ValueError(f"switch access mode must be one of {SCAN_MODES}, not {mode!r}")
        if mode == self._mode:
            return
        self._mode = mode
        if mode == "auto":
            self._timer.start()
        else:
            self._timer.stop()
        if mode == "off":
            self._step, self._scope = None, None
            self._hide_highlight()
        else:
            self.restart()
        self.mode_changed.emit(mode)

    def root(self) -> QWidget:
        """What is scanned: the open modal sheet (idle question, look panel) or the window."""
        modal = QApplication.activeModalWidget()
        return modal if modal is not None and modal.isVisible() else self._window

    def items(self) -> list[QWidget]:
        """The controls of `root()` a resident can act on, in Tab (reading) order."""
        root = self.root()
        cached = self._items_cache
        # Kept only while installed: the filter is what notices changes.
        if (self._installed and cached is not None and cached[0] is root
                and all(map(shiboken6.isValid, cached[1]))):
            return list(cached[1])
        found: list[QWidget] = []
        widget = root.nextInFocusChain()
        seen: set[int] = set()
        while widget is not None and widget is not root and id(widget) not in seen:
            seen.add(id(widget))
            if _scannable(widget, root):
                found.append(widget)
            widget = widget.nextInFocusChain()
        # Walking the focus chain passes every widget of every screen: keep the answer until
        # something is shown, hidden, enabled, disabled, added or removed (see eventFilter).
        self._items_cache = (root, found)
        return list(found)

    def steps(self) -> list[Step]:
        """The stops of the level being scanned: the top level's controls and groups, or the
        rows (or keys) of the group entered, each level inside a group ending with EXIT."""
        items = self.items()
        if self._scope is not None:
            group, row = self._scope
            inner = inner_steps(items, self.root(), group, row) if shiboken6.isValid(
                group) else []
            if inner:
                return inner
            self._scope = None  # the group or its row is gone (a sheet opened, a new screen)
        return top_steps(items, self.root())

    def restart(self) -> None:
        """Highlight the first control of what is shown (after a new screen or sheet)."""
        self._scope = None
        steps = self.steps()
        self._move_to(steps[0] if steps else None)

    def advance(self) -> None:
        """Move the highlight to the next step of the level, after the last back to the first."""
        steps = self.steps()
        if not steps:
            self._move_to(None)
            return
        current = self.current_step
        index = steps.index(current) + 1 if current in steps else 0
        self._move_to(steps[index % len(steps)])

    def select(self) -> None:
        """Act on the highlighted step: press a control (a text field gets the focus for the
        keyboard), enter a group or a row, or leave one (EXIT)."""
        step = self.current_step
        if step is None or step not in self.steps():
            self.restart()
            return
        if step.kind is StepKind.GROUP:
            self._enter((step.frame, None))
            return
        if step.kind is StepKind.ROW:
            self._enter((step.frame, step.row))
            return
        if step.kind is StepKind.EXIT:
            self._leave(step)
            return
        current = step.frame
        if isinstance(current, QAbstractButton):
            current.click()
        else:
            current.setFocus(Qt.FocusReason.OtherFocusReason)
        self._items_cache = None  # a press may reorder what it does not show or hide
        # What was pressed may have opened a screen or a sheet, or gone: look again once Qt
        # has shown it; a key of a group goes back to the group's rows for the next letter.
        QTimer.singleShot(0, self._after_select)

    def _enter(self, scope: tuple[QWidget, int | None]) -> None:
        self._scope = scope
        steps = self.steps()
        self._move_to(steps[0] if steps else None)
        self._restart_timer()

    def _leave(self, step: Step) -> None:
        """EXIT of a row: back to that row among the group's rows; of a group: back to the
        group at the top level."""
        if step.row is not None and step.group is not None:
            self._scope = (step.group, None)
        else:
            self._scope = None
        back = next((s for s in self.steps() if s.frame is step.frame
                     and (s.row == step.row if step.row is not None else
                          s.kind is StepKind.GROUP)), None)
        self._move_to(back or next(iter(self.steps()), None))
        self._restart_timer()

    def _after_select(self) -> None:
        if not self.active:
            return
        step = self.current_step
        if self._scope is not None:
            self._scope = (self._scope[0], None)  # the next letter starts from the rows
            steps = self.steps()
            self._move_to(steps[0] if steps else None)
        elif step is not None and step in self.steps():
            self._move_to(step)  # it may have moved (a panel opened above it)
        else:
            self.restart()
        self._restart_timer()

    def _restart_timer(self) -> None:
        if self._mode == "auto":
            self._timer.start()  # a full step before moving on

    def _move_to(self, step: Step | None) -> None:
        self._step = step
        if step is None:
            self._hide_highlight()
            return
        widget = step.frame if step.kind is StepKind.CONTROL else step.widgets[0]
        scroll = _scroll_area_of(widget)
        if scroll is not None:
            scroll.ensureWidgetVisible(widget)
        if step.kind is StepKind.CONTROL:
            focused = QApplication.focusWidget()
            typing = isinstance(focused, QLineEdit | QTextEdit) and focused is not widget
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not typing:
                # The focus follows (screen readers, the kiosk's speech on focus), except out
                # of a text field: the on-screen keyboard docked for it must stay while the
                # highlight travels to its keys.
                widget.setFocus(Qt.FocusReason.TabFocusReason)
        self._show_highlight(step)
        self.moved.emit(step.frame)
        name = step.spoken()
        if name and self._assisted():
            self.speech_requested.emit(name)
            announce(step.frame, name)

    def _show_highlight(self, step: Step) -> None:
        root = self.root()
        theme: Theme = self._window.theme  # type: ignore[attr-defined]
        if self._highlight is None or not shiboken6.isValid(self._highlight) or (
            self._highlight.parentWidget() is not root
        ):
            if self._highlight is not None and shiboken6.isValid(self._highlight):
                self._highlight.deleteLater()
            self._highlight = _Highlight(theme, root)
        line = theme.px(HIGHLIGHT_MM)
        rect = step.rect_in(root).adjusted(-line, -line, line, line)
        self._highlight.setGeometry(rect.intersected(root.rect()))
        self._highlight.raise_()
        self._highlight.show()
        self._highlight.update()

    def _hide_highlight(self) -> None:
        if self._highlight is not None and shiboken6.isValid(self._highlight):
            self._highlight.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in _CHANGES:
            if watched is not self._highlight:
                self._items_cache = None
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget):
            return False
        # The first receiver (the focus widget) gets the switch's key; eating it there means
        # no widget acts on it and it never propagates to a parent.
        key = event.key()
        if key not in ADVANCE_KEYS and key not in SELECT_KEYS:
            return False
        if kind == QEvent.Type.KeyRelease:
            if not event.isAutoRepeat():
                self._held_since, self._toggled_in_hold = None, False
            return self.active
        if self._held(event):
            return True
        if not self.active or event.isAutoRepeat():
            return self.active
        if self._mode == "auto" or key in SELECT_KEYS:
            self.select()
        else:
            self.advance()
        return True

    def _held(self, event: QKeyEvent) -> bool:
        """Holding the advance switch for HOLD_TO_TOGGLE_S turns automatic scanning on or off."""
        if event.key() not in ADVANCE_KEYS:
            return False
        now = self._clock()
        if not event.isAutoRepeat() or self._held_since is None:
            self._held_since, self._toggled_in_hold = now, False
            return False
        if not self._toggled_in_hold and now - self._held_since >= HOLD_TO_TOGGLE_S:
            self._toggled_in_hold = True
            self.set_mode("off" if self.active else "auto")
            return True
        return self.active or event.isAutoRepeat()


def _scannable(widget: QWidget, root: QWidget) -> bool:
    if not (widget.isVisible() and widget.isEnabled() and root.isAncestorOf(widget)):
        return False
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not (
        isinstance(widget, QAbstractButton) and widget.group() is not None
    ):
        # A radio group keeps only its chosen button in the Tab order (arrows move inside);
        # a switch user has no arrows, so every choice of the group is scanned.
        return False
    if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, QTextEdit):
        return False  # a list's frame is not a control; its cards are
    return isinstance(widget, QAbstractButton | QLineEdit | QTextEdit)


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
