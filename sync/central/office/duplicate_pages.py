"""The verifier's probable-duplicates page: groups of registrations with the same NIK."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.central import tables as t
from sync.central.office import duplicates
from sync.central.office.decisions import DecisionError
from sync.central.office.texts import text
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


@router.get("/duplicates")
def duplicates_page(request: Request) -> Response:
    user = require(request, "verifier")
    o = office(request)
    with o.engine.connect() as conn:
        groups = duplicates.open_groups(conn, o.keys)
        names = {row.id: row.name for row in conn.execute(
            t.devices.select().with_only_columns(t.devices.c.id, t.devices.c.name))}
    return render(request, "office/duplicates.html", {
        "groups": groups, "devices": names, "is_merged": duplicates.is_merged,
    }, user=user)


@router.post("/duplicates/decide")
def decide(request: Request, posted: PostedForm) -> Response:
    user = require(request, "verifier")
    form = check_csrf(request, posted)
    o = office(request)
    action = str(form.get("action", ""))
    keep = form.get("keep")
    try:
        duplicates.decide(
            o.engine, nik_hash=str(form.get("nik_hash", ""))[:128],
            key=str(form.get("key", ""))[:2000], action=action, user=user, now=o.now(),
            keep_id=str(keep)[:36] if keep else None,
        )
    except DecisionError as exc:
        return fail(request, exc.status, text(exc.key, language(request), **exc.values),
                    back=f"{PREFIX}/duplicates", user=user)
    return redirect(f"{PREFIX}/duplicates", notice="dup.done")
