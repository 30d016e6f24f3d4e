"""After submit: the receipt. The reference to read aloud or show, its QR code, what happens
next, the documents to bring to Disnaker, whether it has reached Disnaker yet, and "Cetak"."""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.services import KioskServices
from kiosk.share import qr_matrix
from ui.accessible import mark_data
from ui.context import KioskContext
from ui.personal import mark_personal
from ui.printing import Paper, PrintResult, Slip, SlipLine, print_slip
from ui.screens.base import DemoSetup, DemoState, Route, Screen
from ui.screens.registration import answers
from ui.screens.registration.demo import demo_draft
from ui.theme import set_role
from ui.widgets.qr_code import qr_pixmap
from ui.widgets.scrolling import vertical_scroll_area
from ui.widgets.wrapping_label import WrappingLabel

log = logging.getLogger(__name__)
QR_SIDE_MM = 40.0
DEMO_REFERENCE = "K7M4-9QXP"  # shape of a reference, for screenshots only


def sync_state(services: KioskServices, reference: str) -> str:
    """"pending" (menunggu dikirim) or "received" (sudah diterima Disnaker), as the sync
    engine recorded it (KioskServices.record_sync_state: the outbox and the server's status
    once pulled), or "refused" (staff see why). Runs in the db thread."""
    read = getattr(services, "receipt_by_reference", None)
    found = read(reference) if read is not None else None
    if found is None:
        return "pending"
    states = getattr(services, "record_sync_state", None)
    if states is not None:  # the sync engine's view: outbox and record_status together
        state = states("registration", found.record_id).get("state")
        return {"received": "received", "refused": "refused"}.get(str(state), "pending")
    return "received" if found.sync_state == "acked" or found.server_status else "pending"


def _demo_receipt(_services: KioskServices) -> DemoSetup:
    draft = demo_draft()
    draft.submitted_reference = DEMO_REFERENCE
    return DemoSetup(params={"reference": DEMO_REFERENCE}, registration=draft)


def receipt_slip(name: str, reference: str, received: bool) -> Slip:
    """The printed receipt: the name (personal, left out of a saved PDF), the reference and
    its QR code, what next and what to bring. Nothing else personal (issue 10)."""
    return Slip("receipt", [
        SlipLine(_("AK1 registration receipt"), "title"),
        SlipLine(_("Disnaker Kota Semarang"), "small"),
        SlipLine(name, "heading", personal=True),
        SlipLine(reference, "big"),
        SlipLine(_("Reference number"), "small"),
        SlipLine(next_steps_text(received)),
        SlipLine(_("Bring to the office:") + "\n" + documents_text()),
    ], qr_payload=f"AK1 {reference}", qr_after=5)


def next_steps_text(received: bool) -> str:
    sent = _("It has reached Disnaker.") if received else _(
        "The kiosk sends it to Disnaker as soon as it is online.")
    return sent + " " + _("Then come to Disnaker Kota Semarang with this reference and the "
                          "documents below to collect your AK1 card.")


def documents_text() -> str:
    return "\n".join(("• " + _("KTP (identity card)"), "• " + _("Your last diploma"),
                      "• " + _("Two passport photos, 3x4 cm")))


class ReceiptScreen(Screen):
    """`enter(reference=..., existing=False)`; `existing` says the NIK was already registered
    on this kiosk, so this is that registration's receipt, not a new one."""

    route = Route.REG_RECEIPT
    demo_states = (DemoState("registration-10-receipt", _demo_receipt),)

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        theme = ctx.theme
        self.reference = ""
        self.existing = False
        self.state = "pending"
        self.last_print: PrintResult | None = None
        self._print_message = ""
        self.title_label = self._label("title")
        self.name_label = self._label("heading")
        mark_personal(self.name_label)
        mark_data(self.name_label)  # the resident's name: the same in every language
        self.reference_caption = self._label("small")
        self.reference_label = self._label("title")
        self.reference_label.setObjectName("ReceiptReference")
        mark_data(self.reference_label)  # a code: the same in every language
        self.state_label = self._label("success")
        self.next_heading = self._label("heading")
        self.next_label = self._label("")
        self.documents_heading = self._label("heading")
        self.documents_label = self._label("")
        self.print_status = self._label("")
        self.qr_label = QLabel(self)
        self.print_button = QPushButton(self)
        self.print_button.setAutoDefault(True)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.done_button = QPushButton(self)
        set_role(self.done_button, "primary")
        self.done_button.setAutoDefault(True)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        text = QWidget()
        column = QVBoxLayout(text)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.px(3))
        for widget in (self.title_label, self.name_label, self.reference_caption,
                       self.reference_label, self.state_label, self.next_heading,
                       self.next_label, self.documents_heading, self.documents_label):
            column.addWidget(widget)
        column.addStretch(1)
        self.body_scroll = vertical_scroll_area(text, self)
        side = QVBoxLayout()
        side.setSpacing(theme.gap_px)
        side.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(self.print_button)
        side.addWidget(self.print_status)
        row = QHBoxLayout(self)
        m = theme.margin_px
        row.setContentsMargins(m, theme.px(5), m, theme.px(3))
        row.setSpacing(theme.px(10))
        row.addWidget(self.body_scroll, 1)
        if theme.text_scale > 1.0:
            # Large text: one scrolling column (the words, then the code, printing and
            # "Selesai"), so neither a narrow column of words nor the code's side column
            # pushes the screen past the panel (WCAG 1.4.10).
            column.takeAt(column.count() - 1)  # the stretch: the side follows the words
            column.addLayout(side)
            column.addWidget(self.done_button)
            column.addStretch(1)
        else:
            side.addStretch(1)
            side.addWidget(self.done_button)
            row.addLayout(side, 0)
        self.retranslate()

    def _label(self, role: str) -> WrappingLabel:
        label = WrappingLabel(self)
        if role:
            set_role(label, role)
        return label

    def title(self) -> str:
        return _("Registration saved")

    def enter(self, reference: str = "", existing: bool = False, **params: Any) -> None:
        self.reference, self.existing = reference, bool(existing)
        self.state = "pending"
        self._print_message = ""
        if reference:
            self._runner.db(lambda s: sync_state(s, reference), on_done=self._on_state_read,
                            on_error=lambda exc: log.error("Reading a receipt's state failed: %s",
                                                           type(exc).__name__))
        self.retranslate()

    def _on_state_read(self, state: str) -> None:
        self.state = state
        self.retranslate()

    def handle_back(self) -> bool:
        """Back from the receipt goes home: the registration is sent, the form is closed."""
        self.request_home()
        return True

    def has_inner_step(self) -> bool:
        return bool(self.reference)

    def reset(self) -> None:
        self.reference, self.existing, self.state = "", False, "pending"
        self.last_print = None
        self._print_message = ""
        self.qr_label.setPixmap(QPixmap())
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(
            _("You are already registered on this kiosk") if self.existing else self.title())
        self.name_label.setText(answers.get(self._visit, "full_name", ""))
        self.reference_caption.setText(_("Your reference number (show it at the office)"))
        self.reference_label.setText(self.reference)
        self.reference_label.setAccessibleName(
            _("Reference number {reference}").format(reference=" ".join(self.reference)))
        received = self.state == "received"
        self.state_label.setText(_("Received by Disnaker") if received else _(
            "Not sent: please show this receipt to the staff") if self.state == "refused"
            else _("Waiting to be sent to Disnaker"))
        self.next_heading.setText(_("What happens next"))
        self.next_label.setText(next_steps_text(received))
        self.documents_heading.setText(_("Bring to the office"))
        self.documents_label.setText(documents_text())
        self.print_button.setText(_("Print the receipt"))
        self.print_button.setAccessibleName(_("Print the receipt"))
        self.print_status.setText(self._print_message)
        self.print_status.setVisible(bool(self._print_message))
        self.done_button.setText(_("Done"))
        self.done_button.setAccessibleName(_("Done: clear my data from the screen"))
        if self.reference:
            side = self._theme.px(QR_SIDE_MM)
            self.qr_label.setPixmap(qr_pixmap(qr_matrix(f"AK1 {self.reference}"), side))
            self.qr_label.setAccessibleName(_("QR code of your reference number"))
        self.print_button.setEnabled(bool(self.reference))

    def narration(self) -> Any:
        """accessibility.narration.Narration: the reference letter by letter, the state, what
        happens next and the documents; the name is personal and not read aloud."""
        from accessibility.narration import Narration  # lands with the speech work

        return Narration(self.title_label.text(), self.reference_caption.text(), (
            " ".join(self.reference), self.state_label.text(), self.next_label.text(),
            self.documents_heading.text() + ": " + self.documents_label.text().replace("•", ""),
            self.print_status.text()))

    def speak_summary(self) -> str:
        parts = [self.title_label.text() + ".", self.reference_caption.text() + ":",
                 " ".join(self.reference) + ".", self.state_label.text() + ".",
                 self.next_label.text(), self.documents_heading.text() + ":",
                 self.documents_label.text().replace("•", "")]
        return " ".join(p for p in parts if p.strip())

    def _on_print_button_clicked(self) -> None:
        slip = receipt_slip(self.name_label.text(), self.reference, self.state == "received")
        try:
            paper = Paper(self.ctx.settings.printer_paper)
        except ValueError:
            paper = Paper.THERMAL_80
        try:
            self.last_print = print_slip(slip, paper, self.ctx.settings.data_dir, self.ctx.clock())
        except OSError as exc:
            log.error("Printing a receipt failed: %s", type(exc).__name__)
            self._print_message = _("The receipt could not be printed. Write down the "
                                    "reference number, or ask the staff.")
        else:
            self._print_message = _("Printed. Take the slip from the printer.") \
                if self.last_print.printed else _(
                "This kiosk has no printer. The staff have a copy: show them the reference "
                "number.")
        self.retranslate()

    def _on_done_button_clicked(self) -> None:
        from ui.screens.base import Intent

        self.navigate_requested.emit(Intent.END)
