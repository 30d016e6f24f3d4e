"""Sign-in, sign-out and the language switch of the office pages."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from sync.central.office import accounts, audit
from sync.central.office.session import COOKIE_NAME, new_session
from sync.central.office.texts import LANGUAGES
from sync.central.office.web import (
    LANG_COOKIE,
    PREFIX,
    PostedForm,
    check_csrf,
    office,
    redirect,
    render,
    set_session_cookie,
    signed_in,
)

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path on the office pages: a crafted ?next= never sends staff elsewhere."""
    if target and target.startswith(PREFIX + "/") and "//" not in target and "\\" not in target:
        return target
    return f"{PREFIX}/fleet"


@router.get("/")
def index(request: Request) -> Response:
    return redirect(f"{PREFIX}/fleet" if signed_in(request) else f"{PREFIX}/login")


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "office/login.html", {"next": _safe_next(next), "error": None})


@router.post("/login")
def login(request: Request, posted: PostedForm) -> Response:
    form = check_csrf(request, posted)
    o = office(request)
    username = str(form.get("username", ""))[:64]
    password = str(form.get("password", ""))
    target = _safe_next(str(form.get("next", "")))
    remote = request.client.host if request.client else "unknown"
    now = o.now()
    try:
        with o.engine.begin() as conn:
            user = accounts.authenticate(conn, username, password, remote=remote, now=now)
            if user is not None:
                audit.record(conn, at=now, staff_user_id=user.id, staff_username=user.username,
                             action="staff.sign_in", entity="staff_user", record_id=str(user.id))
    except accounts.Throttled as exc:
        throttled = render(request, "office/login.html", {
            "next": target, "error": ("login.throttled", {"seconds": exc.retry_after}),
            "username": username,
        }, status_code=429)
        throttled.headers["Retry-After"] = str(exc.retry_after)
        return throttled
    if user is None:
        # The name stays in its box (the password never comes back).
        return render(request, "office/login.html", {"next": target, "error": ("login.failed", {}),
                                                     "username": username}, status_code=401)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, o, new_session(user.id, user.session_epoch))
    return response


@router.post("/logout")
def logout(request: Request, posted: PostedForm) -> Response:
    check_csrf(request, posted)
    o = office(request)
    user = signed_in(request)
    if user is not None:
        now = o.now()
        with o.engine.begin() as conn:
            accounts.end_sessions(conn, user.id)
            audit.record(conn, at=now, staff_user_id=user.id, staff_username=user.username,
                         action="staff.sign_out", entity="staff_user", record_id=str(user.id))
    response = redirect(f"{PREFIX}/login", notice="login.signed_out")
    response.delete_cookie(COOKIE_NAME, path=PREFIX)
    return response


@router.get("/lang/{lang}")
def switch_language(request: Request, lang: str, next: str | None = None) -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    if lang in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="strict",
                            path=PREFIX)
    return response

