"""TaskRunner: one db thread, callbacks on the GUI thread, latest-wins search, clean shutdown."""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.db import open_database
from ui.tasks import SyncRunner, TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_db_tasks_share_one_thread_and_report_back_on_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    gui = threading.get_ident()
    workers: list[int] = []
    callbacks: list[tuple[int, int]] = []
    for n in range(5):
        runner.db(
            lambda n=n: workers.append(threading.get_ident()) or n,
            on_done=lambda result: callbacks.append((result, threading.get_ident())),
        )
    qtbot.waitUntil(lambda: len(callbacks) == 5)
    assert len(set(workers)) == 1 and workers[0] != gui
    assert [r for r, _ in callbacks] == [0, 1, 2, 3, 4]  # in submission order
    assert {t for _, t in callbacks} == {gui}


def test_a_connection_opened_by_the_first_db_task_serves_the_later_ones(
    qtbot: QtBot, runner: TaskRunner, tmp_path
) -> None:
    holder = {}
    runner.db(lambda: holder.setdefault("db", open_database(tmp_path / "kiosk.db")))
    runner.db(lambda: holder["db"].execute("CREATE TABLE note (text TEXT)"))
    runner.db(lambda: holder["db"]["note"].insert({"text": "halo"}))
    counted: list[int] = []
    runner.db(lambda: holder["db"]["note"].count, on_done=counted.append)
    qtbot.waitUntil(lambda: counted == [1])
    runner.db(lambda: holder["db"].close())


def test_a_failing_task_reaches_on_error_on_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    errors: list[tuple[Exception, int]] = []
    runner.db(
        lambda: 1 / 0,
        on_done=lambda _r: pytest.fail("on_done must not run for a failure"),
        on_error=lambda exc: errors.append((exc, threading.get_ident())),
    )
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0][0], ZeroDivisionError)
    assert errors[0][1] == threading.get_ident()


def test_a_failure_without_on_error_is_logged(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="ui.tasks"):
        runner.net(lambda: {}["missing"])
        qtbot.waitUntil(lambda: any("KeyError" in r.getMessage() for r in caplog.records))


def test_latest_wins_drops_superseded_search_results(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    started: list[str] = []
    results: list[str] = []

    def search(text: str, wait: bool = False) -> str:
        started.append(text)
        if wait:
            release.wait(5)
        return text

    runner.db_latest("search", lambda: search("g", wait=True), on_done=results.append)
    qtbot.waitUntil(lambda: started == ["g"])  # running: too late to cancel, result is dropped
    runner.db_latest("search", lambda: search("gu"), on_done=results.append)  # never starts
    runner.db_latest("search", lambda: search("gudang"), on_done=results.append)
    other: list[str] = []
    runner.db_latest("count", lambda: "other key", on_done=other.append)
    release.set()
    qtbot.waitUntil(lambda: results == ["gudang"] and other == ["other key"])
    assert started == ["g", "gudang"]


def test_shutdown_runs_close_in_the_db_thread_waits_and_refuses_more_work() -> None:
    runner = TaskRunner()
    threads: list[str] = []
    runner.db(lambda: threads.append(threading.current_thread().name))
    runner.shutdown(close=lambda: threads.append(threading.current_thread().name))
    assert len(threads) == 2 and threads[0] == threads[1]
    assert threads[0].startswith("siker-db")
    assert not any(t.name.startswith("siker-") for t in threading.enumerate())
    with pytest.raises(RuntimeError, match="shut down"):
        runner.db(lambda: None)


def test_sync_runner_has_called_back_before_it_returns() -> None:
    runner = SyncRunner()
    seen: list[object] = []
    future = runner.db(lambda: 41 + 1, on_done=seen.append)
    assert seen == [42] and future.result() == 42
    runner.db_latest("search", lambda: "x", on_done=seen.append)
    runner.net(lambda: 1 / 0, on_error=seen.append)
    assert seen[1] == "x" and isinstance(seen[2], ZeroDivisionError)


def test_sync_runner_raises_a_failure_nobody_handles() -> None:
    with pytest.raises(ZeroDivisionError):
        SyncRunner().db(lambda: 1 / 0)


def test_sync_runner_closes_once_on_shutdown() -> None:
    runner = SyncRunner()
    closed: list[bool] = []
    runner.shutdown(close=lambda: closed.append(True))
    runner.shutdown(close=lambda: closed.append(True))
    assert closed == [True]
    with pytest.raises(RuntimeError):
        runner.db(lambda: None)
