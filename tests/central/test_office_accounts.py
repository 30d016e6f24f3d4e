"""Staff accounts, sign-in, roles, sessions and CSRF on the office pages (real server, both
databases)."""
from __future__ import annotations

import subprocess
import sys

import pytest
import sqlalchemy as sa

from sync.central import db
from sync.central.office import accounts
from sync.central.office.accounts import MAX_FAILURES_PER_USER, AccountError
from sync.central.office.tables import login_failure, staff_user
from tests.central.office_client import PASSWORD, Staff, audit_rows, csrf_of, enroll, make_user
from tests.central.server import REPO, CentralServer


def test_passwords_are_stored_as_argon2id_hashes(central_server: CentralServer) -> None:
    name = make_user(central_server, "verifier")
    with central_server.engine.connect() as conn:
        stored = conn.execute(sa.select(staff_user.c.password_hash)
                              .where(staff_user.c.username == name)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


@pytest.mark.parametrize(("name", "password", "role"), [
    ("Bad Name", PASSWORD, "admin"),       # spaces and capitals
    ("x", PASSWORD, "admin"),              # too short
    ("ok-name", "short", "admin"),         # password under 10 characters
    ("ok-name", PASSWORD, "superuser"),    # no such role
    ("<script>", PASSWORD, "admin"),
])
def test_unusable_accounts_are_refused(central_db_url: str, name: str, password: str,
                                       role: str) -> None:
    engine = db.make_engine(central_db_url)
    with pytest.raises(AccountError), engine.begin() as conn:
        accounts.create_user(conn, name, password, role, now=db.now())
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(staff_user)).scalar() == 0
    engine.dispose()


def test_create_user_command_reads_the_password_from_stdin(central_server: CentralServer) -> None:
    def run(name: str, password: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sync.central.cli", "--database", central_server.db_url,
             "--data-dir", str(central_server.data_dir), "create-user", name, "--role", "admin",
             "--password-stdin"],
            input=password + "\n", capture_output=True, text=True, cwd=REPO, timeout=120)

    done = run("ani.admin", PASSWORD)
    assert done.returncode == 0, done.stderr
    assert "ani.admin" in done.stdout
    again = run("ani.admin", PASSWORD)
    assert again.returncode == 1
    assert "sudah dipakai" in again.stderr and "taken" in again.stderr
    short = run("budi", "pendek")
    assert short.returncode == 1 and "10" in short.stderr
    staff = Staff(central_server, "ani.admin", central_server.client())
    assert staff.login("ani.admin", PASSWORD).status_code == 303
    assert [r.action for r in audit_rows(central_server, _user_id(central_server, "ani.admin"))
            ][:1] == ["staff.create"]


def _user_id(server: CentralServer, name: str) -> str:
    with server.engine.connect() as conn:
        return str(conn.execute(sa.select(staff_user.c.id)
                                .where(staff_user.c.username == name)).scalar_one())


def test_anonymous_visitors_are_sent_to_sign_in(central_server: CentralServer) -> None:
    anonymous = Staff(central_server, "anonymous", central_server.client())
    http = anonymous.http
    for path in ("/office/fleet", "/office/registrations", "/office/vacancies", "/office/audit",
                 "/office/duplicates", "/office/exports", "/office/exports/registrations"):
        answer = http.get(path)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/office/login?next=")
    rows = http.get("/office/fleet/rows")
    assert rows.status_code == 401
    posted = http.post("/office/vacancies/unpublish", data={"id": "x"})
    assert posted.status_code == 303  # a form posted after the session ended: sign in again


def test_sign_in_cookie_is_httponly_and_samesite_strict(central_server: CentralServer) -> None:
    name = make_user(central_server, "verifier")
    browser = Staff(central_server, name, central_server.client())
    http = browser.http
    form = http.get("/office/login")
    answer = http.post("/office/login", data={"csrf": csrf_of(form.text), "username": name,
                                              "password": PASSWORD, "next": "/office/fleet"})
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/office" in cookie
    page = http.get("/office/fleet")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_a_wrong_password_says_so_and_repeated_failures_are_throttled(
        central_server: CentralServer) -> None:
    name = make_user(central_server, "admin")
    staff = Staff(central_server, name, central_server.client())
    for _ in range(MAX_FAILURES_PER_USER):
        wrong = staff.login(name, "salah-salah-salah")
        assert wrong.status_code == 401
        assert "Nama pengguna atau kata sandi salah" in wrong.text
        assert f'value="{name}"' in wrong.text  # the name stays typed, the password does not
        assert "salah-salah-salah" not in wrong.text
    blocked = staff.login(name, PASSWORD)  # even the right password waits out the window
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "Terlalu banyak percobaan" in blocked.text
    with central_server.engine.connect() as conn:
        failures = conn.execute(sa.select(sa.func.count()).select_from(login_failure)
                                .where(login_failure.c.username == name)).scalar()
    assert failures == MAX_FAILURES_PER_USER


def test_sign_out_ends_the_session_also_for_a_copied_cookie(central_server: CentralServer) -> None:
    staff = Staff.sign_in(central_server, "verifier")
    copied = dict(staff.http.cookies)
    out = staff.post("/office/logout")
    assert out.status_code == 303
    with central_server.client(cookies=copied) as thief:
        assert thief.get("/office/registrations").status_code == 303  # back to sign-in


def test_roles_keep_admins_and_verifiers_to_their_own_pages(central_server: CentralServer) -> None:
    verifier = Staff.sign_in(central_server, "verifier")
    admin = Staff.sign_in(central_server, "admin")
    for path in ("/office/vacancies", "/office/audit"):
        assert verifier.get(path).status_code == 403
    published = verifier.post("/office/vacancies/publish",
                              files={"files": ("a.json", b"[]", "application/json")})
    assert published.status_code == 403
    assert "Peran Anda tidak boleh" in published.text
    for path in ("/office/registrations", "/office/duplicates", "/office/exports",
                 "/office/exports/registrations?format=csv"):
        assert admin.get(path).status_code == 403, path  # personal data: verifiers only
    assert verifier.get("/office/fleet").status_code == 200
    assert admin.get("/office/fleet").status_code == 200
    fleet = verifier.get("/office/fleet").text
    assert "/office/fleet/enroll" not in fleet  # no admin controls for a verifier


@pytest.mark.parametrize("token", ["", "not-the-token", None])
def test_a_post_without_the_session_csrf_token_is_refused(
        central_server: CentralServer, token: str | None) -> None:
    admin = Staff.sign_in(central_server, "admin")
    data = {"name": "Kios CSRF", "place": "x"}
    if token is not None:
        data["csrf"] = token
    answer = admin.http.post("/office/fleet/enroll", data=data)
    assert answer.status_code == 403
    assert "Formulir kedaluwarsa" in answer.text
    # A token from another staff member's session does not fit this one either.
    other = Staff.sign_in(central_server, "admin")
    crossed = admin.http.post("/office/fleet/enroll", data={**data, "csrf": other.token})
    assert crossed.status_code == 403
    from sync.central import tables as t
    assert central_server.count(t.enrollment_codes,
                                t.enrollment_codes.c.kiosk_name == "Kios CSRF") == 0


def test_the_language_switch_gives_english_pages(central_server: CentralServer) -> None:
    staff = Staff.sign_in(central_server, "admin")
    assert 'lang="id"' in staff.get("/office/fleet").text
    switched = staff.get("/office/lang/en?next=/office/fleet")
    assert switched.status_code == 303
    page = staff.get("/office/fleet").text
    assert 'lang="en"' in page and "Kiosks in the field" in page
    evil = staff.get("/office/lang/en?next=https://evil.example/")
    assert evil.headers["location"] == "/office/fleet"


def test_every_page_renders_in_both_languages(central_server: CentralServer) -> None:
    from tests.central.office_client import pushed_registration

    record_id = pushed_registration(enroll(central_server, "Kios Bahasa"))
    admin = Staff.sign_in(central_server, "admin")
    verifier = Staff.sign_in(central_server, "verifier")
    pages = [(admin, "/office/fleet"), (admin, "/office/vacancies"), (admin, "/office/audit"),
             (verifier, "/office/fleet"), (verifier, "/office/registrations"),
             (verifier, f"/office/registrations/{record_id}"), (verifier, "/office/duplicates"),
             (verifier, "/office/exports")]
    for lang in ("en", "id"):
        for staff, _path in pages[:1] + pages[3:4]:
            staff.get(f"/office/lang/{lang}?next=/office/fleet")
        for staff, path in pages:
            page = staff.get(path)
            assert page.status_code == 200, (lang, path)
            assert f'<html lang="{lang}">' in page.text
            assert page.text.count("<h1>") == 1  # one main heading per page
