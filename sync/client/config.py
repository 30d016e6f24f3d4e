"""Where and how the kiosk talks to the central server: URL checks, timeouts, deadline.

Plain http is refused except to 127.0.0.1/localhost (a test or a server on the same PC);
everything else is HTTPS with certificate checks, against the system store or the city's own
CA bundle (`ca_bundle`).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

_LOCAL = {"127.0.0.1", "localhost", "::1"}


class ConfigError(ValueError):
    """The central URL or a setting cannot be used; the message is Indonesian / English."""


def check_url(url: str) -> str:
    """`url` without a trailing slash. Raises ConfigError for plain http to another host."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError("Alamat server pusat tidak valid. / The central server address is "
                          f"not valid: {url!r}")
    if parts.scheme == "http" and parts.hostname not in _LOCAL:
        raise ConfigError("Server pusat harus memakai https:// (http hanya untuk 127.0.0.1). / "
                          "The central server must use https:// (http only to 127.0.0.1).")
    return url.strip().rstrip("/")


@dataclass(frozen=True)
class ClientConfig:
    """Timeouts in seconds; `deadline_s` bounds one whole sync; `ca_bundle` "" = system CAs."""

    central_url: str
    ca_bundle: str = ""
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    deadline_s: float = 300.0
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 60.0
    batch_size: int = 200
    pull_limit: int = 500

    def __post_init__(self) -> None:
        object.__setattr__(self, "central_url", check_url(self.central_url))
