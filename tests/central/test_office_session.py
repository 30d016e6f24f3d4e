"""The office's signed session cookie, its CSRF tokens and the shared signing secret."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sync.central.office.session import SECRET_ENV, Session, SessionCodec, load_secret, new_session


def test_a_cookie_round_trips_and_a_tampered_one_is_refused() -> None:
    codec = SessionCodec(b"s" * 32)
    session = new_session(7, epoch=3)
    value = codec.dumps(session)
    assert codec.loads(value) == session
    assert codec.loads(value[:-2] + ("AA" if not value.endswith("AA") else "BB")) is None
    assert SessionCodec(b"t" * 32).loads(value) is None  # another server's secret
    assert codec.loads("") is None and codec.loads("x" * 5000) is None


def test_an_expired_cookie_is_refused() -> None:
    value = SessionCodec(b"s" * 32).dumps(new_session(1))
    assert SessionCodec(b"s" * 32, max_age_s=-1).loads(value) is None


def test_csrf_tokens_belong_to_one_session() -> None:
    codec = SessionCodec(b"s" * 32)
    mine, theirs = new_session(1), new_session(1)
    assert codec.csrf_ok(mine, codec.csrf_token(mine))
    assert not codec.csrf_ok(mine, codec.csrf_token(theirs))
    assert not codec.csrf_ok(None, codec.csrf_token(mine))
    assert not codec.csrf_ok(Session(nonce=mine.nonce), "")


def test_workers_starting_at_once_share_one_secret(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    with ThreadPoolExecutor(max_workers=8) as pool:
        secrets = set(pool.map(lambda _n: load_secret(tmp_path), range(32)))
    assert len(secrets) == 1
    path = tmp_path / "office-secret.key"
    assert path.stat().st_mode & 0o077 == 0
    assert sorted(os.listdir(tmp_path)) == ["office-secret.key"]  # no temporary file left
    monkeypatch.setenv(SECRET_ENV, "dari-lingkungan-" + "x" * 20)
    assert load_secret(tmp_path) == ("dari-lingkungan-" + "x" * 20).encode()
