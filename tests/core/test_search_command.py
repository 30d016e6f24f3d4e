"""`siker-kiosk search` over the real job-board file, through the command line entry point."""
from __future__ import annotations

import json
from pathlib import Path

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
    results = _search(capsys, data_dir, "Admin Gudang", "--limit", "50", "--everywhere")["results"]
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
    answer = _search(capsys, data_dir, "perawat gigi", "--limit", "50", "--everywhere")
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
    # within the title matches nearest first (the city, Jawa Tengah, elsewhere), then newest
    order = [(r["band"], r["date_posted"]) for r in titled]
    assert order == sorted(order, key=lambda o: (o[0], "".join(chr(255 - ord(c)) for c in o[1])))
    assert titled[0]["source_id"] == "15535079" and titled[0]["band_text"] == "di Kota Semarang"


def test_a_typo_and_an_unfinished_word_still_find_the_real_posting(capsys, data_dir):
    ids = {r["source_id"] for r in _search(capsys, data_dir, "therapist eyelahs",
                                           "--everywhere")["results"]}
    assert "15645545" in ids
    ids = {r["source_id"] for r in _search(capsys, data_dir, "instruktur pila")["results"]}
    assert "15219710" in ids


def test_filters_narrow_the_real_results(capsys, data_dir):
    everyone = _search(capsys, data_dir, "sales", "--limit", "500", "--everywhere")
    sma = _search(capsys, data_dir, "sales", "--education", "SMA", "--limit", "500",
                  "--everywhere")
    assert 0 < sma["total"] < everyone["total"]
    paid = _search(capsys, data_dir, "sales", "--min-salary", "5000000", "--limit", "500",
                   "--everywhere")
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


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--education", "X"], ["X", "SD", "S3"]),
        (["--type", "kadang"], ["kadang", "FULL_TIME"]),
        (["--as-of", "kemarin"], ["kemarin", "TTTT-BB-HH"]),
    ],
)
def test_a_bad_option_says_which_and_what_it_takes(capsys, data_dir, args, words):
    capsys.readouterr()
    assert main(["search", "--data-dir", str(data_dir), *args, "x"]) == 2
    err = capsys.readouterr().err
    assert all(w in err for w in words)


@pytest.mark.parametrize("limit", ["0", "-3", "99999999999999999999"])
def test_an_impossible_limit_is_a_usage_error(capsys, data_dir, limit):
    with pytest.raises(SystemExit) as exit_:
        main(["search", "--data-dir", str(data_dir), "--limit", limit, "x"])
    assert exit_.value.code == 2
    assert "--limit" in capsys.readouterr().err


def test_indonesian_type_words_and_undotted_codes_are_understood(capsys, data_dir):
    answer = _search(capsys, data_dir, "", "--type", "kontrak", "--kecamatan", "337410")
    assert answer["total"] == 0 or all(
        r["employment_type"] == "CONTRACT" and r["kecamatan_code"] == "33.74.10"
        for r in answer["results"]
    )
    whole_city = _search(capsys, data_dir, "", "--kecamatan", "Kota Semarang", "--limit", "100")
    assert whole_city["total"] == 51  # the real file's postings in Semarang
    assert all(r["location"] == "Semarang" for r in whole_city["results"])


def test_a_damaged_database_is_a_sentence_not_a_traceback(capsys, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "kiosk.db").write_bytes(b"this is not a database" * 100)
    assert main(["search", "--data-dir", str(folder), "kasir"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "rusak" in err and "cadangan" in err


def test_a_data_folder_that_is_a_file_is_a_sentence_not_a_traceback(capsys, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert main(["search", "--data-dir", str(not_a_folder), "kasir"]) == 1
    assert str(not_a_folder) in capsys.readouterr().err


def test_a_reader_that_leaves_early_ends_quietly(data_dir):
    import subprocess
    import sys

    shell = (f"{sys.executable} -m ui.cli search --data-dir {data_dir} --as-of {AS_OF} "
             "--limit 1000 sales | head -1")
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60,
                          cwd=repo)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    assert done.stdout.strip()


def test_the_default_scope_is_the_city_and_everywhere_widens_it(capsys, data_dir):
    city = _search(capsys, data_dir, "barista")
    assert city["results"] and all(r["band_text"] == "di Kota Semarang" for r in city["results"])
    everywhere = _search(capsys, data_dir, "barista", "--everywhere", "--limit", "100")
    assert everywhere["total"] > city["total"]
    # still nearest first: the city's baristas lead the whole country's
    assert [r["source_id"] for r in everywhere["results"][:city["total"]]] == \
        [r["source_id"] for r in city["results"]]
    # within the best tier (baristas by title) nearest first
    titled = [r["band"] for r in everywhere["results"] if "barista" in r["title"].lower()]
    assert titled == sorted(titled) and titled[0] < titled[-1]


def test_a_place_word_filters_and_near_says_where_the_kiosk_stands(capsys, data_dir):
    solo = _search(capsys, data_dir, "kerja di solo", "--limit", "50")
    assert solo["total"] >= 10
    assert all("Solo" in r["location"] for r in solo["results"])
    assert all(r["band_text"] == "di Jawa Tengah" for r in solo["results"])
    near = _search(capsys, data_dir, "", "--near", "33.74.10.1001", "--limit", "5")
    assert near["results"]  # a kelurahan code of Tembalang is understood
    capsys.readouterr()
    assert main(["search", "--data-dir", str(data_dir), "--near", "Atlantis", "x"]) == 2
    assert "Atlantis" in capsys.readouterr().err


def test_nothing_found_offers_near_words(capsys, data_dir):
    answer = _search(capsys, data_dir, "xqzsatpam")
    assert answer["total"] == 0 and "satpam" in answer["suggestions"]


@pytest.mark.parametrize("scope", [[], ["--kecamatan", "Tembalang"], ["--type", "kontrak"]])
def test_known_words_the_scope_leaves_out_say_how_to_widen_not_did_you_mean(
        capsys, data_dir, scope):
    # No "sopir" vacancy of the real file is in Kota Semarang; dozens are elsewhere.
    answer = _search(capsys, data_dir, "sopir", *scope)
    assert answer["total"] == 0 and answer["suggestions"] == []
    everywhere = _search(capsys, data_dir, "sopir", "--everywhere",
                         *[a for a in scope if a != "--kecamatan" and a != "Tembalang"])
    assert answer["outside_scope"] == everywhere["total"] > 0
    capsys.readouterr()
    assert main(["search", "--data-dir", str(data_dir), "--as-of", AS_OF, "sopir", *scope]) == 0
    out = capsys.readouterr().out
    assert "Mungkin maksud Anda" not in out
    where, action = (
        ("Kecamatan Tembalang", "pakai --everywhere, bukan --kecamatan") if "--kecamatan" in scope
        else ("Kota Semarang", "tambahkan --everywhere"))
    assert (f"Tidak ada di {where}; {everywhere['total']} lowongan di tempat lain: {action}"
            in out)


def test_a_vacancy_naming_no_place_is_shown_as_such_after_the_city_and_the_import_says_so(
        capsys, tmp_path):
    # A CSV without any place column: the vacancy is not "outside Jawa Tengah", and the
    # default city scope still shows it, after the city's own.
    csv = tmp_path / "tanpa_lokasi.csv"
    csv.write_text("Title,Company,Posted Date\nKasir Toko,Toko Makmur,2025-07-02\n",
                   encoding="utf-8")
    city = tmp_path / "kota.csv"
    city.write_text("Title,Company,Location,Posted Date\n"
                    "Kasir Swalayan,Swalayan Jaya,Semarang,2025-07-01\n"
                    "Kasir Batik,Batik Laweyan,Surakarta,2025-07-03\n", encoding="utf-8")
    folder = tmp_path / "data"
    capsys.readouterr()
    assert main(["import-vacancies", "--data-dir", str(folder), str(csv), str(city)]) == 0
    assert ("1 lowongan tidak menyebut tempat (tanpa lokasi atau kecamatan): warga melihatnya "
            "sebagai “lokasi tidak disebut”, sesudah lowongan di Kota Semarang."
            in capsys.readouterr().out)
    answer = _search(capsys, folder, "kasir")
    assert [(r["title"], r["band_text"]) for r in answer["results"]] == [
        ("Kasir Swalayan", "di Kota Semarang"), ("Kasir Toko", "lokasi tidak disebut")]
    everywhere = _search(capsys, folder, "kasir", "--everywhere")
    assert [r["band_text"] for r in everywhere["results"]] == [
        "di Kota Semarang", "lokasi tidak disebut", "di Jawa Tengah"]


def test_known_words_the_filters_leave_out_say_how_many_without_them(capsys, data_dir):
    plain = _search(capsys, data_dir, "admin gudang")
    answer = _search(capsys, data_dir, "admin gudang", "--min-salary", "90000000")
    assert plain["total"] > 0 and answer["total"] == 0 and answer["suggestions"] == []
    assert answer["without_filters"] == plain["total"] and answer["outside_scope"] == 0
    capsys.readouterr()
    assert main(["search", "--data-dir", str(data_dir), "--as-of", AS_OF, "admin gudang",
                 "--min-salary", "90000000"]) == 0
    out = capsys.readouterr().out
    assert (f"{plain['total']} lowongan tanpa filter (--education, --type, --min-salary): "
            "hapus filternya") in out
    assert "tempat lain" not in out and "Mungkin maksud Anda" not in out
