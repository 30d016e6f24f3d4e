"""Group scanning for switch access: a marked container (the on-screen keyboard, the number
pad) is one step of the scan; selecting it scans its rows, selecting a row scans its keys.

This is row-column scanning, the usual way a one-switch user types on an on-screen keyboard:
at one step every 1.5 s, reaching the 30th key of a keyboard scanned key by key takes 45 s,
while the keyboard, then its row, then the key takes at most about a dozen steps. Each level
ends with an "exit" step (the frame of the group or the row again, spoken "keluar") that goes
one level up, so a resident who entered by mistake is never stuck.

    mark_scan_group(keyboard)                       # in the container's own constructor
    top_steps(items, root)                          # the top level: controls and groups
    inner_steps(items, root, keyboard, row=None)    # its rows (or its keys) + exit
    inner_steps(items, root, keyboard, row=1)       # the keys of its second row + exit
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from kiosk.i18n import _

GROUP_PROPERTY = "switchScanGroup"


class StepKind(Enum):
    CONTROL = "control"  # one control: selecting presses it
    GROUP = "group"      # a marked container: selecting scans its rows
    ROW = "row"          # a row of a group: selecting scans its keys
    EXIT = "exit"        # back to the level above


@dataclass(frozen=True)
class Step:
    """One stop of the highlight.

    Attributes:
        kind: what selecting it does (StepKind).
        widgets: the controls it covers, in reading order (one for a CONTROL).
        frame: the widget whose name it has: the control, or the group's container.
        group: the marked container it is inside of (for a GROUP: itself), None at the top.
        row: the row index inside `group` for a ROW, a CONTROL of a row and the EXIT of a row;
            None otherwise.
    """

    kind: StepKind
    widgets: tuple[QWidget, ...]
    frame: QWidget
    group: QWidget | None = None
    row: int | None = None

    def rect_in(self, root: QWidget) -> QRect:
        """Where the step is, in `root`'s coordinates: the container's rectangle for a GROUP
        and the EXIT of a group, else the union of its controls."""
        if self.kind is StepKind.GROUP or (self.kind is StepKind.EXIT and self.row is None):
            return QRect(self.frame.mapTo(root, self.frame.rect().topLeft()), self.frame.size())
        rect = QRect()
        for widget in self.widgets:
            rect = rect.united(QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size()))
        return rect

    def spoken(self) -> str:
        """What assisted mode says for it, in the current language."""
        if self.kind is StepKind.CONTROL:
            return _name(self.frame)
        if self.kind is StepKind.GROUP:
            return _("{group}: press to go in").format(group=_name(self.frame))
        if self.kind is StepKind.ROW:
            # The keys' labels ("Q, W, E"), shorter than their names ("huruf Q").
            return _("Row: {keys}").format(keys=", ".join(
                n for n in (getattr(w, "text", lambda: "")() or _name(w)
                            for w in self.widgets) if n))
        return _("Exit")


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or getattr(widget, "text", lambda: "")()


def mark_scan_group(widget: QWidget) -> None:
    """Scan `widget`'s controls as a group (rows, then keys). Its accessible name names it."""
    widget.setProperty(GROUP_PROPERTY, True)


def group_of(widget: QWidget, root: QWidget) -> QWidget | None:
    """The outermost marked container of `widget` below `root`, or None."""
    found = None
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if parent.property(GROUP_PROPERTY):
            found = parent
        parent = parent.parentWidget()
    return found


def top_steps(items: list[QWidget], root: QWidget) -> list[Step]:
    """The top level: each control not in a group, and each group once, where its first
    control comes in reading order. A group with a single control is that control."""
    order: list[QWidget | tuple[QWidget, list[QWidget]]] = []
    groups: dict[int, list[QWidget]] = {}
    for widget in items:
        group = group_of(widget, root)
        if group is None:
            order.append(widget)
        elif id(group) in groups:
            groups[id(group)].append(widget)
        else:
            groups[id(group)] = [widget]
            order.append((group, groups[id(group)]))
    steps = []
    for entry in order:
        if isinstance(entry, QWidget):
            steps.append(Step(StepKind.CONTROL, (entry,), entry))
        elif len(entry[1]) == 1:
            steps.append(Step(StepKind.CONTROL, (entry[1][0],), entry[1][0]))
        else:
            steps.append(Step(StepKind.GROUP, tuple(entry[1]), entry[0], entry[0]))
    return steps


def inner_steps(items: list[QWidget], root: QWidget, group: QWidget,
                row: int | None) -> list[Step]:
    """The level inside `group` (its rows, or its keys when it has one row), or inside its
    row number `row` (that row's keys), with the EXIT step last. Empty when the group or the
    row is no longer shown."""
    members = tuple(w for w in items if group_of(w, root) is group)
    if not members:
        return []
    rows = _rows(members, root)
    if row is None and len(rows) > 1:
        inner = [Step(StepKind.ROW, keys, group, group, i) for i, keys in enumerate(rows)]
        return [*inner, Step(StepKind.EXIT, members, group, group)]
    if row is None:
        return [*(Step(StepKind.CONTROL, (w,), w, group) for w in members),
                Step(StepKind.EXIT, members, group, group)]
    if row >= len(rows):
        return []
    return [*(Step(StepKind.CONTROL, (w,), w, group, row) for w in rows[row]),
            Step(StepKind.EXIT, rows[row], group, group, row)]


def _rows(widgets: tuple[QWidget, ...], root: QWidget) -> list[tuple[QWidget, ...]]:
    """The controls in rows: those whose vertical middles lie within half a key of each
    other share a row; rows top to bottom, keys left to right."""
    placed = sorted(widgets, key=lambda w: _middle(w, root))
    rows: list[list[QWidget]] = []
    for widget in placed:
        if rows and abs(_middle(rows[-1][0], root)[0] - _middle(widget, root)[0]) <= max(
                1, widget.height() // 2):
            rows[-1].append(widget)
        else:
            rows.append([widget])
    return [tuple(sorted(row, key=lambda w: _middle(w, root)[1])) for row in rows]


def _middle(widget: QWidget, root: QWidget) -> tuple[int, int]:
    """(y, x) of the widget's centre in root's coordinates."""
    centre = widget.mapTo(root, widget.rect().center())
    return centre.y(), centre.x()
