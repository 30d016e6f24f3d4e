"""The registration draft: what a resident entered on the AK1 form, in memory only until submit.

The field names are the form's (ui/screens/registration writes them one edit at a time); the
values are kept as typed (strings), so a half-typed answer survives moving back and forth, and
the validators (kiosk.registration.validators) read them only when the resident goes on or
submits. `wipe()` forgets every answer; `Visit.end()` calls it.

Sources: the AK1 fields of Permenaker 39/2016 (identity, address, education, skills, wishes);
the disability categories of UU 8/2016 art. 4(1) (fisik, intelektual, mental, sensorik
netra/rungu/wicara); occupation wishes as KBJI 2014 golongan pokok codes ("1".."9").
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime

# Values of the choice fields, as stored and sent (the screens label them).
RELIGIONS = ("islam", "kristen", "katolik", "hindu", "buddha", "khonghucu", "kepercayaan")
MARITAL_STATUSES = ("belum_kawin", "kawin", "cerai_hidup", "cerai_mati")
DISABILITIES = ("fisik", "intelektual", "mental", "sensorik_netra", "sensorik_rungu",
                "sensorik_wicara")
LOCATIONS = ("kota_semarang", "jawa_tengah", "indonesia", "luar_negeri")
# The levels a resident can pick (kiosk.vacancy.EducationLevel values, TIDAK_SEKOLAH added).
EDUCATION_LEVELS = ("TIDAK_SEKOLAH", "SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1",
                    "S2", "S3")


@dataclass
class RegistrationDraft:
    """Every answer of the AK1 form. Mutable on purpose: a screen sets one field per edit.

    Shapes: strings as typed ("" when empty); `consent_at` a datetime (naive = local time) or
    None, `ktp_birth_date` a date or None; `experience` a tuple of (job, employer, years)
    string tuples; `kbji_groups` KBJI 2014 golongan pokok codes; `disabilities` values of
    DISABILITIES.
    """

    consent_version: str | None = None
    consent_at: datetime | None = None
    nik: str = ""
    nik_reading_confirmed: bool = False
    # The KTP's birth date differs from the one the NIK encodes: kept, and marked for staff.
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
    # An address outside Kota Semarang is allowed (residents of neighbouring kabupaten come),
    # written as one line, and marked on the record.
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
    # The receipt reference of this visit's submitted registration ("" before), for Lamar.
    submitted_reference: str = ""

    def wipe(self) -> None:
        """Forget every answer, in place (screens holding this object see it empty)."""
        empty = RegistrationDraft()
        for f in fields(self):
            setattr(self, f.name, getattr(empty, f.name))

    @property
    def is_empty(self) -> bool:
        """True when nothing was entered (a fresh or wiped draft)."""
        return self == RegistrationDraft()

    def remove_entry(self, name: str, index: int) -> None:
        """Take entry `index` out of the list `name` ("skills", "languages", "experience",
        "kbji_groups", "disabilities"); an index out of range changes nothing.

        Raises:
            AttributeError: `name` is not a list field.
        """
        if name not in _LISTS:
            raise AttributeError(f"{name!r} is not a list of the registration draft")
        entries = list(getattr(self, name))
        if 0 <= index < len(entries):
            del entries[index]
            setattr(self, name, tuple(entries))


_LISTS = ("skills", "languages", "experience", "kbji_groups", "disabilities")


@dataclass(frozen=True)
class ApplicationTarget:
    """The vacancy a resident chose "Lamar" on in this visit (the catalog's vacancy id)."""

    vacancy_id: int
