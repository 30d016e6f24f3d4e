"""Stopping a long command cleanly on SIGINT (Ctrl-C) or SIGTERM (`kill`, a service manager).

A command that writes in batches (import-vacancies) asks `StopRequest.requested` between
batches instead of being cut off mid-write: the first signal is noted and the batch in flight
is finished; a second signal of the same kind acts as it normally would (Ctrl-C raises
KeyboardInterrupt, which ui/cli.py turns into one sentence; SIGTERM ends the process).
Exit codes follow the shell's convention of 128 + the signal number (130, 143).
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from kiosk.i18n import _

INTERRUPTED_EXIT = 128 + signal.SIGINT
"""Exit code of a command stopped by Ctrl-C (130), as a shell reports it."""


def stopped_sentence() -> str:
    """The one sentence a command stopped by a signal ends with, in the kiosk's language."""
    return _("Stopped. What had been saved before stays saved; the step in progress was not "
             "saved.")


class StopRequest:
    """Which signal asked the command to stop (None while none did)."""

    def __init__(self) -> None:
        self.signum: int | None = None

    def requested(self) -> bool:
        """True once SIGINT or SIGTERM arrived."""
        return self.signum is not None

    @property
    def exit_code(self) -> int:
        """128 + the signal number (130 for Ctrl-C, 143 for SIGTERM); 0 when none arrived."""
        return 128 + self.signum if self.signum is not None else 0


@contextmanager
def stop_on_signals() -> Iterator[StopRequest]:
    """Note the first SIGINT or SIGTERM instead of acting on it, while the block runs; the
    handlers before are restored afterwards. Outside the main thread (tests calling a command
    from a worker) nothing is installed and the request never fires."""
    request = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield request
        return
    kinds = (signal.SIGINT, signal.SIGTERM)
    before = {kind: signal.getsignal(kind) for kind in kinds}

    def note(signum: int, _frame: FrameType | None) -> None:
        request.signum = signum
        signal.signal(signum, before[signal.Signals(signum)])  # a second one acts at once

    for kind in kinds:
        signal.signal(kind, note)
    try:
        yield request
    finally:
        for kind, handler in before.items():
            signal.signal(kind, handler)
