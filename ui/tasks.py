"""Background work: one database thread that owns the kiosk services, a small network pool, and
results back on the GUI thread.

API (stable; screens and widgets rely on it):

    TaskRunner(opener)           # opener() -> KioskServices, run as the db thread's first task
    runner.db(fn, on_done=None, on_error=None) -> Future
        Run `fn(services)` in the single database thread, handing it the services opened there:
        a task cannot reach them from the wrong thread. `on_done(result)` / `on_error(exc)` run
        on the GUI thread. When opening failed, `on_error` gets ServicesUnavailable whose
        `__cause__` is the opening error.
    runner.db_latest(key, fn, on_done=None, on_error=None) -> Future
        Like `db`, but "latest wins" per `key` (search as you type): a newer task for the same key
        cancels the older one if it has not started, and an older result that arrives late is
        dropped (neither callback runs).
    runner.net(fn, on_done=None, on_error=None) -> Future
        Run `fn()` (no services: SQLite connections stay in their thread) on the network pool.
    runner.on_changes(listener) -> unsubscribe
        A db task whose result is a kiosk.changes.Changes (or carries one as `.changes`) that
        says anything changed is fanned out to every listener on the GUI thread, after its
        `on_done`. Each screen decides whether it cares.
    runner.open_error -> BaseException | None   # why the services could not be opened
    runner.shutdown() -> None
        Close the services last in the db thread, then wait for both pools. Results still on
        their way are dropped; later submissions raise RuntimeError.

`fn` must never touch widgets. Without `on_error`, a TaskRunner logs the failure at ERROR and a
SyncRunner re-raises it, so tests see it. `SyncRunner(opener)` has the same API and runs
everything inline: the callbacks have run before `db()` returns. Annotate with `Runner`.
"""
from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Hashable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.changes import Changes
from kiosk.services import KioskServices

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None] | None
OnError = Callable[[Exception], None] | None
DbTask = Callable[[KioskServices], Any]
Opener = Callable[[], KioskServices]
ChangesListener = Callable[[Changes], None]
NET_WORKERS = 2


class ServicesUnavailable(RuntimeError):
    """The kiosk services could not be opened; `__cause__` says why (kiosk.db describes it)."""


class Runner(Protocol):
    """What screens need from a runner: TaskRunner in the app, SyncRunner in tests."""

    @property
    def open_error(self) -> BaseException | None: ...

    def db(self, fn: DbTask, on_done: OnDone = None, on_error: OnError = None) -> Future: ...

    def db_latest(
        self, key: Hashable, fn: DbTask, on_done: OnDone = None, on_error: OnError = None
    ) -> Future: ...

    def net(
        self, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None
    ) -> Future: ...

    def on_changes(self, listener: ChangesListener) -> Callable[[], None]: ...

    def shutdown(self) -> None: ...


def changes_of(result: Any) -> Changes | None:
    """The Changes a task's result reports, if any."""
    found = result if isinstance(result, Changes) else getattr(result, "changes", None)
    return found if isinstance(found, Changes) and found else None


class _Services:
    """The services of one db thread: opened by its first task, closed by its last."""

    def __init__(self, opener: Opener) -> None:
        self._opener = opener
        self.services: KioskServices | None = None
        self.error: BaseException | None = None

    def open(self) -> None:
        try:
            self.services = self._opener()
        except Exception as exc:  # every later task reports it through ServicesUnavailable
            self.error = exc
            log.error("The kiosk services could not be opened: %s", type(exc).__name__)

    def get(self) -> KioskServices:
        if self.services is None:
            raise ServicesUnavailable("the kiosk services are not open") from self.error
        return self.services

    def close(self) -> None:
        if self.services is not None:
            services, self.services = self.services, None
            services.close()


class _Listeners:
    def __init__(self) -> None:
        self._listeners: list[ChangesListener] = []

    def add(self, listener: ChangesListener) -> Callable[[], None]:
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def publish(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            if listener in self._listeners:  # a screen disposed by an earlier listener
                listener(changes)


class TaskRunner(QObject):
    """Runs callables off the GUI thread and calls back on it (Anki's TaskManager, shrunk)."""

    _delivered = Signal(object)  # a closure to run on the GUI thread

    def __init__(self, opener: Opener, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="siker-db")
        self._net_pool = ThreadPoolExecutor(max_workers=NET_WORKERS, thread_name_prefix="siker-net")
        self._services = _Services(opener)
        self._listeners = _Listeners()
        self._latest: dict[Hashable, int] = {}
        self._latest_futures: dict[Hashable, Future] = {}
        self._tokens = itertools.count(1)
        self._closed = False
        self._delivered.connect(self._on_delivered)
        self._db_pool.submit(self._services.open)

    @property
    def open_error(self) -> BaseException | None:
        """Why opening failed, once the opening task has run; None while open (or not yet)."""
        return self._services.error

    def db(self, fn: DbTask, on_done: OnDone = None, on_error: OnError = None) -> Future:
        return self._submit_db(fn, on_done, on_error, lambda: True)

    def net(
        self, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None
    ) -> Future:
        return self._submit(self._net_pool, fn, on_done, on_error, lambda: True)

    def db_latest(
        self, key: Hashable, fn: DbTask, on_done: OnDone = None, on_error: OnError = None
    ) -> Future:
        token = next(self._tokens)
        self._latest[key] = token
        previous = self._latest_futures.get(key)
        if previous is not None:
            previous.cancel()  # only succeeds if it has not started; else its result is dropped
        future = self._submit_db(fn, on_done, on_error, lambda: self._latest.get(key) == token)
        self._latest_futures[key] = future
        return future

    def on_changes(self, listener: ChangesListener) -> Callable[[], None]:
        return self._listeners.add(listener)

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._net_pool.shutdown(wait=True, cancel_futures=True)
        self._db_pool.submit(_run_logged, self._services.close)
        self._db_pool.shutdown(wait=True)  # queued writes still finish

    def _submit_db(
        self, fn: DbTask, on_done: OnDone, on_error: OnError, wanted: Callable[[], bool]
    ) -> Future:
        return self._submit(
            self._db_pool, lambda: fn(self._services.get()), on_done, on_error, wanted
        )

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
            self._emit(lambda: self._deliver(result, on_done, wanted()))
            return result

        return pool.submit(work)

    def _deliver(self, result: Any, on_done: OnDone, wanted: bool) -> None:
        if wanted and on_done is not None:
            on_done(result)
        changes = changes_of(result)
        if changes is not None:  # even a superseded write did change the data
            self._listeners.publish(changes)

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
    """The TaskRunner API run inline on the calling thread, for tests and screenshots (no
    threads, no waiting).

    Args:
        opener: returns the services (called at once), or the open services themselves.
    """

    def __init__(self, opener: Opener | KioskServices) -> None:
        self._closed = False
        self._listeners = _Listeners()
        self._services = _Services(
            opener if callable(opener) else (lambda: opener)
        )
        self._services.open()

    @property
    def open_error(self) -> BaseException | None:
        return self._services.error

    def db(self, fn: DbTask, on_done: OnDone = None, on_error: OnError = None) -> Future:
        return self._run(lambda: fn(self._services.get()), on_done, on_error)

    def net(
        self, fn: Callable[[], Any], on_done: OnDone = None, on_error: OnError = None
    ) -> Future:
        return self._run(fn, on_done, on_error)

    def db_latest(
        self, key: Hashable, fn: DbTask, on_done: OnDone = None, on_error: OnError = None
    ) -> Future:
        return self.db(fn, on_done, on_error)

    def on_changes(self, listener: ChangesListener) -> Callable[[], None]:
        return self._listeners.add(listener)

    def shutdown(self) -> None:
        if not self._closed:
            self._services.close()
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
        changes = changes_of(result)
        if changes is not None:
            self._listeners.publish(changes)
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
