"""The filter choice panel: big option buttons, "Semua" first, the current choice ticked."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from kiosk.formatting import employment_label
from kiosk.i18n import _, set_language
from kiosk.vacancy import EmploymentType
from ui.theme import Theme
from ui.widgets.choice_panel import ChoicePanel

LEFT = Qt.MouseButton.LeftButton
FULL, CONTRACT = EmploymentType.FULL_TIME, EmploymentType.CONTRACT
INTERN = EmploymentType.INTERNSHIP
KINDS = [(kind, lambda kind=kind: employment_label(kind)) for kind in (FULL, CONTRACT, INTERN)]


def _panel(qtbot: QtBot, theme: Theme, current: object = None) -> ChoicePanel:
    panel = ChoicePanel(theme)
    qtbot.addWidget(panel)
    panel.resize(1920, 880)
    panel.open(lambda: _("Choose a kecamatan"), KINDS, current)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_options_start_with_all_and_are_big_checkable_buttons_not_a_dropdown(
    qtbot: QtBot, theme: Theme
) -> None:
    panel = _panel(qtbot, theme)
    buttons = panel.option_buttons()
    assert [b.accessibleName() for b in buttons] == ["Semua", "Penuh waktu", "Kontrak", "Magang"]
    assert [b.value for b in buttons] == [None, FULL, CONTRACT, INTERN]
    assert not panel.findChildren(QComboBox)
    for button in buttons:
        assert button.isCheckable()
        assert theme.scale.mm(button.height()) >= 15.0
    assert panel.title_label.text() == "Pilih kecamatan"


def test_the_current_choice_is_ticked_named_and_focused(qtbot: QtBot, theme: Theme) -> None:
    panel = _panel(qtbot, theme, current=CONTRACT)
    chosen = panel.option_button(CONTRACT)
    assert chosen.isChecked()
    assert chosen.text().strip() == "Kontrak (dipilih)"  # words, not colour alone
    assert chosen.accessibleDescription() == "Dipilih"
    assert not chosen.icon().isNull()
    others = [b for b in panel.option_buttons() if b is not chosen]
    assert not any(b.isChecked() for b in others)
    assert all("(dipilih)" not in b.text() for b in others)
    qtbot.waitUntil(chosen.hasFocus)


def test_tapping_an_option_emits_its_value_and_all_emits_none(
    qtbot: QtBot, theme: Theme
) -> None:
    panel = _panel(qtbot, theme, current=FULL)
    with qtbot.waitSignal(panel.chosen) as blocker:
        qtbot.mouseClick(panel.option_button(INTERN), LEFT)
    assert blocker.args == [INTERN]
    assert panel.current_button() is panel.option_button(INTERN)
    with qtbot.waitSignal(panel.chosen) as blocker:
        qtbot.mouseClick(panel.option_button(None), LEFT)
    assert blocker.args == [None]


def test_close_and_escape_leave_without_choosing(qtbot: QtBot, theme: Theme) -> None:
    panel = _panel(qtbot, theme, current=FULL)
    with qtbot.assertNotEmitted(panel.chosen), qtbot.waitSignal(panel.closed):
        qtbot.mouseClick(panel.close_button, LEFT)
    assert panel.close_button.text() == "Tutup"
    with qtbot.assertNotEmitted(panel.chosen), qtbot.waitSignal(panel.closed):
        qtbot.keyClick(panel.option_button(FULL), Qt.Key.Key_Escape)


def test_arrow_keys_move_between_options_and_enter_chooses(qtbot: QtBot, theme: Theme) -> None:
    panel = _panel(qtbot, theme, current=None)
    first = panel.option_button(None)
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Right)
    red = panel.option_button(FULL)
    qtbot.waitUntil(red.hasFocus)
    with qtbot.waitSignal(panel.chosen) as blocker:
        qtbot.keyClick(red, Qt.Key.Key_Return)
    assert blocker.args == [FULL]


def test_reopening_replaces_the_options_and_retranslate_relabels_them(
    qtbot: QtBot, theme: Theme
) -> None:
    panel = _panel(qtbot, theme)
    panel.open(lambda: _("Choose the type of work"), KINDS[1:], CONTRACT)
    assert [b.value for b in panel.option_buttons()] == [None, CONTRACT, INTERN]
    set_language("en")
    panel.retranslate()
    assert panel.title_label.text() == "Choose the type of work"
    assert panel.option_button(CONTRACT).text().strip() == "Contract (chosen)"
    assert panel.option_button(None).accessibleName() == "All"
    assert panel.close_button.text() == "Close"


def test_clear_forgets_the_last_panel_and_its_choice(qtbot, theme) -> None:
    from ui.widgets.choice_panel import ChoicePanel

    panel = ChoicePanel(theme)
    qtbot.addWidget(panel)
    panel.open(lambda: "Pilih kecamatan", [("33.74.10", lambda: "Tembalang")], "33.74.10")
    assert panel.current_button() is not None
    panel.clear()
    assert panel.option_buttons() == [] and panel.title_label.text() == ""
