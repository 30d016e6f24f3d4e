"""The receipt reference: short, read aloud without doubt, with a check character.

Shape "K7M-4QX-9": six symbols and one check symbol, grouped 3-3-1. The alphabet is Crockford's
base32 without the symbols people confuse when reading or hearing them (0/O, 1/I/L, and U)
and without V so that it has 29 symbols, a prime: the check symbol c makes
sum((i + 1) * value_i) + 7 * c = 0 (mod 29). With a prime modulus and distinct weights below
it, every single mistyped symbol and every swap of two neighbours changes the sum, so both
are always caught (the idea of ISO 7064's pure systems). 29^6 is about 595 million references.
"""
from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
_MOD = len(ALPHABET)  # 29, a prime
_VALUE = {symbol: i for i, symbol in enumerate(ALPHABET)}
DATA_LENGTH = 6
_SEPARATORS = re.compile(r"[\s\-._/]")


def _check_symbol(data: str) -> str:
    total = sum((i + 1) * _VALUE[s] for i, s in enumerate(data))
    weight = len(data) + 1
    # c = -total / weight (mod 29); pow(x, -1, p) is the modular inverse.
    return ALPHABET[(-total * pow(weight, -1, _MOD)) % _MOD]


def new_reference() -> str:
    """A fresh random reference, e.g. "K7M-4QX-9" (secrets, not guessable in sequence)."""
    data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_LENGTH))
    return format_reference(data + _check_symbol(data))


def format_reference(symbols: str) -> str:
    """"K7M4QX9" -> "K7M-4QX-9" (no check; use parse_reference for typed text)."""
    return f"{symbols[0:3]}-{symbols[3:6]}-{symbols[6:]}"


def parse_reference(text: object) -> str | None:
    """What staff or a resident typed ("k7m 4qx 9", "K7M-4QX-9") as the canonical reference,
    or None when it is not one (wrong length, a symbol outside the alphabet, a failed check).
    Never raises."""
    if not isinstance(text, str):
        return None
    symbols = _SEPARATORS.sub("", text).upper()
    if len(symbols) != DATA_LENGTH + 1 or any(s not in _VALUE for s in symbols):
        return None
    if _check_symbol(symbols[:DATA_LENGTH]) != symbols[DATA_LENGTH]:
        return None
    return format_reference(symbols)
