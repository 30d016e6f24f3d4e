"""A key tapped on the search screen's on-screen keyboard, to the results painted, at 100,000
vacancies: the real JobSearchScreen offscreen at 1920 x 1080, the real TaskRunner (the search
runs in the db thread), a click on each key of phrases residents type.

Run by hand: `.venv/bin/python benchmarks/search_keypress.py [--size 100000]` (uses the catalog
benchmarks/search_latency.py builds in benchmarks/.cache/).
Each tap is timed from the click to the first paint of the result list after the page for
that text arrived (the list is asked to repaint even when its texts did not change, so each
tap includes a full paint: an upper bound); `cards` is the GUI's time to put the page into the
cards. The same run measures it twice: with the cards reused (the kiosk) and with every card
built anew (the way before issue 9), the baseline the reuse is compared to.
Target (issue 9): p95 <= 50 ms at 100,000 vacancies.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.search_latency import REAL_FILE, TODAY, build_catalog  # noqa: E402
from kiosk.db import DB_FILENAME  # noqa: E402
from kiosk.importer import read_vacancies  # noqa: E402
from kiosk.region import RegionTable  # noqa: E402
from kiosk.services import open_services  # noqa: E402
from kiosk.session import Visit  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from kiosk.vacancy import Vacancy  # noqa: E402
from ui.context import KioskContext  # noqa: E402
from ui.screens.job_search import JobSearchScreen  # noqa: E402
from ui.tasks import TaskRunner  # noqa: E402
from ui.theme import Theme  # noqa: E402

PHRASES = ["sopir", "admin gudang", "kasir", "staff marketing", "operator produksi", "satpam"]


class _Paints(QObject):
    """Counts paint events of the result list's viewport."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _wait(app: QApplication, done: object, timeout_s: float = 10.0) -> None:
    end = time.perf_counter() + timeout_s
    while not done():  # type: ignore[operator]
        if time.perf_counter() > end:
            raise TimeoutError("the screen did not answer in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def run(app: QApplication, screen: JobSearchScreen, reuse: bool) -> dict[str, object]:
    paints = _Paints()
    screen.results.viewport().installEventFilter(paints)
    timings: list[float] = []
    cards_ms: list[float] = []
    original = screen.results.show_vacancies

    def timed_show(vacancies, regions, *, replace_all, **more):  # type: ignore[no-untyped-def]
        if not reuse:  # the baseline: no spare card, every card built anew
            for card in screen.results._spare:
                card.deleteLater()
            screen.results._spare = []
            if replace_all:
                for card in screen.results._cards:
                    card.hide()
                    card.deleteLater()
                screen.results._cards = []
        t0 = time.perf_counter()
        original(vacancies, regions, replace_all=replace_all, **more)
        cards_ms.append((time.perf_counter() - t0) * 1000)
        screen.results.viewport().update()

    screen.results.show_vacancies = timed_show  # type: ignore[method-assign]
    for phrase in PHRASES:
        QTest.mouseClick(screen.keyboard.key("clear"), Qt.MouseButton.LeftButton)
        _wait(app, lambda: screen._shown_query is not None
              and screen._shown_query.text == "")
        for ch in phrase:
            key = "space" if ch == " " else ch
            before = paints.count
            t0 = time.perf_counter()
            QTest.mouseClick(screen.keyboard.key(key), Qt.MouseButton.LeftButton)
            text = screen.search_field.text()
            _wait(app, lambda text=text, before=before: screen._shown_query is not None
                  and screen._shown_query.text == text and paints.count > before)
            timings.append((time.perf_counter() - t0) * 1000)
    screen.results.show_vacancies = original  # type: ignore[method-assign]
    screen.results.viewport().removeEventFilter(paints)
    ordered = sorted(timings)
    cards = sorted(cards_ms)
    return {
        "taps": len(timings),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 1),
        "max_ms": round(ordered[-1], 1),
        "cards_p50_ms": round(statistics.median(cards), 1),
        "cards_p95_ms": round(cards[int(len(cards) * 0.95) - 1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    regions = RegionTable.load()
    base = [v for v in read_vacancies(REAL_FILE, regions) if isinstance(v, Vacancy)]
    catalog = build_catalog(args.size, base)
    app = QApplication.instance() or QApplication([])
    theme = Theme.for_size(1920, 1080)
    theme.apply(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        shutil.copy(catalog, data / DB_FILENAME)
        clock = lambda: TODAY  # noqa: E731
        runner = TaskRunner(lambda: open_services(data, clock, seed_demo=False))
        warm = []
        runner.db(lambda s: s.search.warm_up(), on_done=lambda _r: warm.append(1))
        _wait(app, lambda: bool(warm), 60)  # type: ignore[arg-type]
        settings = Settings(data_dir=data, lang="id", windowed=True)
        ctx = KioskContext.create(runner, Visit("id"), theme.scale, clock, settings, regions)
        screen = JobSearchScreen(ctx)
        screen.resize(1920, 1080)
        screen.show()
        screen.enter()
        figures: dict[str, object] = {}
        for name, reuse in (("rebuilt", False), ("reused", True)) * args.rounds:
            figures[name] = run(app, screen, reuse)
            print(name, json.dumps(figures[name]), flush=True)
        screen.close()
        runner.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
