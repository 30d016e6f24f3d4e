"""Paths that are not ordinary UTF-8 text files: UTF-16 without a BOM, a FIFO, a device."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from kiosk.importer import SkippedRecord, read_vacancies
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy

REGIONS = RegionTable.load()



def lines(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


GOOD = {"Job ID": "G-1", "Title": "Kasir", "Company": "Toko Makmur", "Location": "Semarang",
        "Posted Date": "2025-07-01"}


@pytest.mark.parametrize("name", ["postings.json", "rows.csv", "records.jsonl"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_a_clear_file_error(
    tmp_path: Path, name: str, codec: str
) -> None:
    path = tmp_path / name
    text = (json.dumps({"@type": "JobPosting", "title": "Kasir", "hiringOrganization": "Toko",
                        "datePosted": "2025-07-01"}) + "\n" if name != "rows.csv"
            else "title,employer,date_posted\nKasir,Toko,2025-07-01\n")
    path.write_bytes(text.encode(codec))
    (error,) = read_vacancies(path, REGIONS)
    assert isinstance(error, SkippedRecord) and error.is_file_error
    assert error.reason == "File ini tampaknya UTF-16 tanpa BOM; simpan ulang sebagai UTF-8."


def _unblock_fifo(path: Path) -> None:
    """Let a reader stuck opening the FIFO go on (it then reads end-of-file)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass  # nobody is waiting on it


def _read_within(path: Path, seconds: float) -> list[Vacancy | SkippedRecord] | None:
    """read_vacancies in a daemon thread; None when it has not finished in time."""
    result: list[list[Vacancy | SkippedRecord]] = []
    worker = threading.Thread(
        target=lambda: result.append(list(read_vacancies(path, REGIONS))), daemon=True)
    worker.start()
    worker.join(seconds)
    return result[0] if result else None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    try:
        items = _read_within(fifo, 10)
    finally:
        _unblock_fifo(fifo)
    assert items is not None, "reading a FIFO hung"
    (error,) = items
    assert isinstance(error, SkippedRecord) and error.is_file_error
    assert "bukan file biasa" in error.reason


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_also_through_a_symlink_while_a_linked_file_still_imports(
    tmp_path: Path,
) -> None:
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    items = _read_within(link, 10)
    assert items is not None, "reading /dev/zero hung"
    (error,) = items
    assert isinstance(error, SkippedRecord) and "bukan file biasa" in error.reason
    real = tmp_path / "real.jsonl"
    real.write_text(lines(GOOD), encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(real)
    assert [type(i) for i in read_vacancies(tmp_path / "link.jsonl", REGIONS)] == [Vacancy]
