"""Publishing vacancies: the kiosk's importer rules and report, on the page and on the command
line; publish reaches kiosks as an upsert, unpublish as a tombstone; the open JSON-LD feed."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from kiosk.catalog import VacancyCatalog
from kiosk.importer import SkippedRecord, format_report, import_files, read_vacancies
from kiosk.region import RegionTable
from sync.central import vacancies
from sync.central.office.ak1 import WIB
from tests.central.office_client import Staff, audit_rows, enroll
from tests.central.server import REPO, CentralServer

DATA = REPO / "tests" / "core" / "data"


def _publish_command(server: CentralServer, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync.central.cli", "--database", server.db_url, "--data-dir",
         str(server.data_dir), "publish-vacancies", *map(str, files)],
        capture_output=True, text=True, cwd=REPO, timeout=300)


def _kiosk_report(db: object, *files: Path) -> list[str]:
    """What `siker-kiosk import-vacancies` prints for the same files on a fresh catalog."""
    catalog = VacancyCatalog(db, lambda: datetime.now(WIB).replace(tzinfo=None))  # type: ignore[arg-type]
    return format_report(import_files(list(files), catalog, RegionTable.load()))


def test_publish_command_prints_the_kiosks_report_and_exit_codes(
        central_server: CentralServer, db: object, tmp_path: Path, shared_data: Path) -> None:
    # 300 real job-board records from ../shared/data (read there, never copied into the repo),
    # with one broken line and one without a title added.
    lines = (shared_data / "job_postings_id.jsonl").read_text(encoding="utf-8").splitlines()[:300]
    mixed = tmp_path / "lowongan.jsonl"
    mixed.write_text("\n".join([*lines, "{not json", '{"Job ID": "x1", "Company": "PT A"}']) + "\n",
                     encoding="utf-8")
    done = _publish_command(central_server, mixed)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == _kiosk_report(db, mixed)
    assert done.stdout.startswith("Impor selesai:") and "baris 301" in done.stdout
    clean = _publish_command(central_server, DATA / "jobpostings_graph.jsonld")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    again = _publish_command(central_server, DATA / "jobpostings_graph.jsonld")
    assert "0 baru" in again.stdout and "tidak berubah" in again.stdout
    missing = _publish_command(central_server, tmp_path / "tidak-ada.json")
    assert missing.returncode == 1 and "tidak-ada.json" in missing.stdout


def _upload(staff: Staff, name: str, body: bytes, kind: str = "application/json"
            ) -> httpx.Response:
    return staff.post("/office/vacancies/publish", files=[("files", (name, body, kind))])


def test_publish_from_the_page_reaches_kiosks_and_unpublish_sends_a_tombstone(
        central_server: CentralServer) -> None:
    admin = Staff.sign_in(central_server, "admin")
    kiosk = enroll(central_server)
    _changes, cursor = kiosk.pull_all()
    page = _upload(admin, "lowongan.json", (DATA / "jobposting_single.json").read_bytes())
    assert page.status_code == 200
    assert "Impor selesai: 1 baru" in page.text and 'id="import-report"' in page.text
    changes, cursor = kiosk.pull_all(cursor)
    upserts = [c for c in changes if c["entity"] == "vacancy" and c["op"] == "upsert"]
    assert len(upserts) == 1
    vacancy = upserts[0]["data"]
    assert vacancy["title"] and vacancy["employer"] and vacancy["date_posted"]
    assert vacancy["id"] == upserts[0]["id"] == f"{vacancy['source']}:{vacancy['source_id']}"
    assert vacancy["title"] in admin.get("/office/vacancies").text
    assert [r.action for r in audit_rows(central_server, "lowongan.json")][-1:] == [
        "vacancy.publish"]
    gone = admin.post("/office/vacancies/unpublish", {"id": vacancy["id"]})
    assert gone.status_code == 303
    changes, _ = kiosk.pull_all(cursor)
    assert [(c["op"], c["id"], c["data"]) for c in changes if c["entity"] == "vacancy"] == [
        ("delete", vacancy["id"], None)]
    assert [r.action for r in audit_rows(central_server, vacancy["id"])] == ["vacancy.unpublish"]
    assert admin.post("/office/vacancies/unpublish", {"id": vacancy["id"]}).status_code == 404


def test_the_open_feed_is_schema_org_jobposting_json_ld_that_the_kiosk_reads_back(
        central_server: CentralServer, tmp_path: Path) -> None:
    admin = Staff.sign_in(central_server, "admin")
    assert _upload(admin, "graph.jsonld",
                   (DATA / "jobpostings_graph.jsonld").read_bytes()).status_code == 200
    answer = httpx.get(f"{central_server.base_url}/api/v1/open/vacancies.jsonld")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/ld+json")
    feed = answer.json()
    assert feed["@context"] == "https://schema.org"
    postings = feed["@graph"]
    assert postings and all(p["@type"] == "JobPosting" for p in postings)
    for posting in postings:  # the properties Google's JobPosting guidelines require
        assert {"title", "description", "datePosted", "hiringOrganization", "jobLocation",
                "validThrough"} <= posting.keys()
        assert posting["hiringOrganization"]["@type"] == "Organization"
        assert posting["jobLocation"]["address"]["@type"] == "PostalAddress"
        salary = posting.get("baseSalary")
        if salary:
            # Pay in the unit the employer stated (the graph file has hourly and daily pay).
            assert salary["currency"] == "IDR"
            assert salary["value"]["unitText"] in {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}
    path = tmp_path / "feed.jsonld"
    path.write_text(answer.text, encoding="utf-8")
    back = list(read_vacancies(path, RegionTable.load()))
    assert not [b for b in back if isinstance(b, SkippedRecord)]
    # Read back as a plain JobPosting file, the source is the importer's default; the
    # identifier's value comes back as the source id.
    by_id = {v.source_id: v for v in back}  # type: ignore[union-attr]
    with central_server.engine.connect() as conn:
        for posting in postings:
            vacancy_id = posting["@id"].removeprefix("urn:siker:vacancy:")
            stored = vacancies.get(conn, vacancy_id)
            assert stored is not None
            again = by_id[posting["identifier"]["value"]]
            assert (again.title, again.employer, again.salary_min, again.salary_max,
                    again.salary_unit) == (
                stored["data"]["title"], stored["data"]["employer"],
                stored["data"]["salary_min"], stored["data"]["salary_max"],
                stored["data"]["salary_unit"])
    spec = httpx.get(f"{central_server.base_url}/api/v1/openapi.json").json()
    assert "/api/v1/open/vacancies.jsonld" in spec["paths"]
    assert not [p for p in spec["paths"] if p.startswith("/office")]


@pytest.mark.parametrize(("name", "body", "status", "message"), [
    ("lowongan.exe", b"MZ\x90\x00", 415, "Jenis berkas tidak didukung"),
    ("lowongan.pdf", b"%PDF-1.4", 415, "Jenis berkas tidak didukung"),
    ("rusak.json", b"\x00\xff\xfe garbage {", 422, "rusak.json"),
    ("kosong.json", b"", 422, "kosong.json"),
])
def test_bad_uploads_are_refused_with_a_message_and_publish_nothing(
        central_server: CentralServer, name: str, body: bytes, status: int, message: str) -> None:
    admin = Staff.sign_in(central_server, "admin")
    with central_server.engine.connect() as conn:
        before = len(vacancies.list_all(conn, published_only=False))
    answer = _upload(admin, name, body)
    assert answer.status_code == status, answer.text
    assert message in answer.text
    with central_server.engine.connect() as conn:
        assert len(vacancies.list_all(conn, published_only=False)) == before


def test_a_huge_upload_is_refused_before_it_is_read(central_server: CentralServer) -> None:
    admin = Staff.sign_in(central_server, "admin")
    answer = _upload(admin, "besar.json", b"[" + b" " * (3 * 1024 * 1024) + b"]")
    assert answer.status_code == 413
    no_file = admin.post("/office/vacancies/publish")
    assert no_file.status_code == 422 and "Pilih berkas dulu" in no_file.text


def test_markup_in_a_posting_is_shown_escaped(central_server: CentralServer) -> None:
    admin = Staff.sign_in(central_server, "admin")
    posting = {"@type": "JobPosting", "title": "Kasir & \"Pramuniaga\" <script>alert(1)</script>",
               "hiringOrganization": {"name": "PT <img src=x onerror=alert(1)>"},
               "description": "Jaga toko.", "datePosted": datetime.now(WIB).date().isoformat(),
               "identifier": {"name": "uji", "value": "xss-1"}}
    answer = _upload(admin, "xss.json", json.dumps(posting).encode())
    assert answer.status_code == 200
    page = admin.get("/office/vacancies").text
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    # The importer keeps the text and drops the tags; what is left is escaped on the page.
    assert "Kasir &amp; &#34;Pramuniaga&#34;" in page


def test_the_report_follows_the_page_language(central_server: CentralServer) -> None:
    admin = Staff.sign_in(central_server, "admin")
    admin.get("/office/lang/en?next=/office/vacancies")
    page = _upload(admin, "single.json", (DATA / "jobposting_single.json").read_bytes())
    assert page.status_code == 200
    assert "Import finished:" in page.text and "Impor selesai" not in page.text
    admin.get("/office/lang/id?next=/office/vacancies")
    again = _upload(admin, "single.json", (DATA / "jobposting_single.json").read_bytes())
    assert "Impor selesai:" in again.text  # and back in Indonesian for the next request
