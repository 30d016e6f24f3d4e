"""A quiet line in the top bar: online or offline, the last sync's time, how many records wait
to be sent. Small text, no colour alarm, no dialog: a resident is never blocked or worried."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from kiosk.i18n import _
from sync.client.engine import SyncReport
from ui.theme import set_role


class SyncIndicator(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "bar-small")
        self._online: bool | None = None
        self._last: datetime | None = None
        self._pending = 0
        self.refresh()

    def show_report(self, report: SyncReport | None, now: datetime) -> None:
        if report is None:
            self._online = None
        else:
            self._online = report.ok
            if report.ok:
                self._last = now
        self.refresh()

    def show_pending(self, count: int) -> None:
        self._pending = count
        self.refresh()

    def refresh(self) -> None:
        if self._online is None:
            state = _("Not connected")
        else:
            state = _("Online") if self._online else _("Offline")
        parts = [state]
        if self._last is not None:
            parts.append(_("synced {time}").format(time=self._last.strftime("%H:%M")))
        if self._pending:
            parts.append(_("{count} waiting").format(count=self._pending))
        self.setText(" · ".join(parts))
        self.setAccessibleName(self.text())
