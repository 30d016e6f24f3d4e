"""The `siker-kiosk` command line itself: its language, its help, and GUI commands where they
cannot run (no display, no PySide6). Runs in the no-Qt environment too."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.i18n import set_language
from ui.cli import early_language, gui_problem, main

REPO = Path(__file__).resolve().parents[2]
HAS_QT = importlib.util.find_spec("PySide6") is not None


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No config file and no SIKER_* variable of the machine running the tests."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in [n for n in os.environ if n.startswith("SIKER_")]:
        monkeypatch.delenv(name)
    yield
    set_language("id")


def _error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    return capsys.readouterr().err


def test_usage_errors_are_in_indonesian_unless_told_otherwise(capsys):
    err = _error(capsys, ["--lang", "fr"])
    assert "cara pakai:" in err and "pilihan tidak sah: 'fr'" in err and "kesalahan" in err
    err = _error(capsys, ["import-vacancies"])
    assert "argumen berikut wajib diisi: FILE" in err
    err = _error(capsys, ["search", "--limit", "banyak"])
    assert "'banyak' bukan bilangan bulat" in err
    err = _error(capsys, ["--lang=en", "search", "--limit", "0"])
    assert "usage:" in err and "0 is not between 1 and 1000" in err
    assert "Traceback" not in err


def test_the_language_comes_from_the_variable_or_the_config_file(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SIKER_LANG", "en")
    assert "the following arguments are required" in _error(capsys, ["import-vacancies"])
    monkeypatch.delenv("SIKER_LANG")
    config = tmp_path / "config" / "siker-kiosk" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('lang = "en"\n', encoding="utf-8")
    assert early_language([], {}) == "en"
    assert early_language(["--lang", "id"], {"SIKER_LANG": "en"}) == "id"
    config.write_text("lang = 5\n", encoding="utf-8")  # broken: parse in Indonesian first
    assert early_language([], {}) == "id"


def test_help_is_translated_and_lists_the_settings_options(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "tampilkan bantuan ini lalu keluar" in out
    assert "--central-url" in out and "folder data" in out and "perintah" in out


@pytest.mark.skipif(not HAS_QT, reason="the Qt environment: here PySide6 is missing")
def test_the_kiosk_without_a_display_says_how_to_get_one(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "ui.cli", "--data-dir", str(tmp_path)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Tidak ada layar" in done.stderr and "xvfb-run" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "kiosk.db").exists()  # nothing was opened
    screenshots_env: dict[str, str] = {}
    assert gui_problem("screenshots", screenshots_env) == ""
    assert screenshots_env == {"QT_QPA_PLATFORM": "offscreen"}  # needs no display


@pytest.mark.skipif(HAS_QT, reason="the no-Qt environment (make test-without-qt) checks this")
@pytest.mark.parametrize("argv", [[], ["screenshots", "shots"], ["--lang", "en"]])
def test_a_gui_command_without_pyside6_names_the_extra_to_install(tmp_path, argv):
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(tmp_path / "data"), *argv],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO), "DISPLAY": ":0"},
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1
    assert "pip install 'siker-kiosk[gui]'" in done.stderr
    assert "Traceback" not in done.stderr
