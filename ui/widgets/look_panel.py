"""The look panel ("Teks dan warna"): text size 100/150/200 %, the high-contrast theme,
switch access and the voice's pace and loudness, each an exclusive group of radio buttons,
over the whole window as a modal sheet. Opened from the top bar on every screen; a choice
applies at once (the window rebuilds for it and opens the panel again), "Tutup" closes it.

WCAG 1.4.4 (text to 200 %), 1.4.6 (AAA contrast), ACCESSIBILITY.md (switch access). The
choices belong to the visit and go back to the kiosk's defaults when it ends.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QLabel, QPushButton, QRadioButton, QWidget

from kiosk.i18n import _
from kiosk.session import TEXT_SCALES, Mode
from ui.switch_access import SCAN_MODES
from ui.theme import Theme, set_role
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.modal_sheet import ModalSheet

# Speech pace and loudness a resident can choose: times the kiosk's settings (ui.speech).
SPEECH_PACES = (0.8, 1.0, 1.2)
SPEECH_LOUDNESS = (0.4, 0.7, 1.0)


def _nearest(choices: tuple[float, ...], value: float) -> float:
    return min(choices, key=lambda c: abs(c - value))


class LookPanel(ModalSheet):
    """Emits `mode_requested(Mode)` for a new text size or contrast, `switch_requested(str)`
    for a switch-access mode (ui.switch_access.SCAN_MODES) and `close_requested` for "Tutup"."""

    mode_requested = Signal(object)
    switch_requested = Signal(str)
    close_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget, mode: Mode, scan_mode: str) -> None:
        super().__init__(theme, parent, card_width_mm=300.0 * max(1.0, theme.text_scale))
        self.setObjectName("LookPanel")
        self._mode = mode
        self.heading = QLabel(self.card)
        set_role(self.heading, "title")
        self.heading.setWordWrap(True)
        self.card_layout.addWidget(self.heading)
        self.size_heading, self.size_group, self.size_buttons = self._group(
            {scale: f"{round(scale * 100)} %" for scale in TEXT_SCALES})
        self.size_buttons[mode.text_scale].setChecked(True)
        self.contrast_heading, self.contrast_group, self.contrast_buttons = self._group(
            {False: "", True: ""})
        self.contrast_buttons[mode.look[2]].setChecked(True)
        for button in self.contrast_buttons.values():
            # Assisted mode always has the AAA palette; the choice is shown but fixed.
            button.setEnabled(not mode.assisted)
        self.switch_heading, self.switch_group, self.switch_buttons = self._group(
            dict.fromkeys(SCAN_MODES, ""))
        self.switch_buttons[scan_mode].setChecked(True)
        # The voice (ui.speech): pace and loudness, the resident's for this visit.
        self.pace_heading, self.pace_group, self.pace_buttons = self._group(
            dict.fromkeys(SPEECH_PACES, ""))
        self.pace_buttons[_nearest(SPEECH_PACES, mode.speech_rate)].setChecked(True)
        self.loudness_heading, self.loudness_group, self.loudness_buttons = self._group(
            dict.fromkeys(SPEECH_LOUDNESS, ""))
        self.loudness_buttons[_nearest(SPEECH_LOUDNESS, mode.speech_volume)].setChecked(True)
        self.close_button = QPushButton(self.card)
        set_role(self.close_button, "primary")
        self.close_button.clicked.connect(self.close_requested)
        self.card_layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        for scale, button in self.size_buttons.items():
            button.clicked.connect(lambda _c=False, s=scale: self._ask(text_scale=s))
        for contrast, button in self.contrast_buttons.items():
            button.clicked.connect(lambda _c=False, h=contrast: self._ask(high_contrast=h))
        for name, button in self.switch_buttons.items():
            button.clicked.connect(lambda _c=False, n=name: self.switch_requested.emit(n))
        for pace, button in self.pace_buttons.items():
            button.clicked.connect(lambda _c=False, p=pace: self._ask(speech_rate=p))
        for loudness, button in self.loudness_buttons.items():
            button.clicked.connect(lambda _c=False, v=loudness: self._ask(speech_volume=v))
        self.hide()
        self.retranslate()

    def _group(
        self, texts: dict
    ) -> tuple[QLabel, QButtonGroup, dict]:
        """A heading and a row (flowing onto more rows when narrow) of radio buttons."""
        heading = QLabel(self.card)
        set_role(heading, "heading")
        heading.setWordWrap(True)
        self.card_layout.addWidget(heading)
        row = QWidget(self.card)
        flow = FlowLayout(row, spacing=self._theme.gap_px)
        group = QButtonGroup(self)
        group.setExclusive(True)
        buttons = {}
        for value, text in texts.items():
            button = QRadioButton(text, row)
            button.setMinimumHeight(self._theme.target_px)
            group.addButton(button)
            flow.addWidget(button)
            buttons[value] = button
        self.card_layout.addWidget(row)
        return heading, group, buttons

    def _ask(self, **change: object) -> None:
        # replace(): the other parts of the mode (private listening, speech pace) stay.
        mode = replace(
            self._mode,
            text_scale=float(change.get("text_scale", self._mode.text_scale)),  # type: ignore[arg-type]
            high_contrast=bool(change.get("high_contrast", self._mode.high_contrast)),
            speech_rate=float(change.get("speech_rate", self._mode.speech_rate)),  # type: ignore[arg-type]
            speech_volume=float(change.get("speech_volume", self._mode.speech_volume)),  # type: ignore[arg-type]
        )
        if mode != self._mode:
            self._mode = mode  # a voice change does not rebuild the window (nor this panel)
            self.mode_requested.emit(mode)

    def retranslate(self) -> None:
        self.heading.setText(_("Text and colours"))
        self.setAccessibleName(_("Text and colours"))
        self.setWindowTitle(_("Text and colours"))
        self.size_heading.setText(_("Text size"))
        for scale, button in self.size_buttons.items():
            button.setAccessibleName(_("Text size {percent} %").format(
                percent=round(scale * 100)))
        self.contrast_heading.setText(_("Contrast"))
        self.contrast_buttons[False].setText(_("Normal"))
        self.contrast_buttons[True].setText(_("High contrast"))
        self.switch_heading.setText(_("Switch access"))
        names = {"off": _("Off"), "two": _("Two switches"), "auto": _("One switch, automatic")}
        for name, button in self.switch_buttons.items():
            button.setText(names[name])
        for group in (self.contrast_buttons, self.switch_buttons):
            for button in group.values():
                button.setAccessibleName(button.text())
        self.pace_heading.setText(_("Speech pace"))
        paces = {0.8: _("Slow"), 1.0: _("Normal"), 1.2: _("Fast")}
        for pace, button in self.pace_buttons.items():
            button.setText(paces[pace])
        self.loudness_heading.setText(_("Loudness"))
        loudness = {0.4: _("Quiet"), 0.7: _("Medium"), 1.0: _("Loud")}
        for volume, button in self.loudness_buttons.items():
            button.setText(loudness[volume])
        for group in (self.pace_buttons, self.loudness_buttons):
            for button in group.values():
                button.setAccessibleName(button.text())
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close"))
        self.card_width_changed()

    def card_width_changed(self) -> None:
        # A wrapped heading's height depends on the card's width: set it for the width the
        # card has now (it was built before the window had its final size; a height kept for
        # a narrower card left tall gaps between the headings at 200 %). The sheet's own
        # constructor sizes the card before this panel has built its headings.
        if not hasattr(self, "loudness_heading"):
            return
        for label in (self.heading, self.size_heading, self.contrast_heading,
                      self.switch_heading, self.pace_heading, self.loudness_heading):
            label.setMinimumHeight(0)  # QLabel's heightForWidth is never below its minimum
            label.setMinimumHeight(label.heightForWidth(self.text_width))
