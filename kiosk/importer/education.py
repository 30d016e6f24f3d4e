"""The minimum education level (jenjang pendidikan) of an imported vacancy.

From job-board flags, a named credential or column ("SMA/SMK", "bachelor degree", "D-3",
"Paket C"), or phrases in the description ("minimal SMA/SMK", "pendidikan min. S1", "lulusan SMP").
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from kiosk.i18n import _
from kiosk.importer.fields import Field, RecordError, text_of
from kiosk.importer.text import shorten
from kiosk.vacancy import EducationLevel

DIPLOMA = "DIPLOMA"
"""A diploma with no level given; becomes D1 unless the description names D1-D4."""

# Spelling variants folded to one token before matching: "D-3", "Diploma III" -> "d3".
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_VARIANTS = (
    (re.compile(r"\b(d|s)\s?[-.]?\s?([1-4])\b"), lambda m: m[1] + m[2]),
    (re.compile(r"\bdiploma\s?[-.]?\s?([1-4]|iv|iii|ii|i)\b"),
     lambda m: "d" + _ROMAN.get(m[1], m[1])),
    (re.compile(r"\bd-(iv|iii|ii|i)\b|\bd(iii)\b"), lambda m: "d" + _ROMAN[m[1] or m[2]]),
    (re.compile(r"\bstrata\s?[-.]?\s?([1-3]|iii|ii|i)\b"),
     lambda m: "s" + _ROMAN.get(m[1], m[1])),
)
_WORDS: dict[str, EducationLevel | str] = {
    "sd": EducationLevel.SD, "sekolah dasar": EducationLevel.SD,
    "primary school": EducationLevel.SD,
    "smp": EducationLevel.SMP, "sltp": EducationLevel.SMP, "mts": EducationLevel.SMP,
    "sma": EducationLevel.SMA, "slta": EducationLevel.SMA, "smu": EducationLevel.SMA,
    "high school": EducationLevel.SMA,
    "smk": EducationLevel.SMK, "stm": EducationLevel.SMK, "vocational school": EducationLevel.SMK,
    "d1": EducationLevel.D1, "d2": EducationLevel.D2, "d3": EducationLevel.D3,
    "d4": EducationLevel.D4, "diploma": DIPLOMA, "associate degree": DIPLOMA,
    "associate": DIPLOMA,
    "s1": EducationLevel.S1, "sarjana": EducationLevel.S1, "bachelor": EducationLevel.S1,
    "bachelor degree": EducationLevel.S1,
    "s2": EducationLevel.S2, "magister": EducationLevel.S2, "master": EducationLevel.S2,
    "masters": EducationLevel.S2, "postgraduate degree": EducationLevel.S2,
    "postgraduate": EducationLevel.S2,
    "s3": EducationLevel.S3, "doktor": EducationLevel.S3, "doctor": EducationLevel.S3,
    "doctorate": EducationLevel.S3, "doctoral": EducationLevel.S3, "phd": EducationLevel.S3,
    **dict.fromkeys(("paket a", "kejar paket a"), EducationLevel.SD),
    **dict.fromkeys(("paket b", "kejar paket b"), EducationLevel.SMP),
    **dict.fromkeys(("paket c", "kejar paket c"), EducationLevel.SMA),
}
"""Words naming a level. Paket A, B and C are pendidikan kesetaraan, the non-formal programmes
whose certificates count as SD, SMP and SMA (UU 20/2003 Sisdiknas art. 26 and its elucidation;
the Permendikbud rules on pendidikan kesetaraan)."""
_WORD_PATTERN = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")\b"
)
_DIPLOMA_LEVEL = re.compile(r"\bd([1-4])\b")
_LEVEL = (r"sd|smp|sltp|mts|sma|slta|smu|smk|stm|d[1-4]|s[1-3]|sarjana|diploma|magister|doktor"
          r"|paket [abc]")
_CUE = re.compile(
    r"\b(?:minimal|minimum|min|lulusan|tamatan|pendidikan|pend|berpendidikan|berijazah|ijazah)\b"
    r"(?:[\s:.,-]+(?:terakhir|formal|minimal|minimum|min|lulusan|dari)\b)*"
    r"[\s:.,-]+(" + _LEVEL + r")\b"
)
_NO_REQUIREMENT = {
    "", "tidak ada", "tidak ada syarat", "tidak ditentukan", "bebas", "bebas jurusan",
    "semua", "semua jenjang", "semua jurusan", "semua pendidikan", "segala jurusan", "any",
    "none", "no requirements", "not required", "tanpa ijazah", "tanpa syarat", "tidak perlu",
}
"""Texts (case-folded, punctuation dropped) that state no education requirement."""
_FLAG_LEVELS = {"SMA": EducationLevel.SMA, "S1": EducationLevel.S1, "S2": EducationLevel.S2,
                "S3": EducationLevel.S3}


def _normalise(text: str) -> str:
    text = " ".join(text.lower().split())
    for pattern, replace in _VARIANTS:
        text = pattern.sub(replace, text)
    return text


def _lowest(levels: Iterable[EducationLevel]) -> EducationLevel | None:
    """The level with the lowest KKNI rank; the first named wins a tie (SMA/SMK -> SMA)."""
    best: EducationLevel | None = None
    for level in levels:
        if best is None or level.rank < best.rank:
            best = level
    return best


def diploma_level_in(text: str) -> EducationLevel | None:
    """The lowest specific diploma (D1-D4) a text names ("D3", "D-3", "Diploma 3"), or None."""
    found = _DIPLOMA_LEVEL.findall(_normalise(text))
    return _lowest(EducationLevel("D" + digit) for digit in found)


def _resolve(named: Iterable[EducationLevel | str], description: str) -> EducationLevel | None:
    levels = [
        level if isinstance(level, EducationLevel)
        else diploma_level_in(description) or EducationLevel.D1
        for level in named
    ]
    return _lowest(levels)


def from_flags(flags: Iterable[str], description: str) -> EducationLevel | None:
    """The lowest set job-board flag: "SMA", DIPLOMA (D1 unless the description names a
    specific diploma level), "S1", "S2" or "S3"; None when no flag is set."""
    return _resolve((_FLAG_LEVELS.get(flag, DIPLOMA) for flag in flags), description)


def from_text(field: Field | None, description: str, *, strict: bool) -> EducationLevel | None:
    """The lowest level a short text names ("SMA/SMK", "Minimal D3", "bachelor degree").

    A bare "diploma" is resolved like the job-board flag. With `strict` (a CSV education
    column) text that names no level is an error, except words meaning "no requirement"
    ("Bebas", "Semua jurusan", "Tidak ada"), which give None like an empty cell.

    Raises:
        RecordError: strict and the text names no level.
    """
    text = text_of(field, 500)
    if text is None or field is None:
        return None
    named = [_WORDS[word] for word in _WORD_PATTERN.findall(_normalise(text))]
    if not named:
        plain = " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())
        if strict and plain not in _NO_REQUIREMENT:
            raise RecordError(
                _("“{field}” is not a school level: {value}. Use SD, SMP, SMA, SMK, D1-D4, "
                  "S1, S2 or S3.").format(field=field.name, value=shorten(text)),
                kind="unknown_education",
            )
        return None
    return _resolve(named, text + "\n" + description)


def from_description(description: str) -> EducationLevel | None:
    """The lowest level named after a cue such as "minimal", "lulusan" or "pendidikan", or None."""
    named = [_WORDS.get(word, DIPLOMA) for word in _CUE.findall(_normalise(description))]
    return _resolve(named, description)
