"""How the kiosk's voice reads numbers, money, dates, digit strings and abbreviations (issue 6:
"Rp 3.500.000" as "tiga juta lima ratus ribu rupiah")."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accessibility.spoken import digits, reading, words


@pytest.mark.parametrize(("text", "spoken"), [
    ("Rp 3.500.000", "tiga juta lima ratus ribu rupiah"),
    ("Rp 3,5 juta", "tiga koma lima juta rupiah"),
    ("Rp 3.000.000 – Rp 4.000.000 per bulan", "tiga juta sampai empat juta rupiah per bulan"),
    ("Rp 3.000.000 - Rp 4.000.000", "tiga juta sampai empat juta rupiah"),
    ("Rp 20.000/jam", "dua puluh ribu rupiah per jam"),
    ("Rp 150.000 per hari", "seratus lima puluh ribu rupiah per hari"),
    ("Rp 1.001.000", "satu juta seribu rupiah"),
    ("Rp 21.000", "dua puluh satu ribu rupiah"),
    ("UMK Rp 3.454.827", "u em ka tiga juta empat ratus lima puluh empat ribu delapan ratus "
                         "dua puluh tujuh rupiah"),
])
def test_money_in_indonesian(text: str, spoken: str) -> None:
    assert reading(text, "id") == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Ada 12 lowongan", "Ada dua belas lowongan"),
    ("1.250 pencari kerja", "seribu dua ratus lima puluh pencari kerja"),
    ("Usia 18-35 tahun", "Usia delapan belas sampai tiga puluh lima tahun"),
    ("50% kuota", "lima puluh persen kuota"),
    ("2 Desember 2026", "dua Desember dua ribu dua puluh enam"),
    ("02-12-2026", "dua Desember dua ribu dua puluh enam"),
    ("Ditutup 9 Juli 2025", "Ditutup sembilan Juli dua ribu dua puluh lima"),
    ("08.00 - 16.00 WIB", "pukul delapan sampai pukul enam belas we i be"),
])
def test_numbers_dates_and_times_in_indonesian(text: str, spoken: str) -> None:
    assert reading(text, "id") == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("NIK 3374010101900001", "nik tiga tiga tujuh empat, nol satu nol satu, nol satu sembilan "
                             "nol, nol nol nol satu,"),
    ("0812-3456-7890", "nol delapan satu dua, tiga empat lima enam, tujuh delapan sembilan "
                       "nol,"),
    ("+62 812 3456 7890", "plus enam dua delapan satu, dua tiga empat lima, enam tujuh "
                          "delapan sembilan, nol,"),
])
def test_nik_and_phone_numbers_are_read_digit_by_digit_in_groups(text: str, spoken: str) -> None:
    assert reading(text, "id") == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Lulusan SMA/SMK", "Lulusan es em a atau es em ka"),
    ("SD, SMP, S1, S2, D3", "es de, es em pe, es satu, es dua, de tiga"),
    ("RT/RW 003/005", "er te tiga er we lima"),
    ("PT Contoh Ritel, CV Maju", "pe te Contoh Ritel, se ve Maju"),
    ("Bawa KTP dan kartu AK1", "Bawa ka te pe dan kartu a ka satu"),
    ("Rp", "rupiah"),
    ("SMAN 1", "SMAN satu"),  # a school's name is a word, not the abbreviation SMA
])
def test_abbreviations_in_indonesian(text: str, spoken: str) -> None:
    assert reading(text, "id") == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Rp 3,500,000", "three million five hundred thousand rupiah"),
    ("Rp 3,000,000 – Rp 4,000,000 per month", "three million to four million rupiah per month"),
    ("Rp 7.5 million", "seven point five million rupiah"),
    ("12 vacancies", "twelve vacancies"),
    ("Closes July 9, 2025", "Closes July ninth, twenty twenty five"),
    ("SMA/SMK", "senior high school or vocational high school"),
])
def test_the_english_screen_is_read_in_english(text: str, spoken: str) -> None:
    assert reading(text, "en") == spoken


def test_words_and_digits() -> None:
    assert words(3_500_000) == "tiga juta lima ratus ribu"
    assert words(1000) == "seribu" and words(0) == "nol"
    assert digits("1234567", group=3) == "satu dua tiga, empat lima enam, tujuh"


@given(st.text(max_size=60), st.sampled_from(["id", "en"]))
def test_any_text_reads_without_error(text: str, lang: str) -> None:
    assert isinstance(reading(text, lang), str)


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_every_amount_reads_in_words_only(amount: int) -> None:
    spoken = reading(f"Rp {amount:,}".replace(",", "."), "id")
    assert spoken.endswith("rupiah") and not any(c.isdigit() for c in spoken)
