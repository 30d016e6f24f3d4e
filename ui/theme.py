"""The only place that turns palettes (accessibility.contrast) and scale (accessibility.scaling)
into Qt: bundled fonts, QPalette, QFont and the application stylesheet.

API (stable):

    load_bundled_fonts() -> str           # registers assets/fonts/*.ttf, returns "Noto Sans"
    Theme(scale, palette=DEFAULT_PALETTE, text_scale=1.0)
    Theme.for_size(width_px, height_px, diagonal_in=0.0, palette=..., text_scale=1.0)
    Theme.for_screen(screen: QScreen | None, diagonal_in=0.0, palette=..., text_scale=1.0)
      .px(mm) -> int                      # millimetres to logical pixels (rounded up)
      .target_px   # 15 mm touch target side      .gap_px   # 4 mm between targets
      .margin_px   # 8 mm screen margin           .focus_ring_px  # >= 2 px (>= 0.75 mm)
      .small_px / .body_px / .heading_px / .title_px  # font pixel sizes; cap height of
            6.1 / 6.5 / 8.5 / 10.5 mm times text_scale (EN 301 549 5.1.4 floor is 6.1 mm)
      .family  .palette  .scale
      .font(role="body", bold=False) -> QFont   # roles: small, body, heading, title
      .colour(name) -> QColor                   # a Palette field name: "primary", "on_window"...
      .qpalette() -> QPalette   .stylesheet() -> str   .apply(app) -> None

Sizes: the stylesheet sets padding, never min-width/min-height (those would override every
widget's own setMinimumSize). A plain button with text reaches the 15 mm target from its padding;
give icon-only or one-letter buttons `setMinimumSize(theme.target_px, theme.target_px)`.

Widgets pick their look with a `role` property (see `set_role`), never with colours of their own:
    QPushButton: (none) secondary button, "primary" the screen's one main action, "tile" a big
        home-screen tile, "on-bar" a button on the top/bottom bar (outlined; checked = filled),
        "key" an on-screen keyboard key. Checkable buttons show :checked with the primary fill.
    QLabel: (none) body text, "title" screen heading, "heading" section heading, "small" muted
        secondary text, "error", "success", "bar" text on a bar, "bar-small" small text on a
        bar, "bar-title" the app name.
    QDialog: "sheet" a full-window modal question or panel (ui.widgets.modal_sheet), opaque.
    QRadioButton: a big button with a 6 mm round indicator (the chosen one is filled: a
        shape, not only a colour, WCAG 1.4.1).
    QFrame/QWidget: "card" a white panel with a border, "bar" the top/bottom bars, "panel" a
        surface (filter panel, keyboard), "scrim" the dimmed layer under an overlay.
    QScrollArea: "focusable" one that takes Tab focus (arrow keys scroll it): it keeps a
        transparent border as wide as the focus ring, which turns into the ring on focus, so
        nothing inside moves when focus arrives (WCAG 2.4.7).
"""
from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGuiApplication,
    QPalette,
    QScreen,
)
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from accessibility.contrast import DEFAULT_PALETTE, Palette
from accessibility.scaling import (
    MIN_CAP_HEIGHT_MM,
    MIN_FOCUS_RING_PX,
    MIN_GAP_MM,
    MIN_TARGET_MM,
    Scale,
    fit_layout,
    font_px_for_cap_height,
    read_cap_height_ratio,
    scale_for_screen,
)
from assets import ASSETS_DIR
from ui.accessible import mark_heading

FONT_DIR = ASSETS_DIR / "fonts"
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FAMILY = "Noto Sans"
# Where Noto Sans has no glyph (bullets such as ●, arrows, check marks, stars, ≥ and other signs
# employers type), Qt takes it from DejaVu Sans (Bitstream Vera licence, assets/fonts/
# DejaVu-LICENSE.txt; Debian's fonts-dejavu-core), so no posting shows an empty box.
FALLBACK_FAMILY = "DejaVu Sans"
_FILLED_ROLES = frozenset({"primary", "tile"})
CAP_HEIGHT_MM = {"small": MIN_CAP_HEIGHT_MM, "body": 6.5, "heading": 8.5, "title": 10.5}


def load_bundled_fonts() -> str:
    """Register the bundled Noto Sans files with Qt (once per process) and return the family.

    Needs a QGuiApplication. Raises RuntimeError when a font file is missing or unreadable.
    """
    if FAMILY in QFontDatabase.families():
        return FAMILY
    for name in FONT_FILES:
        if QFontDatabase.addApplicationFont(str(FONT_DIR / name)) < 0:
            raise RuntimeError(f"cannot load the bundled font {FONT_DIR / name}")
    return FAMILY


def set_role(widget: QWidget, role: str) -> None:
    """Give `widget` a stylesheet role (see the module docstring) and restyle it now. A label
    styled as a "title" or "heading" is one for screen readers too (ui.accessible)."""
    widget.setProperty("role", role)
    if role in ("title", "heading") and isinstance(widget, QLabel):
        mark_heading(widget)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def tint_label(label: QLabel, colour: str) -> None:
    """Draw `label`'s words in `colour` ("#RRGGBB"): the words inside a button
    (ui.widgets.wrapping_button) take the colour the stylesheet gives the button's own text
    in its state now (Theme.button_text_colour), which a descendant rule cannot follow."""
    sheet = f"color: {colour}; background: transparent;"
    if label.styleSheet() != sheet:
        label.setStyleSheet(sheet)


class Theme:
    """Sizes in pixels and colours for one panel and display mode."""

    def __init__(
        self,
        scale: Scale,
        palette: Palette = DEFAULT_PALETTE,
        text_scale: float = 1.0,
        target_mm: float = MIN_TARGET_MM,
    ) -> None:
        if target_mm < MIN_TARGET_MM:
            raise ValueError(f"touch targets must be at least {MIN_TARGET_MM} mm")
        self.scale = scale
        self.palette = palette
        self.text_scale = text_scale
        self.target_mm = target_mm
        self.family = FAMILY
        self.cap_ratio = read_cap_height_ratio(FONT_DIR / FONT_FILES[0])
        self.target_px = scale.px(target_mm)
        self.gap_px = scale.px(MIN_GAP_MM)
        self.margin_px = scale.px(8.0)
        self.focus_ring_px = max(MIN_FOCUS_RING_PX + 1, scale.px(0.75))
        self.radius_px = scale.px(1.5)
        sizes = {
            role: font_px_for_cap_height(mm * text_scale, scale, self.cap_ratio)
            for role, mm in CAP_HEIGHT_MM.items()
        }
        self.small_px = sizes["small"]
        self.body_px = sizes["body"]
        self.heading_px = sizes["heading"]
        self.title_px = sizes["title"]

    @classmethod
    def for_size(
        cls,
        width_px: int,
        height_px: int,
        diagonal_in: float = 0.0,
        palette: Palette = DEFAULT_PALETTE,
        text_scale: float = 1.0,
    ) -> Theme:
        """A theme for a window of this size on a panel of unknown (21.5-inch) or given diagonal."""
        scale = scale_for_screen(width_px, height_px, None, None, diagonal_in)
        return cls(fit_layout(scale, width_px, height_px), palette, text_scale)

    @classmethod
    def for_screen(
        cls,
        screen: QScreen | None,
        diagonal_in: float = 0.0,
        palette: Palette = DEFAULT_PALETTE,
        text_scale: float = 1.0,
    ) -> Theme:
        """A theme for a real screen, trusting its reported physical size when plausible, and
        shrunk when the layout would not fit the screen's free area (accessibility.fit_layout)."""
        if screen is None:
            return cls.for_size(1920, 1080, diagonal_in, palette, text_scale)
        size, physical = screen.geometry().size(), screen.physicalSize()
        scale = scale_for_screen(
            size.width(), size.height(), physical.width(), physical.height(), diagonal_in
        )
        free = screen.availableGeometry().size()
        return cls(fit_layout(scale, free.width(), free.height()), palette, text_scale)

    def px(self, mm: float) -> int:
        return self.scale.px(mm)

    def font(self, role: str = "body", bold: bool = False) -> QFont:
        """The bundled font at the pixel size of `role` (small, body, heading, title)."""
        font = QFont(self.family)
        font.setFamilies([self.family, FALLBACK_FAMILY])
        font.setPixelSize(getattr(self, f"{role}_px"))
        font.setBold(bold or role in ("heading", "title"))
        return font

    def colour(self, name: str) -> QColor:
        return QColor(self.palette.colour(name))

    def button_text_colour(self, button: QAbstractButton, role: str = "") -> str:
        """The text colour ("#RRGGBB") the stylesheet gives `button` in its state now, so an
        icon drawn in it keeps the text's contrast in every state (WCAG 1.4.11)."""
        p = self.palette
        if not button.isEnabled():
            return p.on_disabled
        if button.hasFocus():
            return p.on_focus
        if role == "on-bar":
            return p.on_secondary if button.isChecked() or button.isDown() else p.on_bar
        if button.isDown():
            return p.on_bar
        if button.isChecked() or role in _FILLED_ROLES:
            return p.on_primary
        return p.on_secondary

    def line_px(self, role: str = "body", bold: bool = True) -> int:
        """The height of one line of text of `role`, in pixels."""
        return QFontMetrics(self.font(role, bold)).height()

    def button_padding_px(self) -> tuple[int, int]:
        """Vertical and horizontal padding of a text button: at least 2 and 4 mm, and enough
        for a one-line button to reach the target size (20 mm in assisted mode)."""
        ring = self.focus_ring_px
        to_target = -(-(self.target_px - self.line_px() - 2 * ring) // 2)
        return max(self.px(2), to_target), self.px(4)

    def qpalette(self) -> QPalette:
        p, c = QPalette(), self.colour
        roles = {
            QPalette.ColorRole.Window: "window",
            QPalette.ColorRole.WindowText: "on_window",
            QPalette.ColorRole.Base: "surface",
            QPalette.ColorRole.AlternateBase: "window",
            QPalette.ColorRole.Text: "on_surface",
            QPalette.ColorRole.Button: "secondary",
            QPalette.ColorRole.ButtonText: "on_secondary",
            QPalette.ColorRole.BrightText: "on_primary",
            QPalette.ColorRole.Highlight: "focus_fill",
            QPalette.ColorRole.HighlightedText: "on_focus",
            QPalette.ColorRole.PlaceholderText: "muted",
            QPalette.ColorRole.ToolTipBase: "surface",
            QPalette.ColorRole.ToolTipText: "on_surface",
        }
        for role, name in roles.items():
            p.setColor(role, c(name))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                     QPalette.ColorRole.ButtonText):
            p.setColor(QPalette.ColorGroup.Disabled, role, c("on_disabled"))
        p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, c("disabled"))
        return p

    def apply(self, app: QGuiApplication) -> None:
        """Load the fonts and set font, palette and stylesheet on the whole application."""
        load_bundled_fonts()
        # Re-applying an unchanged stylesheet would re-polish every widget: skip what is set.
        font, palette = self.font("body"), self.qpalette()
        if app.font() != font:
            app.setFont(font)
        if app.palette() != palette:
            app.setPalette(palette)
        if isinstance(app, QApplication) and app.styleSheet() != self.stylesheet():
            app.setStyleSheet(self.stylesheet())

    def _radio_indicators(self) -> str:
        """A radio button's round indicator drawn by the stylesheet in the button's own text
        colour for each state (Qt's style drew it in its palette's colours, which the
        high-contrast theme does not set: an unchecked one vanished on black, a checked one
        looked empty). Chosen = a filled dot inside the ring: a shape, not only a colour
        (WCAG 1.4.1); a chosen option that is fixed (contrast in assisted mode) keeps it."""
        # 6 mm at 100 % text, growing with the text (8 mm at 200 %) so it stays legible beside it.
        p, size = self.palette, self.px(4 + 2 * self.text_scale)
        line = max(2, self.px(0.6))

        def rule(state: str, colour: str, chosen: bool) -> str:
            fill = (f"qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5, "
                    f"stop:0 {colour}, stop:0.5 {colour}, stop:0.56 transparent, "
                    f"stop:1 transparent)") if chosen else "transparent"
            return (f"QRadioButton::indicator{state} {{ width: {size}px; height: {size}px; "
                    f"border-radius: {size // 2 + line}px; border: {line}px solid {colour}; "
                    f"background: {fill}; }}")

        return "\n".join((
            f"QRadioButton {{ spacing: {self.px(2)}px; }}",
            rule("", p.on_secondary, False),
            rule(":checked", p.on_primary, True),
            rule(":disabled", p.on_disabled, False),
            rule(":checked:disabled", p.on_disabled, True),
            rule(":focus", p.on_focus, False),
            rule(":checked:focus", p.on_focus, True),
        ))

    def stylesheet(self) -> str:
        """The application stylesheet: every role's colours, sizes and focus ring."""
        p, ring, r = self.palette, self.focus_ring_px, self.radius_px
        pad_v, pad_h = self.button_padding_px()
        # The bars' buttons in the small text (still 6.1 mm times the chosen size) and 2 mm
        # beside their words: at 200 % the bottom bar's five then fit one row of a 1920 px
        # panel, and the bars leave the screen its room; padded to the full target height.
        bar_pad_v = max(self.px(2), -(-(self.target_px - self.line_px("small") - 2 * ring) // 2))
        scrim = self.colour("scrim")
        return f"""
QWidget {{ color: {p.on_window}; }}
QMainWindow, Screen, QStackedWidget {{ background: {p.window}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {self.title_px}px; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {self.heading_px}px; font-weight: bold; }}
QLabel[role="small"] {{ font-size: {self.small_px}px; color: {p.muted}; }}
QLabel[role="error"] {{ color: {p.error}; font-weight: bold; }}
QLabel[role="success"] {{ color: {p.success}; font-weight: bold; }}
QLabel[role="bar"] {{ color: {p.on_bar}; }}
QLabel[role="bar-small"] {{ color: {p.on_bar}; font-size: {self.small_px}px; }}
QLabel[role="bar-title"] {{ color: {p.on_bar}; font-weight: bold; }}
QFrame[role="bar"], QWidget[role="bar"] {{ background: {p.bar}; color: {p.on_bar}; }}
QFrame[role="card"], QWidget[role="card"] {{
    background: {p.surface}; color: {p.on_surface};
    border: 2px solid {p.border}; border-radius: {r}px; }}
QFrame[role="card"] QLabel, QWidget[role="panel"] QLabel {{ color: {p.on_surface}; }}
QFrame[role="card"] QLabel[role="small"], QWidget[role="panel"] QLabel[role="small"] {{
    color: {p.muted}; }}
QFrame[role="panel"], QWidget[role="panel"] {{
    background: {p.surface}; color: {p.on_surface}; border: 2px solid {p.border}; }}
QDialog[role="sheet"] {{ background: {p.window}; }}
QWidget[role="scrim"] {{ background: rgba({scrim.red()}, {scrim.green()}, {scrim.blue()}, 178); }}
QAbstractButton {{
    padding: {pad_v}px {pad_h}px; border-radius: {r}px;
    background: {p.secondary}; color: {p.on_secondary};
    border: {ring}px solid {p.border}; font-weight: bold; }}
QAbstractButton[role="primary"] {{
    background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
QAbstractButton[role="tile"] {{
    background: {p.primary}; color: {p.on_primary}; border-color: {p.primary};
    font-size: {self.heading_px}px; padding: {self.px(6)}px; }}
QAbstractButton[role="key"] {{ padding: 0px; }}
QAbstractButton:checked {{
    background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
QAbstractButton:pressed {{ background: {p.bar}; color: {p.on_bar}; border-color: {p.bar}; }}
QAbstractButton[role="on-bar"] {{
    background: {p.bar}; color: {p.on_bar}; border-color: {p.on_bar};
    font-size: {self.small_px}px; padding: {bar_pad_v}px {self.px(2)}px; }}
QAbstractButton[role="on-bar"]:checked {{
    background: {p.secondary}; color: {p.on_secondary}; border-color: {p.secondary}; }}
QAbstractButton[role="on-bar"]:pressed {{
    background: {p.secondary}; color: {p.on_secondary}; border-color: {p.on_bar}; }}
QAbstractButton:disabled {{
    background: {p.disabled}; color: {p.on_disabled}; border-color: {p.disabled}; }}
QAbstractButton:focus {{
    background: {p.focus_fill}; color: {p.on_focus}; border: {ring}px solid {p.focus_ring}; }}
QAbstractButton[role="on-bar"]:checked:focus {{
    background: {p.focus_fill}; color: {p.on_focus}; border: {ring}px solid {p.focus_ring}; }}
{self._radio_indicators()}
QLineEdit, QTextEdit, QPlainTextEdit {{
    background: {p.surface}; color: {p.on_surface};
    border: {ring}px solid {p.border}; border-radius: {r}px;
    padding: {self.px(1.5)}px {self.px(2)}px;
    selection-background-color: {p.focus_fill}; selection-color: {p.on_focus};
    placeholder-text-color: {p.muted}; }}
QLineEdit:focus, QTextEdit:focus, QPlainTextEdit:focus {{
    border: {ring}px solid {p.focus_ring}; background: {p.surface}; }}
QScrollArea[role="focusable"] {{ border: {ring}px solid transparent; }}
QScrollArea[role="focusable"]:focus {{ border: {ring}px solid {p.focus_ring}; }}
QScrollBar:vertical {{ width: {self.px(6)}px; background: {p.window}; }}
QScrollBar:horizontal {{ height: {self.px(6)}px; background: {p.window}; }}
QScrollBar::handle {{ background: {p.border}; border-radius: {r}px; min-height: {self.px(15)}px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QPushButton#OptionButton {{ text-align: left; }}
QRadioButton#ChoiceButton, QCheckBox#ChoiceButton {{ spacing: {self.px(3)}px; }}
QRadioButton#ChoiceButton::indicator, QCheckBox#ChoiceButton::indicator {{
    width: {self.px(6)}px; height: {self.px(6)}px; }}
QPushButton#FilterButton {{ padding: 0px; }}
QPushButton#FilterButton:pressed {{ background: {p.window}; border: {ring}px solid {p.primary}; }}
QPushButton#VacancyCard {{
    background: {p.surface}; border: 2px solid {p.border}; border-radius: {r}px;
    padding: 0px; text-align: left; }}
QPushButton#VacancyCard:pressed {{ background: {p.window}; border: {ring}px solid {p.primary}; }}
QPushButton#VacancyCard:focus {{
    background: {p.focus_fill}; border: {ring}px solid {p.focus_ring}; }}
QPushButton#VacancyCard QLabel {{ color: {p.on_surface}; }}
QPushButton#VacancyCard:focus QLabel {{ color: {p.on_focus}; }}
QPushButton#FieldTile {{ padding: {self.px(2)}px; text-align: left; }}
QPushButton#FieldTile QLabel {{ color: {p.on_secondary}; }}
QPushButton#FieldTile:pressed QLabel {{ color: {p.on_bar}; }}
QPushButton#FieldTile:focus QLabel {{ color: {p.on_focus}; }}
QLabel#DemoBadge {{
    border: 2px solid {p.on_surface}; border-radius: {r}px;
    padding: {self.px(0.5)}px {self.px(2)}px; font-weight: bold; }}
"""
