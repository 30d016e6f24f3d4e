"""TaskRunner: one db thread, callbacks on the GUI thread, latest-wins search, clean shutdown."""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.changes import Changes
from ui.tasks import ServicesUnavailable, SyncRunner, TaskRunner


class _Services:
    """Stands in for KioskServices where a test needs only the thread it lives in."""

    def __init__(self) -> None:
        self.opened_in = threading.current_thread().name
        self.closed_in = ""

    def close(self) -> None:
        self.closed_in = threading.current_thread().name


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner(_Services)  # type: ignore[arg-type]
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
            lambda _s, n=n: workers.append(threading.get_ident()) or n,
            on_done=lambda result: callbacks.append((result, threading.get_ident())),
        )
    qtbot.waitUntil(lambda: len(callbacks) == 5)
    assert len(set(workers)) == 1 and workers[0] != gui
    assert [r for r, _ in callbacks] == [0, 1, 2, 3, 4]  # in submission order
    assert {t for _, t in callbacks} == {gui}


def test_the_services_are_opened_in_the_db_thread_and_handed_to_every_task(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    seen: list[tuple[str, str]] = []
    for _ in range(3):
        runner.db(lambda s: (s.opened_in, threading.current_thread().name), on_done=seen.append)
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert all(opened == ran and ran.startswith("siker-db") for opened, ran in seen)


@pytest.mark.expected_log("ui.tasks", "ERROR")
def test_when_opening_fails_every_task_is_told_why(qtbot: QtBot) -> None:
    def broken() -> _Services:
        raise OSError(28, "No space left on device")

    runner = TaskRunner(broken)  # type: ignore[arg-type]
    errors: list[Exception] = []
    try:
        runner.db(lambda s: pytest.fail("no task may run without services"),
                  on_error=errors.append)
        qtbot.waitUntil(lambda: len(errors) == 1)
    finally:
        runner.shutdown()
    assert isinstance(errors[0], ServicesUnavailable)
    assert isinstance(errors[0].__cause__, OSError)
    assert isinstance(runner.open_error, OSError)


def test_a_write_that_changed_something_is_fanned_out_after_its_callback(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    order: list[str] = []
    stop = runner.on_changes(lambda c: order.append(f"changes {c.domains()}"))
    runner.db(lambda _s: Changes(catalog=True), on_done=lambda _c: order.append("done"))
    runner.db(lambda _s: Changes(), on_done=lambda _c: order.append("nothing"))
    qtbot.waitUntil(lambda: "nothing" in order)
    stop()
    runner.db(lambda _s: Changes(outbox=True))
    runner.db(lambda _s: None, on_done=lambda _r: order.append("after"))
    qtbot.waitUntil(lambda: "after" in order)
    assert order == ["done", "changes ('catalog',)", "nothing", "after"]


def test_a_failing_task_reaches_on_error_on_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    errors: list[tuple[Exception, int]] = []
    runner.db(
        lambda _s: 1 / 0,
        on_done=lambda _r: pytest.fail("on_done must not run for a failure"),
        on_error=lambda exc: errors.append((exc, threading.get_ident())),
    )
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0][0], ZeroDivisionError)
    assert errors[0][1] == threading.get_ident()


@pytest.mark.expected_log("ui.tasks", "ERROR")
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

    runner.db_latest("search", lambda _s: search("g", wait=True), on_done=results.append)
    qtbot.waitUntil(lambda: started == ["g"])  # running: too late to cancel, result is dropped
    runner.db_latest("search", lambda _s: search("gu"), on_done=results.append)  # never starts
    runner.db_latest("search", lambda _s: search("gudang"), on_done=results.append)
    other: list[str] = []
    runner.db_latest("count", lambda _s: "other key", on_done=other.append)
    release.set()
    qtbot.waitUntil(lambda: results == ["gudang"] and other == ["other key"])
    assert started == ["g", "gudang"]


def test_shutdown_closes_the_services_in_the_db_thread_waits_and_refuses_more_work() -> None:
    services: list[_Services] = []

    def opener() -> _Services:
        services.append(_Services())
        return services[0]

    runner = TaskRunner(opener)  # type: ignore[arg-type]
    runner.db(lambda _s: None)
    runner.shutdown()
    assert services[0].closed_in == services[0].opened_in
    assert services[0].opened_in.startswith("siker-db")
    assert not any(t.name.startswith("siker-") for t in threading.enumerate())
    with pytest.raises(RuntimeError, match="shut down"):
        runner.db(lambda _s: None)


def test_sync_runner_has_called_back_before_it_returns() -> None:
    runner = SyncRunner(_Services)  # type: ignore[arg-type]
    seen: list[object] = []
    future = runner.db(lambda _s: 41 + 1, on_done=seen.append)
    assert seen == [42] and future.result() == 42
    runner.db_latest("search", lambda _s: "x", on_done=seen.append)
    runner.net(lambda: 1 / 0, on_error=seen.append)
    assert seen[1] == "x" and isinstance(seen[2], ZeroDivisionError)


def test_sync_runner_raises_a_failure_nobody_handles() -> None:
    with pytest.raises(ZeroDivisionError):
        SyncRunner(_Services).db(lambda _s: 1 / 0)  # type: ignore[arg-type]


def test_sync_runner_closes_once_on_shutdown() -> None:
    service = _Services()
    runner = SyncRunner(service)  # type: ignore[arg-type]
    runner.shutdown()
    runner.shutdown()
    assert service.closed_in == threading.current_thread().name
    with pytest.raises(RuntimeError):
        runner.db(lambda _s: None)
