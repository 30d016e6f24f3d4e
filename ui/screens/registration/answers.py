"""Reading and writing the resident's answers in the visit's registration draft, by field name.

The draft (kiosk.registration, in `visit.registration`) is the only copy of what was entered:
every screen writes each edit to it at once and renders from it on `enter()`, so answers stay
while the resident moves back and forth, and `visit.end()` forgets them all.
"""
from __future__ import annotations

import dataclasses
import weakref
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kiosk.session import Visit


@dataclass
class _InterimDraft:
    """The answers' shape until kiosk.registration's RegistrationDraft is in the visit; kept
    per visit in memory only and dropped by `visit.end()`."""

    consent_version: str | None = None
    consent_at: datetime | None = None
    nik: str = ""
    nik_reading_confirmed: bool = False
    birth_date_differs: bool = False
    ktp_birth_date: date | None = None
    full_name: str = ""
    birth_place: str = ""
    religion: str | None = None
    marital_status: str | None = None
    street: str = ""
    rt: str = ""
    rw: str = ""
    kecamatan_code: str | None = None
    kelurahan_code: str | None = None
    outside_semarang: bool = False
    outside_address: str = ""
    phone: str = ""
    email: str = ""
    education_level: str | None = None
    major: str = ""
    school: str = ""
    graduation_year: str = ""
    skills: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    experience: tuple[tuple[str, ...], ...] = ()
    kbji_groups: tuple[str, ...] = ()
    preferred_location: str = ""
    expected_pay: str = ""
    disabilities: tuple[str, ...] = field(default_factory=tuple)
    submitted_reference: str = ""  # the receipt of this visit's registration, for Lamar


_interim: weakref.WeakKeyDictionary[Visit, _InterimDraft] = weakref.WeakKeyDictionary()


def draft_of(visit: Visit) -> Any:
    """The visit's registration draft (created empty by the visit itself)."""
    if hasattr(visit, "registration"):
        return getattr(visit, "registration")  # noqa: B009 (present once kiosk.registration is)
    if visit not in _interim:
        _interim[visit] = _InterimDraft()
        def forget() -> None:
            _interim.pop(visit, None)

        visit.on_end(forget)
    return _interim[visit]


def forget(visit: Visit) -> None:
    """Drop the interim draft of an ended visit now (end listeners run in any order)."""
    _interim.pop(visit, None)


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
        setattr(visit, "registration", dataclasses.replace(draft, **{name: value}))  # noqa: B010
    else:
        setattr(draft, name, value)
