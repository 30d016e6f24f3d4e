"""The kiosk as a screen reader meets it: a real `siker-kiosk` under Xvfb (at a true 23.8-inch
1920 x 1080 panel's 93 dpi, not Xvfb's 96) on its own D-Bus session with the AT-SPI bus
(`dbus-run-session`, `at-spi-bus-launcher`, QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1), read through
pyatspi by tests/atspi/reader.py under Debian's /usr/bin/python3 (python3-pyatspi serves the
system Python only; the venv stays free of system packages)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ui.audit.translation import english_source_showing

READER = Path(__file__).with_name("reader.py")
SYSTEM_PYTHON = "/usr/bin/python3"
# A 23.8-inch 16:9 panel is 527 mm wide: 1920 px / 527 mm * 25.4 = 92.5 dpi.
PANEL_DPI = 93
CONTROLS = {"push button", "radio button", "check box", "toggle button", "text", "list item"}


def _missing() -> str:
    for tool in ("Xvfb", "dbus-run-session"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (make test installs it with apt as root)"
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi2-core is not installed"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    if probe.returncode:
        return "python3-pyatspi is not installed for /usr/bin/python3"
    return ""


@pytest.fixture(scope="module")
def reading(tmp_path_factory: pytest.TempPathFactory) -> dict:
    missing = _missing()
    if missing:
        pytest.skip(missing)
    tmp = tmp_path_factory.mktemp("atspi")
    display = f":{90 + os.getpid() % 500}"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1920x1080x24", "-dpi", str(PANEL_DPI),
         "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kiosk = [str(Path(sys.executable).with_name("siker-kiosk")), "--data-dir", str(tmp / "data")]
    env = {
        "PATH": os.environ.get("PATH", ""), "HOME": str(tmp), "DISPLAY": display,
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_QPA_PLATFORM": "xcb",
        "SIKER_IDLE_TIMEOUT_S": "20", "SIKER_IDLE_WARNING_S": "5", "SIKER_LANG": "id",
        "KIOSK_LOG": str(tmp / "kiosk.log"), "LANG": "C.UTF-8",
        # Xvfb's RandR output reports 96 dpi whatever -dpi says, so the panel's size is also
        # configured, as a kiosk whose EDID lies would be (Settings.screen_diagonal_in).
        "SIKER_SCREEN_DIAGONAL_IN": "23.8",
    }
    try:
        done = subprocess.run(["dbus-run-session", "--", SYSTEM_PYTHON, str(READER), *kiosk],
                              env=env, capture_output=True, text=True, timeout=150)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    log = (tmp / "kiosk.log").read_text() if (tmp / "kiosk.log").exists() else ""
    assert lines, f"reader said nothing: {done.stderr[-2000:]}\nkiosk log: {log[-2000:]}"
    result = json.loads(lines[-1])
    assert "error" not in result, f"{result}\nkiosk log: {log[-3000:]}"
    return result


SCREENS = ["home", "job_search", "filter_panel", "vacancy_detail", "vacancy_detail_en",
           "idle_warning_en"]


@pytest.mark.parametrize("screen", SCREENS)
def test_every_control_is_named_in_the_screens_language_with_its_locale(
    reading: dict, screen: str
) -> None:
    nodes = reading["screens"][screen]
    english = screen.endswith("_en")
    assert {n["locale"] for n in nodes} == {"en_US" if english else "id_ID"}
    unnamed = [n for n in nodes if n["role"] in CONTROLS and not n["name"].strip()]
    assert unnamed == []
    if not english:  # no English source text on an Indonesian screen
        assert [n["name"] for n in nodes if english_source_showing(n["name"])] == []


@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen_has_a_heading(reading: dict, screen: str) -> None:
    assert any(n["role"] == "heading" and n["name"] for n in reading["screens"][screen])


def test_the_language_switch_is_a_pair_of_radio_buttons(reading: dict) -> None:
    radios = [n["name"] for n in reading["screens"]["home"] if n["role"] == "radio button"]
    assert {"Bahasa Indonesia", "English"} <= set(radios)


def test_filter_choices_are_radio_buttons(reading: dict) -> None:
    radios = [n for n in reading["screens"]["filter_panel"] if n["role"] == "radio button"]
    assert len(radios) >= 17  # Semua, "Kota Semarang" and the 16 kecamatan (and 2 languages)


def test_the_results_are_a_list_of_items_with_short_names(reading: dict) -> None:
    nodes = reading["screens"]["job_search"]
    lists = [n for n in nodes if n["role"] == "list" and n["name"] == "Hasil pencarian"]
    assert len(lists) == 1 and lists[0]["children"] > 0
    assert set(lists[0]["child_roles"]) == {"list item"}
    items = [n for n in nodes if n["role"] == "list item"]
    assert len(items) == lists[0]["children"]
    # Title, employer, place and pay only: no schooling or closing date (the detail has them).
    assert items and not [n for n in items if "Pendidikan" in n["name"]
                          or "Berlaku" in n["name"] or len(n["name"]) > 200]


def test_the_result_count_and_the_idle_countdown_are_announced(reading: dict) -> None:
    texts = [h["text"] for h in reading["heard"]]
    assert any("lowongan" in t for t in texts), texts
    assert any("second" in t for t in texts), texts
