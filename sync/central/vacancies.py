"""Vacancies (lowongan) the office publishes; each change also goes into the change log.

The vacancy dict is the kiosk's wire shape: JSON-serializable, with a non-empty string "id"
(at most 200 characters, stable across re-publishing, e.g. "<source>:<source_id>"). Other keys
are whatever the kiosk's catalog reads; the office's publish-vacancies builds them from
kiosk.importer's records. Both functions write in the caller's transaction:

    with engine.begin() as conn:
        vacancies.publish(conn, {"id": "karirhub:123", "title": ...})
        vacancies.unpublish(conn, "karirhub:77")
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.central import changes, db
from sync.central import tables as t

ENTITY = "vacancy"


def _check(vacancy: Mapping[str, Any]) -> dict[str, Any]:
    vacancy_id = vacancy.get("id")
    if not isinstance(vacancy_id, str) or not vacancy_id.strip() or len(vacancy_id) > 200:
        raise ValueError("a vacancy needs an 'id': a non-empty string of at most 200 characters")
    data = dict(vacancy)
    json.dumps(data)  # raises TypeError for what a kiosk could not read
    return data


def publish(conn: Connection, vacancy: Mapping[str, Any]) -> int:
    """Insert or update a vacancy and publish it; returns its version (1, 2, ...).

    Re-publishing identical data that is already published changes nothing (no new change-log
    entry). Raises ValueError without an id, TypeError for data that is not JSON.
    """
    data = _check(vacancy)
    now = db.now()
    row = conn.execute(
        sa.select(t.vacancies.c.version, t.vacancies.c.published, t.vacancies.c.data).where(
            t.vacancies.c.id == data["id"]
        )
    ).first()
    if row is None:
        version = 1
        conn.execute(
            sa.insert(t.vacancies).values(
                id=data["id"],
                version=1,
                published=True,
                data=data,
                published_at=now,
                updated_at=now,
            )
        )
    elif row.published and row.data == data:
        return int(row.version)
    else:
        version = int(row.version) + 1
        conn.execute(
            sa.update(t.vacancies)
            .where(t.vacancies.c.id == data["id"])
            .values(version=version, published=True, data=data, updated_at=now)
        )
    changes.append(conn, ENTITY, data["id"], "upsert", data, version=version)
    return version


def unpublish(conn: Connection, vacancy_id: str) -> bool:
    """Withdraw a vacancy: kiosks get a delete tombstone. False if unknown or not published."""
    row = conn.execute(
        sa.select(t.vacancies.c.version, t.vacancies.c.published).where(
            t.vacancies.c.id == vacancy_id
        )
    ).first()
    if row is None or not row.published:
        return False
    version = int(row.version) + 1
    conn.execute(
        sa.update(t.vacancies)
        .where(t.vacancies.c.id == vacancy_id)
        .values(version=version, published=False, updated_at=db.now())
    )
    changes.append(conn, ENTITY, vacancy_id, "delete", None, version=version)
    return True


def get(conn: Connection, vacancy_id: str) -> dict[str, Any] | None:
    """{id, version, published, data, published_at, updated_at} or None."""
    row = conn.execute(sa.select(t.vacancies).where(t.vacancies.c.id == vacancy_id)).first()
    return None if row is None else dict(row._mapping)


def list_all(conn: Connection, *, published_only: bool = True) -> list[dict[str, Any]]:
    """Every vacancy as `get` gives it, ordered by id (published ones only by default)."""
    query = sa.select(t.vacancies).order_by(t.vacancies.c.id)
    if published_only:
        query = query.where(t.vacancies.c.published.is_(True))
    return [dict(r._mapping) for r in conn.execute(query)]
