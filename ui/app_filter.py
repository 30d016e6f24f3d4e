"""A QObject that watches every event of the running application once installed."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication


class ApplicationFilter(QObject):
    """Base for application-wide event filters: `install()` and `uninstall()` are idempotent,
    and do nothing when no QApplication runs. Subclasses override `eventFilter`."""

    _installed = False

    def install(self) -> None:
        """Start watching every event of the running QApplication."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False
