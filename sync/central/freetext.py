"""Free text the office or the CLI stores (kiosk name and place, rejection reasons): one
cleaning rule and the kiosk name's checks, shared by the web forms and `siker-central`.

    clean("Kelurahan \u202eTembalang")   # "Kelurahan Tembalang"
    kiosk_name("  Kios  Balai Kota ")     # "Kios Balai Kota"; TextRefused if empty/long/markup
    kiosk_place("")                       # None

Why strip rather than refuse: bidi overrides (U+202E turns "Tembalang" into "gnalabmeT" on
the fleet table) and zero-width characters are invisible, so an officer who pasted them could
not see what to remove. Every Unicode "format" (Cf: bidi marks and isolates, zero-width space
and joiners, soft hyphen, BOM) and "control" (Cc) character goes; whitespace runs fold to one
space (Unicode TR #9 lists the bidi controls; TR #36 section 2.4 the spoofing they allow).
"""
from __future__ import annotations

import unicodedata

MAX_KIOSK_NAME = 100
MAX_KIOSK_PLACE = 200


class TextRefused(ValueError):
    """A value that cannot be stored; `reason_id` / `reason_en` say why (one sentence each)."""

    def __init__(self, reason_id: str, reason_en: str) -> None:
        super().__init__(f"{reason_id} / {reason_en}")
        self.reason_id = reason_id
        self.reason_en = reason_en

    def in_language(self, lang: str) -> str:
        return self.reason_en if lang == "en" else self.reason_id


def clean(value: str) -> str:
    """`value` without format/control characters, whitespace folded, ends trimmed."""
    kept = "".join(ch for ch in value
                   if ch.isspace() or unicodedata.category(ch) not in ("Cf", "Cc"))
    return " ".join(kept.split())


def _checked(value: str, what_id: str, what_en: str, limit: int) -> str:
    text = clean(value)
    if len(text) > limit:
        raise TextRefused(f"{what_id} paling banyak {limit} karakter.",
                          f"The {what_en} can have at most {limit} characters.")
    if "<" in text or ">" in text:
        raise TextRefused(f"{what_id} tidak boleh berisi tanda < >.",
                          f"The {what_en} may not contain < >.")
    return text


def kiosk_name(value: str) -> str:
    """The kiosk's name as stored: cleaned, 1-MAX_KIOSK_NAME characters, without < > (the
    kiosk keeps it as its own name, and the kiosk's records refuse markup: sync/records.py).

    Raises: TextRefused.
    """
    text = _checked(value, "Nama kios", "kiosk name", MAX_KIOSK_NAME)
    if not text:
        raise TextRefused("Nama kios wajib diisi.", "A kiosk name is required.")
    return text


def kiosk_place(value: str | None) -> str | None:
    """Where the kiosk stands, cleaned; None when empty. Raises: TextRefused (too long, < >)."""
    return _checked(value or "", "Lokasi kios", "kiosk place", MAX_KIOSK_PLACE) or None
