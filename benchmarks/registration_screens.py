"""Screen to screen in the AK1 registration form: a tap on "Lanjut" (or "Kembali")
to the next step fully painted, in the real kiosk window offscreen at 1920 x 1080 with every
answer filled in (the review screen shows all of them).

Run by hand: `.venv/bin/python benchmarks/registration_screens.py [--rounds 30]`.
Each move is timed from the click to the end of `grab()` of the window (a full layout and
paint of the new step). Baseline in the same run: the same click-to-grab on a bare
QStackedWidget switching between two plain pages with one button each, so the figure shows
what the form itself costs. Target (ACCESSIBILITY.md spirit, no number given): p95 <= 100 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.session import Visit  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from ui.app import open_kiosk_services  # noqa: E402
from ui.context import KioskContext  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.screens.base import Route  # noqa: E402
from ui.tasks import SyncRunner  # noqa: E402
from ui.theme import Theme  # noqa: E402

SIZE = (1920, 1080)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _fill(window: MainWindow) -> None:
    """Every answer, through the test driver's taps (tests/ui/registration/driver.py)."""
    from tests.ui.registration.driver import Answers, Resident

    class _Bot:  # the few QtBot calls the driver makes
        def mouseClick(self, widget: QWidget, button: Qt.MouseButton) -> None:  # noqa: N802
            QTest.mouseClick(widget, button)

    first = window.ctx.regions.kecamatan[0]
    Resident(_Bot(), window).everything(Answers(), first.code,  # type: ignore[arg-type]
                                         first.kelurahan[0].code)


def _time(click: QPushButton, window: QWidget) -> float:
    start = time.perf_counter()
    QTest.mouseClick(click, Qt.MouseButton.LeftButton)
    window.grab()
    return (time.perf_counter() - start) * 1000


def form(rounds: int, data_dir: Path) -> list[float]:
    settings = Settings(data_dir=data_dir, lang="id", windowed=True)
    runner = SyncRunner(lambda: open_kiosk_services(data_dir, datetime.now))
    scale = Theme.for_size(*SIZE).scale
    window = MainWindow(KioskContext.create(runner, Visit("id"), scale, datetime.now, settings))
    window.resize(*SIZE)
    window.show()
    _fill(window)
    times: list[float] = []
    nav = window.navigator
    for _ in range(rounds):
        while nav.current_route is not Route.REG_CONSENT:  # back through every step
            times.append(_time(window.nav_bar.back_button, window))
        while nav.current_route is not Route.REG_REVIEW:  # and forward again
            screen = nav.current_screen
            times.append(_time(screen.next_button, window))  # type: ignore[union-attr]
    window.close()
    runner.shutdown()
    return times


def bare(count: int) -> list[float]:
    stack = QStackedWidget()
    buttons = []
    for _ in range(2):
        page = QWidget()
        button = QPushButton("Lanjut", page)
        QVBoxLayout(page).addWidget(button)
        stack.addWidget(page)
        buttons.append(button)
    buttons[0].clicked.connect(lambda: stack.setCurrentIndex(1))
    buttons[1].clicked.connect(lambda: stack.setCurrentIndex(0))
    stack.resize(*SIZE)
    stack.show()
    return [_time(buttons[stack.currentIndex()], stack) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        moves = form(args.rounds, Path(tmp) / "data")
    baseline = bare(len(moves))
    report = {
        name: {"moves": len(values), "p50_ms": round(statistics.median(values), 1),
               "p95_ms": round(_percentile(values, 95), 1), "max_ms": round(max(values), 1)}
        for name, values in (("registration form", moves), ("bare QStackedWidget", baseline))
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
