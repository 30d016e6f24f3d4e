"""Job-board records for import tests: a valid one to change field by field, and JSON Lines."""
from __future__ import annotations

import json


def good_record(n: int, **changes: object) -> dict[str, object]:
    """A job-board record (shaped like ../shared/data/job_postings_id.jsonl) that imports."""
    record: dict[str, object] = {
        "Job ID": f"G-{n}", "Title": f"Kasir {n}", "Company": "Toko Makmur",
        "Location": "Semarang", "Min Salary": "2500000", "Max Salary": "3000000",
        "Posted Date": "2025-07-01 08:00:00", "Description": "Melayani pembeli.",
        "SMA/SMK/STM": "1", "Skill_Set": "['Ramah']",
    }
    record.update(changes)
    return record


def lines(*records: object) -> str:
    """Records as JSON Lines text."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
