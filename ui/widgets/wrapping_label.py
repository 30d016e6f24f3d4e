"""A label for text from a catalog: plain text that wraps, even inside very long words."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.formatting import breakable

_ZERO_WIDTH_SPACE = "\u200b"


class WrappingLabel(QLabel):
    """A word-wrapping plain-text QLabel. Words of 25 characters or more (a long URL, a code)
    get invisible break chances (kiosk.formatting.breakable), so nothing is cut off at the edge of
    the screen (WCAG 1.4.10 reflow). `text()` gives back the text as it was set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(breakable(text))

    def text(self) -> str:
        return super().text().replace(_ZERO_WIDTH_SPACE, "")
