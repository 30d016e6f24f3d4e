"""A whole registration by taps, saved through the real services on a real SQLite file: the
receipt, the same NIK again giving the existing receipt, and the receipt's PDF."""
from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinterInfo

from kiosk.services import KioskServices
from tests.ui.registration.driver import Answers, Resident
from ui.main_window import MainWindow
from ui.screens.base import Route
from ui.screens.registration.receipt import ReceiptScreen

pytestmark = pytest.mark.skipif(
    not hasattr(KioskServices, "submit_registration"),
    reason="kiosk.registration's store is not in this tree yet",
)


@pytest.fixture
def resident(qtbot, kiosk_window: MainWindow) -> Resident:
    kiosk_window.activateWindow()
    return Resident(qtbot, kiosk_window)


def _register(resident: Resident, a: Answers) -> ReceiptScreen:
    first = resident.window.ctx.regions.kecamatan[0]
    resident.everything(a, first.code, first.kelurahan[0].code)
    resident.next()  # Kirim pendaftaran
    assert resident.route() is Route.REG_RECEIPT, resident.screen.status.text()  # type: ignore[attr-defined]
    receipt = resident.window.navigator.current_screen
    assert isinstance(receipt, ReceiptScreen)
    return receipt


def test_a_registration_by_taps_is_saved_and_the_same_nik_gives_the_same_receipt(
    resident: Resident, services: KioskServices
) -> None:
    a = Answers()
    receipt = _register(resident, a)
    reference = receipt.reference
    assert reference and receipt.reference_label.text() == reference
    assert not receipt.existing
    assert receipt.state_label.text() == "Menunggu dikirim ke Disnaker"
    assert services.receipt_by_reference(reference) is not None
    resident.tap(receipt.done_button)  # Selesai: the next resident, with the same NIK
    again = _register(resident, a)
    assert again.existing and again.reference == reference
    assert again.title_label.text() == "Anda sudah terdaftar di kios ini"


@pytest.mark.skipif(bool(QPrinterInfo.availablePrinterNames()), reason="a printer is here")
def test_the_receipt_pdf_of_a_saved_registration_holds_its_reference(
    resident: Resident,
) -> None:
    receipt = _register(resident, Answers(nik="3374014107950002", name="BUDI"))
    resident.tap(receipt.print_button)
    assert receipt.last_print is not None and receipt.last_print.pdf_path is not None
    text = " ".join(p.extract_text() for p in PdfReader(receipt.last_print.pdf_path).pages)
    assert receipt.reference in text.replace("\n", "").replace(" ", "")


def test_lamar_after_registering_queues_the_application_and_says_it_is_not_sent_yet(
    resident: Resident, services: KioskServices, clock
) -> None:
    from datetime import timedelta

    from kiosk.vacancy import Vacancy

    today = clock().date()
    services.store_vacancies([Vacancy(
        source="jobposting", source_id="LAMAR-1", title="Operator Jahit", employer="PT Contoh",
        location="Semarang", description="Menjahit.", date_posted=today - timedelta(days=3),
        valid_through=today + timedelta(days=20),
    )])
    found = services.catalog.find("jobposting", "LAMAR-1")
    assert found is not None and found.id is not None
    receipt = _register(resident, Answers())
    nav = resident.window.navigator
    nav.go(Route.VACANCY_DETAIL, vacancy_id=found.id)
    detail = nav.current_screen
    resident.tap(detail.lamar_button)  # type: ignore[union-attr]
    assert resident.route() is Route.REG_APPLY
    apply = nav.current_screen
    assert not apply.register_button.isVisibleTo(apply)  # type: ignore[union-attr]
    resident.tap(apply.send_button)  # type: ignore[union-attr]
    assert "Belum terkirim" in apply.text_label.text(), apply.text_label.text()  # type: ignore[union-attr]
    assert receipt.reference
