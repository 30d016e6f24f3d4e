"""The one cleaning rule for free text the office and the CLI store (sync/central/freetext.py)."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.central import freetext
from sync.central.freetext import TextRefused, clean, kiosk_name, kiosk_place

# Bidi embeddings, overrides, isolates and marks (Unicode TR #9), zero-width ones, soft hyphen.
INVISIBLE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c" \
            "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00\x07\x1b\x7f"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
       | st.lists(st.sampled_from(list(INVISIBLE) + list("Kel urahan\t\n<>")))
       .map("".join))
def test_clean_leaves_no_invisible_character_and_keeps_every_visible_one(value: str) -> None:
    cleaned = clean(value)
    assert not any(unicodedata.category(ch) in ("Cf", "Cc") for ch in cleaned)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert clean(cleaned) == cleaned  # cleaning twice changes nothing
    visible = [ch for ch in value if not ch.isspace()
               and unicodedata.category(ch) not in ("Cf", "Cc")]
    assert [ch for ch in cleaned if ch != " "] == visible


def test_the_reversed_place_of_the_tester_reads_as_typed() -> None:
    assert kiosk_place("Kelurahan \u202eTembalang\u202c") == "Kelurahan Tembalang"
    assert kiosk_place(" \u200b ") is None
    assert kiosk_name("  Kios\u00a0 Balai\tKota ") == "Kios Balai Kota"


@pytest.mark.parametrize("name, said", [
    ("", "Nama kios wajib diisi."), ("\u202e\u200b", "Nama kios wajib diisi."),
    ("<b>x</b>", "Nama kios tidak boleh berisi tanda < >."),
    ("k" * (freetext.MAX_KIOSK_NAME + 1), "Nama kios paling banyak 100 karakter."),
])
def test_a_bad_kiosk_name_is_refused_in_both_languages(name: str, said: str) -> None:
    with pytest.raises(TextRefused) as refused:
        kiosk_name(name)
    assert refused.value.reason_id == said and refused.value.in_language("en").startswith(
        ("A kiosk name", "The kiosk name"))
