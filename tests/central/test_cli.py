"""`siker-central` commands against both databases, as a user types them."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sync.central import devices
from sync.central.db import make_engine

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SIKER_CENTRAL")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "sync.central.cli", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_migrate_code_enroll_and_revoke(central_db_url: str, tmp_path: Path) -> None:
    common = ["--database", central_db_url, "--data-dir", str(tmp_path)]
    done = _run(*common, "migrate")
    assert done.returncode == 0, done.stderr
    assert "0001_core" in done.stdout or "0002" in done.stdout
    made = _run(
        *common,
        "enrollment-code",
        "Kiosk Banyumanik",
        "--place",
        "Kantor Kecamatan",
        "--expires-minutes",
        "5",
    )
    assert made.returncode == 0, made.stderr
    code = re.search(r"([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", made.stdout)
    assert code is not None
    assert "█" in made.stdout or "▀" in made.stdout  # the terminal QR code
    engine = make_engine(central_db_url)
    with engine.begin() as conn:
        device = devices.enroll(conn, code.group(1))
    assert device is not None and device["place"] == "Kantor Kecamatan"
    assert _run(*common, "revoke-device", device["device_id"]).returncode == 0
    again = _run(*common, "revoke-device", device["device_id"])
    assert again.returncode == 1 and "sudah dicabut" in again.stderr
    engine.dispose()


def test_database_from_the_environment(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.sqlite3'}"
    done = _run("--data-dir", str(tmp_path), "migrate", env={"SIKER_CENTRAL_DATABASE": url})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env.sqlite3").exists()


def test_bad_input_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad_url = _run("--database", "nosuchdb://x", "--data-dir", str(tmp_path), "migrate")
    assert bad_url.returncode == 1 and "Traceback" not in bad_url.stderr
    assert bad_url.stderr.startswith("Basis data “nosuchdb” tidak didukung")
    empty = _run(
        "--database",
        f"sqlite:///{tmp_path / 'a.db'}",
        "--data-dir",
        str(tmp_path),
        "enrollment-code",
        " ",
    )
    assert empty.returncode == 1 and "Traceback" not in empty.stderr
    assert empty.stderr == "Nama kios wajib diisi. / A kiosk name is required.\n"
    assert _run("enrollment-code").returncode == 2  # argparse: name missing


def test_openapi_command_prints_the_document() -> None:
    done = _run("openapi")
    assert done.returncode == 0
    assert json.loads(done.stdout)["info"]["title"] == "SIKER central server"


def test_serve_options_before_or_after_the_command() -> None:
    from sync.central.cli import build_parser

    parser = build_parser()
    for argv, port in ((["--port", "9000", "serve"], 9000), (["serve", "--port", "9100"], 9100),
                       (["--port", "9200", "--workers", "3"], 9200), (["serve"], 8700)):
        args = parser.parse_args(["--database", "sqlite://", *argv])
        assert (args.port, args.func.__name__, args.database) == (port, "_serve", "sqlite://")
    assert parser.parse_args(["--workers", "3"]).workers == 3


def test_unusable_folders_databases_and_outputs_are_one_sentence_each(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In-process (the same `main` the console script runs; a subprocess each costs ~2 s)."""
    from sync.central.cli import main

    def one_sentence_each(argv: list[str], indonesian: str, english: str) -> None:
        assert main(argv) == 1
        said = capsys.readouterr().err
        assert "Traceback" not in said and "Error" not in said, said
        first, slash, second = said.strip().partition(" / ")
        assert slash and indonesian in first and english in second, said
        assert len(said.strip().splitlines()) == 1, said

    a_file = tmp_path / "afile"
    a_file.write_text("bukan folder / not a folder\n")
    ok_db = ["--database", f"sqlite:///{tmp_path / 'ok.sqlite3'}", "--data-dir",
             str(tmp_path / "data")]
    one_sentence_each(["--data-dir", str(a_file), "migrate"],
                      "adalah sebuah berkas, bukan folder", "is a file, not a folder")
    one_sentence_each(["--database", "mysql://x/y", "--data-dir", str(tmp_path), "migrate"],
                      "“mysql” tidak didukung", "not supported; use sqlite:///FILE")
    one_sentence_each(["--database", f"sqlite:///{a_file}", "--data-dir", str(tmp_path),
                       "migrate"],
                      "Basis data tidak dapat dipakai (file is not a database)",
                      "The database cannot be used")
    assert a_file.read_text() == "bukan folder / not a folder\n"  # left as it was
    one_sentence_each([*ok_db, "export-registrations", "-o", "/nonexist/dir/x.json"],
                      "Tidak dapat menulis /nonexist/dir/x.json", "its folder is missing")
    one_sentence_each([*ok_db, "enrollment-code", "<b>x</b>"],
                      "Nama kios tidak boleh berisi tanda < >", "may not contain < >")


def test_a_reader_that_leaves_early_ends_the_command_quietly(tmp_path: Path) -> None:
    """`enrollment-code X | head -1`: the reader is gone before the command writes (here
    from the start, so the test does not depend on who is quicker)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SIKER_CENTRAL")}
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sync.central.cli", "--data-dir", str(tmp_path),
             "enrollment-code", "Kios Pipa"],
            cwd=REPO, env=environment, stdout=write_end, stderr=subprocess.PIPE, text=True,
            timeout=120)
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert done.stderr == ("Keluaran terputus: pembacanya (pipa) sudah ditutup. / Output cut "
                           "off: its reader (the pipe) was closed.\n")


def test_a_port_outside_1_to_65535_is_a_usage_error() -> None:
    from sync.central.cli import build_parser

    parser = build_parser()
    for port in ("99999", "0", "-1", "http"):
        try:
            parser.parse_args(["--port", port])
        except SystemExit as stop:
            assert stop.code == 2
        else:
            raise AssertionError(f"--port {port} was accepted")
    assert parser.parse_args(["serve", "--port", "65535"]).port == 65535


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_folder_and_sqlite_file_the_server_creates_are_its_users_only(
        tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    done = _run("--data-dir", str(data), "migrate")
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "central.sqlite3").stat().st_mode) == 0o600


def test_a_setting_or_key_that_is_not_readable_is_named_in_one_sentence(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sync.central.cli import main

    for name in [k for k in os.environ if k.startswith("SIKER_CENTRAL")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("SIKER_CENTRAL_RATE_BURST", "banyak")
    assert main(["--data-dir", str(tmp_path), "migrate"]) == 1
    assert capsys.readouterr().err == (
        "SIKER_CENTRAL_RATE_BURST harus bilangan bulat, bukan 'banyak'. / "
        "SIKER_CENTRAL_RATE_BURST must be a whole number, not 'banyak'.\n")
    monkeypatch.delenv("SIKER_CENTRAL_RATE_BURST")
    monkeypatch.setenv("SIKER_CENTRAL_KEY", "bukan-kunci")  # and no NIK key
    assert main(["--database", f"sqlite:///{tmp_path / 'c.sqlite3'}", "--data-dir",
                 str(tmp_path), "export-registrations", "-o", str(tmp_path / "x.csv")]) == 1
    said = capsys.readouterr().err
    assert said.startswith("Kunci server (") and " / The server's keys (" in said
    assert said.count("\n") == 1 and not (tmp_path / "x.csv").exists()
