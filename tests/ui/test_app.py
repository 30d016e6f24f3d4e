"""Starting the kiosk: the real runner opens the database in its thread; Qt texts use gettext."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.i18n import set_language
from kiosk.settings import Settings
from ui.app import GettextTranslator, run_kiosk
from ui.main_window import MainWindow
from ui.screens.base import Route


class _CloseWhenOpen(logging.Handler):
    """Closes the kiosk window as soon as the app logs that its services are open and counted."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage() == "Kiosk services open":
            QTimer.singleShot(0, self._close_once_counted)

    def _close_once_counted(self) -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        home = windows[0].navigator.screen(Route.HOME)
        if home.count_label.isVisibleTo(home):
            self.windows = windows
            for window in windows:
                window.close()
        else:  # the count task is queued right behind the opening one
            QTimer.singleShot(10, self._close_once_counted)


@pytest.mark.expected_log("ui.app", "WARNING")  # the offscreen screen is small: shrunk to fit
@pytest.mark.expected_log("accessibility.speech", "WARNING")  # no sound device on a test machine
def test_run_kiosk_opens_the_database_in_the_db_thread_and_shuts_down_cleanly(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(data_dir=tmp_path / "data", windowed=True)
    closer = _CloseWhenOpen()
    logging.getLogger("ui.app").addHandler(closer)
    try:
        with caplog.at_level(logging.INFO):
            assert run_kiosk(settings) == 0
    finally:
        logging.getLogger("ui.app").removeHandler(closer)
    assert (tmp_path / "data" / "kiosk.db").is_file()
    window = closer.windows[0]
    assert window.navigator.screen(Route.HOME).count_label.text().startswith("Ada ")
    assert "Screen none -> home" in caplog.messages
    assert not any(t.name.startswith("siker-") for t in threading.enumerate())
    window.deleteLater()


def test_qt_texts_are_translated_through_our_catalogs(qapp: QApplication) -> None:
    translator = GettextTranslator()
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Back") == "Kembali"
        set_language("en")
        assert QCoreApplication.translate("QPlatformTheme", "Back") == "Back"
        assert QCoreApplication.translate("QLineEdit", "&Undo") == "&Undo"  # not ours: Qt's
    finally:
        qapp.removeTranslator(translator)
        set_language("id")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_quits_the_running_kiosk_with_the_visit_ended(
    tmp_path: Path, signum: int
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIKER_LANG": "id",
           "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(tmp_path / "data"), "--windowed"],
        cwd=Path(__file__).resolve().parents[2], env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    seen = []
    for line in child.stderr:  # the kiosk logs to stderr; wait until it is up
        seen.append(line)
        if "Kiosk services open" in line:
            break
    child.send_signal(signum)
    rest = child.communicate(timeout=30)[1]
    said = "".join(seen) + rest
    assert child.returncode == 0, said
    assert f"Stopping on {signal.Signals(signum).name}" in rest
    assert "Visit ended: every part wiped" in rest
    assert "Traceback" not in said and "KeyboardInterrupt" not in said
