"""The fleet page: every kiosk and its health, refreshed in place every few seconds; admins
create enrollment codes (text and QR code) and revoke kiosks here."""
from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.central import devices, fleet, freetext
from sync.central.office import audit
from sync.central.office.texts import text
from sync.central.office.timefmt import when
from sync.central.office.web import (
    PREFIX,
    SECURITY_HEADERS,
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
POLL_SECONDS = 5
STAFF = ("admin", "verifier")


def _rows(request: Request) -> list[dict[str, object]]:
    o = office(request)
    with o.engine.connect() as conn:
        return fleet.list_devices(conn, o.now(), interval_seconds=o.sync_interval_seconds,
                                  include_revoked=True)


@router.get("/fleet")
def fleet_page(request: Request) -> Response:
    user = require(request, *STAFF)
    return render(request, "office/fleet.html", {
        "devices": _rows(request), "poll_seconds": POLL_SECONDS, "enrolled": None,
    }, user=user)


@router.get("/fleet/rows")
def fleet_rows(request: Request) -> Response:
    """The table body alone, for the page's script; 401 (not a redirect) when signed out."""
    user = require(request, *STAFF)
    response = render(request, "office/fleet_rows.html", {"devices": _rows(request)}, user=user)
    response.headers.update(SECURITY_HEADERS)
    # The page shows when the rows were made in the server's words (WIB), not the browser's.
    response.headers["X-Fleet-Updated"] = when(office(request).now())
    return response


@router.post("/fleet/enroll")
def enroll(request: Request, posted: PostedForm) -> Response:
    user = require(request, "admin")
    form = check_csrf(request, posted)
    o = office(request)
    typed = {"name": str(form.get("name", ""))[:1000], "place": str(form.get("place", ""))[:1000]}
    try:
        name = freetext.kiosk_name(typed["name"])
        place = freetext.kiosk_place(typed["place"])
    except freetext.TextRefused as exc:
        # The form again with the officer's words in it and the reason above it, not an
        # error page that makes them type everything anew.
        return render(request, "office/fleet.html", {
            "devices": _rows(request), "poll_seconds": POLL_SECONDS, "enrolled": None,
            "error": exc.in_language(language(request)), "typed": typed,
        }, user=user, status_code=422)
    now = o.now()
    with o.engine.begin() as conn:
        code = devices.create_enrollment_code(conn, name, place=place,
                                              minutes=o.enrollment_minutes)
        audit.record(conn, at=now, staff_user_id=user.id, staff_username=user.username,
                     action="device.enrollment_code", entity="device", record_id=name,
                     detail={"place": place, "minutes": o.enrollment_minutes})
    return render(request, "office/fleet.html", {
        "devices": _rows(request), "poll_seconds": POLL_SECONDS,
        "enrolled": {"name": name, "code": code, "qr": qr_data_uri(code),
                     "expires": now + o.enrollment_minutes * 60},
    }, user=user)


@router.post("/fleet/{device_id}/revoke")
def revoke(request: Request, device_id: str, posted: PostedForm) -> Response:
    user = require(request, "admin")
    check_csrf(request, posted)
    o = office(request)
    device_id = device_id[:36]
    now = o.now()
    with o.engine.begin() as conn:
        done = devices.revoke(conn, device_id)
        if done:
            audit.record(conn, at=now, staff_user_id=user.id, staff_username=user.username,
                         action="device.revoke", entity="device", record_id=device_id)
    if not done:
        return fail(request, 404, text("error.not_found", language(request)),
                    back=f"{PREFIX}/fleet", user=user)
    return redirect(f"{PREFIX}/fleet", notice="fleet.done_revoke")


def qr_data_uri(payload: str) -> str:
    """The payload as a QR code: an SVG image in a data: URI, for an <img> with alt text."""
    image = qrcode.make(payload, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
