"""The admin's audit page: every staff decision, newest first."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.central.office import audit
from sync.central.office.web import PREFIX, language, office, render, require

router = APIRouter(prefix=PREFIX, include_in_schema=False)
PAGE = 200


@router.get("/audit")
def audit_page(request: Request, before: int | None = None) -> Response:
    user = require(request, "admin")
    lang = language(request)
    with office(request).engine.connect() as conn:
        entries = audit.entries(conn, limit=PAGE, before_id=before)
    labels = audit.ACTIONS

    def action_label(action: str) -> str:
        pair = labels.get(action)
        return action if pair is None else pair[1 if lang == "en" else 0]

    return render(request, "office/audit.html", {
        "entries": entries, "action_label": action_label,
        "older": entries[-1].id if len(entries) == PAGE else None,
    }, user=user)

