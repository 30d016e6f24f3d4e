"""One vacancy in a result list: a large tappable card with the facts a resident compares first."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import formatting as fmt
from kiosk.i18n import _
from kiosk.places import Band, band_label
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy
from ui.accessible import mark_data, mark_list_item
from ui.theme import Theme
from ui.widgets.wrapping_label import WrappingLabel


class VacancyCard(QPushButton):
    """A vacancy as one big button: title, employer, place, pay (in the employer's unit),
    minimum education and the closing date.

    Tapping (acting on release), Enter or Space emits `clicked`. Text wraps instead of being cut
    off, and the card grows to fit. Demo vacancies carry a "CONTOH" badge in words, not colour.
    The accessible name reads the whole card in one sentence.

    Args:
        vacancy: a stored vacancy (with `id`).
        regions: names the kecamatan of `vacancy.kecamatan_code`.
    """

    def __init__(
        self,
        vacancy: Vacancy,
        regions: RegionTable,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("VacancyCard")
        self.vacancy = vacancy
        self._band: tuple[Band, str | None] | None = None
        self._regions = regions
        self._min_width = theme.px(60)
        self.setAutoDefault(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title_label = self._label("heading")
        self.badge = QLabel(self)
        self.badge.setObjectName("DemoBadge")
        self.badge.setProperty("role", "small")
        self.badge.setVisible(vacancy.is_demo)
        self.employer_label = self._label("")
        self.place_label = self._label("")
        self.salary_label = self._label("")
        self.salary_label.setFont(theme.font("body", bold=True))
        self.education_label = self._label("small")
        self.closing_label = self._label("small")
        for label in (self.title_label, self.employer_label):
            mark_data(label)  # the employer's words: the same in every language
        mark_list_item(self)
        head = QHBoxLayout()
        head.setSpacing(theme.gap_px)
        head.addWidget(self.title_label, 1)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        pad = theme.px(4)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(theme.px(1.5))
        layout.addLayout(head)
        for label in (self.employer_label, self.place_label, self.salary_label):
            layout.addWidget(label)
        layout.addWidget(self.education_label)
        layout.addWidget(self.closing_label)
        self.retranslate()

    def set_vacancy(self, vacancy: Vacancy,
                    band: tuple[Band, str | None] | None = None) -> None:
        """Show another vacancy in this card (the result list reuses its cards: building and
        polishing a new card costs several times more than new texts); `band` says how far
        it is from the kiosk (kiosk.places.Band and the kiosk's kecamatan name)."""
        self.vacancy = vacancy
        self._band = band
        self.badge.setVisible(vacancy.is_demo)
        self.retranslate()

    def _label(self, role: str) -> QLabel:
        label = WrappingLabel(self)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        if role:
            label.setProperty("role", role)  # not yet polished: no need for set_role's repolish
        return label

    def retranslate(self) -> None:
        """Rewrite every line and the accessible name in the current language."""
        v = self.vacancy
        self.title_label.setText(v.title)
        self.badge.setText(_("EXAMPLE"))
        self.employer_label.setText(v.employer)
        place = fmt.place_text(v, self._regions)
        if self._band is not None:  # how far from the kiosk (issue 9), in the same line
            place = f"{place} · {band_label(*self._band)}"
        self.place_label.setText(place)
        self.salary_label.setText(fmt.vacancy_salary_text(v))
        self.education_label.setText(fmt.education_text(v.education_min))
        self.closing_label.setText(fmt.closing_text(v))
        self.setAccessibleName(self.short_name())
        self.setAccessibleDescription(_("Opens the details of this vacancy"))
        # The labels' new heights would reach the card's layout only on the next pass of the
        # event loop; the list lays itself out at once (and a new language changes every
        # line), so the card's cached heights go now.
        self._box().invalidate()
        self._box().activate()
        self.updateGeometry()

    def short_name(self) -> str:
        """Title, employer, place and pay: what a screen reader says on arriving at the card
        (the whole card takes 16 s to hear; the rest is on the detail screen)."""
        parts = [_("Example vacancy")] if self.vacancy.is_demo else []
        parts += [self.title_label.text(), self.employer_label.text(),
                  self.place_label.text(), self.salary_label.text()]
        return ", ".join(p for p in parts if p)

    def summary(self) -> str:
        """The card in one sentence, as a screen reader or "Bacakan" says it."""
        parts = [_("Example vacancy")] if self.vacancy.is_demo else []
        parts += [
            self.title_label.text(),
            self.employer_label.text(),
            self.place_label.text(),
            self.salary_label.text(),
            self.education_label.text(),
            self.closing_label.text(),
        ]
        return ", ".join(parts) + "."

    # A QPushButton sizes itself by its own text; this one takes the size of its laid-out labels.
    def _box(self) -> QLayout:
        layout = self.layout()
        assert layout is not None, "the layout is set in __init__"
        return layout

    def sizeHint(self) -> QSize:
        return self._box().sizeHint()

    def minimumSizeHint(self) -> QSize:
        # Not the longest word's width: at 200 % text one long word ("Administrasi") would push
        # the list wider than the screen; a label narrower than a word breaks it instead.
        size = self._box().minimumSize()
        return QSize(min(size.width(), self._min_width), size.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._box().totalHeightForWidth(width)
