"""The relevance test set: residents' queries and the postings each must bring into the top 5.

The catalog is the real file (../shared/data/job_postings_id.jsonl, read with the kiosk's own
importer as of 2025-07-10 so its postings are open) together with the demo catalog (dated to
that day), in one real SQLite file. The cases live in cases.json next to this module.

Scoring, per case: it is *found* when every posting in `must` is among the first 5 results and,
where the case gives `related` (a regular expression over a card's title, case-insensitive),
every one of the first 5 cards matches it, so an unrelated card in the top 5 is a failure. The
reciprocal rank is 1/r for the best rank r (1..10) of a `must` posting, else 0. The suite's
figures are the share of found cases (found-in-top-5) and the mean reciprocal rank (MRR).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kiosk.catalog import VacancyCatalog, upsert_in_batches
from kiosk.db import open_database
from kiosk.demo import read_demo_catalog
from kiosk.importer import SkippedRecord, read_vacancies
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy

CASES_FILE = Path(__file__).with_name("cases.json")
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
AS_OF = date(2025, 7, 10)
TOP = 5


@dataclass(frozen=True)
class Case:
    query: str
    must: tuple[str, ...]  # "source:source_id"
    kind: str
    related: str | None = None


@dataclass(frozen=True)
class Outcome:
    case: Case
    shown: tuple[str, ...]  # "source:source_id | title" of the first 10
    found: bool
    reciprocal_rank: float


def key(v: Vacancy) -> str:
    return f"{v.source}:{v.source_id}"


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [Case(c["q"], tuple(c["must"]), c["kind"], c.get("related")) for c in doc["cases"]]


def catalog_vacancies(regions: RegionTable) -> list[Vacancy]:
    """The real file as of AS_OF plus the demo catalog dated AS_OF."""
    real = [v for v in read_vacancies(SHARED_DATA / "job_postings_id.jsonl", regions,
                                      today=AS_OF) if not isinstance(v, SkippedRecord)]
    return real + read_demo_catalog(regions, AS_OF)


def build_catalog(db_path: Path, regions: RegionTable) -> None:
    """Write the relevance catalog into a new kiosk database at `db_path`."""
    db = open_database(db_path)
    try:
        clock = lambda: datetime.combine(AS_OF, datetime.min.time())  # noqa: E731
        upsert_in_batches(VacancyCatalog(db, clock), catalog_vacancies(regions))
    finally:
        db.close()


def evaluate(cases: Sequence[Case],
             search: Callable[[str], Sequence[Vacancy]]) -> list[Outcome]:
    """Run every case through `search` (query text -> vacancies in rank order)."""
    outcomes = []
    for case in cases:
        results = list(search(case.query))[:10]
        keys = [key(v) for v in results]
        top = keys[:TOP]
        found = all(m in top for m in case.must)
        if found and case.related:
            pattern = re.compile(case.related, re.IGNORECASE)
            found = all(pattern.search(v.title) for v in results[:TOP])
        ranks = [keys.index(m) + 1 for m in case.must if m in keys]
        outcomes.append(Outcome(case, tuple(f"{key(v)} | {v.title} | {v.location}"
                                            for v in results), found,
                                1 / min(ranks) if ranks else 0.0))
    return outcomes


def score(outcomes: Sequence[Outcome]) -> tuple[float, float]:
    """(found-in-top-5 share, mean reciprocal rank), both 0..1."""
    n = len(outcomes) or 1
    return (sum(o.found for o in outcomes) / n, sum(o.reciprocal_rank for o in outcomes) / n)
