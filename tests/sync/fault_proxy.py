"""A fault-injecting HTTP proxy for the sync tests (SYNC.md "Faults the tests must reproduce").

It stands between the kiosk's sync client and a real central server on 127.0.0.1 and, on
request, misbehaves the way real networks do:

- `DropAfterUpstream`: forward the request, let the server store it and answer, then close the
  client's connection without a byte of the answer (fault 1: the answer is lost).
- `Delay`: hold the answer for some seconds (fault 2: slower than the client's timeout).
- `Answer`: answer by itself without asking the server: 503 with Retry-After (fault 5), a 200
  with a captive portal's HTML page (fault 7), a 413, ...
- `Link`: a slow, lossy link for every byte both ways (fault 10): a bandwidth cap in bytes per
  second, and for each 1 KiB chunk a `loss` chance of a retransmission stall of `rto_s`
  seconds. TCP never loses bytes for the application, it delays them; that is what the kiosk
  sees of packet loss, so that is what this models.

Each fault applies to requests whose path starts with `path_prefix`, `times` times (None:
until cleared). Faults are checked in the order given; the first that matches acts.

    with FaultProxy("http://127.0.0.1:8123") as proxy:
        proxy.plan(DropAfterUpstream("/api/v1/sync/push", times=1))
        client = SyncClient(proxy.url, ...)

`proxy.log` lists (method, path, what happened) for assertions; `bytes_up`/`bytes_down` count
the request and answer bytes that crossed.
"""
from __future__ import annotations

import http.client
import random
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

_CHUNK = 1024
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}


@dataclass
class Fault:
    path_prefix: str = "/"
    times: int | None = 1

    def matches(self, path: str) -> bool:
        return path.startswith(self.path_prefix) and (self.times is None or self.times > 0)

    def use(self) -> None:
        if self.times is not None:
            self.times -= 1


@dataclass
class DropAfterUpstream(Fault):
    """The server gets the request and answers; the client gets a closed connection."""


@dataclass
class Delay(Fault):
    """The answer is held `seconds` before it is sent (the server has already handled it)."""

    seconds: float = 5.0


@dataclass
class Answer(Fault):
    """The proxy answers itself; the server never sees the request."""

    status: int = 503
    body: bytes = b'{"error": "unavailable", "reason_id": "Server sibuk", "reason_en": "Busy"}'
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


CAPTIVE_PORTAL_HTML = (
    b"<!DOCTYPE html><html><head><title>Login WiFi</title></head>"
    b"<body><h1>Silakan login untuk memakai WiFi gratis</h1></body></html>"
)


def captive_portal(path_prefix: str = "/", times: int | None = 1) -> Answer:
    """A 200 with a hotel WiFi login page instead of the API's JSON (fault 7)."""
    return Answer(path_prefix, times, status=200, body=CAPTIVE_PORTAL_HTML,
                  content_type="text/html; charset=utf-8")


def unavailable(path_prefix: str = "/", times: int | None = 1, retry_after: int = 1) -> Answer:
    """A 503 with Retry-After in seconds (fault 5)."""
    return Answer(path_prefix, times, status=503, headers={"Retry-After": str(retry_after)})


@dataclass
class Link:
    """A slow, lossy link: `bytes_per_second` both ways; `loss` chance per KiB of a stall."""

    bytes_per_second: float = 32_000.0  # 256 kbit/s
    loss: float = 0.05
    rto_s: float = 0.2
    seed: int = 1


class FaultProxy:
    """A threaded reverse proxy on 127.0.0.1 in front of `upstream` (an http:// base URL)."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"upstream must be an http:// URL, got {upstream!r}")
        self._upstream = (parts.hostname, parts.port or 80)
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self.link: Link | None = None
        self._random = random.Random(1)
        self.log: list[tuple[str, str, str]] = []
        self.bytes_up = 0
        self.bytes_down = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def plan(self, *faults: Fault) -> None:
        """Replace the fault plan (earlier faults first)."""
        with self._lock:
            self._faults = list(faults)

    def add(self, faults: Iterable[Fault]) -> None:
        with self._lock:
            self._faults.extend(faults)

    def clear(self) -> None:
        """No faults and a perfect link from now on."""
        with self._lock:
            self._faults = []
            self.link = None

    def set_link(self, link: Link | None) -> None:
        with self._lock:
            self.link = link
            self._random = random.Random(link.seed if link else 1)

    def count(self, path_prefix: str, outcome: str | None = None) -> int:
        """How many requests under `path_prefix` were seen (with that outcome, if given)."""
        with self._lock:
            return sum(
                1 for _, path, what in self.log
                if path.startswith(path_prefix) and (outcome is None or what == outcome)
            )

    def _take(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(path):
                    fault.use()
                    return fault
        return None

    def _record(self, method: str, path: str, what: str) -> None:
        with self._lock:
            self.log.append((method, path, what))

    def _stall(self, size: int) -> None:
        """Sleep as long as `size` bytes take on the current link."""
        with self._lock:
            link = self.link
            lost = link is not None and any(
                self._random.random() < link.loss for _ in range(max(1, size // _CHUNK))
            )
        if link is None:
            return
        time.sleep(size / link.bytes_per_second + (link.rto_s if lost else 0.0))

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return  # the test's own log stays clean

            def _relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = b""
                while len(body) < length:
                    piece = self.rfile.read(min(_CHUNK, length - len(body)))
                    if not piece:
                        break
                    proxy._stall(len(piece))
                    body += piece
                with proxy._lock:
                    proxy.bytes_up += len(body)
                fault = proxy._take(self.path)
                if isinstance(fault, Answer):
                    proxy._record(self.command, self.path, f"answer {fault.status}")
                    self._send(fault.status, {"Content-Type": fault.content_type,
                                              **fault.headers}, fault.body)
                    return
                status, headers, answer = self._upstream(body)
                if isinstance(fault, DropAfterUpstream):
                    proxy._record(self.command, self.path, "dropped")
                    self.close_connection = True
                    self.connection.close()
                    return
                if isinstance(fault, Delay):
                    proxy._record(self.command, self.path, "delayed")
                    time.sleep(fault.seconds)
                else:
                    proxy._record(self.command, self.path, f"forwarded {status}")
                try:
                    self._send(status, headers, answer)
                except OSError:
                    return  # the client gave up (its timeout): that is the point of a delay

            def _upstream(self, body: bytes) -> tuple[int, dict[str, str], bytes]:
                conn = http.client.HTTPConnection(*proxy._upstream, timeout=120)
                try:
                    headers = {k: v for k, v in self.headers.items()
                               if k.lower() not in _HOP_BY_HOP and k.lower() != "host"}
                    headers["Host"] = f"{proxy._upstream[0]}:{proxy._upstream[1]}"
                    conn.request(self.command, self.path, body=body or None, headers=headers)
                    reply = conn.getresponse()
                    answer = reply.read()
                    kept = {k: v for k, v in reply.getheaders()
                            if k.lower() not in _HOP_BY_HOP and k.lower() != "content-length"}
                    return reply.status, kept, answer
                finally:
                    conn.close()

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response_only(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for start in range(0, len(body), _CHUNK):
                    piece = body[start:start + _CHUNK]
                    proxy._stall(len(piece))
                    self.wfile.write(piece)
                self.wfile.flush()
                with proxy._lock:
                    proxy.bytes_down += len(body)

            do_GET = do_POST = do_PUT = do_DELETE = _relay

        return Handler
