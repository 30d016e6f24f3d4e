"""The office pages driven in headless Chromium (Playwright with Debian's chromium): sign in,
watch a kiosk's heartbeat appear live, verify and issue, reject with a reason; a screenshot of
every page.

Screenshots go to the test's temporary folder; with SIKER_OFFICE_SCREENSHOTS=DIR (e.g.
docs/screenshots) they are also written there as central-*.png:

    SIKER_OFFICE_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest \
        tests/central/test_office_browser.py -k sqlite
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.central.office_client import (
    PASSWORD,
    enroll,
    make_user,
    pushed_registration,
    status_changes,
)
from tests.central.server import REPO, CentralServer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LIVE_TIMEOUT_MS = 20_000  # the page polls every 5 s; this is an upper bound, not a wait


@pytest.fixture
def browser() -> Iterator[Browser]:
    """A fresh Chromium per test: closing Playwright also ends its event loop's worker
    threads, which the suite's leftover-thread check would otherwise report."""
    if not CHROMIUM.exists():
        message = (
            "Debian's chromium is missing at /usr/bin/chromium (make test installs it "
            "as root: apt-get install chromium)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def shots(tmp_path: Path, central_server: CentralServer) -> Iterator[list[Path]]:
    """Screenshots taken by the test; copied to $SIKER_OFFICE_SCREENSHOTS (SQLite run only)."""
    taken: list[Path] = []
    yield taken
    target = os.environ.get("SIKER_OFFICE_SCREENSHOTS")
    if target and central_server.db_url.startswith("sqlite"):
        folder = (REPO / target) if not Path(target).is_absolute() else Path(target)
        folder.mkdir(parents=True, exist_ok=True)
        for shot in taken:
            shutil.copy(shot, folder / shot.name)


def _shot(page: Page, tmp_path: Path, shots: list[Path], name: str) -> None:
    path = tmp_path / f"central-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000
    shots.append(path)


def _sign_in(browser: Browser, server: CentralServer, role: str) -> Page:
    name = make_user(server, role)
    page = browser.new_page(viewport={"width": 1280, "height": 800}, base_url=server.base_url)
    page.goto("/office/fleet")  # anonymous: sent to the sign-in form first
    expect(page.get_by_role("heading", name="Masuk petugas")).to_be_visible()
    # Keyboard only: the name field has the focus, Tab moves to the password, Enter signs in.
    expect(page.get_by_label("Nama pengguna")).to_be_focused()
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Kata sandi")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Kios di lapangan")).to_be_visible()
    return page


def _heartbeat(kiosk: object, pending: int) -> None:
    answer = kiosk.http.post(
        "/api/v1/heartbeat",
        headers=kiosk.headers,
        json={  # type: ignore[attr-defined]
            "pending_count": pending,
            "app_version": "0.3.1",
            "last_sync_at": datetime.now(UTC).isoformat(),
            "device_time": datetime.now(UTC).isoformat(),
            "free_disk_mb": 12_000,
            "speech_ok": True,
            "printer_ok": True,
        },
    )
    assert answer.status_code == 200, answer.text


def test_the_fleet_page_shows_a_heartbeat_live_without_a_reload(
    browser: Browser, central_server: CentralServer, tmp_path: Path, shots: list[Path]
) -> None:
    login = browser.new_page(
        viewport={"width": 1280, "height": 800}, base_url=central_server.base_url
    )
    login.goto("/office/login")
    _shot(login, tmp_path, shots, "login")
    login.close()
    page = _sign_in(browser, central_server, "admin")
    kiosk = enroll(central_server, "Kios Banyumanik")
    row = page.locator(f"#device-{kiosk.device_id}")
    expect(row).to_be_visible(timeout=LIVE_TIMEOUT_MS)  # a new kiosk appears by itself
    expect(row).to_contain_text("belum pernah")  # never synced, but not late a minute in
    expect(row).not_to_contain_text("TERLAMBAT")
    page.evaluate("window.__marker = 'same page'")  # proves no reload happened
    _heartbeat(kiosk, 42)
    expect(row.locator(".pending")).to_have_text("42", timeout=LIVE_TIMEOUT_MS)
    expect(row).to_contain_text("aktif")
    expect(row.locator(".version")).to_have_text("0.3.1")
    assert page.evaluate("window.__marker") == "same page"
    _shot(page, tmp_path, shots, "fleet")
    page.get_by_label("Nama kios").fill("Kios Ngaliyan")
    page.get_by_label("Lokasi (kelurahan/kantor)").fill("Kantor Kelurahan Ngaliyan")
    page.get_by_role("button", name="Buat kode sekali pakai").click()
    expect(page.locator("#enrollment-code")).to_have_text(
        re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")
    )
    expect(page.get_by_role("img", name=re.compile("Kode QR"))).to_be_visible()
    _shot(page, tmp_path, shots, "enrollment-code")
    page.goto("/office/audit")
    expect(page.get_by_role("cell", name="Buat kode pendaftaran kios").first).to_be_visible()
    _shot(page, tmp_path, shots, "audit")
    page.goto("/office/vacancies")
    page.get_by_label(re.compile("Terbitkan dari berkas")).set_input_files(
        str(REPO / "tests" / "core" / "data" / "jobpostings_graph.jsonld")
    )
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    expect(page.locator("#import-report")).to_contain_text("Impor selesai")
    _shot(page, tmp_path, shots, "vacancies")
    page.close()


def test_a_verifier_verifies_issues_and_rejects_in_the_queue(
    browser: Browser, central_server: CentralServer, tmp_path: Path, shots: list[Path]
) -> None:
    kiosk = enroll(central_server, "Kios Semarang Tengah")
    accepted = pushed_registration(kiosk, full_name="Ayu Rahmawati")
    refused = pushed_registration(
        kiosk, full_name="Bambang Sutrisno", sex="L", nik="3374011507950999"
    )
    page = _sign_in(browser, central_server, "verifier")
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.get_by_role("link", name="Pendaftaran AK1").click()
    expect(page.get_by_role("heading", name="Pendaftaran AK1")).to_be_visible()
    _shot(page, tmp_path, shots, "registrations")
    page.get_by_role("link", name=re.compile("Buka.*Ayu Rahmawati")).click()
    expect(page.get_by_role("heading", name="Pendaftaran: Ayu Rahmawati")).to_be_visible()
    _shot(page, tmp_path, shots, "registration")
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.locator("#reg-status")).to_have_text("terverifikasi")
    page.get_by_role("button", name="Terbitkan nomor AK1").click()
    expect(page.locator("#reg-ak1")).to_have_text(re.compile(r"^3374-\d{4}-\d{6}$"))
    number = page.locator("#reg-ak1").inner_text()
    _shot(page, tmp_path, shots, "registration-issued")
    page.goto("/office/registrations")
    page.get_by_role("link", name=re.compile("Buka.*Bambang Sutrisno")).click()
    page.get_by_role("button", name="Tolak").click()  # empty reason: the browser asks first
    expect(page.locator("#reg-status")).to_have_text("baru")
    page.get_by_label("Alasan penolakan").fill("Alamat tidak lengkap; mohon daftar ulang.")
    page.get_by_role("button", name="Tolak").click()
    expect(page.locator("#reg-status")).to_have_text("ditolak")
    expect(page.locator("#reg-reason")).to_have_text("Alamat tidak lengkap; mohon daftar ulang.")
    _shot(page, tmp_path, shots, "registration-rejected")
    assert status_changes(kiosk, accepted)[-1]["data"]["ak1_number"] == number
    assert status_changes(kiosk, refused)[-1]["data"]["status"] == "rejected"
    pushed_registration(
        enroll(central_server, "Kios Tugu"),
        full_name="Ayu Rahmawati",
        nik=_nik_of(central_server, accepted),
    )
    page.get_by_role("link", name="Data ganda").click()
    expect(page.get_by_role("heading", name="Kemungkinan data ganda")).to_be_visible()
    _shot(page, tmp_path, shots, "duplicates")
    page.get_by_role("link", name="Ekspor").click()
    _shot(page, tmp_path, shots, "exports")
    page.close()
    # Personal data travels in bodies only, never in a URL (so never in an access log).
    nik = _nik_of(central_server, accepted)
    assert urls and not [u for u in urls if nik in u or "Rahmawati" in u or "Alamat" in u]


def _nik_of(server: CentralServer, record_id: str) -> str:
    from sync.central import registrations

    with server.engine.connect() as conn:
        record = registrations.get(conn, server.keys, record_id)
    assert record is not None
    return str(record["data"]["nik"])
