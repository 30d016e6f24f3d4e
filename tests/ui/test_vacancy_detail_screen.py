"""The vacancy detail screen on a real SQLite catalog: facts, how to apply, the QR code."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScroller
from pytestqt.qtbot import QtBot

from kiosk.i18n import set_language
from kiosk.services import KioskServices
from tests.ui.sample_vacancies import vacancy_id
from ui.screens.base import Navigation
from ui.screens.job_search import JobSearchScreen
from ui.screens.vacancy_detail import VacancyDetailScreen
from ui.tasks import SyncRunner
from ui.theme import Theme


@pytest.fixture
def detail(qtbot: QtBot, theme: Theme, sample_services: KioskServices) -> VacancyDetailScreen:
    screen = VacancyDetailScreen(SyncRunner(), sample_services, theme)
    qtbot.addWidget(screen)
    screen.resize(1920, 860)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _facts(screen: VacancyDetailScreen) -> dict[str, str]:
    return {key: label.text() for key, label in screen.fact_values.items() if label.isVisible()}


def test_every_fact_a_resident_needs_is_shown(
    detail: VacancyDetailScreen, sample_services: KioskServices
) -> None:
    detail.enter(vacancy_id=vacancy_id(sample_services, "sopir-1"))
    assert detail.title_label.text() == "Sopir Pengiriman"
    assert detail.employer_label.text() == "PT Maju Jaya Logistik"
    assert _facts(detail) == {
        "place": "Kecamatan Tembalang, Kota Semarang",
        "employment": "Penuh waktu",
        "salary": "Rp 3.500.000 – Rp 4.500.000 per bulan",
        "education": "SMA",
        "experience": "Pengalaman kerja minimal 1 tahun",
        "skills": "SIM B1, Hafal jalan Semarang",
        "posted": "8 Juli 2025",
        "until": "7 Agustus 2025 (perkiraan)",
    }
    assert detail.description_label.text().startswith("Mengantar barang ke toko-toko")
    assert not detail.badge.isVisible()
    assert not detail.status_label.isVisible()


def test_without_a_web_address_the_resident_is_sent_to_disnaker_and_the_qr_holds_text(
    detail: VacancyDetailScreen, sample_services: KioskServices, theme: Theme
) -> None:
    detail.enter(vacancy_id=vacancy_id(sample_services, "sopir-1"))
    assert detail.apply_label.text() == (
        "Datang ke Disnaker Kota Semarang dan tunjukkan kode lowongan ini: test sopir-1. "
        "Petugas akan membantu Anda melamar."
    )
    assert detail.qr_payload.splitlines()[1:3] == ["Sopir Pengiriman", "PT Maju Jaya Logistik"]
    pixmap = detail.qr_label.pixmap()
    assert not pixmap.isNull()
    assert theme.scale.mm(pixmap.width()) >= 40.0 and pixmap.width() == pixmap.height()
    assert detail.qr_caption.text() == "Pindai dengan kamera HP untuk menyimpan lowongan ini"


def test_a_vacancy_with_a_web_address_puts_that_address_in_the_qr_code(
    detail: VacancyDetailScreen, sample_services: KioskServices
) -> None:
    detail.enter(vacancy_id=vacancy_id(sample_services, "admin-1"))
    assert detail.qr_payload == "https://www.loker.id/administrasi/staf-gudang-semarang.html"
    assert "loker.id" in detail.apply_label.text()
    assert _facts(detail)["experience"] == "Tidak perlu pengalaman kerja"
    assert _facts(detail)["until"] == "31 Juli 2025"  # a stated date carries no "(perkiraan)"


def test_missing_facts_are_said_plainly_or_left_out(
    detail: VacancyDetailScreen, sample_services: KioskServices
) -> None:
    detail.enter(vacancy_id=vacancy_id(sample_services, "kurir-1"))
    facts = _facts(detail)
    assert facts["place"] == "Jakarta Barat"
    # The row's name says what is missing, so the value does not repeat it.
    assert facts["salary"] == facts["education"] == facts["experience"] == "Tidak disebutkan"
    assert facts["employment"] == "Lepas (freelance)"
    assert "skills" not in facts
    assert not detail._fact_names["skills"].isVisible()


def test_a_demo_vacancy_wears_its_example_badge_and_cannot_be_applied_for(
    detail: VacancyDetailScreen, sample_services: KioskServices
) -> None:
    detail.enter(vacancy_id=vacancy_id(sample_services, "kasir-1"))
    assert detail.badge.isVisible()
    assert detail.badge.text().startswith("CONTOH")
    assert "tidak bisa melamar" in detail.apply_label.text()
    assert detail.qr_payload.startswith("HANYA CONTOH")
    assert detail.speak_summary().startswith("Lowongan contoh. Kasir Minimarket, PT Contoh Ritel.")


def test_a_closed_vacancy_says_so(
    detail: VacancyDetailScreen, sample_services: KioskServices
) -> None:
    detail.enter(vacancy_id=vacancy_id(sample_services, "satpam-1"))
    assert detail.status_label.isVisible()
    assert detail.status_label.text() == "Lowongan ini sudah ditutup. Anda tidak bisa melamar lagi."


def test_an_unknown_id_gives_a_clear_message_not_a_crash(detail: VacancyDetailScreen) -> None:
    detail.enter(vacancy_id=999_999)
    assert detail.vacancy() is None
    assert detail.status_label.text().startswith("Lowongan ini sudah tidak ada di kios.")
    assert not detail.qr_label.isVisible()
    assert detail.status_label.text() in detail.speak_summary()


def test_the_description_scrolls_with_a_finger_drag(detail: VacancyDetailScreen) -> None:
    assert QScroller.hasScroller(detail.body_scroll.viewport())


def test_tapping_a_search_result_opens_its_detail(
    qtbot: QtBot, theme: Theme, sample_services: KioskServices, detail: VacancyDetailScreen
) -> None:
    search = JobSearchScreen(SyncRunner(), sample_services, theme)
    qtbot.addWidget(search)
    search.resize(1920, 860)
    search.show()
    search.enter()
    card = next(c for c in search.cards() if c.vacancy.title == "Perawat Klinik")
    with qtbot.waitSignal(search.navigate_requested) as blocker:
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    navigation = blocker.args[0]
    assert isinstance(navigation, Navigation)
    detail.enter(**navigation.params)
    assert detail.title_label.text() == "Perawat Klinik"
    assert _facts(detail)["education"] == "D3"


def test_reset_forgets_the_vacancy_and_language_switch_rewrites_it(
    detail: VacancyDetailScreen, sample_services: KioskServices
) -> None:
    detail.enter(vacancy_id=vacancy_id(sample_services, "perawat-1"))
    set_language("en")
    detail.retranslate()
    assert _facts(detail)["salary"] == "Rp 4,000,000 – Rp 5,000,000 per month"
    assert _facts(detail)["education"] == "Diploma 3 (D3)"
    assert detail.qr_caption.text() == "Scan with your phone camera to keep this vacancy"
    assert "Open until July 31, 2025" in detail.qr_payload
    detail.reset()
    assert detail.vacancy() is None
    assert detail.title_label.text() == "" and not detail.qr_label.isVisible()


def test_a_very_long_word_wraps_instead_of_running_off_the_screen(qtbot, detail) -> None:
    long_word = "https://karir.contoh.co.id/lowongan/" + "x" * 150
    detail.description_label.setText(f"Daftar di {long_word} sekarang")
    detail.body_scroll.widget().adjustSize()
    assert detail.description_label.text() == f"Daftar di {long_word} sekarang"
    needed = detail.description_label.minimumSizeHint().width()
    assert needed <= detail.body_scroll.viewport().width()
