"""`siker-central` commands against both databases, as a user types them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

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
    assert bad_url.stderr.startswith("Gagal / failed:")
    empty = _run(
        "--database",
        f"sqlite:///{tmp_path / 'a.db'}",
        "--data-dir",
        str(tmp_path),
        "enrollment-code",
        " ",
    )
    assert empty.returncode == 1 and "Traceback" not in empty.stderr
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
