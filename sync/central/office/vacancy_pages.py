"""The admin's vacancies page: publish from uploaded JobPosting files, see, unpublish."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from kiosk.importer import ImportReport
from sync.central import vacancies
from sync.central.office import audit
from sync.central.office.accounts import StaffUser
from sync.central.office.publishing import in_language, publish_files, report_lines
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
ALLOWED_SUFFIXES = (".json", ".jsonld", ".jsonl", ".ndjson", ".csv", ".tsv", ".txt")
MAX_FILES = 10


def _page(request: Request, user: StaffUser, *, report: list[str] | None = None,
          status_code: int = 200) -> Response:
    o = office(request)
    with o.engine.connect() as conn:
        rows = vacancies.list_all(conn)
    return render(request, "office/vacancies.html", {
        "rows": rows, "report": report, "max_mb": o.max_upload_bytes // (1024 * 1024),
        "max_bytes": o.max_upload_bytes, "accept": ",".join(ALLOWED_SUFFIXES),
    }, user=user, status_code=status_code)


@router.get("/vacancies")
def vacancies_page(request: Request) -> Response:
    user = require(request, "admin")
    return _page(request, user)


@router.post("/vacancies/publish")
def publish(request: Request, posted: PostedForm) -> Response:
    user = require(request, "admin")
    check_csrf(request, posted)
    o = office(request)
    lang = language(request)
    back = f"{PREFIX}/vacancies"
    uploads = [f for f in posted.getlist("files")
               if isinstance(f, UploadFile) and f.filename]
    if not uploads:
        return fail(request, 422, text("vac.no_file", lang), back=back, user=user)
    if len(uploads) > MAX_FILES:
        return fail(request, 422, text("vac.too_many", lang, n=MAX_FILES), back=back, user=user)
    for upload in uploads:
        if Path(upload.filename or "").suffix.lower() not in ALLOWED_SUFFIXES:
            return fail(request, 415, text("vac.wrong_type", lang), back=back, user=user)
        if upload.size is not None and upload.size > o.max_upload_bytes:
            mb = o.max_upload_bytes // (1024 * 1024)
            return fail(request, 413, text("vac.too_big", lang, mb=mb), back=back, user=user)
    with tempfile.TemporaryDirectory(prefix="siker-office-") as folder:
        files: list[tuple[Path, str]] = []
        for index, upload in enumerate(uploads):
            shown = safe_name(upload.filename or "")
            path = Path(folder) / f"{index}-{shown}"
            path.write_bytes(upload.file.read())
            files.append((path, shown))
        now = o.now()

        def work() -> ImportReport:
            return publish_files(o.engine, files, now=now, staff_user_id=user.id,
                                 staff_username=user.username)

        report = in_language(lang, work)
    lines = report_lines(report, lang)
    return _page(request, user, report=lines,
                 status_code=200 if report.added + report.updated + report.unchanged else 422)


@router.post("/vacancies/unpublish")
def unpublish(request: Request, posted: PostedForm) -> Response:
    user = require(request, "admin")
    form = check_csrf(request, posted)
    o = office(request)
    vacancy_id = str(form.get("id", ""))[:200]
    now = o.now()
    with o.engine.begin() as conn:
        done = vacancies.unpublish(conn, vacancy_id)
        if done:
            audit.record(conn, at=now, staff_user_id=user.id, staff_username=user.username,
                         action="vacancy.unpublish", entity="vacancy", record_id=vacancy_id)
    if not done:
        return fail(request, 404, text("error.not_found", language(request)),
                    back=f"{PREFIX}/vacancies", user=user)
    return redirect(f"{PREFIX}/vacancies", notice="vac.done_unpublish")


def safe_name(filename: str) -> str:
    """The upload's base name with only letters, digits, '.', '_' and '-' (for the report and
    the temporary file; never a path)."""
    base = Path(filename.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload"
    return cleaned[-80:]
