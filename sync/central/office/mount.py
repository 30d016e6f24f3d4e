"""`install_office(app, ...)`: puts the office pages, their static files and the open-data
endpoints on the core's FastAPI app (one call from `create_app`)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sync.central import db
from sync.central.crypto import Keys
from sync.central.office import (
    audit_pages,
    auth_pages,
    duplicate_pages,
    export_pages,
    fleet_pages,
    open_data,
    registration_pages,
    vacancy_pages,
)
from sync.central.office.texts import text
from sync.central.office.timefmt import offset, when
from sync.central.office.web import (
    PREFIX,
    STATIC_DIR,
    TEMPLATE_DIR,
    Denied,
    Office,
    fail,
    language,
    login_redirect,
)


def install_office(
    app: FastAPI,
    *,
    engine: sa.Engine,
    keys: Keys,
    data_dir: Path | None,
    enrollment_minutes: int = 60,
    sync_interval_seconds: int = 600,
    max_upload_bytes: int = 2 * 1024 * 1024,
    secure_cookies: bool = False,
    clock: Callable[[], float] = db.now,
) -> None:
    """Add the office's routes to `app` and keep its context on `app.state.office`.

    The pages and their static files stay out of the OpenAPI document; the open-data feed is
    in it. The session secret comes from $SIKER_CENTRAL_SECRET or `data_dir` (see
    session.load_secret), so every worker process signs cookies alike.
    """
    templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
    templates.env.filters["when"] = when
    templates.env.filters["offset"] = offset
    templates.env.globals["now"] = clock
    app.state.office = Office(
        engine=engine, keys=keys, data_dir=data_dir,
        templates=templates, clock=clock, enrollment_minutes=enrollment_minutes,
        sync_interval_seconds=sync_interval_seconds, max_upload_bytes=max_upload_bytes,
        secure_cookies=secure_cookies,
    )
    for module in (auth_pages, fleet_pages, registration_pages, duplicate_pages,
                   vacancy_pages, audit_pages, export_pages):
        app.include_router(module.router)
    app.include_router(open_data.router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=str(STATIC_DIR / "office")),
              name="office-static")
    app.add_exception_handler(Denied, _denied)  # type: ignore[arg-type]


async def _denied(request: Request, exc: Denied) -> Response:
    """Signed out: the page's script (fleet rows) gets 401 JSON, everything else is sent to the
    sign-in form (also a form posted after the session ran out). Wrong role or CSRF: 403 page."""
    if exc.status == 401:
        if request.url.path.endswith("/rows"):
            return JSONResponse({"error": "unauthorized", "reason_id": "Silakan masuk dulu.",
                                 "reason_en": "Please sign in first."}, status_code=401)
        return login_redirect(request)
    return fail(request, exc.status, text(exc.key, language(request)),
                back=f"{PREFIX}/fleet")
