"""The AK1 registration form in the whole kiosk window, driven by taps on its buttons, the
on-screen keyboard and the number pad, on a real SQLite data folder."""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QLabel, QLineEdit

from kiosk.registration.nik import check_nik
from tests.ui.registration.driver import Answers, Resident
from ui.main_window import MainWindow
from ui.screens.base import Route
from ui.screens.registration import answers
from ui.screens.registration.checks import nik_problem


@pytest.fixture
def resident(qtbot, kiosk_window: MainWindow) -> Resident:
    kiosk_window.activateWindow()
    return Resident(qtbot, kiosk_window)


def _kecamatan(window: MainWindow) -> tuple[str, str]:
    first = window.ctx.regions.kecamatan[0]
    return first.code, first.kelurahan[0].code


def test_a_resident_reaches_the_review_by_taps_alone(resident: Resident) -> None:
    a = Answers()
    kec, kel = _kecamatan(resident.window)
    resident.everything(a, kec, kel)
    visit = resident.window.ctx.visit
    assert answers.get(visit, "nik") == a.nik
    assert answers.get(visit, "full_name") == a.name.lower() or answers.get(
        visit, "full_name") == a.name
    assert answers.get(visit, "kelurahan_code") == kel
    assert answers.get(visit, "skills") == (a.skill,)
    assert answers.get(visit, "experience") == ((a.job, a.employer, a.years),)
    review = resident.screen
    shown = " ".join(label.text() for label in review.part_values.values())  # type: ignore[attr-defined]
    for value in (a.nik, a.name, a.street, a.phone, a.skill, a.job, "Rp 3.500.000"):
        assert value in shown, value


def test_going_back_and_forth_keeps_every_answer(resident: Resident) -> None:
    a = Answers()
    kec, kel = _kecamatan(resident.window)
    resident.everything(a, kec, kel)
    for _step in range(8):  # back to the consent, one step at a time
        resident.back()
    assert resident.route() is Route.REG_CONSENT
    assert resident.screen.agree.isChecked()  # type: ignore[attr-defined]
    resident.next()
    identity = resident.screen
    assert identity.nik.text() == a.nik  # type: ignore[attr-defined]
    assert identity.full_name.text() == a.name  # type: ignore[attr-defined]
    assert identity.religion.value() == "islam"  # type: ignore[attr-defined]
    resident.next()
    address = resident.screen
    assert address.kelurahan.value() == kel  # type: ignore[attr-defined]
    assert address.rt.text() == a.rt  # type: ignore[attr-defined]
    for _step in range(3):
        resident.next()
    assert resident.screen.jobs.describe_entries() == ["PENJAHIT, CV MAJU, 3 tahun"]  # type: ignore[attr-defined]


def test_ubah_on_the_review_opens_the_part_and_comes_back(resident: Resident) -> None:
    a = Answers()
    kec, kel = _kecamatan(resident.window)
    resident.everything(a, kec, kel)
    resident.tap(resident.screen.change_buttons["contact"])  # type: ignore[attr-defined]
    assert resident.route() is Route.REG_CONTACT
    resident.clear(resident.screen.phone)  # type: ignore[attr-defined]
    resident.type_into(resident.screen.phone, "085712345678")  # type: ignore[attr-defined]
    resident.next()
    assert resident.route() is Route.REG_REVIEW
    assert "085712345678" in resident.screen.part_values["contact"].text()  # type: ignore[attr-defined]


def test_each_problem_is_shown_beside_its_field_and_can_be_fixed(resident: Resident) -> None:
    resident.start()
    resident.consent()
    identity = resident.screen
    resident.type_into(identity.nik, "337401520590")  # type: ignore[attr-defined]
    resident.next()
    assert resident.route() is Route.REG_IDENTITY
    assert "16" in identity.nik.error.text()  # type: ignore[attr-defined]
    assert identity.full_name.error.isVisibleTo(identity)  # type: ignore[attr-defined]
    resident.type_into(identity.nik, "0003")  # type: ignore[attr-defined]
    resident.identity(Answers(nik=""))  # fills the rest; the NIK is complete now
    assert resident.route() is Route.REG_ADDRESS


def test_the_nik_reading_is_shown_to_confirm_and_a_different_ktp_date_is_kept(
    resident: Resident,
) -> None:
    resident.start()
    resident.consent()
    identity = resident.screen
    resident.type_into(identity.nik, Answers().nik)  # type: ignore[attr-defined]
    assert "12 Mei 1990" in identity.reading.text()  # type: ignore[attr-defined]
    assert "perempuan" in identity.reading.text()  # type: ignore[attr-defined]
    resident.tap(identity.differs)  # type: ignore[attr-defined]
    ktp = identity.ktp_date  # type: ignore[attr-defined]
    resident.type_into(ktp.day, "13")
    resident.tap(ktp.month.button(5))
    resident.type_into(ktp.year, "1990")
    visit = resident.window.ctx.visit
    assert answers.get(visit, "birth_date_differs") is True
    assert answers.get(visit, "ktp_birth_date") == date(1990, 5, 13)


def test_the_visit_end_leaves_no_answer_in_any_widget(resident: Resident) -> None:
    a = Answers()
    kec, kel = _kecamatan(resident.window)
    resident.everything(a, kec, kel)
    resident.tap(resident.window.nav_bar.end_button)  # Selesai
    assert resident.route() is Route.HOME
    secrets = (a.nik, a.name, a.phone, a.street, a.school, a.employer)
    for widget in resident.window.findChildren(QLineEdit):
        assert widget.text() == "", widget.objectName()
        assert not widget.isUndoAvailable()
    for label in resident.window.findChildren(QLabel):
        assert not any(s in label.text() for s in secrets), label.text()
    assert answers.get(resident.window.ctx.visit, "nik") in ("", None)


@pytest.mark.parametrize(
    ("nik", "problem"),
    [("337401520590000", "nik_length"), ("33740152059000031", "nik_length"),
     ("3374015205900000", "nik_serial"), ("3374013205900003", "nik_birth_date"),
     ("33740152A5900003", "nik_not_digits"), ("3374 0152-0590 0003", None)],
)
def test_nik_problems_are_plain_sentences(nik: str, problem: str | None) -> None:
    reading = check_nik(nik, date(2026, 12, 2))
    shown = nik_problem(reading)
    if problem is None:
        assert shown is None and reading.nik == "3374015205900003"
    else:
        assert shown is not None and reading.problems[0].code == problem
        assert shown().endswith(".")  # one plain sentence


def _files_hold(folder: Path, secrets: tuple[str, ...]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {s}" for s in secrets if s.encode() in data]
    return found


def test_after_the_idle_timeout_no_widget_file_or_log_line_holds_the_answers(
    qtbot, kiosk_window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    kiosk_window.activateWindow()
    resident = Resident(qtbot, kiosk_window)
    a = Answers()
    resident.start()
    resident.consent()
    resident.identity(a)
    kec, kel = _kecamatan(kiosk_window)
    resident.address(a, kec, kel)
    resident.type_into(resident.screen.phone, a.phone)  # type: ignore[attr-defined]
    with qtbot.waitSignal(kiosk_window.idle.timed_out, timeout=5000):
        kiosk_window.idle.install()
        kiosk_window.idle.poke()  # the quiet period starts at the resident's last tap
    assert kiosk_window.navigator.current_route is Route.HOME
    secrets = (a.nik, a.name, a.phone, a.street)
    for widget in kiosk_window.findChildren(QLineEdit):
        assert widget.text() == "" and not widget.isUndoAvailable()
    for label in kiosk_window.findChildren(QLabel):
        assert not any(s in label.text() for s in secrets), label.text()
    assert _files_hold(kiosk_window.ctx.settings.data_dir, secrets) == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not any(s in logged for s in secrets)


_TYPED = st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ ", max_size=8)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nik=st.text(alphabet="0123456789", max_size=18), name=_TYPED, place=_TYPED,
       phone=st.text(alphabet="0123456789", max_size=14), email=_TYPED,
       religion=st.sampled_from([None, "islam", "hindu"]), taps=st.integers(0, 3))
def test_random_answers_through_the_widgets_never_raise_or_write_a_record(
    qtbot, kiosk_window: MainWindow, nik, name, place, phone, email, religion, taps
) -> None:
    window = kiosk_window
    window.ctx.visit.end()
    resident = Resident(qtbot, window)
    resident.start()
    resident.consent()
    s = resident.screen
    for field, text in ((s.nik, nik), (s.full_name, name), (s.birth_place, place)):  # type: ignore[attr-defined]
        if text.strip():
            resident.type_into(field, text)
    if religion:
        resident.tap(s.religion.button(religion))  # type: ignore[attr-defined]
    for _ in range(taps):
        resident.next()
    route = resident.route()
    assert route in (Route.REG_IDENTITY, Route.REG_ADDRESS)
    if route is Route.REG_IDENTITY:  # every problem is said beside its field
        shown = [f for f in (s.nik, s.full_name, s.birth_place, s.religion, s.marital)  # type: ignore[attr-defined]
                 if f.error.isVisibleTo(s)]
        assert bool(shown) == (taps > 0)
    db = window.ctx.settings.data_dir
    assert not _files_hold(db, tuple(t for t in (nik, name.strip()) if len(t) >= 6))
    window.ctx.visit.end()


def test_narration_says_the_step_and_the_problems_but_never_a_personal_value(
    resident: Resident,
) -> None:
    pytest.importorskip("accessibility.narration")
    resident.start()
    resident.consent()
    identity = resident.screen
    resident.type_into(identity.nik, "3374015205")  # type: ignore[attr-defined]
    resident.next()
    said = identity.narration().text()
    assert "Langkah 2 dari 9" in said
    assert "3374015205" not in said
    assert identity.nik.error.text() in said  # type: ignore[attr-defined]


def test_mode_bantuan_mid_step_keeps_the_answers_and_reflows_the_step(
    qtbot, resident: Resident
) -> None:
    """Issue 6 item 3: a live switch to Mode Bantuan (200 % text, 20 mm targets) rebuilds the
    step from the visit; what was typed stays, and on the kiosk's panel the step now scrolls
    as one column with the keyboard under the field being typed in, no two keys overlapping."""
    a = Answers()
    resident.start()
    resident.consent()
    resident.type_into(resident.screen.nik, a.nik)  # type: ignore[attr-defined]
    resident.type_into(resident.screen.full_name, a.name)  # type: ignore[attr-defined]
    window = resident.window
    assert resident.screen.arrangement() == "beside"
    with qtbot.waitSignal(window.rebuilt, timeout=5_000):
        window.top_bar.assisted_button.click()
    step = resident.screen
    assert window.theme.text_scale == 2.0
    assert step.nik.text() == a.nik and step.full_name.text() == a.name  # type: ignore[attr-defined]
    assert step.arrangement() == "one-column"
    resident.type_into(step.birth_place, "X")  # type: ignore[attr-defined]
    body = step.body_scroll.widget()
    assert body is not None and body.isAncestorOf(step.letters)  # rides in the column
    keys = [k.geometry() for k in step.letters.keys()]
    assert not any(p.intersects(q) for i, p in enumerate(keys) for q in keys[i + 1:])
    assert all(k.height() >= window.theme.target_px for k in step.letters.keys())
