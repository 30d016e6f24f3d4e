"""The fault proxy itself misbehaves exactly as asked, in front of a real HTTP server."""
from __future__ import annotations

import http.client
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.sync.fault_proxy import (
    Delay,
    DropAfterUpstream,
    FaultProxy,
    Link,
    captive_portal,
    unavailable,
)


class _Counter(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[bytes] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append(body)
        answer = json.dumps({"stored": len(type(self).seen)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


@pytest.fixture
def proxy():
    _Counter.seen = []
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=upstream.serve_forever, daemon=True)
    thread.start()
    with FaultProxy(f"http://127.0.0.1:{upstream.server_address[1]}") as running:
        yield running
    upstream.shutdown()
    upstream.server_close()


def _post(proxy: FaultProxy, body: bytes = b"{}", timeout: float = 5.0):
    port = int(proxy.url.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", "/api/v1/sync/push", body=body,
                     headers={"Content-Type": "application/json"})
        reply = conn.getresponse()
        return reply.status, dict(reply.getheaders()), reply.read()
    finally:
        conn.close()


def test_forwards_untouched_when_no_fault_is_planned(proxy) -> None:
    status, _, body = _post(proxy, b'{"a": 1}')
    assert (status, json.loads(body)) == (200, {"stored": 1})
    assert _Counter.seen == [b'{"a": 1}']
    assert proxy.bytes_up == 8 and proxy.count("/api/v1/sync/push", "forwarded 200") == 1


def test_drop_after_upstream_stores_but_loses_the_answer(proxy) -> None:
    proxy.plan(DropAfterUpstream("/api/v1/sync/push", times=1))
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        _post(proxy)
    assert len(_Counter.seen) == 1  # the server has it
    assert _post(proxy)[0] == 200  # only once


def test_answers_of_its_own_never_reach_the_server(proxy) -> None:
    proxy.plan(unavailable(times=2, retry_after=7), captive_portal(times=1))
    first = _post(proxy)
    assert first[0] == 503 and first[1]["Retry-After"] == "7"
    assert _post(proxy)[0] == 503
    status, headers, body = _post(proxy)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<html>" in body and _Counter.seen == []
    assert _post(proxy)[0] == 200 and len(_Counter.seen) == 1


def test_delay_outlasts_a_short_timeout(proxy) -> None:
    proxy.plan(Delay("/", times=1, seconds=1.0))
    with pytest.raises(TimeoutError):
        _post(proxy, timeout=0.3)
    assert len(_Counter.seen) == 1


def test_a_slow_link_takes_as_long_as_its_bandwidth_says(proxy) -> None:
    proxy.set_link(Link(bytes_per_second=64_000, loss=0.0))
    started = time.monotonic()
    status, _, _ = _post(proxy, b"x" * 16_000)
    took = time.monotonic() - started
    assert status == 200 and 0.2 <= took < 3.0  # 16 kB at 64 kB/s is 0.25 s at least
