"""Rules on controls: a name, the target size, the gap to neighbours, a way by keyboard.

Numbers from ACCESSIBILITY.md (accessibility.scaling): targets >= 15 mm (20 mm in assisted
mode), gaps >= 4 mm (WCAG 2.5.5/2.5.8); every action by Tab, Shift+Tab and arrows (WCAG 2.1.1).
"""
from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from accessibility.scaling import MIN_GAP_MM
from ui.audit.model import GAP, KEYBOARD, TARGET, UNNAMED

if TYPE_CHECKING:
    from ui.audit.tree import Measure, Node

TOLERANCE_MM = 0.05  # rounding to whole pixels may lose this much


def check(nodes: list[Node], root: QWidget, m: Measure) -> list[tuple[Node, str, str]]:
    controls = [n for n in nodes if n.is_control and n.widget.isEnabled()]
    found: list[tuple[Node, str, str]] = []
    chain = focus_chain(root)
    for node in controls:
        if not node.name.strip():
            found.append((node, UNNAMED, f"{node.role.name} without an accessible name"))
        w_mm, h_mm = m.scale.mm(node.rect.width()), m.scale.mm(node.rect.height())
        if min(w_mm, h_mm) < m.target_mm - TOLERANCE_MM:
            found.append((node, TARGET, f"{w_mm:.1f} x {h_mm:.1f} mm, below {m.target_mm:g} mm"))
        if not reachable(node.widget, chain):
            found.append((node, KEYBOARD, "not reached by Tab, Shift+Tab or a group's arrows"))
    shown = [n for n in controls if not n.visible.isEmpty()]
    for a, b in combinations(shown, 2):
        if a.widget.isAncestorOf(b.widget) or b.widget.isAncestorOf(a.widget):
            continue
        gap = m.scale.mm(gap_px(a.visible, b.visible))
        if gap < MIN_GAP_MM - TOLERANCE_MM:
            found.append((a, GAP, f"{gap:.1f} mm from {b.label()}, below {MIN_GAP_MM:g} mm"))
    return found


def gap_px(a: QRect, b: QRect) -> int:
    """The empty pixels between two rectangles (0 when they touch or overlap): the larger of
    the horizontal and the vertical distance, so diagonal neighbours count too."""
    dx = max(b.x() - (a.x() + a.width()), a.x() - (b.x() + b.width()), 0)
    dy = max(b.y() - (a.y() + a.height()), a.y() - (b.y() + b.height()), 0)
    return max(dx, dy)


def focus_chain(root: QWidget) -> set[int]:
    """The widgets of `root`'s window's focus chain (ids), as Tab walks it."""
    members: set[int] = set()
    start = root.window()
    widget = start.nextInFocusChain()
    while widget is not None and widget is not start and id(widget) not in members:
        members.add(id(widget))
        widget = widget.nextInFocusChain()
    return members


def reachable(widget: QWidget, chain: set[int]) -> bool:
    """Tab reaches `widget`, or arrow keys do from another member of its exclusive group."""
    if id(widget) not in chain:
        return False
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return True
    if isinstance(widget, QAbstractButton) and widget.group() is not None:
        return any(b.focusPolicy() & Qt.FocusPolicy.TabFocus and id(b) in chain
                   for b in widget.group().buttons())
    proxy = widget.focusProxy()
    return proxy is not None and bool(proxy.focusPolicy() & Qt.FocusPolicy.TabFocus)
