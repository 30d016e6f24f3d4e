"""`siker-kiosk enroll` and `sync` as staff type them, against a real central server: the
server's own reason for a refused code, a one-time code never spent on a folder that cannot
keep the credential, no second device by accident, and a device token that never goes to a
server that did not issue it."""
from __future__ import annotations

from pathlib import Path

from sync.central import tables as t
from sync.client import credentials
from ui.cli import main


def test_a_refused_code_prints_the_servers_reason(server, tmp_path: Path, capsys) -> None:
    code = main(["--data-dir", str(tmp_path / "k"), "--central-url", server.base_url,
                 "enroll", "AAAA-BBBB-CCCC"])
    said = capsys.readouterr().err
    assert code == 1
    assert "Kode pendaftaran tidak dikenal" in said and "cannot be reached" not in said


def test_a_folder_that_cannot_keep_the_credential_leaves_the_code_unspent(
    server, tmp_path: Path, capsys
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    enrollment = server.enrollment_code("Kios Balai")
    assert main(["--data-dir", str(blocker / "k"), "--central-url", server.base_url,
                 "enroll", enrollment]) == 1
    assert "bukan folder" in capsys.readouterr().err
    # The same code still works in a folder that can keep it.
    assert main(["--data-dir", str(tmp_path / "k"), "--central-url", server.base_url,
                 "enroll", enrollment]) == 0
    assert credentials.load(tmp_path / "k") is not None


def test_an_enrolled_kiosk_is_not_enrolled_twice_by_accident(
    server, tmp_path: Path, capsys
) -> None:
    data = str(tmp_path / "k")
    assert main(["--data-dir", data, "--central-url", server.base_url, "enroll",
                 server.enrollment_code("Kios A")]) == 0
    before = server.count(t.devices)
    second = server.enrollment_code("Kios A lagi")
    assert main(["--data-dir", data, "--central-url", server.base_url, "enroll", second]) == 2
    assert "sudah terdaftar" in capsys.readouterr().err and server.count(t.devices) == before
    assert main(["--data-dir", data, "--central-url", server.base_url, "enroll", second,
                 "--again"]) == 0
    assert server.count(t.devices) == before + 1


def test_the_device_token_never_goes_to_another_server(server, tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "k")
    assert main(["--data-dir", data, "--central-url", server.base_url, "enroll",
                 server.enrollment_code("Kios B")]) == 0
    capsys.readouterr()
    # Nothing listens there: had the token been sent, the answer would be "unreachable".
    assert main(["--data-dir", data, "--central-url", "http://127.0.0.1:9", "sync"]) == 2
    said = capsys.readouterr().err
    assert f"terdaftar di {server.base_url}" in said and "--again" in said
    assert main(["--data-dir", data, "sync"]) == 0  # its own server, from the credential
