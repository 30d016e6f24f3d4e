"""What the review's "Kirim" runs in the database thread: the same NIK already pending here gives
its existing receipt, otherwise the draft is saved with its outbox entry in one transaction by
the core (KioskServices.submit_registration, kiosk.registration). Plain data comes back."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.services import KioskServices


class RegistrationUnavailable(RuntimeError):
    """This kiosk's core has no registration store (kiosk.registration is not installed)."""


@dataclass(frozen=True)
class SubmitOutcome:
    """reference: the receipt's reference; existing: the NIK was already pending here (no
    second record); problem: a sentence when the core refused a value (nothing written)."""

    reference: str = ""
    existing: bool = False
    problem: str | None = None


def submit_draft(services: KioskServices, draft: Any) -> SubmitOutcome:
    """Runs in the db thread.

    Raises:
        RegistrationUnavailable: the services cannot store registrations.
        sqlite3.Error, OSError, VaultError: the write failed (nothing was written).
    """
    submit = getattr(services, "submit_registration", None)
    if submit is None:
        raise RegistrationUnavailable("KioskServices has no submit_registration")
    # The core checks the draft again, looks the NIK up by its keyed hash (a registration
    # still pending here comes back as `existing`, nothing new written) and saves.
    result = submit(draft)
    problem = getattr(result, "problem", None)
    if problem:
        return SubmitOutcome(problem=str(problem))
    return SubmitOutcome(reference=str(result.reference), existing=bool(result.existing))
