"""Each audit rule catches its fault: a widget built with the fault is reported, and a well-made
one is not (ui.audit, ACCESSIBILITY.md "How it is checked")."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.accessible import mark_data
from ui.audit import model
from ui.audit.model import Finding, Where
from ui.audit.translation import english_source_showing, texts_of, untranslated
from ui.audit.tree import Measure, audit_tree
from ui.theme import Theme
from ui.widgets.wrapping_button import WrappingButton

WHERE = Where("test", "built", "default", "id", 1.0)


@pytest.fixture
def audit(qtbot: QtBot, theme: Theme) -> Callable[[Callable[[QWidget], None]], list[Finding]]:
    """Builds a 1920 x 1080 root, lets `build(root)` place widgets on it, audits it."""

    def run(build: Callable[[QWidget], None]) -> list[Finding]:
        root = QWidget()
        qtbot.addWidget(root)
        root.resize(1920, 1080)
        build(root)
        root.show()
        qtbot.waitExposed(root)
        measure = Measure(theme.scale, theme.target_mm, False, 1.0, theme.focus_ring_px)
        return audit_tree(root, WHERE, measure)

    return run


def good_button(root: QWidget, theme: Theme, text: str = "Cari", x: int = 100) -> QPushButton:
    button = QPushButton(text, root)
    button.setAccessibleName(text)
    button.setGeometry(x, 100, theme.px(40), theme.px(20))
    return button


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def test_well_made_controls_and_text_have_no_findings(audit, theme: Theme) -> None:
    def build(root: QWidget) -> None:
        good_button(root, theme, "Cari", 100)
        good_button(root, theme, "Tutup", 100 + theme.px(50))
        label = QLabel("Lowongan", root)
        label.setGeometry(100, 400, 800, theme.px(20))

    assert audit(build) == []


def test_a_control_without_a_name_is_reported(audit, theme: Theme) -> None:
    def build(root: QWidget) -> None:
        button = good_button(root, theme, "")
        button.setAccessibleName("")

    found = audit(build)
    assert rules(found) == {model.UNNAMED}
    assert found[0].widget.startswith("QPushButton")


def test_a_target_below_15_mm_is_reported_in_mm(audit, theme: Theme) -> None:
    def build(root: QWidget) -> None:
        good_button(root, theme).setFixedSize(theme.px(30), theme.px(10))

    found = [f for f in audit(build) if f.rule == model.TARGET]
    assert len(found) == 1
    assert found[0].detail.endswith("below 15 mm")
    assert 9.9 < float(found[0].detail.split(" x ")[1].split()[0]) < 10.5


def test_neighbours_closer_than_4_mm_are_reported(audit, theme: Theme) -> None:
    def build(root: QWidget) -> None:
        first = good_button(root, theme, "Satu", 100)
        good_button(root, theme, "Dua", first.geometry().right() + 1 + theme.px(2))

    found = audit(build)
    assert rules(found) == {model.GAP}
    assert 1.9 < float(found[0].detail.split()[0]) < 2.4


def test_text_below_4_5_to_1_is_reported_from_the_rendered_pixels(audit, theme: Theme) -> None:
    def build(root: QWidget) -> None:
        label = QLabel("Gaji per bulan", root)
        label.setStyleSheet("color: #9a9a9a; background: #ffffff;")  # about 2.8:1
        label.setGeometry(100, 400, 900, theme.px(20))

    found = audit(build)
    assert rules(found) == {model.CONTRAST}
    ratio = float(found[0].detail.split(":")[0])
    assert 2.5 < ratio < 3.1


def test_text_below_the_cap_height_is_reported(audit, theme: Theme) -> None:
    def build(root: QWidget) -> None:
        label = QLabel("Kecil sekali", root)
        font = label.font()
        font.setPixelSize(12)
        label.setFont(font)
        label.setGeometry(100, 400, 900, 100)

    found = audit(build)
    assert rules(found) == {model.CAP_HEIGHT}
    assert "below 6.1 mm" in found[0].detail


@pytest.mark.parametrize("kind", ["too-narrow", "elided", "button", "out-of-window"])
def test_clipped_or_elided_text_is_reported(audit, theme: Theme, kind: str) -> None:
    def build(root: QWidget) -> None:
        if kind == "too-narrow":
            QLabel("Tenaga Harian Lepas Pasar", root).setGeometry(100, 400, 120, theme.px(20))
        elif kind == "elided":
            QLabel("Tenaga Harian…", root).setGeometry(100, 400, 900, theme.px(20))
        elif kind == "button":
            good_button(root, theme, "Tampilkan lebih banyak lowongan").setFixedWidth(
                theme.px(40))
        else:
            QLabel("Di luar", root).setGeometry(1800, 400, 600, theme.px(20))

    assert model.CLIPPED in rules(audit(build))


def test_a_button_whose_own_labels_wrap_its_words_is_not_clipped(audit, theme: Theme) -> None:
    """The rule measures the text Qt draws on a button on one line. A button that shows its
    words in a wrapping label of its own (a field tile, ui.widgets.wrapping_button) draws no
    text itself: its label is measured as a label, and words wrapped onto three lines are
    no fault (before, such a button was reported as "needs 560 px, has 150")."""
    words = "Daftar Kartu Kuning (AK1) untuk pencari kerja"

    def build(root: QWidget) -> None:
        button = WrappingButton(theme, "", root)
        button.setText(words)
        button.setAccessibleName(words)
        width = theme.px(60)
        button.setGeometry(100, 100, width, button.heightForWidth(width))

    found = audit(build)
    assert model.CLIPPED not in rules(found), [f.line() for f in found]

    def squeezed(root: QWidget) -> None:  # the same button without the height its lines need
        button = WrappingButton(theme, "", root)
        button.setText(words)
        button.setAccessibleName(words)
        button.setGeometry(100, 100, theme.px(60), theme.px(20))

    assert model.CLIPPED in rules(audit(squeezed))  # its label, cut, is still reported


class _TileButton(QPushButton):
    """A button whose words are word-wrapping labels inside it, as ui.widgets.browse_tiles'
    FieldTile: text() joins the labels' words, the button itself draws none."""

    def __init__(self, root: QWidget, word: str, count: str) -> None:
        super().__init__(root)
        self.word, self.count = QLabel(word, self), QLabel(count, self)
        self.word.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.word)
        layout.addWidget(self.count)
        self.setAccessibleName(f"{word}: {count}")

    def text(self) -> str:  # noqa: D102
        return f"{self.word.text()}\n{self.count.text()}"


@pytest.mark.parametrize("count", ["7", "7 lowongan di seluruh Kota Semarang"])
def test_a_button_of_wrapping_labels_is_judged_by_its_labels(
    audit, theme: Theme, count: str
) -> None:
    """Its words wrapped onto two lines are whole, though they would not fit as one line; a
    label inside it that does not fit is still clipped text."""
    def build(root: QWidget) -> None:
        tile = _TileButton(root, "Pabrik & produksi", count)
        tile.setGeometry(100, 100, theme.px(50), theme.px(60))

    found = [f for f in audit(build) if f.rule == model.CLIPPED]
    assert [f.widget.split(" ")[0] for f in found] == ([] if count == "7" else ["QLabel"])


def test_a_control_tab_never_reaches_is_reported(audit, theme: Theme) -> None:
    def build(root: QWidget) -> None:
        good_button(root, theme).setFocusPolicy(Qt.FocusPolicy.NoFocus)

    assert rules(audit(build)) == {model.KEYBOARD}


def test_the_same_text_in_both_languages_is_untranslated(qtbot: QtBot) -> None:
    same = QPushButton("Kirim sekarang")
    data = QLabel("PT Jaga Aman Sentosa")
    mark_data(data)
    field = QLineEdit()
    field.setText("sopir")  # what a resident typed is never checked
    field.setPlaceholderText("Ketik pekerjaan")
    for widget in (same, data, field):
        qtbot.addWidget(widget)
    id_texts = {id(w): (type(w).__name__, texts_of(w)) for w in (same, data, field)}
    field.setPlaceholderText("Type a job")
    en_texts = {id(w): (type(w).__name__, texts_of(w)) for w in (same, data, field)}
    found = untranslated(id_texts, en_texts, WHERE)
    assert [(f.widget, f.rule) for f in found] == [("QPushButton", model.UNTRANSLATED)]
    assert "same in id and en" in found[0].detail


def test_an_english_source_text_on_an_indonesian_screen_is_untranslated(qtbot: QtBot) -> None:
    assert english_source_showing("Find a job")  # msgid; Indonesian: "Cari Lowongan"
    assert english_source_showing("48 vacancies found") or english_source_showing(
        "48 vacancies are open for applications now.")
    assert not english_source_showing("Cari Lowongan")
    button = QPushButton("Find a job")
    qtbot.addWidget(button)
    texts = {id(button): ("QPushButton", texts_of(button))}
    other = {id(button): ("QPushButton", {"text": "Find a job (en)"})}
    found = untranslated(texts, other, WHERE)
    assert [f.rule for f in found] == [model.UNTRANSLATED]
    assert "English source" in found[0].detail


def test_every_rule_has_a_test_here() -> None:
    assert set(model.RULES) == {model.UNNAMED, model.TARGET, model.GAP, model.CONTRAST,
                                model.CAP_HEIGHT, model.CLIPPED, model.KEYBOARD,
                                model.UNTRANSLATED}
