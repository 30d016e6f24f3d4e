"""Whether a shown window reflows on its panel (WCAG 1.4.10 Reflow, 1.4.4 Resize text; issue 6
item 3): it fits the screen, nothing scrolls sideways, no text needs more room than it has,
and no two touch targets overlap.

Shared with the accessibility audit: the per-widget text rules are ui.audit.rules_text's
`clipped` (elided, wider or taller than its room, out of the window or sideways out of a
scroll area), so both report the same thing in the same words.
"""
from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QWidget

from ui.audit.rules_text import clipped


def shown_rect(widget: QWidget, root: QWidget) -> QRect:
    """The part of `widget` a resident can see, in `root` coordinates: cut by the viewport of
    every scroll area it sits in (empty when scrolled away)."""
    rect = QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            port = parent.viewport()
            rect = rect.intersected(QRect(port.mapTo(root, port.rect().topLeft()), port.size()))
        parent = parent.parentWidget()
    return rect


def reflow_findings(
    root: QWidget, screen_width: int, screen_height: int, check_size: bool = True
) -> list[str]:
    """Every reflow fault of `root` (a shown window or sheet, or a part of one such as a bar:
    `check_size=False` leaves out the comparison of its own size with the screen) on a screen
    of this size, one sentence each: "<class>#<name> «text»: what is wrong"; empty when it
    reflows."""
    found: list[str] = []
    if check_size and (root.width() > screen_width or root.height() > screen_height):
        found.append(f"window is {root.width()} x {root.height()} px on a "
                     f"{screen_width} x {screen_height} screen")
    widgets = [w for w in root.findChildren(QWidget) if w.isVisible()]
    for widget in widgets:
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            found.append(f"{_name(widget)}: scrolls sideways")
        if isinstance(widget, QLabel | QAbstractButton) and widget.text().strip():
            why = clipped(widget, widget.text())
            if why:
                found.append(f"{_name(widget)}: {why}")
    targets = [(w, shown_rect(w, root)) for w in widgets if isinstance(w, QAbstractButton)]
    targets = [(w, r) for w, r in targets if not r.isEmpty()]
    for (a, ra), (b, rb) in combinations(targets, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        overlap = ra.intersected(rb)
        if overlap.width() > 1 and overlap.height() > 1:  # a shared 1 px edge is no overlap
            found.append(f"{_name(a)} and {_name(b)} overlap by "
                         f"{overlap.width()} x {overlap.height()} px")
    return found


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    text = text.replace("\n", " ")
    short = text if len(text) <= 40 else text[:37] + "..."
    name = f"#{widget.objectName()}" if widget.objectName() else ""
    return f"{type(widget).__name__}{name} «{short}»"
