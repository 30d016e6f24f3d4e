"""The verifier's pages: the queue of registrations, one registration in full, the decisions.

Personal data appears only in these responses (marked no-store) and never in a URL: the
registration id in the path is the kiosk's random UUID, and the reason travels in the POST body.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.central import registrations
from sync.central import tables as t
from sync.central.office.decisions import DecisionError, decide
from sync.central.office.texts import field_labels, text
from sync.central.office.web import (
    PREFIX,
    PostedForm,
    check_csrf,
    fail,
    language,
    office,
    redirect,
    render,
    require,
)

router = APIRouter(prefix=PREFIX, include_in_schema=False)
QUEUE_STATUSES = ("received", "verified", "ak1_issued", "rejected")
PAGE_SIZE = 100


@router.get("/registrations")
def queue(request: Request, status: str = "received") -> Response:
    user = require(request, "verifier")
    if status not in QUEUE_STATUSES:
        status = "received"
    o = office(request)
    with o.engine.connect() as conn:
        rows = registrations.list(conn, o.keys, status=status, limit=PAGE_SIZE)
        counts = {s: registrations.count(conn, status=s) for s in QUEUE_STATUSES}
        names = _device_names(conn)
    return render(request, "office/registrations.html", {
        "rows": rows, "status": status, "statuses": QUEUE_STATUSES, "counts": counts,
        "devices": names, "page_size": PAGE_SIZE,
    }, user=user)


@router.get("/registrations/{registration_id}")
def detail(request: Request, registration_id: str) -> Response:
    user = require(request, "verifier")
    return _detail_page(request, registration_id[:64], user)


def _detail_page(request: Request, registration_id: str, user: Any, *,
                 error: str | None = None, reason: str = "") -> Response:
    """The registration in full; with `error`, a 422 that keeps the reason the verifier typed
    in its box (an error page would make them type it anew)."""
    o = office(request)
    with o.engine.connect() as conn:
        record = registrations.get(conn, o.keys, registration_id)
        if record is None:
            return fail(request, 404, text("error.not_found", language(request)),
                        back=f"{PREFIX}/registrations", user=user)
        others = conn.execute(
            t.registrations.select().with_only_columns(t.registrations.c.id)
            .where(t.registrations.c.nik_hash == record["nik_hash"],
                   t.registrations.c.id != record["id"])
        ).scalars().all()
        names = _device_names(conn)
    return render(request, "office/registration.html", {
        "r": record, "d": record["data"], "device": names.get(record["device_id"], "?"),
        "fields": field_labels(language(request)),
        "duplicates": list(others),
        "issued": request.query_params.get("issued") == "1" and record["ak1_number"],
        "error": error, "typed_reason": reason,
    }, user=user, status_code=422 if error else 200)


@router.post("/registrations/{registration_id}/{action}")
def decision(
    request: Request, registration_id: str, action: str, posted: PostedForm
) -> Response:
    user = require(request, "verifier")
    form = check_csrf(request, posted)
    o = office(request)
    lang = language(request)
    back = f"{PREFIX}/registrations/{registration_id[:64]}"
    if action not in ("verify", "issue", "reject"):
        return fail(request, 404, text("error.not_found", lang), back=back, user=user)
    typed = str(form.get("reason", ""))[:5000]
    try:
        outcome = decide(o.engine, registration_id[:64], action, user, now=o.now(),
                         reason=typed)
    except DecisionError as exc:
        values: dict[str, Any] = dict(exc.values)
        if "state" in values:
            values["state"] = text(f"status.{values['state']}", lang)
        if exc.status == 422:
            return _detail_page(request, registration_id[:64], user,
                                error=text(exc.key, lang, **values), reason=typed)
        return fail(request, exc.status, text(exc.key, lang, **values), back=back, user=user)
    notice = {"verified": "reg.done_verify", "rejected": "reg.done_reject"}.get(outcome.status)
    if outcome.status == "ak1_issued":
        return redirect(f"{back}?issued=1")
    return redirect(back, notice=notice)


def _device_names(conn: Any) -> dict[str, str]:
    return {row.id: row.name for row in conn.execute(
        t.devices.select().with_only_columns(t.devices.c.id, t.devices.c.name))}

