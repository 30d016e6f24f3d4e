"""NIK rules (issue 10's list), the other validators, the receipt reference: real region table,
hypothesis over every check (no exception escapes, whatever is typed)."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.registration import validators as v
from kiosk.registration.nik import check_nik
from kiosk.registration.reference import ALPHABET, new_reference, parse_reference
from kiosk.registration.wilayah import WILAYAH_FILE
from tests.conftest import REPO

TODAY = date(2026, 12, 2)


def codes(nik: str) -> list[str]:
    return [p.code for p in check_nik(nik, TODAY).problems]


@pytest.mark.parametrize("nik, birth, sex", [
    ("3374011201800001", date(1980, 1, 12), "L"),
    ("3374015201800001", date(1980, 1, 12), "P"),        # day + 40 for women
    ("3374017112990003", date(1999, 12, 31), "P"),       # 31 + 40
    ("3374010101080001", date(2008, 1, 1), "L"),         # 18 on 2026-12-02: this century
    ("3374010101500001", date(1950, 1, 1), "L"),         # 50 is 1950 (2050 is in the future)
    ("3374012902000001", date(2000, 2, 29), "L"),        # 2000 was a leap year
    ("9101011201800001", date(1980, 1, 12), "L"),        # old Papua code (Merauke 91.01)
    ("9301011201800001", date(1980, 1, 12), "L"),        # new Papua Selatan code
])
def test_valid_niks_give_birth_date_and_sex(nik: str, birth: date, sex: str) -> None:
    result = check_nik(nik, TODAY)
    assert result.valid, [p.code for p in result.problems]
    assert (result.birth_date, result.sex) == (birth, sex)


def test_region_names_come_from_the_kemendagri_table() -> None:
    semarang = check_nik("3374011201800001", TODAY)
    assert (semarang.province, semarang.kabupaten_kota, semarang.kecamatan) == (
        "Jawa Tengah", "Kota Semarang", "Semarang Tengah")
    merauke = check_nik("9101011201800001", TODAY)
    assert merauke.province == "Papua" and merauke.kabupaten_kota == "Kabupaten Merauke"
    assert merauke.warnings == ()


@pytest.mark.parametrize("typed", ["3374 0112 0180 0001", "3374-0112-0180-0001",
                                   " 337401-120180-0001 ", "3374.01.120180.0001"])
def test_spaces_and_dashes_typed_in_the_middle_are_removed(typed: str) -> None:
    result = check_nik(typed, TODAY)
    assert result.valid and result.nik == "3374011201800001"


def test_fullwidth_digits_are_read_as_the_same_nik() -> None:
    typed = "３３７４０１１２０１８００００１"  # a CJK input method, or a copied PDF
    result = check_nik(typed, TODAY)
    assert result.valid and result.nik == "3374011201800001"
    assert result.region_code == "33.74.01" and result.kecamatan == "Semarang Tengah"


def test_other_non_ascii_digits_are_refused_with_no_region_decoded() -> None:
    result = check_nik("٣٣٧٤٠١١٢٠١٨٠٠٠٠١", TODAY)  # Arabic-Indic digits: NFKC keeps them
    assert [p.code for p in result.problems] == ["nik_not_digits"]
    assert result.region_code == "" and result.province is None


@pytest.mark.parametrize("nik, code", [
    ("337401120180000", "nik_length"),                  # 15 digits
    ("33740112018000011", "nik_length"),                # 17 digits
    ("33740112018O0001", "nik_not_digits"),             # a letter O for a zero
    ("3374O11201800001", "nik_not_digits"),
    ("", "nik_empty"),
    ("3374017201800001", "nik_birth_date"),             # day 72 - 40 = 32
    ("3374013202990001", "nik_birth_date"),             # 32 January
    ("3374013002990001", "nik_birth_date"),             # 30 February
    ("3374012902010001", "nik_birth_date"),             # 29 Feb 2001 / 1901: no leap year
    ("3374011213990001", "nik_birth_date"),             # month 13
    ("3374010001990001", "nik_birth_date"),             # day 00
    ("3374011201800000", "nik_serial"),                 # serial 0000
    ("9901011201800001", "nik_province"),               # province 99 never existed
    ("2001011201800001", "nik_province"),               # nor 20
    ("3374010101150001", "age_minimum"),                # born 2015: too young
])
def test_invalid_niks_say_why(nik: str, code: str) -> None:
    assert code in codes(nik)


def test_an_unknown_kabupaten_or_kecamatan_is_a_warning_never_a_refusal() -> None:
    unknown_kabupaten = check_nik("3399011201800001", TODAY)
    assert unknown_kabupaten.valid
    assert [w.code for w in unknown_kabupaten.warnings] == ["nik_region_unknown"]
    unknown_kecamatan = check_nik("3374991201800001", TODAY)
    assert unknown_kecamatan.valid
    assert [w.code for w in unknown_kecamatan.warnings] == ["nik_kecamatan_unknown"]


def test_problems_are_plain_sentences_in_both_languages() -> None:
    problem = check_nik("337401120180000", TODAY).problems[0]
    for lang in ("id", "en"):
        assert "16" in problem.text_in(lang) and "15" in problem.text_in(lang)
    assert problem.text_in("id") != problem.text_in("en")
    assert problem.as_json()["code"] == "nik_length"


def test_the_shipped_region_table_is_the_shared_data_file(shared_data) -> None:
    shipped = gzip.decompress(WILAYAH_FILE.read_bytes())
    assert shipped == (shared_data / "kemendagri_wilayah.csv").read_bytes()


def test_phone_email_and_the_small_checks() -> None:
    assert v.check_phone("0812 3456 7890") == ("+6281234567890", ())
    assert v.check_phone("+62 812-3456-7890")[0] == "+6281234567890"
    assert v.check_phone("024 8310 000")[0] is None          # a Semarang landline
    assert v.check_phone("+1 650 253 0000")[0] is None       # not Indonesian
    assert v.check_email("") == (None, ())
    assert v.check_email("Sri.W@Example.COM")[0] == "Sri.W@example.com"
    assert v.check_email("sri@")[0] is None
    assert v.check_name("Sukarno")[0] == "Sukarno"           # one-word names are normal
    assert v.check_name("Sri  W.  O'Neil-Ayu")[0] == "Sri W. O'Neil-Ayu"
    assert v.check_name("R2D2")[0] is None
    assert v.check_rt_rw("5", "rt")[0] == "005" and v.check_rt_rw("0", "rt")[0] is None
    assert v.check_pay("Rp 3.500.000")[0] == 3_500_000 and v.check_pay("tiga")[0] is None
    assert v.check_graduation_year("2030", TODAY)[0] is None
    assert v.check_age(date(2010, 1, 1), TODAY, 18)[0] is None
    assert v.check_age(date(2008, 12, 2), TODAY, 18)[0] == 18


anything = st.one_of(st.text(), st.none(), st.integers(), st.binary(), st.floats(),
                     st.lists(st.text(max_size=3), max_size=3))


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(anything, st.text(alphabet="0123456789 -.", max_size=24)))
def test_check_nik_never_raises(text) -> None:
    result = check_nik(text, TODAY)
    assert result.valid == (not result.problems)
    if result.valid:
        assert len(result.nik) == 16 and result.birth_date is not None


@settings(max_examples=100, deadline=None)
@given(value=anything)
def test_every_validator_never_raises(value) -> None:
    for outcome in (v.check_phone(value), v.check_email(value), v.check_name(value),
                    v.check_rt_rw(value, "rt"), v.check_pay(value),
                    v.check_graduation_year(value, TODAY), v.check_age(value, TODAY, 18),
                    v.check_free_text(value, "school", required=True)):
        clean, problems = outcome
        assert (clean is None) or not problems
        for p in problems:
            assert p.text_in("id") and p.text_in("en")


def test_a_reference_catches_one_mistyped_or_two_swapped_characters() -> None:
    assert all(c not in ALPHABET for c in "01OIL")
    for _ in range(200):
        ref = new_reference()
        symbols = ref.replace("-", "")
        assert parse_reference(ref) == ref and parse_reference(ref.lower().replace("-", " ")) == ref
        for i, original in enumerate(symbols):
            for other in ALPHABET:
                if other != original:
                    assert parse_reference(symbols[:i] + other + symbols[i + 1:]) is None
        for i in range(len(symbols) - 1):
            if symbols[i] != symbols[i + 1]:
                swapped = symbols[:i] + symbols[i + 1] + symbols[i] + symbols[i + 2:]
                assert parse_reference(swapped) is None


@given(text=anything)
def test_parse_reference_never_raises(text) -> None:
    parsed = parse_reference(text)
    assert parsed is None or parse_reference(parsed) == parsed


def test_check_nik_command_prints_json_and_exits_by_validity(tmp_path) -> None:
    env = {"SIKER_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = [sys.executable, "-m", "ui.cli", "check-nik"]
    good = subprocess.run([*run, "3374-0152 0180 0001", "--json"], capture_output=True,
                          text=True, cwd=REPO, env=env, timeout=60)
    assert good.returncode == 0, good.stderr
    doc = json.loads(good.stdout)
    assert doc["valid"] and doc["nik"] == "3374015201800001"
    assert doc["birth_date"] == "1980-01-12" and doc["sex"] == "P"
    assert doc["region"]["kecamatan"] == "Semarang Tengah"
    bad = subprocess.run([*run, "9901011201800000"], capture_output=True, text=True, cwd=REPO,
                         env=env, timeout=60)
    assert bad.returncode == 1
    assert "0000" in bad.stdout and "99" in bad.stdout
