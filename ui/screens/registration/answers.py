"""Reading and writing the resident's answers in the visit's registration draft, by field name.

The draft (kiosk.registration, in `visit.registration`) is the only copy of what was entered:
every screen writes each edit to it at once and renders from it on `enter()`, so answers stay
while the resident moves back and forth, and `visit.end()` forgets them all.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from kiosk.registration.draft import RegistrationDraft
from kiosk.session import Visit


def draft_of(visit: Visit) -> RegistrationDraft:
    """The visit's registration draft (kiosk.registration.draft; wiped by `visit.end()`)."""
    return visit.registration


def get(visit: Visit, name: str, default: Any = None) -> Any:
    """The answer `name` ("nik", "full_name", ...), or `default` when none was given."""
    value = getattr(draft_of(visit), name, default)
    return default if value is None else value


def remember(visit: Visit, name: str, value: Any) -> None:
    """`put`, for a value the draft may not have a field for (then nothing is kept)."""
    if hasattr(draft_of(visit), name):
        put(visit, name, value)


def put(visit: Visit, name: str, value: Any) -> None:
    """Store one answer. A frozen draft is replaced by a copy with the new value (through the
    visit, which tells its listeners); a mutable one is changed in place.

    Raises:
        AttributeError: the draft has no field `name` (a typo in a screen, caught by the tests).
    """
    draft = draft_of(visit)
    if not hasattr(draft, name):
        raise AttributeError(f"the registration draft has no field {name!r}")
    if getattr(draft, name) == value:
        return
    params = getattr(draft, "__dataclass_params__", None)
    if params is not None and params.frozen:
        visit.registration = dataclasses.replace(draft, **{name: value})
    else:
        setattr(draft, name, value)
        edited = getattr(visit, "registration_edited", None)
        if edited is not None:
            edited()  # Selesai shows as soon as something is entered
