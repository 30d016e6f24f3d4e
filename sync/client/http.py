"""HTTP to the central server: timeouts, an overall deadline, backoff with jitter, and the rule
that only a 2xx with a well-formed JSON body of the expected model counts (SYNC.md).

Retried: connection errors, timeouts, 408, 429, 5xx and 2xx answers that are not the
server's JSON (a captive portal's HTML page), with exponential backoff and full jitter,
honouring Retry-After, until the deadline. Not retried: 401/403 (`Unauthorized`: the sync stops
and staff are told), other 4xx (`Refused`, with the server's ErrorBody when there is one).
"""
from __future__ import annotations

import email.utils
import gzip
import json as jsonlib
import logging
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from sync.client.config import ClientConfig
from sync.protocol import API_PREFIX, ErrorBody

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
GZIP_FROM = 1024
"""Request bodies from this many bytes on are gzipped when the server allows it; smaller ones
gain too little to pay for the header."""


class SyncError(Exception):
    """Base of what stops a request."""


class Offline(SyncError):
    """The server could not be reached with a good answer before the deadline."""


class TimedOut(Offline):
    """The last attempt timed out (the engine halves its batch)."""


class Unauthorized(SyncError):
    """401/403: the device is unknown, revoked or refused."""

    def __init__(self, status: int, body: ErrorBody | None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.body = body


class Refused(SyncError):
    """Another 4xx (413, 422, 410, ...): not retried."""

    def __init__(self, status: int, body: ErrorBody | None) -> None:
        super().__init__(f"HTTP {status}" + (f" {body.error}" if body else ""))
        self.status = status
        self.body = body


def _error_body(response: httpx.Response) -> ErrorBody | None:
    try:
        return ErrorBody.model_validate(response.json())
    except (ValueError, ValidationError):
        return None


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


class CentralClient:
    """One httpx.Client to the central server. `token` None only for enrollment.

    `clock_offset_s` is the device clock minus the server's Date header of the last answer.
    `on_retry(attempt, delay_s)` is called before each wait between attempts (attempt is the
    number of the attempt about to be made: 2, 3, ...): the staff commands print it, the
    background sync passes none and stays quiet. `sleep`/`monotonic`/`rng` are injectable for
    tests.
    """

    def __init__(self, config: ClientConfig, token: str | None = None, *,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 monotonic: Callable[[], float] = time.monotonic,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 rng: random.Random | None = None,
                 on_retry: Callable[[int, float], None] | None = None) -> None:
        self.config = config
        self._on_retry = on_retry
        headers = {"Accept-Encoding": "gzip", "User-Agent": "siker-kiosk"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=config.central_url + API_PREFIX, headers=headers,
            verify=config.ca_bundle or True, transport=transport, follow_redirects=False)
        self._sleep, self._monotonic, self._now = sleep, monotonic, now
        self._rng = rng or random.Random()
        self.deadline = monotonic() + config.deadline_s
        self.clock_offset_s: float | None = None
        self.bytes_sent = 0
        self.bytes_received = 0
        # Set from the server's GET /sync/config (`gzip`): request bodies of GZIP_FROM bytes
        # or more are then sent gzipped (Content-Encoding: gzip), which the central server
        # inflates with the same size limit (sync/central/middleware.py). Registrations'
        # JSON shrinks to about a fifth: it matters on a metered mobile link.
        self.gzip_requests = False

    def close(self) -> None:
        self._http.close()

    def restart_deadline(self) -> None:
        self.deadline = self._monotonic() + self.config.deadline_s

    def call(self, method: str, path: str, model: type[M], *, json: Any = None,
             params: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
             read_timeout_s: float | None = None, halve_on_timeout: bool = False) -> M:
        """One request with retries; the answer as `model`.

        Raises:
            Unauthorized, Refused: not retried. Offline: the deadline passed. TimedOut: an
                attempt timed out and `halve_on_timeout` (the caller sends less next time).
        """
        content, headers = self._body(json, headers)
        attempt = 0
        while True:
            remaining = self.deadline - self._monotonic()
            if remaining <= 0:
                raise Offline("deadline passed")
            read = min(read_timeout_s or self.config.read_timeout_s, remaining)
            timeout = httpx.Timeout(read, connect=min(self.config.connect_timeout_s, remaining))
            wait: float | None = None
            problem: type[Offline] = Offline
            try:
                response = self._http.request(method, path, content=content, params=params,
                                              headers=headers, timeout=timeout)
            except httpx.TimeoutException:
                log.info("Sync %s %s: timed out", method, path)
                problem = TimedOut
            except httpx.TransportError as exc:
                log.info("Sync %s %s: %s", method, path, type(exc).__name__)
            else:
                self._note(response)
                status = response.status_code
                if 200 <= status < 300:
                    try:
                        if "json" not in response.headers.get("Content-Type", ""):
                            raise ValueError("not JSON")
                        return model.model_validate(response.json())
                    except (ValueError, ValidationError):
                        log.warning("Sync %s %s: a 2xx answer that is not the server's JSON "
                                    "(captive portal?)", method, path)
                elif status in (401, 403):
                    raise Unauthorized(status, _error_body(response))
                elif status in (408, 429) or status >= 500:
                    log.info("Sync %s %s: HTTP %d", method, path, status)
                    wait = _retry_after(response)
                else:
                    raise Refused(status, _error_body(response))
            attempt += 1
            backoff = min(self.config.backoff_cap_s, self.config.backoff_base_s * 2 ** attempt)
            delay = max(wait or 0.0, self._rng.uniform(0, backoff))
            if problem is TimedOut and halve_on_timeout:
                delay = min(delay, max(0.0, self.deadline - self._monotonic()))
                self._retrying(attempt + 1, delay)
                self._sleep(delay)
                raise TimedOut("timed out; send less")
            if self._monotonic() + delay >= self.deadline:
                raise Offline("deadline passed")
            self._retrying(attempt + 1, delay)
            self._sleep(delay)

    def _retrying(self, attempt: int, delay_s: float) -> None:
        if self._on_retry is not None:
            self._on_retry(attempt, delay_s)

    def _body(self, body: Any, headers: dict[str, str] | None
              ) -> tuple[bytes | None, dict[str, str] | None]:
        """The request's bytes (compact UTF-8 JSON, gzipped when allowed and worth it) and
        its headers."""
        if body is None:
            return None, headers
        raw = jsonlib.dumps(body, ensure_ascii=False, separators=(",", ":"),
                            allow_nan=False).encode("utf-8")
        extra = {"Content-Type": "application/json"}
        if self.gzip_requests and len(raw) >= GZIP_FROM:
            raw = gzip.compress(raw, compresslevel=6, mtime=0)
            extra["Content-Encoding"] = "gzip"
        return raw, {**(headers or {}), **extra}

    def _note(self, response: httpx.Response) -> None:
        self.bytes_received += len(response.content)
        request = response.request
        self.bytes_sent += len(request.content) if request is not None else 0
        date = response.headers.get("Date")
        if date:
            try:
                server = email.utils.parsedate_to_datetime(date)
                self.clock_offset_s = (self._now() - server).total_seconds()
            except (TypeError, ValueError):
                pass
