"""What the import and status say agrees with itself and with what staff typed."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.i18n import set_language
from kiosk.services import open_services
from ui.cli import main

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def back_to_indonesian() -> Iterator[None]:
    yield
    set_language("id")


def test_an_import_of_closed_vacancies_says_the_demo_stays_without_contradiction(
    tmp_path: Path, capsys
) -> None:
    data_dir = tmp_path / "data"
    services = open_services(data_dir, datetime.now)  # the demo catalog, open today
    shown = services.catalog.count()
    services.close()
    assert main(["--data-dir", str(data_dir), "import-vacancies",
                 str(DATA / "vacancies.csv")]) == 0  # both closed in 2025
    out = capsys.readouterr().out
    assert ("Semua lowongan yang diimpor sudah lewat batas lamaran, jadi tidak satu pun "
            "ditampilkan kepada warga. Lowongan contoh tetap ditampilkan sampai lowongan yang "
            "masih dibuka diimpor, agar kios tidak kosong.") in out
    assert "tidak akan melihat lowongan apa pun" not in out
    # status: what residents see and what is stored, not one number for both
    assert main(["--data-dir", str(data_dir), "status"]) == 1  # not enrolled: a warning
    status = capsys.readouterr().out
    assert f"Lowongan dibuka / open vacancies: {shown} (tersimpan / stored: {shown + 2})" \
        in status


def test_a_source_name_without_letters_is_quoted_as_typed(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path / "data"), "import-vacancies", "--source", "🔥🔥",
                 str(DATA / "vacancies.csv")]) == 0
    out = capsys.readouterr().out
    assert "Nama sumber “🔥🔥”" in out and "(api)" not in out
