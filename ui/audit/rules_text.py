"""Rules on text as it is drawn: contrast of the rendered pixels, cap height, room to show it all.

Contrast is measured on the rendered window, not read from the palette, so a colour set
anywhere (stylesheet, palette, a painted icon) is judged as the resident sees it: inside the
widget (less its border), the most common colour is the background and the colour that
differs most from it is the text's (glyph cores are solid at kiosk sizes). WCAG 1.4.3/1.4.6:
4.5:1 (7:1 in assisted mode); large text, at least 1.5 times the body size or 1.17 times and
bold (18 pt / 14 pt bold against 12 pt), 3:1 (4.5:1). Cap height: EN 301 549 5.1.4's 6.1 mm,
times the text size a resident chose (WCAG 1.4.4), from the font's real cap height.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetricsF, QImage, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QWidget,
)

from accessibility.contrast import AA_LARGE_TEXT, AA_TEXT, AAA_LARGE_TEXT, AAA_TEXT, contrast_ratio
from accessibility.scaling import MIN_CAP_HEIGHT_MM
from ui.audit.model import CAP_HEIGHT, CLIPPED, CONTRAST

if TYPE_CHECKING:
    from ui.audit.tree import Measure, Node

ELLIPSES = ("…", "...")
MIN_TEXT_PIXELS = 4  # a colour drawn in fewer pixels is a stray edge pixel, not the text


def shown_text(widget: QWidget) -> str:
    """The text the widget draws: a label's or a button's text, a field's text or, when empty,
    its placeholder. Rich text and pictures have no plain text to measure: ""."""
    if isinstance(widget, QLabel):
        if widget.textFormat() == Qt.TextFormat.RichText or (
            widget.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(widget.text())
        ):
            return ""
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QLineEdit):
        return widget.text() or widget.placeholderText()
    return ""


def check(nodes: list[Node], image: QImage, m: Measure) -> list[tuple[Node, str, str]]:
    found: list[tuple[Node, str, str]] = []
    body_px = QApplication.font().pixelSize()
    for node in nodes:
        text = shown_text(node.widget).strip()
        if not text or not any(c.isalnum() for c in text):
            continue
        font = node.widget.font()
        cap_mm = m.scale.mm(QFontMetricsF(font).capHeight())
        floor = MIN_CAP_HEIGHT_MM * m.text_scale
        if cap_mm < floor - 0.05:
            found.append((node, CAP_HEIGHT, f"capitals {cap_mm:.1f} mm, below {floor:.1f} mm"))
        problem = clipped(node.widget, text, m.ring_px)
        if problem:
            found.append((node, CLIPPED, problem))
        large = font.pixelSize() >= 1.5 * body_px or (
            font.bold() and font.pixelSize() >= 1.17 * body_px)
        need = (AAA_LARGE_TEXT if large else AAA_TEXT) if m.assisted else (
            AA_LARGE_TEXT if large else AA_TEXT)
        inset = m.ring_px + 1 if isinstance(node.widget, QAbstractButton | QLineEdit) else 0
        ratio = rendered_contrast(image, node.visible.adjusted(inset, inset, -inset, -inset))
        if ratio is not None and ratio < need - 0.005:
            found.append((node, CONTRAST, f"{ratio:.2f}:1, below {need:g}:1"))
    return found


def rendered_contrast(image: QImage, rect: QRect) -> float | None:
    """Contrast between the background (most common colour) and the text (the colour most
    different from it) inside `rect` of an RGB32 image; None when only one colour is there."""
    rect = rect.intersected(image.rect())
    if rect.width() <= 0 or rect.height() <= 0:
        return None
    crop = image.copy(rect)
    pixels = memoryview(crop.constBits()).cast("I")
    counts = Counter(pixels.tolist())
    if len(counts) < 2:
        return None
    most = counts.most_common(1)[0][0]
    background = _rgb(most)
    # Only the colours drawn often enough to be strokes of text count; a crop where nothing
    # but the background is (a label scrolled almost out of view, leaving a few anti-aliased
    # pixels) says nothing about contrast, rather than "1:1".
    ratios = [contrast_ratio(background, _rgb(c)) for c, n in counts.items()
              if n >= MIN_TEXT_PIXELS and c != most]
    return max(ratios) if ratios else None


def _rgb(value: int) -> tuple[int, int, int]:
    return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF


def clipped(widget: QWidget, text: str, border_px: int = 0) -> str:
    """Why `text` is not shown whole ("" when it is): elided, wider or taller than the room
    the widget has (inside a button's `border_px` border), pushed out of the window, or
    sideways out of a scroll area."""
    if text.endswith(ELLIPSES):
        return f"elided: {text[-20:]!r}"
    metrics = widget.fontMetrics()
    if isinstance(widget, QLabel):
        room = widget.contentsRect()
        margin = widget.margin() * 2
        wrap = widget.wordWrap()
        flags = int(widget.alignment()) | (int(Qt.TextFlag.TextWordWrap) if wrap else 0)
        width = max(1, room.width() - margin) if wrap else 1 << 20
        need = metrics.boundingRect(QRect(0, 0, width, 1 << 20), flags, text)
        if need.width() > room.width() - margin + 1 or need.height() > room.height() - margin + 1:
            return (f"needs {need.width()} x {need.height()} px, has "
                    f"{room.width()} x {room.height()} px")
    elif isinstance(widget, QAbstractButton) and not QAbstractButton.text(widget):
        # A button that draws no text of its own (a tile, a card: word-wrapping labels laid
        # out inside it, whose joined words its text() returns) is judged by those labels,
        # each checked on its own; measured as one unwrapped line it would be "clipped" by
        # the very wrapping that keeps its words whole.
        pass
    elif isinstance(widget, QAbstractButton):
        # The words and the icon must fit inside the border; padding may give way.
        need = metrics.boundingRect(QRect(0, 0, 1 << 20, 1 << 20), 0, text)
        icon = widget.iconSize() if not widget.icon().isNull() else None
        width = need.width() + (icon.width() if icon is not None else 0)
        height = max(need.height(), icon.height() if icon is not None else 0)
        room_w, room_h = widget.width() - 2 * border_px, widget.height() - 2 * border_px
        if width > room_w + 1 or height > room_h + 1:
            return f"needs {width} x {height} px inside its border, has {room_w} x {room_h} px"
    elif isinstance(widget, QLineEdit) and not widget.text():
        margins = widget.textMargins()
        space = widget.contentsRect().width() - margins.left() - margins.right()
        if metrics.horizontalAdvance(text) > space:
            return f"placeholder needs {metrics.horizontalAdvance(text)} px, has {space}"
    return outside(widget)


def outside(widget: QWidget) -> str:
    """"" unless the widget reaches past its window, or past the side of a scroll area it
    sits in (WCAG 1.4.10: no sideways scrolling)."""
    window = widget.window()
    top_left = widget.mapTo(window, widget.rect().topLeft())
    rect = QRect(top_left, widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            port = parent.viewport()
            left = port.mapTo(window, port.rect().topLeft()).x()
            if rect.x() < left - 1 or rect.right() > left + port.width() + 1:
                return "reaches sideways out of its scroll area"
            return ""
        parent = parent.parentWidget()
    if not window.rect().contains(rect):
        return "reaches out of the window"
    return ""
