"""`siker-kiosk import-vacancies FILE...` from the command line to the catalog and back."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.catalog import VacancyCatalog
from kiosk.db import database_path, open_database
from kiosk.i18n import set_language
from ui.cli import main

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def restore_language() -> Iterator[None]:
    yield
    set_language("id")  # the command switches the process-wide language


def stored_titles(data_dir: Path) -> list[str]:
    db = open_database(database_path(data_dir))
    try:
        catalog = VacancyCatalog(db, datetime.now)
        count = catalog.count(include_expired=True)
        return sorted(v.title for i in range(1, count + 1) if (v := catalog.get(i)))
    finally:
        db.close()


def test_import_command_stores_vacancies_and_prints_counts_then_skips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"Title": "Kasir", "Company": ""}) + "\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    code = main(["import-vacancies", "--data-dir", str(data_dir),
                 str(DATA / "vacancies.csv"), str(bad), str(tmp_path / "missing.csv")])
    out = capsys.readouterr().out.splitlines()
    assert code == 1  # a record was skipped and a file was missing; the rest still imported
    assert out[0] == "Impor selesai: 2 baru, 0 diperbarui, 0 tidak berubah, 1 dilewati."
    assert out[1] == ("2 di antaranya sudah lewat batas lamaran, jadi tidak ditampilkan di "
                      "kiosk.")  # posted in 2025: closed by the real clock the command uses
    assert out[2:] == [
        "1 file tidak bisa dibaca:",
        f"{tmp_path / 'missing.csv'}: File ini tidak ada.",
        f"{bad}, baris 1: Tidak ada nama perusahaan: isi “Company”.",
    ]
    assert stored_titles(data_dir) == ["Cleaning Service", "Penjahit"]


def test_import_command_speaks_english_with_lang_en_and_updates_on_reimport(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    args = ["import-vacancies", "--lang", "en", "--data-dir", str(data_dir),
            str(DATA / "jobpostings_graph.jsonld")]
    closed = "3 of them are past their closing date, so the kiosk does not show them."
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Import finished: 3 new, 0 updated, 0 unchanged, 0 skipped.", closed]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Import finished: 0 new, 0 updated, 3 unchanged, 0 skipped.", closed]
    assert stored_titles(data_dir) == ["Kasir Paruh Waktu", "Programmer Aplikasi", "Tukang Las"]


def test_import_command_fails_when_every_file_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("   \n", encoding="utf-8")
    code = main(["import-vacancies", "--lang", "en", "--data-dir", str(tmp_path / "data"),
                 str(empty), str(tmp_path)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out == [
        "Import finished: 0 new, 0 updated, 0 unchanged, 0 skipped.",
        "2 files could not be read:",
        f"{empty}: The file is empty.",
        f"{tmp_path}: This is a folder, not a file. Give the files inside it.",
    ]


def test_import_command_fails_when_one_file_fails_even_if_the_others_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    code = main(["import-vacancies", "--lang", "en", "--data-dir", str(data_dir),
                 str(DATA / "vacancies.csv"), str(tmp_path / "missing.csv")])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == "Import finished: 2 new, 0 updated, 0 unchanged, 0 skipped."
    assert stored_titles(data_dir) == ["Cleaning Service", "Penjahit"]


def test_import_command_fails_when_a_single_record_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "one_bad.csv"
    path.write_text("title,employer,date_posted\nKasir,Toko,2025-07-01\n,Toko,2025-07-01\n",
                    encoding="utf-8")
    data_dir = tmp_path / "data"
    assert main(["import-vacancies", "--data-dir", str(data_dir), str(path)]) == 1
    assert stored_titles(data_dir) == ["Kasir"]
    assert capsys.readouterr().out.splitlines()[0] == (
        "Impor selesai: 1 baru, 0 diperbarui, 0 tidak berubah, 1 dilewati.")


def test_import_command_stores_the_source_name_folded_as_a_file_would_give_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    assert main(["import-vacancies", "--data-dir", str(data_dir), "--source",
                 "Loker ID / Bursa", str(DATA / "vacancies.csv")]) == 0
    capsys.readouterr()
    db = open_database(database_path(data_dir))
    try:
        assert {row["source"] for row in db["vacancy"].rows} == {"loker-id-bursa"}
    finally:
        db.close()
