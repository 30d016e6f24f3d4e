"""What happens on the kiosk once the server acknowledged a record, per outbox entity.

A new outbox entity needs no engine change: register its hook here (or pass your own
`AckHooks` to the engine). Hooks run inside the transaction that records the answer.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlite_utils import Database

AckHook = Callable[[Database, str, datetime], object]


class AckHooks:
    """entity -> hook(db, record_id, now), run when the server acknowledged that record."""

    def __init__(self) -> None:
        self._hooks: dict[str, AckHook] = {}

    def register(self, entity: str, hook: AckHook) -> None:
        self._hooks[entity] = hook

    def run(self, db: Database, entity: str, record_id: str, now: datetime) -> None:
        hook = self._hooks.get(entity)
        if hook is not None:
            hook(db, record_id, now)


def default_hooks() -> AckHooks:
    """Registrations and applications lose their personal data once acknowledged (issue 8,
    UU PDP 27/2022: kept no longer than needed): kiosk.registration.store.purge_personal."""
    from kiosk.registration.store import purge_personal

    hooks = AckHooks()

    def purge(db: Database, record_id: str, now: datetime) -> object:
        return purge_personal(db, record_id, now=now)

    hooks.register("registration", purge)
    hooks.register("application", purge)
    return hooks
