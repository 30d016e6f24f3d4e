"""Storage problems under real conditions: a read-only mount, a full disk, a damaged file, a
folder that cannot be made, and a folder the kiosk's user may not write.

Read-only and full disks are small tmpfs mounts (the suite runs as root on the build machine;
elsewhere those tests skip and say why). The permission case runs the command as `nobody`
through setpriv, because root ignores folder permissions.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.db import database_path, open_database
from kiosk.i18n import set_language
from kiosk.services import open_services
from kiosk.storage import StorageKind, describe_storage_error
from tests.fakes import FakeClock
from ui.cli import main

REPO = Path(__file__).resolve().parents[2]
RESTORE_WORDS = ("backup", "cadangan")


class Mount:
    """A tmpfs of `size` at a folder, unmounted at the end."""

    def __init__(self, where: Path, size: str) -> None:
        self.where = where
        where.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("needs root and mount(8) to make a small tmpfs (the build machine has)")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"this system refuses a tmpfs mount: {done.stderr.strip()}")

    def read_only(self) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(self.where)], check=True)

    def unmount(self) -> None:
        done = subprocess.run(["umount", str(self.where)], capture_output=True, text=True)
        if done.returncode != 0:  # a file still open (a failed test): detach it anyway
            subprocess.run(["umount", "-l", str(self.where)], check=True)


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Mount]:
    m = Mount(tmp_path / "mnt", "5m")
    yield m
    m.unmount()


@pytest.fixture(autouse=True)
def back_to_indonesian() -> Iterator[None]:
    yield
    set_language("id")


def test_a_read_only_disk_is_told_apart_and_leaves_the_database_alone(
    mount: Mount, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    data = mount.where / "data"
    open_services(data, clock).close()
    mount.read_only()
    with pytest.raises(Exception) as caught:
        open_services(data, clock)
    problem = describe_storage_error(caught.value, data)
    assert problem.kind is StorageKind.READ_ONLY
    assert not any(w in problem.staff_message().lower() for w in RESTORE_WORDS)
    with pytest.raises(OSError) as new_folder:
        open_services(mount.where / "new", clock)
    assert describe_storage_error(new_folder.value, mount.where / "new").kind \
        is StorageKind.READ_ONLY

    assert main(["search", "--data-dir", str(data), "kasir"]) == 1
    err = capsys.readouterr().err
    assert str(data) in err and "hanya bisa dibaca" in err  # Indonesian first
    assert not any(w in err.lower() for w in RESTORE_WORDS)


def test_an_import_that_fills_the_disk_keeps_committed_batches_and_prints_counts(
    mount: Mount, shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = mount.where / "data"
    code = main(["import-vacancies", "--data-dir", str(data), "--lang", "en",
                 str(shared_data / "job_postings_id.jsonl")])
    out, err = capsys.readouterr()
    assert code == 1
    first, second = out.splitlines()[:2]
    match = re.match(r"Import finished: ([\d,]+) new,", first)
    assert match, first
    stored = int(match[1].replace(",", ""))
    assert 0 < stored < 2000 and stored % 500 == 0  # whole batches only, until the disk filled
    # The postings are from mid-2025, so every stored one has closed; the batch that did not
    # fit is not counted as closed (it was counted before, though it was never stored).
    assert second.startswith(f"{stored:,} of them are past their closing date"), second
    assert "is full" in err and "intact" in err
    assert not any(w in err.lower() for w in RESTORE_WORDS)

    db = open_database(database_path(data))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("vacancy", "vacancy_facet")]
        assert rows == [stored, stored]
        words = db.execute("SELECT count(*) FROM vacancy_search WHERE vacancy_search MATCH "
                           "'kerja OR bekerja OR staff OR admin'").fetchone()[0]
        assert 0 < words <= stored  # the contentless index holds only the committed rows
        assert db.execute(
            "SELECT counter FROM change_counter WHERE domain = 'catalog'").fetchone()[0] \
            == stored // 500  # one change mark per committed batch
    finally:
        db.close()
    problem = describe_storage_error(OSError(28, "No space left on device"), data)
    assert problem.kind is StorageKind.DISK_FULL


def test_a_damaged_database_and_only_that_says_to_restore_a_backup(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kiosk.db").write_bytes(b"this is not a database" * 200)
    with pytest.raises(Exception) as caught:
        open_services(tmp_path, clock)
    problem = describe_storage_error(caught.value, tmp_path)
    assert problem.kind is StorageKind.DAMAGED
    assert "cadangan" in problem.staff_message()
    assert problem.resident_message().endswith("minta bantuan petugas.")

    assert main(["search", "--data-dir", str(tmp_path), "--lang", "en", "x"]) == 1
    assert "damaged" in capsys.readouterr().err


def test_a_folder_that_cannot_be_created_is_unavailable(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError) as caught:
        open_services(blocker / "data", clock)
    problem = describe_storage_error(caught.value, blocker / "data")
    assert problem.kind is StorageKind.UNAVAILABLE and problem.no_folder
    assert problem.file_in_the_way == blocker
    assert main(["search", "--data-dir", str(blocker / "data"), "--lang", "en", "x"]) == 1
    assert f"{blocker} is a file, not a folder" in capsys.readouterr().err
    # data_dir itself a file: the same sentence, not the system's "(File exists)".
    assert main(["search", "--data-dir", str(blocker), "x"]) == 1
    said = capsys.readouterr().err
    assert f"{blocker} adalah sebuah berkas, bukan folder" in said and "File exists" not in said


def test_the_resident_message_has_no_technical_words(tmp_path: Path) -> None:
    for exc in (OSError(30, "Read-only file system"), OSError(28, "No space left"),
                OSError(2, "No such file")):
        text = describe_storage_error(exc, tmp_path / "x").resident_message()
        assert text.endswith("Silakan minta bantuan petugas.")
        assert not any(w in text.lower() for w in ("database", "disk", "folder", "sqlite"))


def test_a_folder_the_kiosk_user_may_not_write_is_read_only(tmp_path: Path) -> None:
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv(1) to run the command as an unprivileged user")
    # Outside pytest's own 0700 temporary folder, which `nobody` could not even enter.
    top = Path(tempfile.mkdtemp(prefix="siker-locked-"))
    try:
        _run_locked(setpriv, top)
    finally:
        shutil.rmtree(top)


def _run_locked(setpriv: str, top: Path) -> None:
    top.chmod(0o755)
    folder = top / "locked"
    open_services(folder, FakeClock(datetime(2025, 7, 10, 9))).close()
    folder.chmod(0o555)
    (folder / "kiosk.db").chmod(0o444)
    done = subprocess.run(
        [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable,
         "-m", "ui.cli", "import-vacancies", "--data-dir", str(folder), "--lang", "en",
         str(REPO / "tests" / "core" / "data" / "jobposting_single.json")],
        cwd=REPO, capture_output=True, text=True, timeout=60,
        env={**os.environ, "HOME": str(top)},
    )
    if "Permission denied" in done.stderr and "python" in done.stderr.lower():
        pytest.skip(f"nobody cannot run this Python: {done.stderr.strip()[:200]}")
    assert done.returncode == 1, done.stderr
    assert "cannot write to its data folder" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
