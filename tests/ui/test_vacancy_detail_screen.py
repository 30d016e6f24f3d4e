"""The vacancy detail screen on a real SQLite catalog: facts, how to apply, the QR code."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QScroller
from pytestqt.qtbot import QtBot

from accessibility.contrast import NON_TEXT, contrast_ratio
from kiosk.i18n import set_language
from kiosk.services import KioskServices
from kiosk.vacancy import Vacancy
from tests.ui.sample_vacancies import kecamatan_code, vacancy_id
from ui.main_window import MainWindow
from ui.screens.base import Navigation, Route
from ui.screens.job_search import JobSearchScreen
from ui.screens.vacancy_detail import VacancyDetailScreen
from ui.theme import Theme


@pytest.fixture
def detail(qtbot: QtBot, context_for, sample_services: KioskServices) -> VacancyDetailScreen:
    screen = VacancyDetailScreen(context_for(sample_services))
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
        "Datang ke Disnaker Kota Semarang dan tunjukkan kode ini ke petugas. "
        "Petugas akan membantu Anda melamar.\nKode lowongan: sopir-1"
    )
    assert detail.qr_payload.splitlines()[1:3] == ["Sopir Pengiriman", "PT Maju Jaya Logistik"]
    pixmap = detail.qr_label.pixmap()
    assert not pixmap.isNull()
    assert theme.scale.mm(pixmap.width()) >= 40.0 and pixmap.width() == pixmap.height()
    assert detail.qr_caption.text() == "Pindai dengan kamera HP"


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
    assert detail.speak_summary().startswith(
        "Rincian lowongan. Lowongan contoh. Kasir Minimarket, PT Contoh Ritel.")


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
    qtbot: QtBot, context_for, sample_services: KioskServices, detail: VacancyDetailScreen
) -> None:
    search = JobSearchScreen(context_for(sample_services))
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
    assert detail.qr_caption.text() == "Scan it with your phone camera"
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


def _no_url_vacancy(source: str = "jobposting", source_id: str = "NOURL-1") -> Vacancy:
    """A vacancy with no web address: the longest way to apply, at Disnaker with a code."""
    return Vacancy(
        source=source, source_id=source_id, title="Operator Produksi Garmen",
        employer="PT Busana Contoh Semarang", location="Semarang",
        kecamatan_code=kecamatan_code("Genuk"), description="Menjahit dan merapikan pakaian.",
        date_posted=date(2025, 7, 1), valid_through=date(2025, 7, 31),
    )


def _stored_id(services: KioskServices, source: str, source_id: str) -> int:
    found = services.catalog.find(source, source_id)
    assert found is not None and found.id is not None
    return found.id


def test_the_code_to_show_the_staff_is_the_vacancy_code_without_the_source_name(
    detail: VacancyDetailScreen, sample_services: KioskServices
) -> None:
    sample_services.store_vacancies([_no_url_vacancy()])
    detail.enter(vacancy_id=_stored_id(sample_services, "jobposting", "NOURL-1"))
    assert detail.apply_label.text().endswith("\nKode lowongan: NOURL-1")
    payload = detail.qr_payload.splitlines()
    assert payload[-1] == "Kode: jobposting NOURL-1"  # the QR payload is unchanged


def test_a_code_two_sources_share_names_its_source_to_stay_unique(
    detail: VacancyDetailScreen, sample_services: KioskServices
) -> None:
    sample_services.store_vacancies([_no_url_vacancy(), _no_url_vacancy("csv")])
    detail.enter(vacancy_id=_stored_id(sample_services, "jobposting", "NOURL-1"))
    assert detail.apply_label.text().endswith("\nKode lowongan: NOURL-1 (jobposting)")


@pytest.mark.parametrize("lang", ["id", "en"])
# The tester's code, and the importer's longest usual one: the id it derives for a record that
# has neither an id nor a web address (kiosk.importer.record).
@pytest.mark.parametrize("code", ["NOURL-1", "h:3f9c2a7b5e1d4c8a9b0f"])
def test_how_to_apply_without_a_web_address_fits_beside_the_qr_code_at_1920_by_1080(
    kiosk_window: MainWindow, services: KioskServices, theme: Theme, lang: str, code: str
) -> None:
    # Two sources share the code, so the source is named too: the longest text there is.
    services.store_vacancies(
        [_no_url_vacancy("jobposting", code), _no_url_vacancy("csv", code)]
    )
    set_language(lang)
    nav = kiosk_window.navigator
    nav.go(Route.VACANCY_DETAIL, vacancy_id=_stored_id(services, "jobposting", code))
    detail = nav.screen(Route.VACANCY_DETAIL)
    assert isinstance(detail, VacancyDetailScreen)
    QApplication.processEvents()  # let the layouts settle
    assert detail.apply_label.text().endswith(f"{code} (jobposting)")
    assert theme.scale.mm(detail.qr_label.pixmap().width()) >= 40.0
    label, viewport = detail.apply_label, detail.side_scroll.viewport()
    assert label.height() >= label.heightForWidth(label.width())  # every line laid out
    assert detail.side_scroll.verticalScrollBar().value() == 0
    assert label.mapTo(viewport, QPoint(0, label.height())).y() <= viewport.height()
    # Nothing to scroll: the panel is no Tab stop.
    assert detail.side_scroll.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_the_side_panel_takes_tab_focus_and_arrow_keys_only_when_it_scrolls(
    qtbot: QtBot, detail: VacancyDetailScreen, sample_services: KioskServices
) -> None:
    detail.enter(vacancy_id=vacancy_id(sample_services, "sopir-1"))
    side, bar = detail.side_scroll, detail.side_scroll.verticalScrollBar()
    detail.resize(1920, 1000)
    qtbot.waitUntil(lambda: bar.maximum() == 0)
    assert not side.focusPolicy() & Qt.FocusPolicy.TabFocus
    detail.resize(1920, 500)  # too short for the QR code and how to apply together
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert side.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert side.accessibleName() == "Kode QR dan cara melamar"
    detail.activateWindow()
    qtbot.waitActive(detail)
    detail.body_scroll.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(detail.body_scroll.hasFocus)
    qtbot.keyClick(detail.body_scroll, Qt.Key.Key_Tab)
    qtbot.waitUntil(side.hasFocus)
    qtbot.keyClick(side, Qt.Key.Key_Down)
    assert bar.value() > 0


def test_the_focused_description_draws_a_focus_ring_and_its_text_stays_put(
    qtbot: QtBot, detail: VacancyDetailScreen, sample_services: KioskServices, theme: Theme
) -> None:
    detail.enter(vacancy_id=vacancy_id(sample_services, "sopir-1"))
    detail.activateWindow()
    qtbot.waitActive(detail)
    area = detail.body_scroll
    inside = area.viewport().geometry()

    def left_edge() -> list[str]:
        # In the screen's coordinates: the area sits inside its page buttons' PagedArea.
        image = detail.grab(QRect(area.mapTo(detail, QPoint(0, 0)), area.size())).toImage()
        y = image.height() // 2
        return [image.pixelColor(x, y).name().upper() for x in range(theme.focus_ring_px)]

    area.clearFocus()  # the only Tab stop of a lone screen takes focus when it is activated
    qtbot.waitUntil(lambda: not area.hasFocus())
    unfocused = left_edge()
    area.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(area.hasFocus)
    focused = left_edge()
    p = theme.palette
    assert focused == [p.focus_ring] * theme.focus_ring_px  # at least 2 px (here 4)
    assert contrast_ratio(unfocused[0], focused[0]) >= NON_TEXT  # WCAG 1.4.11, 2.4.7
    assert contrast_ratio(p.focus_ring, p.window) >= NON_TEXT
    assert area.viewport().geometry() == inside  # the ring's room was kept: no text moves
