"""The registrations export for SIAPKerja / Karirhub: CSV and JSON with the documented columns,
for verifiers only, audited, safe to open in a spreadsheet."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from sync.central.office.export import COLUMN_NAMES, FORMAT_NAME
from tests.central.office_client import Staff, enroll, pushed_registration, unique_nik
from tests.central.server import REPO, CentralServer

DOC = REPO / "docs" / "central-exports.md"


def test_every_export_column_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in COLUMN_NAMES:
        assert f"`{name}`" in text, name


def test_csv_and_json_exports_carry_the_documented_columns(central_server: CentralServer) -> None:
    kiosk = enroll(central_server, "Kios Ekspor")
    nik = unique_nik()
    record_id = pushed_registration(kiosk, nik=nik, full_name="Rina Wulandari",
                                    address="=HYPERLINK(\"http://x\") Jl. Gajah")
    verifier = Staff.sign_in(central_server, "verifier")
    verifier.post(f"/office/registrations/{record_id}/verify")
    verifier.post(f"/office/registrations/{record_id}/issue")
    answer = verifier.get("/office/exports/registrations", params={"format": "csv",
                                                                   "status": "ak1_issued"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    text = answer.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == COLUMN_NAMES
    mine = [r for r in rows if r["id_pendaftaran"] == record_id]
    assert len(mine) == 1
    row = mine[0]
    assert row["nik"] == nik and row["nama_lengkap"] == "Rina Wulandari"
    assert row["status"] == "ak1_issued" and row["nomor_ak1"].startswith("3374-")
    assert row["kode_kabupaten_kota"] == "33.74" and row["no_hp"] == "+6281234567890"
    assert row["tanggal_lahir"] == "1995-07-15" and row["jenis_kelamin"] == "P"
    assert row["keterampilan"] == "kasir; Microsoft Excel"
    assert row["alamat"].startswith("'=HYPERLINK")  # a spreadsheet shows it, never runs it
    as_json = verifier.get("/office/exports/registrations",
                           params={"format": "json", "status": "ak1_issued"}).json()
    assert as_json["format"] == FORMAT_NAME and as_json["columns"] == list(COLUMN_NAMES)
    item = next(r for r in as_json["registrations"] if r["id_pendaftaran"] == record_id)
    assert item["alamat"].startswith("=HYPERLINK")  # JSON carries the data unchanged
    assert item["nomor_ak1"] == row["nomor_ak1"]
    bad = verifier.get("/office/exports/registrations", params={"format": "xlsx"})
    assert bad.status_code == 422


def test_exports_are_audited_and_need_a_verifier(central_server: CentralServer,
                                                 tmp_path: Path) -> None:
    verifier = Staff.sign_in(central_server, "verifier")
    verifier.get("/office/exports/registrations", params={"format": "json"})
    admin = Staff.sign_in(central_server, "admin")
    assert admin.get("/office/exports/registrations").status_code == 403
    audit_page = admin.get("/office/audit").text
    assert "Ekspor pendaftaran" in audit_page and verifier.username in audit_page
    out = tmp_path / "ekspor.csv"
    done = subprocess.run(
        [sys.executable, "-m", "sync.central.cli", "--database", central_server.db_url,
         "--data-dir", str(central_server.data_dir), "export-registrations", "--format", "csv",
         "-o", str(out)], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == list(COLUMN_NAMES)
