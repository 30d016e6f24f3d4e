"""The records a kiosk creates and pushes (SYNC.md "Who owns what"), as pydantic v2 models.

Every check raises a `BilingualError` ("Indonesian|English") so the server can answer a
rejected op in both languages. Sources of the rules:
- NIK: 16 digits (UU 24/2013 Adminduk, Permendagri 72/2019): digits 1-6 the kecamatan of first
  registration (province 11-94), 7-12 the birth date DDMMYY with 40 added to the day for women.
- Kelurahan/kecamatan codes: Kemendagri dotted codes (Kepmendagri 100.1.1-6117/2022), e.g.
  "33.74.01" and "33.74.01.1001".
- AK1 fields: Permenaker 39/2016 on job placement (identity, education, skills, wishes).
- Phone: Indonesian numbers, stored as +62 followed by 8-13 digits.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kiosk.vacancy import EducationLevel


class BilingualError(ValueError):
    """A validation failure with an Indonesian and an English sentence."""

    def __init__(self, reason_id: str, reason_en: str) -> None:
        super().__init__(f"{reason_id}|{reason_en}")
        self.reason_id = reason_id
        self.reason_en = reason_en


# Letters of any script, spaces and the punctuation names really use (O'Neil, Sri W., Al-Amin).
_NAME = re.compile(r"^[^\W\d_]+(?:[ .,'\-][^\W\d_]*)*$")
# Free text may hold most things, but never markup or control characters.
_FORBIDDEN_TEXT = re.compile(r"[<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KECAMATAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
_KELURAHAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$")


def _name(value: str) -> str:
    value = " ".join(value.split())
    if not _NAME.match(value):
        raise BilingualError(
            "Nama hanya boleh berisi huruf, spasi, titik, koma, tanda petik dan tanda hubung.",
            "A name may contain only letters, spaces, dots, commas, apostrophes and hyphens.",
        )
    return value


def _text(value: str) -> str:
    if _FORBIDDEN_TEXT.search(value):
        raise BilingualError(
            "Teks tidak boleh berisi tanda < > atau karakter kendali.",
            "Text may not contain < > or control characters.",
        )
    return value


def _optional_text(value: str | None) -> str | None:
    return None if value is None else _text(value)


def _phone(value: str) -> str:
    digits = re.sub(r"[\s\-().]", "", value)
    if digits.startswith("+62"):
        digits = digits[3:]
    elif digits.startswith("62"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    if not re.fullmatch(r"[1-9]\d{7,12}", digits):
        raise BilingualError(
            "Nomor telepon tidak valid (contoh: 0812 3456 7890).",
            "Invalid phone number (example: 0812 3456 7890).",
        )
    return "+62" + digits


def _optional_name(value: str | None) -> str | None:
    return None if value is None else _name(value)


def _optional_phone(value: str | None) -> str | None:
    return None if value is None else _phone(value)


Name = Annotated[str, Field(min_length=2, max_length=100)]
Text = Annotated[str, Field(max_length=500)]
ShortText = Annotated[str, Field(min_length=1, max_length=100)]


class Record(BaseModel):
    """Base of the pushed records: unknown fields refused, strings stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class WorkExperience(Record):
    """One job held before: what it was, for whom, how many years (0-60)."""

    job: Annotated[str, Field(min_length=1, max_length=100)]
    employer: Annotated[str, Field(max_length=100)] | None = None
    years: Annotated[int, Field(ge=0, le=60)] | None = None

    check_text = field_validator("job", "employer")(_optional_text)


class Registration(Record):
    """Pendaftaran pencari kerja (AK1). `sex` "L" (laki-laki) or "P" (perempuan).

    `consent_version` names the privacy notice the resident accepted at `consent_at` (UU PDP
    27/2022 art. 20: consent is recorded with what was consented to).
    """

    nik: str
    full_name: Name
    birth_place: ShortText
    birth_date: date
    sex: Literal["L", "P"]
    address: Annotated[str, Field(min_length=3, max_length=300)]
    rt: Annotated[str, Field(pattern=r"^\d{1,3}$")] | None = None
    rw: Annotated[str, Field(pattern=r"^\d{1,3}$")] | None = None
    # None only for an address outside Kota Semarang (`outside_kota`), written in `address`.
    kelurahan_code: str | None = None
    kecamatan_code: str | None = None
    phone: str
    email: Annotated[str, Field(max_length=254)] | None = None
    # TIDAK_SEKOLAH: never went to school (the AK1 form's first level; below BELUM_SD).
    education: EducationLevel | Literal["TIDAK_SEKOLAH"]
    education_major: Annotated[str, Field(max_length=100)] | None = None
    graduation_year: Annotated[int, Field(ge=1950, le=2100)] | None = None
    skills: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=80)]], Field(max_length=30)
    ] = []
    job_wishes: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=80)]], Field(max_length=10)
    ] = []
    kbji_wishes: Annotated[
        list[Annotated[str, Field(pattern=r"^\d{1,4}$")]], Field(max_length=10)
    ] = []
    disability: Annotated[str, Field(max_length=100)] | None = None
    consent_version: Annotated[str, Field(min_length=1, max_length=40)]
    consent_at: datetime
    # Added for the kiosk's AK1 form (issue 10); all optional, so older kiosks stay valid.
    # birth_date_check: the KTP's birth date (`birth_date`) differs from the one the NIK
    # encodes, which happens; staff check it, the server never refuses it for that.
    birth_date_check: bool = False
    # outside_kota: the resident lives outside Kota Semarang (allowed; marked for staff).
    outside_kota: bool = False
    religion: Literal[
        "islam", "kristen", "katolik", "hindu", "buddha", "khonghucu", "kepercayaan"
    ] | None = None
    marital_status: Literal["belum_kawin", "kawin", "cerai_hidup", "cerai_mati"] | None = None
    school: Annotated[str, Field(max_length=100)] | None = None
    languages: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=80)]], Field(max_length=20)
    ] = []
    experience: Annotated[list[WorkExperience], Field(max_length=20)] = []
    preferred_location: Literal[
        "kota_semarang", "jawa_tengah", "indonesia", "luar_negeri"
    ] | None = None
    expected_pay_idr_month: Annotated[int, Field(ge=0, le=1_000_000_000)] | None = None
    # UU 8/2016 art. 4(1) categories, self-declared.
    disabilities: Annotated[
        list[Literal["fisik", "intelektual", "mental", "sensorik_netra", "sensorik_rungu",
                     "sensorik_wicara"]], Field(max_length=6)
    ] = []
    receipt_reference: Annotated[
        str, Field(pattern=r"^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]$")
    ] | None = None

    check_name = field_validator("full_name")(_name)
    check_phone = field_validator("phone")(_phone)

    @field_validator("birth_place", "address", "education_major", "disability", "consent_version",
                     "school")
    @classmethod
    def _plain_text(cls, value: str | None) -> str | None:
        return None if value is None else _text(value)

    @field_validator("skills", "job_wishes", "languages")
    @classmethod
    def _plain_list(cls, value: list[str]) -> list[str]:
        return [_text(v) for v in value]

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not _EMAIL.match(value):
            raise BilingualError("Alamat email tidak valid.", "Invalid e-mail address.")
        return value.lower()

    @field_validator("kecamatan_code")
    @classmethod
    def _kecamatan(cls, value: str | None) -> str | None:
        if value is not None and not _KECAMATAN.match(value):
            raise BilingualError(
                "Kode kecamatan harus berbentuk 33.74.01.", "A kecamatan code looks like 33.74.01."
            )
        return value

    @field_validator("kelurahan_code")
    @classmethod
    def _kelurahan(cls, value: str | None) -> str | None:
        if value is not None and not _KELURAHAN.match(value):
            raise BilingualError(
                "Kode kelurahan harus berbentuk 33.74.01.1001.",
                "A kelurahan code looks like 33.74.01.1001.",
            )
        return value

    @field_validator("nik")
    @classmethod
    def _nik_format(cls, value: str) -> str:
        value = value.replace(" ", "")
        if not re.fullmatch(r"\d{16}", value):
            raise BilingualError("NIK harus 16 angka.", "A NIK has exactly 16 digits.")
        # 93-96: the Papua provinces created in 2022 (Kemendagri codes since the 2023 edition).
        if not 11 <= int(value[:2]) <= 96:
            raise BilingualError(
                "Kode provinsi pada NIK tidak dikenal.", "Unknown province code in the NIK."
            )
        day, month = int(value[6:8]), int(value[8:10])
        if not (1 <= day <= 31 or 41 <= day <= 71) or not 1 <= month <= 12:
            raise BilingualError(
                "Tanggal lahir pada NIK tidak mungkin.",
                "The birth date inside the NIK is impossible.",
            )
        return value

    @model_validator(mode="after")
    def _nik_matches(self) -> Registration:
        day = int(self.nik[6:8])
        female = day > 40
        if female:
            day -= 40
        born = self.birth_date
        if not self.birth_date_check and (day, int(self.nik[8:10]), int(self.nik[10:12])) != (
            born.day,
            born.month,
            born.year % 100,
        ):
            raise BilingualError(
                "NIK tidak cocok dengan tanggal lahir.", "The NIK does not match the birth date."
            )
        if female != (self.sex == "P"):
            raise BilingualError(
                "NIK tidak cocok dengan jenis kelamin.", "The NIK does not match the sex."
            )
        if self.kelurahan_code is None or self.kecamatan_code is None:
            if not self.outside_kota:
                raise BilingualError(
                    "Kelurahan dan kecamatan wajib diisi untuk alamat di Kota Semarang.",
                    "A kelurahan and kecamatan are required for an address in Kota Semarang.",
                )
            return self
        if not self.kelurahan_code.startswith(self.kecamatan_code + "."):
            raise BilingualError(
                "Kelurahan tidak berada di kecamatan itu.",
                "The kelurahan is not in that kecamatan.",
            )
        return self


class Application(Record):
    """Lamaran to a published vacancy (its change-log id). `registration_id` links an AK1.

    Who applies is one of: the registration made on the same kiosk (`registration_id`, with
    name and phone while the kiosk still holds them), or an AK1 card the resident already
    has (`nik` and `birth_date`, issue 10's "Saya sudah punya kartu AK1").
    """

    vacancy_id: Annotated[str, Field(min_length=1, max_length=200)]
    registration_id: uuid.UUID | None = None
    full_name: Name | None = None
    phone: str | None = None
    note: Annotated[str, Field(max_length=500)] | None = None
    nik: Annotated[str, Field(pattern=r"^\d{16}$")] | None = None
    birth_date: date | None = None

    check_name = field_validator("full_name")(_optional_name)
    check_phone = field_validator("phone")(_optional_phone)
    check_note = field_validator("note")(_optional_text)

    @model_validator(mode="after")
    def _who(self) -> Application:
        by_card = self.nik is not None and self.birth_date is not None
        by_contact = self.full_name is not None and self.phone is not None
        if not (by_card or by_contact or self.registration_id is not None):
            raise BilingualError(
                "Lamaran perlu nama dan nomor HP, atau NIK dan tanggal lahir kartu AK1.",
                "An application needs a name and phone, or the NIK and birth date of an AK1.",
            )
        return self


class TrainingRequest(Record):
    """Request for a seat in a training (pelatihan); only the server confirms it."""

    training_id: Annotated[str, Field(min_length=1, max_length=200)]
    registration_id: uuid.UUID | None = None
    full_name: Name
    phone: str

    check_name = field_validator("full_name")(_name)
    check_phone = field_validator("phone")(_phone)


class ConsultationRequest(Record):
    """Request for a consultation slot (konsultasi karier); only the server confirms it."""

    slot_id: Annotated[str, Field(min_length=1, max_length=200)]
    topic: Annotated[str, Field(min_length=1, max_length=200)]
    full_name: Name
    phone: str

    check_name = field_validator("full_name")(_name)
    check_phone = field_validator("phone")(_phone)
    check_topic = field_validator("topic")(_text)


# entity name on the wire -> model. Add an entity here and a store for it on the server.
ENTITY_MODELS: dict[str, type[Record]] = {
    "registration": Registration,
    "application": Application,
    "training_request": TrainingRequest,
    "consultation_request": ConsultationRequest,
}

# Indonesian for pydantic's own error types; anything else falls back to a general sentence.
_ERROR_ID = {
    "missing": "wajib diisi",
    "extra_forbidden": "kolom tidak dikenal",
    "string_too_short": "terlalu pendek",
    "string_too_long": "terlalu panjang",
    "string_pattern_mismatch": "bentuknya salah",
    "string_type": "harus berupa teks",
    "int_parsing": "harus berupa angka",
    "int_type": "harus berupa angka",
    "date_from_datetime_parsing": "tanggal tidak valid",
    "date_parsing": "tanggal tidak valid",
    "datetime_parsing": "waktu tidak valid",
    "literal_error": "nilai tidak dikenal",
    "enum": "nilai tidak dikenal",
    "too_long": "terlalu banyak isian",
    "greater_than_equal": "terlalu kecil",
    "less_than_equal": "terlalu besar",
}


def describe_errors(errors: list[Any]) -> tuple[str, str]:
    """An Indonesian and an English sentence for pydantic's `ValidationError.errors()`."""
    ids, ens = [], []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err["loc"]) or "data"
        custom = err.get("ctx", {}).get("error")
        if isinstance(custom, BilingualError):
            ids.append(custom.reason_id)
            ens.append(custom.reason_en)
        else:
            ids.append(f"{where}: {_ERROR_ID.get(err['type'], 'tidak valid')}.")
            ens.append(f"{where}: {err['msg']}.")
    return " ".join(ids)[:500], " ".join(ens)[:500]
