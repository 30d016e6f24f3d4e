"""The receipt and vacancy slips: real PDFs from QPrinter read back with pypdf; with no printer
the kiosk says so and keeps a PDF for staff without the resident's name; Lamar only where the
vacancy can be applied to through the kiosk."""
from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinterInfo

from kiosk.services import KioskServices
from tests.ui.registration.driver import Resident
from ui.main_window import MainWindow
from ui.printing import (
    PDF_KEEP_DAYS,
    Paper,
    print_slip,
    purge_old_pdfs,
    render_pdf,
    staff_folder,
)
from ui.screens.base import Route
from ui.screens.registration import answers
from ui.screens.registration.apply import accepts_kiosk_applications
from ui.screens.registration.receipt import ReceiptScreen, receipt_slip
from ui.screens.vacancy_detail import VacancyDetailScreen

REFERENCE = "K7M4-9QXP"
no_printer = pytest.mark.skipif(
    bool(QPrinterInfo.availablePrinterNames()), reason="a printer is installed here"
)


def _text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize("paper", list(Paper))
def test_the_receipt_pdf_holds_the_reference_on_every_paper(
    qapp, theme, tmp_path: Path, paper: Paper
) -> None:
    pdf = render_pdf(receipt_slip("SITI AMINAH", REFERENCE, False), paper, tmp_path / "r.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1  # a roll is as long as the slip, never a second page
    width_mm = float(reader.pages[0].mediabox.width) * 25.4 / 72
    assert width_mm == pytest.approx(paper.width_mm, abs=1.0)
    text = _text(pdf).replace("\n", " ")
    assert REFERENCE in text.replace(" ", "")
    assert "KTP" in text


@no_printer
def test_without_a_printer_the_staff_pdf_leaves_out_the_name(qapp, theme, tmp_path: Path,
                                                            clock) -> None:
    data = tmp_path / "data"
    result = print_slip(receipt_slip("SITI AMINAH", REFERENCE, False), Paper.THERMAL_80, data,
                        clock())
    assert not result.printed and result.pdf_path is not None
    assert result.pdf_path.parent == data / "staff" / "print"
    assert stat.S_IMODE(result.pdf_path.stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "staff").stat().st_mode) == 0o700
    text = _text(result.pdf_path)
    assert REFERENCE in text.replace(" ", "").replace("\n", "")
    assert "SITI" not in text and "AMINAH" not in text


def test_staff_pdfs_older_than_a_week_are_deleted(tmp_path: Path) -> None:
    folder = staff_folder(tmp_path)
    old, new = folder / "old.pdf", folder / "new.pdf"
    old.write_bytes(b"%PDF")
    new.write_bytes(b"%PDF")
    week = time.time() - (PDF_KEEP_DAYS + 1) * 86400
    os.utime(old, (week, week))
    assert purge_old_pdfs(tmp_path) == 1
    assert not old.exists() and new.exists()


@no_printer
def test_the_receipt_screen_says_there_is_no_printer_and_keeps_a_copy(
    qtbot, kiosk_window: MainWindow
) -> None:
    resident = Resident(qtbot, kiosk_window)
    kiosk_window.navigator.go(Route.REG_RECEIPT, reference=REFERENCE)
    receipt = kiosk_window.navigator.current_screen
    assert isinstance(receipt, ReceiptScreen)
    assert receipt.reference_label.text() == REFERENCE
    assert not receipt.qr_label.pixmap().isNull()
    resident.tap(receipt.print_button)
    assert receipt.last_print is not None and receipt.last_print.pdf_path is not None
    assert "printer" in receipt.print_status.text() or "printer" in receipt.print_status.text(
    ).lower()
    assert REFERENCE in _text(receipt.last_print.pdf_path).replace(" ", "").replace("\n", "")
    resident.tap(receipt.done_button)  # Selesai ends the visit
    assert kiosk_window.navigator.current_route is Route.HOME
    assert receipt.reference_label.text() == "" and receipt.qr_label.pixmap().isNull()


@no_printer
def test_cetak_on_vacancy_detail_prints_the_vacancy_and_demo_ones_have_no_lamar(
    qtbot, kiosk_window: MainWindow, services: KioskServices
) -> None:
    found = services.search.search(__import__("kiosk.search").search.SearchQuery(), limit=1)
    vacancy = found.vacancies[0]
    kiosk_window.navigator.go(Route.VACANCY_DETAIL, vacancy_id=vacancy.id)
    detail = kiosk_window.navigator.current_screen
    assert isinstance(detail, VacancyDetailScreen)
    assert vacancy.is_demo and not detail.lamar_button.isVisibleTo(detail)
    Resident(qtbot, kiosk_window).tap(detail.print_button)
    assert detail.last_print is not None and detail.last_print.pdf_path is not None
    assert vacancy.title.split()[0] in _text(detail.last_print.pdf_path)


def test_lamar_is_offered_where_disnaker_takes_the_application(services) -> None:
    from dataclasses import replace

    demo = services.search.search(__import__("kiosk.search").search.SearchQuery(),
                                  limit=1).vacancies[0]
    real = replace(demo, is_demo=False, url=None)
    assert not accepts_kiosk_applications(demo)
    assert accepts_kiosk_applications(real)
    assert not accepts_kiosk_applications(replace(real, url="https://example.org/job/1"))


def test_lamar_without_a_registration_offers_to_register_or_use_a_card(
    qtbot, kiosk_window: MainWindow
) -> None:
    resident = Resident(qtbot, kiosk_window)
    kiosk_window.navigator.go(Route.REG_APPLY, vacancy_id=1)
    apply = kiosk_window.navigator.current_screen
    assert apply.register_button.isVisibleTo(apply)  # type: ignore[union-attr]
    resident.tap(apply.card_button)  # type: ignore[union-attr]
    assert apply.nik.isVisibleTo(apply) and apply.pad.isVisibleTo(apply)  # type: ignore[union-attr]
    assert answers.get(kiosk_window.ctx.visit, "submitted_reference") in ("", None)
