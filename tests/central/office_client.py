"""Staff-side helpers for the office tests: accounts made in the database, a signed-in httpx
client that reads the CSRF token from each page like a browser's form would send it."""
from __future__ import annotations

import itertools
import random
import re
import uuid
import weakref
from dataclasses import dataclass, field
from typing import Any

import httpx
import sqlalchemy as sa

from sync.central import db
from sync.central.office import accounts
from sync.central.office.tables import audit_log
from tests.central.server import CentralServer, Kiosk, op, registration

PASSWORD = "kata-sandi-uji-123"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_SERIAL = itertools.count(random.randrange(1, 5000))


def unique_nik() -> str:
    """A valid NIK for registration()'s woman born 15 July 1995, different on every call."""
    return f"337401550795{next(_SERIAL) % 10000:04d}"


def make_user(server: CentralServer, role: str, name: str | None = None) -> str:
    """A fresh account of `role` (unique name, PASSWORD); returns the name."""
    name = name or f"{role[:3]}-{uuid.uuid4().hex[:8]}"
    with server.engine.begin() as conn:
        accounts.create_user(conn, name, PASSWORD, role, now=db.now())
    return name


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)


@dataclass
class Staff:
    """A browser-like client: keeps the session cookie, posts forms with the page's token."""

    server: CentralServer
    username: str
    http: httpx.Client = field(repr=False)
    token: str = ""

    def __post_init__(self) -> None:
        weakref.finalize(self, self.http.close)  # no socket left open when a test forgets

    @classmethod
    def sign_in(cls, server: CentralServer, role: str, name: str | None = None) -> Staff:
        username = make_user(server, role, name)
        staff = cls(server, username, server.client())
        answer = staff.login(username, PASSWORD)
        assert answer.status_code == 303, answer.text
        staff.refresh_token()
        return staff

    def login(self, username: str, password: str) -> httpx.Response:
        form = self.http.get("/office/login")
        return self.http.post("/office/login", data={
            "csrf": csrf_of(form.text), "username": username, "password": password,
            "next": "/office/fleet"})

    def refresh_token(self, path: str = "/office/fleet") -> str:
        page = self.http.get(path)
        assert page.status_code == 200, page.text
        self.token = csrf_of(page.text)
        return self.token

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> httpx.Response:
        return self.http.post(path, data={"csrf": self.token, **(data or {})}, **kwargs)

    def close(self) -> None:
        self.http.close()


def pushed_registration(kiosk: Kiosk, **changes: Any) -> str:
    """Push one registration from `kiosk` (a fresh NIK unless given); returns its record id."""
    changes.setdefault("nik", unique_nik())
    record = op("registration", registration(**changes))
    answer = kiosk.push([record])
    assert answer["results"][0]["status"] == "applied", answer
    return str(record["record_id"])


def audit_rows(server: CentralServer, record_id: str) -> list[Any]:
    with server.engine.connect() as conn:
        return list(conn.execute(sa.select(audit_log).where(audit_log.c.record_id == record_id)
                                 .order_by(audit_log.c.id)))


def status_changes(kiosk: Kiosk, record_id: str) -> list[dict[str, Any]]:
    """The registration changes the kiosk pulls for `record_id`, oldest first."""
    changes, _cursor = kiosk.pull_all()
    return [c for c in changes if c["entity"] == "registration" and c["id"] == record_id]


def enroll(server: CentralServer, name: str = "Kiosk Uji") -> Kiosk:
    """`server.enroll`, with the kiosk's HTTP client closed once the test lets go of it."""
    kiosk = server.enroll(name)
    weakref.finalize(kiosk, kiosk.http.close)
    return kiosk
