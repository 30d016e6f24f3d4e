"""The texts residents read about a vacancy: money, dates, job types, schooling, experience."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from kiosk import formatting as fmt
from kiosk.i18n import _, set_language
from kiosk.region import RegionTable
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("id")



def _vacancy(**changes: object) -> Vacancy:
    fields: dict[str, object] = dict(
        source="test", source_id="1", title="Sopir", employer="PT Maju", location="Semarang",
        description="", date_posted=date(2025, 7, 1), valid_through=date(2025, 7, 31),
    )
    fields.update(changes)
    return Vacancy(**fields)  # type: ignore[arg-type]


def test_salary_range_uses_indonesian_grouping_and_per_bulan() -> None:
    assert fmt.salary_text(3_000_000, 4_000_000) == "Rp 3.000.000 – Rp 4.000.000 per bulan"


def test_salary_range_in_english_uses_commas_and_per_month(english: None) -> None:
    assert fmt.salary_text(3_000_000, 4_000_000) == "Rp 3,000,000 – Rp 4,000,000 per month"


def test_salary_with_one_bound_or_equal_bounds_reads_naturally() -> None:
    assert fmt.salary_text(2_500_000, None) == "Mulai Rp 2.500.000 per bulan"
    assert fmt.salary_text(None, 5_000_000) == "Sampai Rp 5.000.000 per bulan"
    assert fmt.salary_text(4_000_000, 4_000_000) == "Rp 4.000.000 per bulan"


def test_missing_zero_or_swapped_salaries_never_show_nonsense() -> None:
    assert fmt.salary_text(None, None) == "Gaji tidak disebutkan"
    assert fmt.salary_text(0, 0) == "Gaji tidak disebutkan"
    assert fmt.salary_text(5_000_000, 3_000_000) == "Rp 3.000.000 – Rp 5.000.000 per bulan"


def test_filter_amounts_are_written_in_millions() -> None:
    assert fmt.min_salary_label(7_500_000) == "Paling sedikit Rp 7,5 juta"
    assert fmt.rupiah_millions(2_000_000) == "Rp 2 juta"


def test_dates_are_written_out_in_the_current_language(english: None) -> None:
    assert fmt.day_text(date(2025, 7, 9)) == "July 9, 2025"
    set_language("id")
    assert fmt.day_text(date(2025, 7, 9)) == "9 Juli 2025"


def test_estimated_closing_date_is_marked_as_an_estimate() -> None:
    assert fmt.closing_text(_vacancy()) == "Berlaku sampai 31 Juli 2025"
    estimated = _vacancy(valid_through_estimated=True)
    assert fmt.closing_text(estimated) == "Berlaku sampai 31 Juli 2025 (perkiraan)"
    assert fmt.posted_text(estimated) == "Dipasang 1 Juli 2025"


def test_every_employment_type_and_education_level_has_a_label_in_both_languages() -> None:
    for lang in ("id", "en"):
        set_language(lang)
        labels = [fmt.employment_label(kind) for kind in EmploymentType]
        labels += [fmt.education_label(level) for level in EducationLevel]
        assert all(labels) and len(set(labels)) == len(labels)
    set_language("id")
    assert fmt.employment_label(EmploymentType.INTERNSHIP) == "Magang"
    assert fmt.employment_label(None) == "Jenis pekerjaan tidak disebutkan"
    assert fmt.education_text(EducationLevel.SMK) == "Pendidikan minimal: SMK"
    assert fmt.education_text(None) == "Pendidikan tidak disebutkan"


def test_experience_text_covers_none_zero_months_and_years(english: None) -> None:
    assert fmt.experience_text(None) == "Experience not stated"
    assert fmt.experience_text(0) == "No experience needed"
    assert fmt.experience_text(12) == "At least 1 year of experience"
    assert fmt.experience_text(36) == "At least 3 years of experience"
    assert fmt.experience_text(6) == "At least 6 months of experience"
    assert fmt.experience_text(18) == "At least 18 months of experience"
    set_language("id")
    assert fmt.experience_text(36) == "Pengalaman kerja minimal 3 tahun"
    # Six months is not "no experience": the months are kept and said.
    assert fmt.experience_text(6) == "Pengalaman kerja minimal 6 bulan"


def test_education_filter_folds_smk_into_sma_and_d4_into_s1() -> None:
    levels = [level for level, _label in fmt.EDUCATION_CHOICES]
    assert len(levels) == 13  # with "belum tamat SD" and Paket A, B and C
    assert [lv.rank for lv in levels] == sorted(lv.rank for lv in levels)
    labels = {level: _(msgid) for level, msgid in fmt.EDUCATION_CHOICES}
    assert EducationLevel.SMK not in labels and EducationLevel.D4 not in labels
    assert labels[EducationLevel.SMA] == "SMA / SMK"
    assert labels[EducationLevel.S1] == "D4 / S1"
    assert labels[EducationLevel.BELUM_SD] == "Belum tamat SD"
    assert labels[EducationLevel.PAKET_C] == "Paket C (setara SMA)"
    assert EducationLevel.PAKET_B.rank == EducationLevel.SMP.rank


def test_place_names_the_kecamatan_inside_semarang_and_the_source_text_outside() -> None:
    regions = RegionTable.load()
    code = regions.kecamatan[0].code
    name = regions.kecamatan[0].name
    inside = _vacancy(kecamatan_code=code)
    assert fmt.place_text(inside, regions) == f"Kecamatan {name}, Kota Semarang"
    assert fmt.place_text(_vacancy(location="Jakarta Barat"), regions) == "Jakarta Barat"
    assert fmt.place_text(_vacancy(location="  "), regions) == "Lokasi tidak disebutkan"


def test_breakable_folds_only_words_of_25_characters_or_more():
    from kiosk.formatting import breakable

    assert breakable("Staf Administrasi Gudang") == "Staf Administrasi Gudang"
    folded = breakable("kode ABCDEFGHIJKLMNOPQRSTUVWXYZ0123")
    assert folded.replace("\u200b", "") == "kode ABCDEFGHIJKLMNOPQRSTUVWXYZ0123"
    assert folded.count("\u200b") == 1
