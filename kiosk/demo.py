"""The demo catalog shipped in assets/demo/, and seeding it into an empty kiosk catalog.

The demo vacancies are written by the SIKER Kiosk team; every one is fictitious and says so.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from assets import ASSETS_DIR
from kiosk.catalog import VacancyCatalog
from kiosk.importer import SkippedRecord, read_vacancies
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy

DEMO_CATALOG = ASSETS_DIR / "demo" / "lowongan_demo.jsonld"
"""schema.org JSON-LD (@graph of JobPosting): 48 demo vacancies, 3 in each kecamatan."""
DEMO_SOURCE = "demo"
"""The `source` stored on every demo vacancy; with the DEMO-nnn identifiers it keys them."""


def read_demo_catalog(
    regions: RegionTable, today: date, path: Path = DEMO_CATALOG
) -> list[Vacancy]:
    """The demo vacancies, marked `is_demo` and moved in time so the newest was posted `today`.

    Every date moves by the same number of days, so the catalog keeps its shape: postings stay
    spread over about six weeks before `today`, and each closing date (given or estimated) keeps
    its distance from its posting date. The file's dates lie in early 2025; without the shift a
    kiosk started later would show only expired vacancies, which hide from residents, so the
    demo would look empty on exactly the first start it exists for.

    Raises:
        ValueError: the file is missing, unreadable or holds no vacancy, or any record in it was
            skipped; the demo file is the team's own, so a skip is a bug, and the message lists
            every reason.
    """
    vacancies: list[Vacancy] = []
    problems: list[str] = []
    for item in read_vacancies(path, regions, source=DEMO_SOURCE):
        if isinstance(item, SkippedRecord):
            problems.append(f"{item.position or item.file}: {item.reason}")
        else:
            vacancies.append(item)
    if problems:
        raise ValueError(
            f"The demo catalog {path} has {len(problems)} problem(s): " + "; ".join(problems)
        )
    if not vacancies:
        raise ValueError(f"The demo catalog {path} holds no vacancy.")
    shift = today - max(v.date_posted for v in vacancies)
    return list(_as_demo(vacancies, shift))


def _as_demo(vacancies: list[Vacancy], shift: timedelta) -> Iterator[Vacancy]:
    for vacancy in vacancies:
        yield dataclasses.replace(
            vacancy,
            is_demo=True,
            date_posted=vacancy.date_posted + shift,
            valid_through=vacancy.valid_through + shift,
        )


def seed_demo_catalog(
    catalog: VacancyCatalog,
    regions: RegionTable,
    clock: Callable[[], datetime],
    path: Path = DEMO_CATALOG,
) -> int:
    """Fill an empty catalog with the demo vacancies, so a new kiosk has something to show.

    Only a catalog with no vacancies at all, expired ones included, is seeded: once anything was
    imported or synced, or the demo was seeded before, nothing happens. The newest demo posting
    is dated the clock's today (see `read_demo_catalog`). All demo vacancies are written in
    one transaction with their change mark (kiosk.changes). The demo stays until an import adds or
    updates real vacancies: `kiosk.importer.import_files` then deletes it in the same run
    (`VacancyCatalog.remove_demo`), and the catalog is never seeded again.

    Returns:
        How many demo vacancies were added; 0 when the catalog was not empty.

    Raises:
        ValueError: the demo file is broken (see `read_demo_catalog`); nothing is written then.
    """
    if catalog.count(include_expired=True) > 0:
        return 0
    vacancies = read_demo_catalog(regions, clock().date(), path)
    db = catalog.database
    with db.atomic():
        # Checked again inside the transaction: another process may have imported meanwhile.
        if catalog.count(include_expired=True) > 0:
            return 0
        added = catalog.upsert(vacancies).added  # marks the catalog changed
    return added
