"""What a screen reader is told a widget is: headings, radio buttons, a list and its items, and
which texts are data rather than words of the interface.

Qt gives a QLabel the role "label" and a checkable QPushButton "check box"; a screen reader
then cannot jump by headings, hear "1 of 12" in a result list or "radio button, selected" on a
choice. A widget marked here gets an accessible interface with the right role through a
QAccessible factory (installed once by `install()`, which the main window calls).

API:
    install()                      # the factory, once per process
    mark_heading(label)            # a screen or section title: role Heading
    mark_radio(button)             # one choice of a group: role RadioButton, checked state
    mark_list(widget, items=None)  # a list (role List); `items()` its items in order
    mark_list_item(widget)         # an item of a list: role ListItem (position from its place)
    mark_data(widget)              # its text is data (a vacancy's title, a language's own
                                   #   name), the same in every language: ui.audit skips it
"""
from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QLabel, QWidget

ROLE_PROPERTY = "siker_a11y_role"
DATA_PROPERTY = "siker_data"
_ROLES = {
    "heading": QAccessible.Role.Heading,
    "radio": QAccessible.Role.RadioButton,
    "list": QAccessible.Role.List,
    "list-item": QAccessible.Role.ListItem,
}
_installed = [False]


class _Marked(QAccessibleWidget):
    """A widget's interface with the role it was marked with; the name is its accessible name,
    else (a label's or a button's) text."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role)

    def text(self, t: QAccessible.Text) -> str:
        widget = self.widget()
        if t == QAccessible.Text.Name:
            name = widget.accessibleName()
            if not name and isinstance(widget, QLabel | QAbstractButton):
                name = widget.text()
            return name
        return super().text(t)

    def actionNames(self) -> list[str]:  # noqa: N802 (Qt override)
        """A button keeps the "press" a screen reader activates it with (QAccessibleButton's,
        which this interface replaces)."""
        names = list(super().actionNames())
        if isinstance(self.widget(), QAbstractButton):
            names.insert(0, QAccessibleActionInterface.pressAction())
        return names

    def doAction(self, name: str) -> None:  # noqa: N802 (Qt override)
        widget = self.widget()
        if isinstance(widget, QAbstractButton) and name == QAccessibleActionInterface.pressAction():
            widget.click()
        else:
            super().doAction(name)

    def state(self) -> QAccessible.State:
        state = super().state()
        widget = self.widget()
        if isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.checkable = True
            state.checked = widget.isChecked()
        return state


class _List(_Marked):
    """A list whose accessible children are exactly its items now (`items()`, in order): a
    reader counts them and says each one's position, and nothing else sits among them."""

    def __init__(self, widget: QWidget, items: Callable[[], Sequence[QWidget]]) -> None:
        super().__init__(widget, QAccessible.Role.List)
        self._items = items

    def _shown(self) -> list[QWidget]:
        return [w for w in self._items() if not w.isHidden()]

    def childCount(self) -> int:  # noqa: N802 (Qt override)
        return len(self._shown())

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        shown = self._shown()
        if 0 <= index < len(shown):
            return QAccessible.queryAccessibleInterface(shown[index])
        return None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 (Qt override)
        obj = child.object() if child is not None else None
        shown = self._shown()
        return shown.index(obj) if obj in shown else -1


_ITEMS: weakref.WeakKeyDictionary[QWidget, Callable[[], Sequence[QWidget]]] = (
    weakref.WeakKeyDictionary())


def _factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QWidget):
        return None
    role = _ROLES.get(str(obj.property(ROLE_PROPERTY) or ""))
    if role is QAccessible.Role.List and obj in _ITEMS:
        return _List(obj, _ITEMS[obj])
    return _Marked(obj, role) if role is not None else None


def install() -> None:
    """Install the factory (once; later calls do nothing). Widgets marked before this keep
    the interface Qt made for them if it was already asked for, so call it before building."""
    if not _installed[0]:
        QAccessible.installFactory(_factory)
        _installed[0] = True


def _mark(widget: QWidget, role: str) -> None:
    widget.setProperty(ROLE_PROPERTY, role)


def mark_heading(label: QLabel) -> None:
    _mark(label, "heading")


def mark_radio(button: QAbstractButton) -> None:
    _mark(button, "radio")


def mark_list(widget: QWidget, items: Callable[[], Sequence[QWidget]] | None = None) -> None:
    """`items()` gives the list's items in order (default: its child widgets)."""
    if items is not None:
        _ITEMS[widget] = items
    _mark(widget, "list")


def mark_list_item(widget: QWidget) -> None:
    _mark(widget, "list-item")


def mark_data(widget: QWidget) -> None:
    widget.setProperty(DATA_PROPERTY, True)
