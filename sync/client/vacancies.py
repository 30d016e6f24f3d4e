"""Pulled vacancies (the change log's "vacancy" data, see sync/central/vacancies.py): one as
the kiosk's Vacancy record, and a page of them applied to the catalog."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.pay import PayUnit
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy
from sync.protocol import Change

log = logging.getLogger("sync.client.engine")  # where these warnings were logged before


def vacancy_from_wire(data: dict[str, Any]) -> Vacancy:
    """Raises KeyError/ValueError/TypeError for data the kiosk cannot read."""
    kind = data.get("employment_type")
    education = data.get("education_min")
    return Vacancy(
        source=str(data["source"]), source_id=str(data["source_id"]),
        title=str(data["title"]), employer=str(data["employer"]),
        location=str(data.get("location") or ""), description=str(data.get("description") or ""),
        date_posted=date.fromisoformat(data["date_posted"]),
        valid_through=date.fromisoformat(data["valid_through"]),
        valid_through_estimated=bool(data.get("valid_through_estimated")),
        kecamatan_code=data.get("kecamatan_code"),
        in_kota_semarang=bool(data.get("in_kota_semarang")),
        employment_type=EmploymentType(kind) if kind else None,
        salary_min=data.get("salary_min"), salary_max=data.get("salary_max"),
        salary_unit=PayUnit(data.get("salary_unit") or "MONTH"),
        education_min=EducationLevel(education) if education else None,
        experience_months=data.get("experience_months"),
        skills=tuple(data.get("skills") or ()), kbji_major_group=data.get("kbji_major_group"),
        url=data.get("url"),
    )


def apply_vacancy_changes(
    db: Database, catalog: VacancyCatalog, changes: Sequence[Change], generation: int,
    *, before_first_upsert: Callable[[], None] = lambda: None,
) -> bool:
    """Apply a pulled page's vacancy changes, in their order, inside the caller's transaction
    (the page and its cursor commit together: SYNC.md). Each run of upserts between
    tombstones goes through one VacancyCatalog.upsert (one lookup and one executemany for the
    run: kiosk.catalog) and one write of their central_vacancy rows; a tombstone removes the
    vacancy it names, if known. A vacancy the kiosk cannot read is skipped with a warning.
    `before_first_upsert` runs once before the first readable upsert (the engine removes the
    demo catalog there). Returns whether any change concerned the catalog."""
    run: list[tuple[Change, Vacancy]] = []
    started = False

    def flush() -> None:
        if not run:
            return
        catalog.upsert([vacancy for _change, vacancy in run])
        db.conn.executemany(
            "INSERT INTO central_vacancy (wire_id, source, source_id, version, generation) "
            "VALUES (?,?,?,?,?) ON CONFLICT (wire_id) DO UPDATE SET source = excluded.source, "
            "source_id = excluded.source_id, version = excluded.version, "
            "generation = excluded.generation",
            [(c.id, v.source, v.source_id, c.version, generation) for c, v in run])
        run.clear()

    touched = False
    for change in changes:
        if change.op == "delete":
            flush()  # an upsert earlier in the page lands before its tombstone
            known = db.execute("SELECT source, source_id FROM central_vacancy "
                               "WHERE wire_id = ?", [change.id]).fetchone()
            if known is not None:
                catalog.remove(known[0], known[1])
                db.execute("DELETE FROM central_vacancy WHERE wire_id = ?", [change.id])
            touched = True
            continue
        try:
            vacancy = vacancy_from_wire(change.data or {})
        except (KeyError, ValueError, TypeError):
            log.warning("Sync pull: vacancy %s cannot be read; skipped", change.id[:40])
            continue
        if not started:
            before_first_upsert()
            started = True
        run.append((change, vacancy))
        touched = True
    flush()
    return touched
