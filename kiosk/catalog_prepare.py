"""Preparing the next batch of a long write while the current one is written.

A batch's rows, folded and stemmed words and packed descriptions (kiosk.catalog_rows
.prepare_batch) need no database. In a thread they compete with the writing thread for
Python's GIL, so a long write (more than PROCESS_FROM_BATCHES batches: an import of a large
file, a sync from scratch) hands them to one helper process while this one only writes
SQLite, which lets go of the GIL. Short writes never start the process (its start-up, about a
second of the other core, would cost more than it saves); while it starts, and wherever it
cannot run or dies, batches are prepared in a thread as before.

The helper is started with "spawn" on every platform (as Windows must; safe beside the Qt and
database threads; in the PyInstaller bundle ui/cli.py calls multiprocessing.freeze_support).
It holds the only other end of one pipe: when this process ends, even by SIGKILL, the helper
reads end-of-file and exits, so no orphan is left behind.
"""
from __future__ import annotations

import logging
import multiprocessing
import pickle
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

from kiosk.catalog_rows import Prepared, index_fingerprint, prepare_batch
from kiosk.textnorm import Stemmer
from kiosk.vacancy import Vacancy

log = logging.getLogger(__name__)

PROCESS_FROM_BATCHES = 4
"""Batches (of kiosk.catalog.BATCH_SIZE) written in-process before the helper process is
started: a file of 2,000 vacancies or fewer never starts it."""

Ready = Callable[[], list[Prepared]]
"""A batch being prepared: call it for the prepared batch (raises what preparing raised)."""


def _serve(conn: Connection) -> None:
    """The helper process: answers each batch of vacancies with (row, words, salary_top) of
    each, learns the roots it is sent as a dict (Stemmer.learn); ends at end-of-file (the
    writer closed its end, or is gone)."""
    # Ctrl-C reaches the whole process group: the writer decides what to do with it; a
    # KeyboardInterrupt here would only print a traceback under the writer's own message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stemmer = Stemmer()
    try:
        conn.send(("ready", index_fingerprint(stemmer)))  # also loads Sastrawi's dictionary
    except OSError:  # the writer finished (or went) before the helper was up
        return
    # Batches are read as they come, by a thread, while the one before is prepared: the
    # writer may send several ahead (upsert_in_batches) and must never block in a send while
    # this process blocks in sending it an answer it has not yet asked for.
    inbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    threading.Thread(target=_read_all, args=(conn, inbox), daemon=True,
                     name="siker-prepare-inbox").start()
    while True:
        message = inbox.get()
        if message is None:
            return
        batch = pickle.loads(message)  # noqa: S301 - from the writer that started this process
        if isinstance(batch, dict):  # the roots the writer's Stemmer found before (learn)
            stemmer.learn(batch)
            continue
        try:
            answer: tuple[str, Any] = (
                "ok", [(p.row, p.words, p.salary_top) for p in prepare_batch(stemmer, batch)])
        except Exception as exc:  # noqa: BLE001 - the writer prepares it again to raise it
            answer = ("error", repr(exc))
        try:
            conn.send(answer)
        except OSError:  # the writer has gone (or stopped listening): nothing to answer
            return


def _read_all(conn: Connection, inbox: queue.SimpleQueue[bytes | None]) -> None:
    """The helper's reading thread: every message as it arrives, then None at end-of-file."""
    try:
        while True:
            inbox.put(conn.recv_bytes())
    except (EOFError, OSError):
        inbox.put(None)


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while the helper is started (main thread only; signal's rule)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


class _Helper:
    """The helper process and this process's end of its pipe."""

    def __init__(self, stemmer: Stemmer) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True,
                                        name="siker-prepare")
        with _sigint_ignored():  # inherited through exec: ignored from its first line on
            self._process.start()
        child.close()  # the helper's end now lives only in the helper
        self._stemmer = stemmer
        self._fingerprint = index_fingerprint(stemmer)
        self._taught = False
        self.state = "starting"  # -> "ready" | "gone"

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def poll_ready(self, timeout: float = 0) -> bool:
        """True once the helper has started and folds and stems as this process does."""
        if self.state == "starting" and self._conn.poll(timeout):
            try:
                kind, fingerprint = self._conn.recv()
            except (EOFError, OSError):  # died while starting (cannot import, killed)
                self.close()
                return False
            if kind == "ready" and fingerprint == self._fingerprint:
                self.state = "ready"
            else:  # another Stemmer than the one in the helper: its words would differ
                self.close()
        return self.state == "ready"

    def send(self, batch: list[Vacancy]) -> None:
        if not self._taught:
            # The words already met in this process (the batches before the helper was up):
            # Sastrawi takes about 0.3 ms a word, so the helper is not made to find them again.
            self._taught = True
            self._conn.send(self._stemmer.roots())
        self._conn.send(batch)

    def receive(self, batch: list[Vacancy]) -> list[Prepared] | None:
        """The prepared batch, or None when preparing it raised (in the helper)."""
        kind, answer = self._conn.recv()
        if kind != "ok":
            return None
        return [Prepared(v, *rest) for v, rest in zip(batch, answer, strict=True)]

    def close(self) -> None:
        self.state = "gone"
        self._conn.close()  # the helper reads end-of-file and returns
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=5)


class BatchPreparer:
    """Prepares batches for one long write (kiosk.catalog.upsert_in_batches): `submit` a
    batch, then call what it returns for the prepared batch. Several batches may be in
    preparation at once (kiosk.catalog_batches.AHEAD); call what each `submit` returned in
    the order they were submitted.

    Args:
        stemmer: the catalog's; the helper process is used only while its own Stemmer gives
            the same index_fingerprint.
        use_process: False keeps everything in this process (a write inside a caller's
            transaction, the sync engine's pages).
    """

    def __init__(self, stemmer: Stemmer, *, use_process: bool = True) -> None:
        self._stemmer = stemmer
        self._use_process = use_process
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="siker-prepare")
        self._helper: _Helper | None = None
        self._submitted = 0
        self.helper_batches = 0
        """How many batches went to the helper process (for tests and the benchmark)."""
        self.helper_wait_s = 0.0
        """Seconds the writer waited for the helper's batches (the benchmark: where the time
        goes; near 0 means the writing, not the preparing, sets the pace)."""

    def __enter__(self) -> BatchPreparer:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    @property
    def helper_pid(self) -> int | None:
        """The helper process's id once started and not lost (for tests), else None."""
        helper = self._helper
        return helper.pid if helper is not None and helper.state != "gone" else None

    def wait_for_helper(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for a started helper to be ready (for tests and the
        benchmark: a write never waits, it prepares in the thread meanwhile)."""
        helper = self._helper
        return helper is not None and helper.poll_ready(timeout)

    def submit(self, batch: list[Vacancy]) -> Ready:
        self._submitted += 1
        helper = self._start_helper()
        if helper is not None and helper.poll_ready():
            try:
                helper.send(batch)
            except (OSError, ValueError, pickle.PickleError) as exc:  # gone, or cannot be sent
                self._lost(exc)
            else:
                self.helper_batches += 1
                return lambda: self._receive(helper, batch)
        future = self._thread.submit(prepare_batch, self._stemmer, batch)
        return future.result

    def _start_helper(self) -> _Helper | None:
        if (self._helper is None and self._use_process
                and self._submitted > PROCESS_FROM_BATCHES):
            try:
                self._helper = _Helper(self._stemmer)
            except (OSError, RuntimeError) as exc:  # no processes here (a sandbox, a limit)
                self._use_process = False
                log.info("Catalog: no helper process (%s); batches prepared in a thread", exc)
        return self._helper if self._helper is not None and self._helper.state != "gone" \
            else None

    def _receive(self, helper: _Helper, batch: list[Vacancy]) -> list[Prepared]:
        started = time.perf_counter()
        try:
            prepared = helper.receive(batch)
        except (EOFError, OSError, ValueError, TypeError, pickle.PickleError) as exc:
            self._lost(exc)
            prepared = None
        self.helper_wait_s += time.perf_counter() - started
        # Prepared here again where the helper could not: this raises what preparing raises.
        return prepared if prepared is not None else prepare_batch(self._stemmer, batch)

    def _lost(self, exc: BaseException) -> None:
        log.warning("Catalog: helper process lost (%s); batches prepared in a thread", exc)
        if self._helper is not None:
            self._helper.close()

    def close(self) -> None:
        """Stop the helper process (if started) and the thread; idempotent."""
        if self._helper is not None and self._helper.state != "gone":
            self._helper.close()
        self._thread.shutdown(wait=True)
