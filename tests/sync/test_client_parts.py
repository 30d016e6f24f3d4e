"""The sync client's parts without a server: the URL rule, the credential file, the lock, and
the HTTP rules (Retry-After, a captive portal's 200, 401) on httpx's MockTransport."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import httpx
import pytest

from sync.client import credentials
from sync.client.config import ClientConfig, ConfigError, check_url
from sync.client.http import CentralClient, Offline, Unauthorized
from sync.client.lock import SyncBusy, SyncLock
from sync.protocol import HeartbeatAnswer

ANSWER = {"server_time": "2026-12-02T10:00:00Z", "clock_offset_seconds": 0.0,
          "sync_interval_seconds": 600}


@pytest.mark.parametrize("url", ["http://siker.example.id", "ftp://x", "siker"])
def test_plain_http_to_another_host_is_refused(url: str) -> None:
    with pytest.raises(ConfigError):
        check_url(url)


def test_https_and_local_http_are_accepted() -> None:
    assert check_url("https://siker.example.id/") == "https://siker.example.id"
    assert check_url("http://127.0.0.1:8700") == "http://127.0.0.1:8700"


def test_the_credential_file_is_the_kiosk_users_only_and_the_token_is_hidden(tmp_path: Path
                                                                              ) -> None:
    credential = credentials.DeviceCredential("d-1", "secret-token", "https://x.id", "Kiosk")
    path = credentials.save(tmp_path, credential)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "secret-token" not in repr(credential)
    assert credentials.load(tmp_path) == credential


def test_a_second_sync_finds_the_lock_taken(tmp_path: Path) -> None:
    with SyncLock(tmp_path), pytest.raises(SyncBusy), SyncLock(tmp_path):
        pass
    with SyncLock(tmp_path):  # released again
        pass


def _client(handler, deadline_s: float = 30.0, waits: list[float] | None = None
            ) -> CentralClient:
    return CentralClient(ClientConfig("http://127.0.0.1:1", deadline_s=deadline_s,
                                      backoff_base_s=0.01, backoff_cap_s=0.02),
                         "t", transport=httpx.MockTransport(handler),
                         sleep=(waits.append if waits is not None else lambda _s: None))


@pytest.mark.expected_log("sync.client.http", "WARNING")
def test_retry_after_is_honoured_and_a_captive_portal_200_is_not_success() -> None:
    answers = [httpx.Response(503, headers={"Retry-After": "7"}),
               httpx.Response(200, text="<html>Login WiFi</html>",
                              headers={"Content-Type": "text/html"}),
               httpx.Response(200, json=ANSWER)]
    waits: list[float] = []
    client = _client(lambda request: answers.pop(0), waits=waits)
    assert isinstance(client.call("POST", "/heartbeat", HeartbeatAnswer), HeartbeatAnswer)
    assert waits[0] >= 7 and len(waits) == 2


def test_401_stops_at_once_and_a_dead_server_ends_at_the_deadline() -> None:
    calls: list[int] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(401, json={"error": "unauthorized", "reason_id": "x",
                                         "reason_en": "y"})

    with pytest.raises(Unauthorized):
        _client(refuse).call("GET", "/sync/config", HeartbeatAnswer)
    assert calls == [1]

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    with pytest.raises(Offline):
        _client(down, deadline_s=0.05).call("GET", "/sync/config", HeartbeatAnswer)


def test_large_bodies_go_gzipped_to_a_real_http_server_once_the_server_allows_it() -> None:
    import gzip
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[tuple[str | None, bytes]] = []

    class Echo(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen.append((self.headers.get("Content-Encoding"), body))
            answer = json.dumps(ANSWER).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    big = {"ops": [{"nama": "Sri Rahayu", "alamat": "Jl. Pandanaran", "n": i} for i in range(200)]}
    try:
        client = CentralClient(ClientConfig(f"http://127.0.0.1:{server.server_port}"), "t")
        client.call("POST", "/x", HeartbeatAnswer, json=big)  # before /sync/config: plain
        client.gzip_requests = True
        client.call("POST", "/x", HeartbeatAnswer, json=big)
        client.call("POST", "/x", HeartbeatAnswer, json={"small": 1})
        client.close()
    finally:
        server.shutdown()
        server.server_close()
    (plain_enc, plain), (gz_enc, gz), (small_enc, small) = seen
    assert plain_enc is None and json.loads(plain) == big
    assert gz_enc == "gzip" and json.loads(gzip.decompress(gz)) == big
    assert len(gz) * 5 < len(plain)
    assert small_enc is None and json.loads(small) == {"small": 1}
    assert client.bytes_sent == len(plain) + len(gz) + len(small)


def _closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on: every connection is refused at once."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_each_wait_for_a_server_that_is_down_is_told_to_the_callback() -> None:
    told: list[tuple[int, float]] = []
    slept: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    client = CentralClient(ClientConfig(f"http://127.0.0.1:{_closed_port()}", deadline_s=30.0,
                                        backoff_base_s=1.0, backoff_cap_s=8.0),
                           sleep=sleep, monotonic=lambda: now[0],
                           on_retry=lambda attempt, delay: told.append((attempt, delay)))
    with pytest.raises(Offline):
        client.call("GET", "/sync/config", HeartbeatAnswer)
    client.close()
    assert len(told) >= 3 and [a for a, _ in told] == list(range(2, len(told) + 2))
    assert [d for _, d in told] == slept  # told before each wait, with that wait


def test_enroll_says_each_retry_and_the_background_sync_says_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.settings import load_settings
    from sync.client import commands
    from sync.client.run import sync_once

    url = f"http://127.0.0.1:{_closed_port()}"
    monkeypatch.setattr(commands, "ENROLL_DEADLINE_S", 2.0)  # staff wait 30 s; a test need not
    settings = load_settings({"data_dir": tmp_path / "k", "central_url": url},
                             config_file=tmp_path / "none.toml", environ={})
    assert commands.enroll_command(settings, "AAAA-BBBB-CCCC") == 1
    said = capsys.readouterr().err.splitlines()
    retries = [line for line in said if line.startswith("Server belum menjawab")]
    assert retries and re.fullmatch(r"Server belum menjawab; mencoba lagi dalam (\d+) detik "
                                    r"\(percobaan 2\) / No answer yet; retrying in \1 s "
                                    r"\(attempt 2\)", retries[0])
    assert said[-1] == "Server pusat tidak terjangkau. / The central server cannot be reached."

    # The kiosk's own background sync (ui/sync.py calls sync_once without on_retry): quiet.
    credentials.save(tmp_path / "k", credentials.DeviceCredential(
        "00000000-0000-4000-8000-000000000001", "t", url, "Kios Uji"))
    report = sync_once(tmp_path / "k", ClientConfig(url, deadline_s=1.0))
    assert not report.ok
    shown = capsys.readouterr()
    assert shown.out == "" and shown.err == ""
