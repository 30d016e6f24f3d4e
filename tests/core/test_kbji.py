"""KBJI 2014 major groups and the keyword guess of a vacancy's group."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kiosk.kbji import KEYWORD_FILE, MAJOR_GROUPS, KbjiClassifier, major_group_title


def test_major_group_titles_are_the_official_kbji_2014_ones(shared_data: Path) -> None:
    with (shared_data / "kbji2014.csv").open(encoding="utf-8", newline="") as stream:
        official = {row["kode"]: row["judul"] for row in csv.DictReader(stream)
                    if row["digit"] == "1"}
    assert MAJOR_GROUPS == official
    assert major_group_title("9") == "Pekerja Kasar"
    assert major_group_title("99") is None


@pytest.mark.parametrize(
    ("title", "group"),
    [
        ("Store Manager", "1"),
        ("Kepala Gudang", "1"),
        ("Guru Matematika SMP", "2"),
        ("Staff Programmer", "2"),
        ("Apoteker Penanggung Jawab", "2"),
        ("Sales Engineer", "2"),
        ("Teknisi Listrik", "3"),
        ("Analis Laboratorium", "3"),
        ("Asisten Dokter Gigi", "3"),
        ("Staff Admin Gudang", "4"),
        ("Resepsionis Klinik", "4"),
        ("Kasir Minimarket", "5"),
        ("Satpam", "5"),
        ("Sales Promotion Girl (SPG)", "5"),
        ("Waiter/Waitress", "5"),
        ("Nelayan Tambak", "6"),
        ("Tukang Las", "7"),
        ("Penjahit Konveksi", "7"),
        ("Mekanik Mesin", "7"),
        ("Operator Produksi", "8"),
        ("Sopir Truk", "8"),
        ("Office Boy", "9"),
        ("Cleaning Service", "9"),
        ("Kurir Motor", "9"),
        ("Helper Gudang", "9"),
    ],
)
def test_hand_checked_titles_get_the_right_group(title: str, group: str) -> None:
    assert KbjiClassifier().major_group(title) == group


def test_title_words_outweigh_the_job_board_category() -> None:
    classifier = KbjiClassifier()
    assert classifier.major_group("Driver", ("Sales / Penjualan", "Konsultan Penjualan")) == "8"


def test_category_hints_decide_when_the_title_names_no_job() -> None:
    classifier = KbjiClassifier()
    assert classifier.major_group("Staff Operasional", ("Driver", "Transportasi & Logistik")) \
        == "8"
    assert classifier.major_group("Staff Restaurant/Helper Kitchen", ("Cook Helper",)) == "9"


def test_a_title_with_no_known_job_word_gives_none() -> None:
    assert KbjiClassifier().major_group("Lorem Ipsum", ("Dolor",)) is None
    assert KbjiClassifier().major_group("") is None


def test_keyword_table_is_read_on_first_use_not_when_built(tmp_path: Path) -> None:
    classifier = KbjiClassifier(tmp_path / "missing.json")  # building it reads nothing
    with pytest.raises(OSError):
        classifier.major_group("Kasir")


def test_keyword_table_explains_itself_and_names_only_real_groups() -> None:
    doc = json.loads(KEYWORD_FILE.read_text(encoding="utf-8"))
    assert doc["_about"]
    assert {rule["group"] for rule in doc["rules"]} == set(MAJOR_GROUPS)


def test_most_real_job_board_records_get_a_group(shared_data: Path) -> None:
    classifier = KbjiClassifier()
    lines = (shared_data / "job_postings_id.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    grouped = sum(
        classifier.major_group(r["Title"], (r["Function"], r["Subcategory"], r["Category"]))
        is not None
        for r in records
    )
    by_title = sum(classifier.major_group(r["Title"]) is not None for r in records)
    print(f"KBJI group found for {grouped}/{len(records)} records ({by_title} from the title)")
    assert len(records) == 2000
    assert grouped / len(records) >= 0.60
