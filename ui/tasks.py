"""Background work: one sqlite thread, a small network pool, results back on the GUI thread.

API (stable; screens and widgets rely on it):

    runner.db(fn, on_done=None, on_error=None) -> Future
        Run `fn()` (no arguments) in the single database thread. The sqlite connection is opened
        by the first task (kiosk.services.open_services), so every later db task finds it in the
        same thread. `on_done(result)` / `on_error(exc)` run on the GUI thread.
    runner.db_latest(key, fn, on_done=None, on_error=None) -> Future
        Like `db`, but "latest wins" per `key` (search as you type): a newer task for the same key
        cancels the older one if it has not started, and an older result that arrives late is
        dropped (neither callback runs).
    runner.net(fn, on_done=None, on_error=None) -> Future
        Run `fn()` on the network pool (2 threads): sync, downloads.
    runner.shutdown(close=None) -> None
        Run `close()` last in the db thread (closing the database), then wait for both pools.
        Results still on their way are dropped; later submissions raise RuntimeError.

`fn` must never touch widgets. Without `on_error`, a TaskRunner logs the failure at ERROR and a
SyncRunner re-raises it, so tests see it. `SyncRunner` has the same API and runs everything
inline: the callbacks have run before `db()` returns. Annotate parameters with `Runner`.
"""
from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Hashable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None] | None
OnError = Callable[[Exception], None] | None
NET_WORKERS = 2


class Runner(Protocol):
    """What screens need from a runner: TaskRunner in the app, SyncRunner in tests."""

    def db(self, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None) -> Future:
        ...

    def db_latest(
        self, key: Hashable, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None
    ) -> Future:
        ...

    def net(
        self, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None
    ) -> Future:
        ...

    def shutdown(self, close: Callable[[], None] | None = None) -> None:
        ...


class TaskRunner(QObject):
    """Runs callables off the GUI thread and calls back on it (Anki's TaskManager, shrunk)."""

    _delivered = Signal(object)  # a closure to run on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="siker-db")
        self._net_pool = ThreadPoolExecutor(max_workers=NET_WORKERS, thread_name_prefix="siker-net")
        self._latest: dict[Hashable, int] = {}
        self._latest_futures: dict[Hashable, Future] = {}
        self._tokens = itertools.count(1)
        self._closed = False
        self._delivered.connect(self._on_delivered)

    def db(self, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None) -> Future:
        return self._submit(self._db_pool, fn, on_done, on_error, lambda: True)

    def net(
        self, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None
    ) -> Future:
        return self._submit(self._net_pool, fn, on_done, on_error, lambda: True)

    def db_latest(
        self, key: Hashable, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None
    ) -> Future:
        token = next(self._tokens)
        self._latest[key] = token
        previous = self._latest_futures.get(key)
        if previous is not None:
            previous.cancel()  # only succeeds if it has not started; else its result is dropped
        future = self._submit(
            self._db_pool, fn, on_done, on_error, lambda: self._latest.get(key) == token
        )
        self._latest_futures[key] = future
        return future

    def shutdown(self, close: Callable[[], None] | None = None) -> None:
        if self._closed:
            return
        self._closed = True
        self._net_pool.shutdown(wait=True, cancel_futures=True)
        if close is not None:
            self._db_pool.submit(_run_logged, close)
        self._db_pool.shutdown(wait=True)  # queued writes still finish

    def _submit(
        self,
        pool: Executor,
        fn: Callable[[], Any],
        on_done: OnDone,
        on_error: OnError,
        wanted: Callable[[], bool],
    ) -> Future:
        if self._closed:
            raise RuntimeError("the task runner has been shut down")

        def work() -> Any:
            if not wanted():
                return None
            try:
                result = fn()
            except Exception as exc:  # handed to on_error on the GUI thread
                failure = exc  # `exc` is unbound after the except block; the closure runs later
                self._emit(lambda: _report(failure, on_error) if wanted() else None)
                return None
            self._emit(lambda: on_done(result) if on_done is not None and wanted() else None)
            return result

        return pool.submit(work)

    def _emit(self, closure: Callable[[], None]) -> None:
        if self._closed:
            return
        try:
            self._delivered.emit(closure)
        except RuntimeError:  # the QObject is gone (application closing)
            pass

    @Slot(object)
    def _on_delivered(self, closure: Callable[[], None]) -> None:
        if not self._closed:
            closure()


class SyncRunner:
    """The TaskRunner API run inline on the calling thread, for tests (no threads, no waiting)."""

    def __init__(self) -> None:
        self._closed = False

    def db(self, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None) -> Future:
        return self._run(fn, on_done, on_error)

    def net(
        self, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None
    ) -> Future:
        return self._run(fn, on_done, on_error)

    def db_latest(
        self, key: Hashable, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None
    ) -> Future:
        return self._run(fn, on_done, on_error)

    def shutdown(self, close: Callable[[], None] | None = None) -> None:
        if not self._closed and close is not None:
            close()
        self._closed = True

    def _run(self, fn: Callable[[], Any], on_done: OnDone, on_error: OnError) -> Future:
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        future: Future = Future()
        try:
            result = fn()
        except Exception as exc:
            future.set_exception(exc)
            if on_error is None:
                raise
            on_error(exc)
            return future
        future.set_result(result)
        if on_done is not None:
            on_done(result)
        return future


def _report(exc: Exception, on_error: OnError) -> None:
    if on_error is not None:
        on_error(exc)
    else:
        log.error("background task failed: %s", type(exc).__name__, exc_info=exc)


def _run_logged(fn: Callable[[], None]) -> None:
    try:
        fn()
    except Exception:
        log.exception("closing task failed")
