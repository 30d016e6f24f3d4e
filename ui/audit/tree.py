"""Walking one window (or overlay) the way a screen reader does: QAccessible interfaces from the
root down, skipping what is invisible, and running every per-tree rule on what is shown."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import QWidget

from accessibility.scaling import Scale
from ui.audit import rules_controls, rules_text
from ui.audit.model import Finding, Where

# Roles a resident acts on: each needs a name, the target size, a gap and a way by keyboard.
CONTROL_ROLES = frozenset({
    QAccessible.Role.Button, QAccessible.Role.CheckBox, QAccessible.Role.RadioButton,
    QAccessible.Role.EditableText, QAccessible.Role.ComboBox, QAccessible.Role.SpinBox,
    QAccessible.Role.Slider, QAccessible.Role.Link, QAccessible.Role.PageTab,
    QAccessible.Role.ButtonMenu, QAccessible.Role.ButtonDropDown, QAccessible.Role.ListItem,
})


@dataclass
class Node:
    """One shown accessible object and its widget; `rect` and `visible` in root coordinates
    (`visible` is the part not scrolled away or covered by a parent's edge)."""

    role: QAccessible.Role
    name: str
    widget: QWidget
    rect: QRect
    visible: QRect

    @property
    def is_control(self) -> bool:
        if self.role is QAccessible.Role.ListItem:
            return self.widget.focusPolicy() != 0  # a list item is a control when it can act
        return self.role in CONTROL_ROLES

    def label(self) -> str:
        """class#objectName «accessible name», for the report."""
        w = self.widget
        name = f"#{w.objectName()}" if w.objectName() else ""
        text = self.name if len(self.name) <= 50 else self.name[:47] + "..."
        return f"{type(w).__name__}{name} «{text}»"


@dataclass(frozen=True)
class Measure:
    """How a walk measures: the panel's true scale, the target side of the look, its mode."""

    scale: Scale
    target_mm: float
    assisted: bool
    text_scale: float
    ring_px: int  # the focus ring's width: the border a crop for contrast leaves out


def walk(root: QWidget) -> list[Node]:
    """Every accessible object under `root` that is shown, in tree (reading) order."""
    nodes: list[Node] = []
    top = QAccessible.queryAccessibleInterface(root)
    if top is None:
        return nodes
    stack = [top]
    seen: set[int] = set()
    while stack:
        iface = stack.pop()
        if iface is None or not iface.isValid() or iface.state().invisible:
            continue
        obj = iface.object()
        if isinstance(obj, QWidget):
            if id(obj) in seen or not obj.isVisibleTo(root) and obj is not root:
                continue
            seen.add(id(obj))
            origin = obj.mapTo(root, QPoint(0, 0)) if obj is not root else QPoint(0, 0)
            rect = QRect(origin, obj.size())
            region = obj.visibleRegion().boundingRect()
            visible = region.translated(origin) if not region.isEmpty() else QRect()
            nodes.append(Node(iface.role(), iface.text(QAccessible.Text.Name) or "", obj,
                              rect, visible.intersected(root.rect())))
        stack.extend(iface.child(i) for i in reversed(range(iface.childCount())))
    return nodes


def audit_tree(
    root: QWidget, where: Where, measure: Measure, image: QImage | None = None
) -> list[Finding]:
    """Every per-tree rule (all but translation) on the shown widgets under `root`.

    `image` is `root` as rendered (root.grab()); it is taken here when not given.
    """
    nodes = walk(root)
    if image is None:
        image = root.grab().toImage()
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    found: list[tuple[Node, str, str]] = []
    found += rules_controls.check(nodes, root, measure)
    found += rules_text.check(nodes, image, measure)
    return [Finding.at(where, node.label(), rule, detail) for node, rule, detail in found]
