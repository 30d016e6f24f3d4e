"""The outbox and the vault seams: one transaction with the record, sealed payloads, keys."""
from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime

import pytest

from kiosk import outbox
from kiosk.changes import Changes, changed
from kiosk.db import open_database
from kiosk.vault import Vault, VaultError, database_is_bound

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "kiosk.db")
    yield database
    database.close()


def test_enqueue_needs_the_callers_transaction(db) -> None:
    vault = Vault.for_tests()
    with pytest.raises(RuntimeError):
        outbox.enqueue(db, vault, entity="registration", record_id="r1", kind="create",
                       payload={"a": 1}, now=NOW)
    assert outbox.counts(db)["pending"] == 0


def test_entry_commits_or_rolls_back_with_the_record(db) -> None:
    vault = Vault.for_tests()
    db.execute("CREATE TABLE note (id TEXT PRIMARY KEY)")
    with pytest.raises(ZeroDivisionError), changed(db, Changes(registrations=True)):
        db.execute("INSERT INTO note VALUES ('r1')")
        outbox.enqueue(db, vault, entity="registration", record_id="r1", kind="create",
                       payload={"nik": "3374"}, now=NOW)
        raise ZeroDivisionError
    assert db.execute("SELECT COUNT(*) FROM note").fetchone()[0] == 0
    assert outbox.counts(db)["pending"] == 0
    with changed(db, Changes(registrations=True)):
        db.execute("INSERT INTO note VALUES ('r1')")
        first = outbox.enqueue(db, vault, entity="registration", record_id="r1",
                               kind="create", payload={"nik": "3374"}, now=NOW)
        second = outbox.enqueue(db, vault, entity="registration", record_id="r1",
                                kind="update", payload={"nik": "3374"}, now=NOW)
    assert (first.seq, second.seq) == (1, 2)
    assert first.op_id < second.op_id  # UUIDv7: later sorts later
    [a, b] = outbox.entries(db, vault=vault)
    assert a.payload == {"nik": "3374"} and b.kind == "update"
    assert outbox.record_state(db, "registration", "r1") == "pending"
    raw = db.execute("SELECT payload FROM outbox WHERE seq = 1").fetchone()[0]
    assert b"3374" not in raw  # sealed at rest


def test_a_payload_from_another_key_is_refused(db) -> None:
    with changed(db, Changes()):
        outbox.enqueue(db, Vault.for_tests(), entity="application", record_id="x",
                       kind="create", payload={"v": 1}, now=NOW)
    with pytest.raises(VaultError) as caught:
        outbox.entries(db, vault=Vault.for_tests())
    assert caught.value.kind == "tampered"


def test_key_file_is_created_private_and_read_back(tmp_path, db) -> None:
    path = tmp_path / "keys" / "kiosk.key"
    vault = Vault.open(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = Vault.open(path)
    assert again.unseal(vault.seal(b"secret")) == b"secret"
    assert again.lookup_hash("nik", "3374") == vault.lookup_hash("nik", "3374")
    assert vault.lookup_hash("nik", "3374") != vault.lookup_hash("phone", "3374")
    assert not database_is_bound(db)
    vault.bind(db)
    again.bind(db)
    assert database_is_bound(db)
    with pytest.raises(VaultError) as caught:
        Vault.for_tests().bind(db)
    assert caught.value.kind == "wrong_key"
    assert "kunci" in caught.value.staff_message()


def test_missing_and_damaged_key_files_are_named(tmp_path) -> None:
    with pytest.raises(VaultError) as missing:
        Vault.open(tmp_path / "none.key", create=False)
    assert missing.value.kind == "missing"
    bad = tmp_path / "bad.key"
    bad.write_text(json.dumps({"version": 1, "seal": "short", "lookup": "x"}))
    with pytest.raises(VaultError) as damaged:
        Vault.open(bad)
    assert damaged.value.kind == "damaged"
