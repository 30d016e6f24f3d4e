"""A database gone or emptied beside the personal-data key is never begun anew in silence,
and the folder / file mix-ups staff make are named for what they are."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.db import database_files, database_path
from kiosk.i18n import set_language
from kiosk.services import open_services
from kiosk.storage import LOST_NOTE_FILE, StorageKind, StorageProblem
from ui.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def back_to_indonesian() -> Iterator[None]:
    yield
    set_language("id")


def a_kiosk_that_ran(data_dir: Path) -> None:
    open_services(data_dir, datetime.now, seed_demo=False).close()
    assert (data_dir / "kiosk.key").is_file()


@pytest.mark.parametrize("how", ["missing", "empty"])
def test_a_lost_database_beside_its_key_is_told_at_start_and_by_status(
    tmp_path: Path, how: str
) -> None:
    data_dir = tmp_path / "data"
    a_kiosk_that_ran(data_dir)
    for path in database_files(database_path(data_dir)):
        path.unlink(missing_ok=True)
    if how == "empty":
        database_path(data_dir).touch()
    # A real process with no logging set up: the warning reaches its stderr all the same.
    status = subprocess.run([sys.executable, "-m", "ui.cli", "--data-dir", str(data_dir),
                             "status"], cwd=REPO, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "SIKER_LANG": "id"})
    assert "pendaftaran yang belum terkirim ke Disnaker mungkin hilang" in status.stderr
    assert "registrations not yet sent to Disnaker may have been lost" in status.stderr
    assert "pulihkan kiosk.db dari cadangan terakhir" in status.stderr
    assert status.returncode == 1  # a warning
    assert "! Basis data kios" in status.stdout  # and the status itself says so
    # Later starts no longer find it missing, but status keeps saying so until staff act.
    again = subprocess.run([sys.executable, "-m", "ui.cli", "--data-dir", str(data_dir),
                            "status"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert "mungkin hilang" not in again.stderr and "mungkin hilang" in again.stdout
    (data_dir / LOST_NOTE_FILE).unlink()
    assert "mungkin hilang" not in subprocess.run(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(data_dir), "status"], cwd=REPO,
        capture_output=True, text=True, timeout=60).stdout


def test_a_first_start_is_not_taken_for_a_lost_database(tmp_path: Path) -> None:
    a_kiosk_that_ran(tmp_path / "data")  # the key is made after the database: no warning
    assert not (tmp_path / "data" / LOST_NOTE_FILE).exists()


def test_the_damaged_database_message_says_starting_without_it_loses_unsent_registrations(
    tmp_path: Path
) -> None:
    set_language("en")
    said = StorageProblem(StorageKind.DAMAGED, tmp_path, "file is not a database").staff_message()
    assert "latest backup" in said
    assert "registrations not yet sent to Disnaker are then lost" in said


def test_a_folder_named_kiosk_key_is_named(tmp_path: Path, capsys) -> None:
    (tmp_path / "data" / "kiosk.key").mkdir(parents=True)
    postings = tmp_path / "none.jsonl"
    postings.write_text("")
    assert main(["--data-dir", str(tmp_path / "data"), "import-vacancies", str(postings)]) == 1
    said = capsys.readouterr().err
    assert "kiosk.key harus berupa berkas, tetapi yang ada folder" in said
    assert "Is a directory" not in said


@pytest.mark.skipif(importlib.util.find_spec("PySide6") is None,
                    reason="screenshots needs Qt (the no-Qt environment checks its message)")
def test_screenshots_into_a_file_says_it_is_a_file(tmp_path: Path, capsys) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert main(["--data-dir", str(tmp_path / "data"), "screenshots", str(afile)]) == 1
    said = capsys.readouterr().err
    assert f"Tidak bisa memakai {afile}: itu berkas, bukan folder." in said
    assert "File exists" not in said
