"""What every office page shares: the Office context on app.state, the signed-in user, role and
CSRF checks, and rendering a template with the page's language and safe headers.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import sqlalchemy as sa
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData

from sync.central.crypto import Keys
from sync.central.office import accounts
from sync.central.office.accounts import StaffUser
from sync.central.office.session import (
    COOKIE_NAME,
    Session,
    SessionCodec,
    load_secret,
    new_session,
)
from sync.central.office.texts import LANGUAGES, TEXTS, fleet_warning, text

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"
STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
LANG_COOKIE = "siker_office_lang"
PREFIX = "/office"

# The pages load nothing from elsewhere and run no inline script: XSS that slips past escaping
# still cannot run or phone home. data: images are the inline QR codes.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",  # pages may hold personal data: never in a shared cache
}


@dataclass
class Office:
    """The office's collaborators, kept on `app.state.office` by `install_office`."""

    engine: sa.Engine
    keys: Keys
    data_dir: Path | None
    templates: Jinja2Templates
    clock: Callable[[], float]  # UTC epoch seconds, like every *_at column
    enrollment_minutes: int = 60
    sync_interval_seconds: int = 600
    max_upload_bytes: int = 2 * 1024 * 1024  # the app's body limit caps it anyway (413)
    secure_cookies: bool = False  # True behind HTTPS; the reference server serves plain HTTP

    _codec: SessionCodec | None = None

    def now(self) -> float:
        return self.clock()

    @property
    def codec(self) -> SessionCodec:
        """Made on first use, so building an app (e.g. for the OpenAPI document) touches no
        file; every worker then reads the same secret from the data folder."""
        if self._codec is None:
            self._codec = SessionCodec(load_secret(self.data_dir))
        return self._codec


class Denied(Exception):
    """Raised inside a page: answered by `install_office`'s handler (redirect, 401 or 403)."""

    def __init__(self, status: int, key: str) -> None:
        super().__init__(key)
        self.status = status
        self.key = key


def office(request: Request) -> Office:
    found: Office = request.app.state.office
    return found


def language(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, "id")
    return lang if lang in LANGUAGES else "id"


def current_session(request: Request) -> Session | None:
    return office(request).codec.loads(request.cookies.get(COOKIE_NAME))


def signed_in(request: Request) -> StaffUser | None:
    """The staff member whose valid cookie came with the request, or None."""
    session = current_session(request)
    if session is None or session.user_id is None:
        return None
    with office(request).engine.connect() as conn:
        user = accounts.get_user(conn, session.user_id)
    if user is None or user.session_epoch != session.epoch:
        return None
    return user


def require(request: Request, *roles: str) -> StaffUser:
    """The signed-in user, if their role is one of `roles`.

    Raises:
        Denied: 401 when nobody is signed in (pages redirect to the sign-in form), 403 when the
            role is wrong.
    """
    user = signed_in(request)
    if user is None:
        raise Denied(401, "login.title")
    if roles and user.role not in roles:
        raise Denied(403, "error.forbidden")
    return user


async def read_form(request: Request) -> FormData:
    """The POSTed form, as a dependency: reading the body is the only async step, so the
    endpoints themselves are plain `def`s that FastAPI runs in its thread pool and never block
    the event loop with database work or argon2."""
    return await request.form()


PostedForm = Annotated[FormData, Depends(read_form)]


def check_csrf(request: Request, form: FormData) -> dict[str, Any]:
    """The form as a dict, after checking its `csrf` field against the session's token.

    Raises:
        Denied: 403 with the CSRF message when the token is missing or wrong.
    """
    token = form.get("csrf")
    if not office(request).codec.csrf_ok(current_session(request), token
                                        if isinstance(token, str) else None):
        raise Denied(403, "error.csrf")
    return dict(form)


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200,
    user: StaffUser | None = None,
) -> HTMLResponse:
    """The template with `t` (texts in the page's language), `user`, `csrf` and `lang` set."""
    lang = language(request)
    o = office(request)
    session = current_session(request)
    fresh = session is None
    if session is None:
        session = new_session()

    def t(key: str, **values: object) -> str:
        return text(key, lang, **values)

    def warning(value: str) -> str:
        return fleet_warning(value, lang)

    values = {
        "request": request, "t": t, "warning": warning, "lang": lang, "user": user,
        "csrf": o.codec.csrf_token(session), "prefix": PREFIX, "path": request.url.path,
        "other_lang": "en" if lang == "id" else "id",
        "notice": notice_key(request.query_params.get("notice")), **context,
    }
    response = o.templates.TemplateResponse(request, template, values, status_code=status_code)
    response.headers.update(SECURITY_HEADERS)
    if fresh:
        set_session_cookie(response, o, session)
    return response


def set_session_cookie(response: Response, o: Office, session: Session) -> None:
    response.set_cookie(
        COOKIE_NAME, o.codec.dumps(session), max_age=o.codec.max_age_s, httponly=True,
        samesite="strict", secure=o.secure_cookies, path=PREFIX,
    )


def fail(
    request: Request, status: int, message: str, *, back: str, user: StaffUser | None = None
) -> HTMLResponse:
    """An error page with one clear sentence (already in the page's language) and a way back."""
    return render(request, "office/error.html", {"message": message, "back": back},
                  status_code=status, user=user)


def notice_key(value: str | None) -> str | None:
    """A ?notice= value only if it names a text without fields (a URL cannot inject words)."""
    return value if value in TEXTS and "{" not in TEXTS[value][0] else None


def redirect(path: str, *, notice: str | None = None) -> RedirectResponse:
    """303 to an office page; `notice` is a texts key shown once (never personal data)."""
    target = path if notice is None else f"{path}{'&' if '?' in path else '?'}notice={notice}"
    return RedirectResponse(target, status_code=303)


def login_redirect(request: Request) -> RedirectResponse:
    """303 to the sign-in form, which comes back to this page (a GET) or to the fleet page."""
    target = request.url.path if request.method == "GET" else f"{PREFIX}/fleet"
    return RedirectResponse(f"{PREFIX}/login?next={quote(target, safe='/')}", status_code=303)
