"""The verifier's export page and downloads (CSV and JSON, docs/central-exports.md)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.central.office.export import STATUSES, export
from sync.central.office.web import PREFIX, SECURITY_HEADERS, office, render, require

router = APIRouter(prefix=PREFIX, include_in_schema=False)


@router.get("/exports")
def exports_page(request: Request) -> Response:
    user = require(request, "verifier")
    return render(request, "office/exports.html", {"statuses": STATUSES}, user=user)


@router.get("/exports/registrations")
def download(request: Request, format: str = "csv", status: str = "") -> Response:
    """The export as a file download; 422 for an unknown format or status."""
    user = require(request, "verifier")
    o = office(request)
    if format not in ("csv", "json") or (status and status not in STATUSES):
        return Response("format: csv|json; status: " + "|".join(STATUSES), status_code=422,
                        media_type="text/plain; charset=utf-8", headers=SECURITY_HEADERS)
    body, _count = export(o.engine, o.keys, status=status or None, fmt=format, now=o.now(),
                          staff_user_id=user.id, staff_username=user.username)
    name = f"siker-pendaftaran-{status or 'semua'}.{format}"
    media = "text/csv; charset=utf-8" if format == "csv" else "application/json"
    payload = ("\ufeff" + body) if format == "csv" else body  # BOM: Excel reads it as UTF-8
    return Response(payload.encode("utf-8"), media_type=media, headers={
        **SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})
