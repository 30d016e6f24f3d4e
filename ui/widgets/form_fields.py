"""Form fields of the guided forms (AK1 registration): a labelled text field with its problem
beside it, a group of big single-choice buttons and a group of big tick buttons.

Each field shows its own problem as one plain sentence right under it (role "error"), so a
resident sees what to fix where they fix it; a field never refuses input or blocks going on.
Texts come from callables (`Label`) so `retranslate()` can ask again in the new language.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.accessible import mark_data
from ui.personal import mark_personal
from ui.theme import Theme, set_role
from ui.widgets.wrapping_button import WrappingCheckBox, WrappingRadioButton
from ui.widgets.wrapping_label import WrappingLabel

Label = Callable[[], str]
KEYPAD_PROPERTY = "sikerKeypad"  # "digits": the step frame docks the number pad for this field


def _nothing() -> str:
    return ""


class _Field(QWidget):
    """Common part: a heading label, an optional hint, the control(s) and an error line."""

    def __init__(self, theme: Theme, label: Label, hint: Label | None, parent: QWidget | None):
        super().__init__(parent)
        self._theme = theme
        self._label = label
        self._hint = hint or _nothing
        self.label = WrappingLabel(self)
        set_role(self.label, "heading")
        self.hint = WrappingLabel(self)
        set_role(self.hint, "small")
        self.error = WrappingLabel(self)
        set_role(self.error, "error")
        self.error.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(theme.px(1.5))
        self._layout.addWidget(self.label)
        self._layout.addWidget(self.hint)
        self._error_text: Label | None = None

    def _finish(self) -> None:
        self._layout.addWidget(self.error)

    def set_error(self, message: Label | None) -> None:
        """Show `message()` under the field (None hides the line); kept across a language
        switch because the callable is asked again."""
        self._error_text = message
        self.error.setText(message() if message else "")
        self.error.setVisible(message is not None)

    def error_text(self) -> str:
        return self.error.text() if self._error_text else ""

    def retranslate(self) -> None:
        self.label.setText(self._label())
        hint = self._hint()
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.set_error(self._error_text)

    def title(self) -> str:
        return self._label()


class TextField(_Field):
    """A label, a one-line QLineEdit and its problem line.

    Args:
        digits: the field takes digits (NIK, phone, RT/RW, years): the step frame docks the
            12-key number pad for it.
        personal: the field holds personal data (ui.personal): never read aloud in public.
        max_length: characters the field accepts (QLineEdit.maxLength).
    """

    edited = Signal(str)

    def __init__(
        self,
        theme: Theme,
        label: Label,
        *,
        hint: Label | None = None,
        digits: bool = False,
        personal: bool = False,
        max_length: int = 120,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, label, hint, parent)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(max_length)
        self.edit.setMinimumHeight(theme.target_px)
        self.edit.setProperty(KEYPAD_PROPERTY, "digits" if digits else "letters")
        if digits:
            self.edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        if personal:
            mark_personal(self)
        self.label.setBuddy(self.edit)
        # textEdited comes from typing and from the on-screen keys (insert, backspace), never
        # from set_text: the draft is written only by what the resident did.
        self.edit.textEdited.connect(self.edited)
        self._layout.addWidget(self.edit)
        self._finish()
        self.retranslate()

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Show `text` from the draft without telling listeners; QLineEdit.setText also clears
        the undo history, so an emptied field keeps nothing of an earlier resident."""
        if self.edit.text() != text:
            with QSignalBlocker(self.edit):
                self.edit.setText(text)

    def retranslate(self) -> None:
        super().retranslate()
        self.edit.setAccessibleName(self._label())
        self.edit.setAccessibleDescription(self._hint())


class _ButtonGroupField(_Field):
    """Options as a grid of big buttons; subclasses choose radio buttons or tick boxes."""

    changed = Signal()

    def __init__(
        self,
        theme: Theme,
        label: Label,
        options: Sequence[tuple[Hashable, Label]],
        *,
        columns: int,
        exclusive: bool,
        hint: Label | None = None,
        personal: bool = False,
        data: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(theme, label, hint, parent)
        self._data = data
        self._columns = max(1, columns)
        self._shown_columns = self._columns
        self._exclusive = exclusive
        self.group = QButtonGroup(self)
        self.group.setExclusive(exclusive)
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.gap_px)
        self._buttons: list[tuple[Hashable, Label, QAbstractButton]] = []
        self._layout.addWidget(self._grid_host)
        if personal:
            mark_personal(self)
        self.group.buttonClicked.connect(self._on_group_button_clicked)
        self.set_options(options)
        self._finish()
        self.retranslate()

    def _make_button(self) -> QAbstractButton:
        # Words that wrap, so a long option ("Pertanian, kehutanan, perikanan") never pushes
        # the column sideways at 200 % text (WCAG 1.4.10).
        button: QAbstractButton = (
            WrappingRadioButton(self._theme, self._grid_host) if self._exclusive
            else WrappingCheckBox(self._theme, self._grid_host)
        )
        button.setMinimumHeight(self._theme.target_px)
        if self._data:
            mark_data(button)  # a proper name (a kelurahan): the same in every language
            mark_data(button.words)  # type: ignore[attr-defined]  # the label showing it
        return button

    def set_options(self, options: Sequence[tuple[Hashable, Label]]) -> None:
        """Replace the options (the kelurahan of another kecamatan); nothing stays chosen."""
        for _value, _label, button in self._buttons:
            self.group.removeButton(button)
            self._grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self._buttons = []
        for value, label in options:
            button = self._make_button()
            self.group.addButton(button)
            self._buttons.append((value, label, button))
        self._place(self._columns)
        previous: QWidget | None = None
        for _value, _label, button in self._buttons:
            if previous is not None:
                QWidget.setTabOrder(previous, button)
            previous = button
        self.retranslate()

    def _place(self, columns: int) -> None:
        """Put the buttons in `columns` columns, reading order row by row."""
        self._shown_columns = columns
        for _value, _label, button in self._buttons:
            self._grid.removeWidget(button)
        for index, (_value, _label, button) in enumerate(self._buttons):
            self._grid.addWidget(button, index // columns, index % columns)
        for column in range(max(self._columns, 1)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        # The grid asks for no more width than its longest word needs (the buttons' words
        # wrap); its height follows the width (heightForWidth), so nothing is squeezed.
        self._grid_host.setMinimumSize(self._narrowest(), 0)

    def _widest(self) -> int:
        """The widest button with its words on one line: the width a column is planned at."""
        return max((b.sizeHint().width() for b in self.buttons()), default=0)

    def _narrowest(self) -> int:
        """The widest button's longest word: below it a button would cut a word."""
        return max((b.minimumSizeHint().width() for b in self.buttons()), default=0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def _reflow(self, width: int) -> None:
        # Reflow (WCAG 1.4.10): as many columns as fit, never text cut off at the edge; the
        # grid may shrink to one button's width, so the field never forces sideways scrolling.
        # Also after a language switch: the words, and so the widest button, change.
        if width <= 0 or not self._buttons:
            return
        widest = self._widest()
        gap = self._theme.gap_px
        fit = max(1, min(self._columns, (width + gap) // max(1, widest + gap)))
        if fit != self._shown_columns or self._grid_host.minimumWidth() != self._narrowest():
            self._place(fit)
            self._grid.invalidate()
            self.updateGeometry()  # the new height reaches the scrolling column at once

    def buttons(self) -> list[QAbstractButton]:
        return [button for _v, _l, button in self._buttons]

    def button(self, value: Hashable) -> QAbstractButton:
        """The button of `value`. Raises KeyError when no option has it."""
        for option, _label, button in self._buttons:
            if option == value:
                return button
        raise KeyError(value)

    def values(self) -> list[Hashable]:
        return [value for value, _l, _b in self._buttons]

    def retranslate(self) -> None:
        super().retranslate()
        for _value, label, button in getattr(self, "_buttons", []):
            button.setText(label())
            button.setAccessibleName(label())
        if hasattr(self, "_grid_host"):
            self._grid_host.setAccessibleName(self._label())
            self._reflow(self.width())

    @Slot(QAbstractButton)
    def _on_group_button_clicked(self, _button: QAbstractButton) -> None:
        self.changed.emit()


class ChoiceField(_ButtonGroupField):
    """One choice from a few (religion, sex, education level): big radio buttons in a group,
    arrow keys move inside it (ACCESSIBILITY.md). `value()` is None until one is tapped."""

    def __init__(self, theme: Theme, label: Label, options: Sequence[tuple[Hashable, Label]],
                 *, columns: int = 3, hint: Label | None = None, personal: bool = False,
                 data: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(theme, label, options, columns=columns, exclusive=True, hint=hint,
                         personal=personal, data=data, parent=parent)

    def value(self) -> Any:
        checked = self.group.checkedButton()
        return next((v for v, _l, b in self._buttons if b is checked), None)

    def set_value(self, value: Any) -> None:
        """Tick `value`'s button (None or an unknown value: none), without emitting `changed`."""
        # An exclusive group will not untick its last button; lift that for a moment.
        self.group.setExclusive(False)
        for option, _label, button in self._buttons:
            with QSignalBlocker(button):
                button.setChecked(option == value and value is not None)
        self.group.setExclusive(True)


class MultiChoiceField(_ButtonGroupField):
    """Any number of choices (KBJI groups, disability categories): big tick boxes."""

    def __init__(self, theme: Theme, label: Label, options: Sequence[tuple[Hashable, Label]],
                 *, columns: int = 2, hint: Label | None = None, personal: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(theme, label, options, columns=columns, exclusive=False, hint=hint,
                         personal=personal, parent=parent)

    def values_chosen(self) -> tuple[Any, ...]:
        return tuple(v for v, _l, b in self._buttons if b.isChecked())

    def set_values_chosen(self, values: Sequence[Any]) -> None:
        wanted = set(values)
        for option, _label, button in self._buttons:
            with QSignalBlocker(button):
                button.setChecked(option in wanted)


def labelled_value(theme: Theme, parent: QWidget) -> tuple[QLabel, QLabel]:
    """A small muted name and its value below it (the review screen, the NIK's reading)."""
    name = WrappingLabel(parent)
    set_role(name, "small")
    value = WrappingLabel(parent)
    return name, value
