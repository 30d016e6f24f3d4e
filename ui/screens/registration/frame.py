"""The frame every registration step shares: "Langkah N dari 9", the step's fields in a column
that scrolls, the on-screen keyboard or number pad for the field being typed in, and "Lanjut"
at the bottom (the way back is the bottom bar's "Kembali": one way back per screen).

Where the keyboard sits (beside the fields, under them, or riding in one scrolling column under
the field typed in) follows the room the screen has: ui/screens/registration/arrangement.py.

A step subclass builds its fields in `build(body)`, shows the draft in `load()`, writes each
edit to the draft at once (ui.screens.registration.answers) and says what is wrong in
`problems()`. "Lanjut" shows each problem beside its field and stays; with none it goes on
(back to the review when the step was opened with "Ubah" there).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import _
from ui.context import KioskContext
from ui.personal import is_personal
from ui.screens.base import Route, Screen
from ui.screens.registration.arrangement import BESIDE, ONE_COLUMN, UNDER, KeyboardArrangement
from ui.theme import set_role
from ui.widgets.keyboard import KeyboardLayout, OnScreenKeyboard
from ui.widgets.scrolling import vertical_scroll_area
from ui.widgets.wrapping_label import WrappingLabel

STEP_COUNT = 9
Problem = Callable[[], str]
# A field a step checks: anything with set_error(Problem | None), title() and error_text().
Checked = Any


class StepScreen(KeyboardArrangement, Screen):
    """Base of the numbered registration steps (see the module docstring).

    Class attributes: `step` (1..9), `next_route` (where "Lanjut" goes). Subclasses implement
    `build`, `load`, `problems`, `heading` and `instruction`; `items()` lists what narration
    reads after the instruction (each field's name and, unless personal, its value).
    """

    step: ClassVar[int]
    next_route: ClassVar[Route]
    uses_keyboard: ClassVar[bool] = True

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        theme = ctx.theme
        self._from_review = False
        self._shown_problems: list[Checked] = []
        self.title_label = WrappingLabel(self)
        set_role(self.title_label, "title")
        self.step_label = WrappingLabel(self)
        set_role(self.step_label, "heading")
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.instruction_label = WrappingLabel(self)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, theme.gap_px, theme.gap_px)
        self.body.setSpacing(theme.px(5))
        self.body_scroll = vertical_scroll_area(body, self)
        self.letters = OnScreenKeyboard(theme, capitals=True, parent=self)
        self.number_pad = OnScreenKeyboard(theme, KeyboardLayout.NUMBER_PAD, parent=self)
        self.keyboards = QStackedWidget(self)
        self.keyboards.addWidget(self.letters)
        self.keyboards.addWidget(self.number_pad)
        self.keyboards.setVisible(False)
        self._keyboard_wanted = False
        self.summary_label = WrappingLabel(self)
        set_role(self.summary_label, "error")
        self.summary_label.hide()
        self.next_button = QPushButton(self)
        self.next_button.setAutoDefault(True)
        set_role(self.next_button, "primary")
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.next_button.setMinimumWidth(theme.px(60))

        self.head = QWidget(self)
        head = QHBoxLayout(self.head)
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title_label, 1)
        head.addWidget(self.step_label, 0)
        self._large = theme.text_scale > 1.0
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle.setSpacing(theme.px(8))
        self.middle.addWidget(self.body_scroll, 1)
        self.middle.addWidget(self.keyboards, 0, Qt.AlignmentFlag.AlignTop)
        foot = QHBoxLayout()
        foot.setSpacing(theme.gap_px)
        foot.addStretch(1)
        foot.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        m = theme.margin_px
        layout.setContentsMargins(m, theme.px(4), m, theme.px(3))
        # More than the 4 mm gap: a field half scrolled out of view still keeps its distance
        # from the buttons below it (WCAG 2.5.8).
        layout.setSpacing(theme.px(5))
        self._outer = layout
        layout.addWidget(self.head)
        # The keyboard is never squeezed: the fields' column scrolls instead.
        self.keyboards.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        if self._large:
            # Large text: the instruction scrolls with the fields.
            self.body.insertWidget(0, self.instruction_label)
            self.body_scroll.setMinimumHeight(2 * theme.target_px)
        else:
            layout.addWidget(self.instruction_label)
        self._instruction_inside = self._large
        layout.addLayout(self.middle, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(foot)
        self._arrangement = UNDER if self._large else BESIDE
        self._head_in_column = False
        if self._large:
            self.middle.setDirection(QBoxLayout.Direction.TopToBottom)
        self.build(self.body)
        built = [item.widget() for i in range(self.body.count())
                 if (item := self.body.itemAt(i)) is not None]
        self._fields = [w for w in built if w is not None and w is not self.instruction_label]
        self.body.addStretch(1)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focus_changed)
        self.retranslate()

    # -- for subclasses ---------------------------------------------------------------------

    def build(self, body: QVBoxLayout) -> None:
        raise NotImplementedError

    def load(self) -> None:
        """Show the draft's answers in the widgets."""
        raise NotImplementedError

    def problems(self) -> list[tuple[Checked, Problem]]:
        """Each field with a problem and its sentence, in reading order."""
        return []

    def heading(self) -> str:
        raise NotImplementedError

    def instruction(self) -> str:
        raise NotImplementedError

    def items(self) -> list[str]:
        return []

    def retranslate_fields(self) -> None:
        """Texts of the step's own widgets."""

    def clear(self) -> None:
        """The visit ended: empty every widget (the draft is already gone)."""
        self.load()

    # -- Screen contract ----------------------------------------------------------------------

    def title(self) -> str:
        return self.heading()

    def enter(self, from_review: bool = False, **params: Any) -> None:
        self._from_review = bool(from_review)
        self._show_problems([])
        self.load()
        self.retranslate()
        self._refit_body()
        self.body_scroll.verticalScrollBar().setValue(0)
        first = self.findChild(QLineEdit)
        if first is not None and self.uses_keyboard:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self._dock(first)  # also when the window is not active (focusChanged stays quiet)
        else:
            self._keyboard_wanted = False
            self.keyboards.setVisible(False)

    def leave(self) -> None:
        self.letters.set_target(None)
        self.number_pad.set_target(None)

    def reset(self) -> None:
        self._from_review = False
        self._show_problems([])
        self.leave()
        self.clear()
        for edit in self.findChildren(QLineEdit):
            edit.setText("")  # also clears the undo history (QLineEdit.setText)
        self.retranslate()

    def dispose(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            try:
                app.focusChanged.disconnect(self._on_app_focus_changed)
            except (RuntimeError, TypeError):
                pass
        super().dispose()

    def retranslate(self) -> None:
        self.title_label.setText(self.heading())
        self.step_label.setText(
            _("Step {step} of {count}").format(step=self.step, count=STEP_COUNT)
        )
        self.instruction_label.setText(self.instruction())
        if self._from_review:
            self.next_button.setText(_("Back to the summary"))
        else:
            self.next_button.setText(_("Next"))
        self.next_button.setAccessibleName(self.next_button.text())
        self.letters.retranslate()
        self.number_pad.retranslate()
        self.retranslate_fields()
        self._show_problems(self._shown_problems, focus=False)
        self._rearrange()  # the words, and so the room they need, changed

    def narration(self) -> Any:
        """accessibility.narration.Narration: the step's title and "Langkah N dari 9", what to
        do, each field (names only for personal ones: `items()`), and the problems shown."""
        from accessibility.narration import Narration  # lands with the speech work

        error = None
        if self._shown_problems:
            error = " ".join([self.summary_label.text()] + [
                f"{f.title()}: {f.error_text()}." for f in self._shown_problems])
        return Narration(f"{self.heading()}. {self.step_label.text()}", self.instruction(),
                         tuple(i for i in self.items() if i), error)

    def speak_summary(self) -> str:
        parts = [self.heading() + ".", self.step_label.text() + ".", self.instruction()]
        parts += self.items()
        if self.summary_label.isVisibleTo(self):
            parts.append(self.summary_label.text())
            parts += [f"{f.title()}: {f.error_text()}" for f in self._shown_problems]
        return " ".join(p for p in parts if p)

    def error_text(self) -> str:
        """The current problem summary ("" when there is none), for narration."""
        return self.summary_label.text() if self._shown_problems else ""

    # -- moving on ----------------------------------------------------------------------------

    def try_next(self) -> bool:
        """Check the step; go on when nothing is wrong. True when it went on."""
        found = self.problems()
        self._show_problems([field for field, _p in found], messages=found)
        if found:
            return False
        target = Route.REG_REVIEW if self._from_review else self.next_route
        # A step with parameters counts as started (Visit.started), so "Selesai" shows from the
        # second step on: the answers must be one tap away from being wiped.
        self.request_navigation(target, from_review=False)
        return True

    def _show_problems(
        self,
        fields: list[Checked],
        messages: list[tuple[Checked, Problem]] | None = None,
        focus: bool = True,
    ) -> None:
        if messages is not None:
            for field in self._shown_problems:
                field.set_error(None)
            for field, message in messages:
                field.set_error(message)
        elif not fields:
            for field in self._shown_problems:
                field.set_error(None)
        self._shown_problems = list(fields)
        count = len(fields)
        if count:
            self.summary_label.setText(_("Please fix what is marked in red, then tap Next."))
            self.summary_label.show()
            if focus:
                first = fields[0].findChild(QLineEdit) or fields[0].findChild(QAbstractButton)
                if isinstance(fields[0], QWidget):
                    self.body_scroll.ensureWidgetVisible(fields[0])
                if first is not None and first.isVisibleTo(self):
                    self.body_scroll.ensureWidgetVisible(first)
                    first.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.summary_label.setText("")
            self.summary_label.hide()

    @Slot()
    def _on_next_button_clicked(self) -> None:
        self.try_next()

    @Slot(QWidget, QWidget)
    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QLineEdit) and self.isAncestorOf(new) and self.uses_keyboard:
            self._dock(new)

    def _dock(self, new: QLineEdit) -> None:
        """Type into `new` with the number pad or the letters, as the field asks."""
        pad = new.property("sikerKeypad") == "digits"
        keyboard = self.number_pad if pad else self.letters
        other = self.letters if pad else self.number_pad
        other.set_target(None)
        keyboard.set_target(new)
        keyboard.private = is_personal(new)
        # Only the keyboard shown takes room: the number pad leaves the fields more height.
        keyboard.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        other.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.keyboards.setCurrentWidget(keyboard)
        self.keyboards.updateGeometry()
        self._keyboard_wanted = True
        self.keyboards.setVisible(True)
        if self._arrangement == ONE_COLUMN:
            self._ride_keyboard()
        else:  # the field typed in stays in view
            QTimer.singleShot(0, lambda: self._show_typing(new))
