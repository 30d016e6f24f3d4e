"""`siker-kiosk search` over the real job-board file, through the command line entry point."""
from __future__ import annotations

import json

import pytest

from ui.cli import main

AS_OF = "2025-07-10"  # the real postings date from June-July 2025; today they are all expired


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, request):
    from tests.conftest import SHARED_DATA

    folder = tmp_path_factory.mktemp("kiosk-data")
    assert main(["import-vacancies", "--data-dir", str(folder),
                 str(SHARED_DATA / "job_postings_id.jsonl")]) == 0
    return folder


def _search(capsys, data_dir, *args: str) -> dict:
    capsys.readouterr()
    assert main(["search", "--data-dir", str(data_dir), "--json", "--as-of", AS_OF, *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_semarang_job_title_from_the_real_file_is_found(capsys, data_dir):
    results = _search(capsys, data_dir, "Admin Gudang", "--limit", "50")["results"]
    ids = [(r["source"], r["source_id"]) for r in results]
    assert ("lokerid", "14929226") in ids
    found = results[ids.index(("lokerid", "14929226"))]
    assert found["title"] == "Admin Gudang"
    assert found["employer"] == "Catur Pilar Sejahtera (Althea Eco Bag)"
    assert set(found) >= {"id", "source", "source_id", "title", "employer", "kecamatan"}
    # Warehouse admin jobs (in Indonesian or English titles) rank above jobs that only mention
    # the words in their descriptions.
    titles = [r["title"].lower() for r in results]
    in_title = [t for t in titles if "admin" in t and ("gudang" in t or "warehouse" in t)]
    assert len(in_title) >= 10
    assert titles[: len(in_title)] == in_title


def test_results_come_in_rank_order_with_title_matches_first(capsys, data_dir):
    answer = _search(capsys, data_dir, "perawat gigi", "--limit", "50")
    results = answer["results"]
    assert answer["total"] == len(results)
    assert "15535079" in [r["source_id"] for r in results]
    # "nurse" is the loan word for "perawat" in the synonym table
    titled = [
        r for r in results
        if "gigi" in r["title"].lower() and ("perawat" in r["title"].lower()
                                             or "nurse" in r["title"].lower())
    ]
    assert len(titled) >= 5
    assert results[: len(titled)] == titled
    # within the title matches, newest first
    posted = [r["date_posted"] for r in titled]
    assert posted == sorted(posted, reverse=True)


def test_a_typo_and_an_unfinished_word_still_find_the_real_posting(capsys, data_dir):
    ids = {r["source_id"] for r in _search(capsys, data_dir, "therapist eyelahs")["results"]}
    assert "15645545" in ids
    ids = {r["source_id"] for r in _search(capsys, data_dir, "instruktur pila")["results"]}
    assert "15219710" in ids


def test_filters_narrow_the_real_results(capsys, data_dir):
    everyone = _search(capsys, data_dir, "sales", "--limit", "500")
    sma = _search(capsys, data_dir, "sales", "--education", "SMA", "--limit", "500")
    assert 0 < sma["total"] < everyone["total"]
    paid = _search(capsys, data_dir, "sales", "--min-salary", "5000000", "--limit", "500")
    assert 0 < paid["total"] < everyone["total"]


def test_expired_postings_are_hidden_without_as_of(capsys, data_dir):
    capsys.readouterr()
    assert main(["search", "--data-dir", str(data_dir), "--json", "Admin Gudang"]) == 0
    ids = {r["source_id"] for r in json.loads(capsys.readouterr().out)["results"]}
    assert "14929226" not in ids


def test_an_unknown_kecamatan_is_a_clear_error_in_indonesian(capsys, data_dir):
    capsys.readouterr()
    assert main(["search", "--data-dir", str(data_dir), "--kecamatan", "Atlantis", "x"]) == 2
    err = capsys.readouterr().err
    assert "Atlantis" in err and "Tembalang" in err
    assert "kecamatan" in err.lower()


def test_plain_output_lists_rank_title_employer_and_place(capsys, data_dir):
    capsys.readouterr()
    assert main(["search", "--data-dir", str(data_dir), "--as-of", AS_OF, "--limit", "50",
                 "Admin Gudang"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(
        "Admin Gudang | Catur Pilar Sejahtera (Althea Eco Bag) | Semarang" in line
        for line in lines[1:]
    )
