"""The office pages' words, Indonesian first and English second.

A small table instead of the kiosk's gettext catalogs: the pages are few, the language is chosen
per request (a cookie), and gettext's current language is process-wide, which a server with
concurrent requests cannot share.
"""
from __future__ import annotations

import re

LANGUAGES = ("id", "en")

TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("SIKER Pusat: halaman petugas", "SIKER Central: staff pages"),
    "nav.fleet": ("Kios", "Kiosks"),
    "nav.registrations": ("Pendaftaran AK1", "AK1 registrations"),
    "nav.duplicates": ("Data ganda", "Duplicates"),
    "nav.vacancies": ("Lowongan", "Vacancies"),
    "nav.audit": ("Jejak audit", "Audit log"),
    "nav.exports": ("Ekspor", "Exports"),
    "nav.sign_out": ("Keluar", "Sign out"),
    "nav.skip": ("Langsung ke isi", "Skip to content"),
    "nav.language": ("English", "Bahasa Indonesia"),
    "nav.signed_in_as": ("Masuk sebagai", "Signed in as"),
    "role.admin": ("admin", "admin"),
    "role.verifier": ("verifikator", "verifier"),
    "login.title": ("Masuk petugas", "Staff sign-in"),
    "login.username": ("Nama pengguna", "User name"),
    "login.password": ("Kata sandi", "Password"),
    "login.submit": ("Masuk", "Sign in"),
    "login.failed": ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
    "login.throttled": ("Terlalu banyak percobaan gagal. Coba lagi dalam {seconds} detik.",
                        "Too many failed attempts. Try again in {seconds} seconds."),
    "login.signed_out": ("Anda sudah keluar.", "You are signed out."),
    "error.csrf": ("Formulir kedaluwarsa atau bukan dari halaman ini. Muat ulang halaman lalu "
                   "coba lagi.", "The form has expired or did not come from this page. Reload "
                   "the page and try again."),
    "error.forbidden": ("Peran Anda tidak boleh membuka halaman ini.",
                        "Your role may not open this page."),
    "error.not_found": ("Data tidak ditemukan.", "Not found."),
    "error.title": ("Tidak dapat diproses", "Could not be done"),
    "error.back": ("Kembali", "Back"),
    "fleet.title": ("Kios di lapangan", "Kiosks in the field"),
    "fleet.live": ("Diperbarui otomatis setiap {seconds} detik.",
                   "Updates by itself every {seconds} seconds."),
    "fleet.updated": ("Terakhir diperbarui", "Last updated"),
    "fleet.name": ("Nama", "Name"),
    "fleet.place": ("Lokasi", "Place"),
    "fleet.last_seen": ("Kontak terakhir", "Last call"),
    "fleet.last_sync": ("Sinkron terakhir", "Last sync"),
    "fleet.pending": ("Antrean", "Pending"),
    "fleet.version": ("Versi", "Version"),
    "fleet.offset": ("Selisih jam", "Clock offset"),
    "fleet.warnings": ("Peringatan", "Warnings"),
    "fleet.state": ("Keadaan", "State"),
    "fleet.late": ("TERLAMBAT", "LATE"),
    "fleet.ok": ("aktif", "active"),
    "fleet.revoked": ("dicabut", "revoked"),
    "fleet.never": ("belum pernah", "never"),
    "fleet.none": ("Belum ada kios terdaftar.", "No kiosk enrolled yet."),
    "fleet.revoke": ("Cabut", "Revoke"),
    "fleet.revoke_confirm": ("Cabut kios {name}? Kios tidak dapat sinkron lagi.",
                             "Revoke kiosk {name}? It will not be able to sync again."),
    "fleet.done_revoke": ("Kios dicabut: panggilan berikutnya ditolak (401).",
                          "Kiosk revoked: its next call is refused (401)."),
    "fleet.enroll_title": ("Daftarkan kios baru", "Enroll a new kiosk"),
    "fleet.enroll_name": ("Nama kios", "Kiosk name"),
    "fleet.enroll_place": ("Lokasi (kelurahan/kantor)", "Place (kelurahan/office)"),
    "fleet.enroll_submit": ("Buat kode sekali pakai", "Create one-time code"),
    "fleet.enroll_code": ("Kode pendaftaran untuk {name}", "Enrollment code for {name}"),
    "fleet.enroll_hint": ("Ketik atau pindai kode ini di kios (siker-kiosk enroll KODE). Berlaku "
                          "sampai {expires}, sekali pakai.", "Type or scan this code on the "
                          "kiosk (siker-kiosk enroll CODE). Valid until {expires}, single use."),
    "fleet.qr_alt": ("Kode QR berisi kode pendaftaran", "QR code holding the enrollment code"),
    "reg.title": ("Pendaftaran AK1", "AK1 registrations"),
    "reg.queue": ("Antrean", "Queue"),
    "reg.none": ("Tidak ada pendaftaran dengan status ini.", "No registration with this status."),
    "reg.status": ("Status", "Status"),
    "reg.first_n": ("Menampilkan {n} yang paling lama dari {total}; putuskan ini dulu.",
                    "Showing the {n} oldest of {total}; decide these first."),
    "reg.received_at": ("Diterima", "Received"),
    "reg.name": ("Nama", "Name"),
    "reg.kiosk": ("Kios", "Kiosk"),
    "reg.open": ("Buka", "Open"),
    "reg.detail": ("Pendaftaran", "Registration"),
    "reg.verify": ("Verifikasi", "Verify"),
    "reg.issue": ("Terbitkan nomor AK1", "Issue AK1 number"),
    "reg.reject": ("Tolak", "Reject"),
    "reg.reason": ("Alasan penolakan (wajib, dikirim ke kios)",
                   "Reason for rejection (required, sent to the kiosk)"),
    "reg.reason_shown": ("Alasan penolakan", "Reason for rejection"),
    "reg.reason_required": ("Alasan penolakan wajib diisi (paling sedikit 5 karakter).",
                            "A reason for the rejection is required (at least 5 characters)."),
    "reg.reason_too_long": ("Alasan penolakan paling banyak {n} karakter.",
                            "The reason can have at most {n} characters."),
    "reg.wrong_state": ("Pendaftaran ini sudah berstatus {state}; tindakan itu tidak berlaku.",
                        "This registration is already {state}; that action does not apply."),
    "reg.done_verify": ("Pendaftaran diverifikasi.", "Registration verified."),
    "reg.done_issue": ("Nomor AK1 {ak1} diterbitkan.", "AK1 number {ak1} issued."),
    "reg.done_reject": ("Pendaftaran ditolak.", "Registration rejected."),
    "reg.ak1": ("Nomor AK1", "AK1 number"),
    "reg.duplicate_warning": ("NIK ini juga ada di pendaftaran lain: lihat Data ganda.",
                              "This NIK is also in another registration: see Duplicates."),
    "status.received": ("baru", "new"),
    "status.verified": ("terverifikasi", "verified"),
    "status.ak1_issued": ("AK1 terbit", "AK1 issued"),
    "status.rejected": ("ditolak", "rejected"),
    "status.merged": ("digabung", "merged"),
    "dup.title": ("Kemungkinan data ganda", "Probable duplicates"),
    "dup.intro": ("Pendaftaran dengan NIK yang sama (dibandingkan lewat sidik kunci, bukan NIK "
                  "terbuka). Server tidak pernah menggabungkan sendiri: pilih data yang "
                  "dipertahankan, atau tandai bukan ganda.", "Registrations with the same NIK "
                  "(compared through a keyed hash, never the NIK itself). The server never "
                  "merges on its own: choose the record that stays, or mark them as not "
                  "duplicates."),
    "dup.none": ("Tidak ada kemungkinan data ganda.", "No probable duplicates."),
    "dup.group": ("Kelompok {n}", "Group {n}"),
    "dup.keep": ("Pertahankan ini", "Keep this one"),
    "dup.merge": ("Gabungkan ke data yang dipilih", "Merge into the chosen record"),
    "dup.dismiss": ("Bukan data ganda", "Not duplicates"),
    "dup.done_merge": ("Data digabung; {n} pendaftaran lain ditandai digabung.",
                       "Merged; {n} other registration(s) marked merged."),
    "dup.done_dismiss": ("Ditandai bukan data ganda.", "Marked as not duplicates."),
    "dup.choose": ("Pilih data yang dipertahankan.", "Choose the record that stays."),
    "dup.final": ("Data yang sudah berstatus AK1 terbit tidak dapat digabung ke data lain; "
                  "pertahankan data itu.", "A record whose AK1 number is issued cannot be "
                  "merged into another; keep that one."),
    "dup.done": ("Keputusan disimpan.", "Decision saved."),
    "dup.stale": ("Kelompok ini sudah berubah. Muat ulang halaman.",
                  "This group has changed. Reload the page."),
    "vac.title": ("Lowongan terbit", "Published vacancies"),
    "vac.upload": ("Terbitkan dari berkas schema.org JobPosting (JSON/JSON-LD, JSON Lines, CSV)",
                   "Publish from schema.org JobPosting files (JSON/JSON-LD, JSON Lines, CSV)"),
    "vac.file": ("Berkas", "File"),
    "vac.submit": ("Terbitkan", "Publish"),
    "vac.report": ("Laporan impor", "Import report"),
    "vac.none": ("Belum ada lowongan terbit.", "No vacancy published yet."),
    "vac.job": ("Jabatan", "Job"),
    "vac.employer": ("Perusahaan", "Employer"),
    "vac.location": ("Lokasi", "Location"),
    "vac.closes": ("Ditutup", "Closes"),
    "vac.unpublish": ("Tarik", "Unpublish"),
    "vac.done_unpublish": ("Lowongan ditarik; kios menghapusnya pada sinkron berikutnya.",
                           "Vacancy unpublished; kiosks remove it at their next sync."),
    "vac.limit": ("Maksimal {mb} MB per unggahan; berkas lebih besar: siker-central "
                  "publish-vacancies.", "At most {mb} MB per upload; for larger files use "
                  "siker-central publish-vacancies."),
    "vac.too_many": ("Paling banyak {n} berkas sekaligus.", "At most {n} files at once."),
    "vac.no_file": ("Pilih berkas dulu.", "Choose a file first."),
    "vac.too_big": ("Berkas terlalu besar (maksimal {mb} MB).",
                    "The file is too large (at most {mb} MB)."),
    "vac.wrong_type": ("Jenis berkas tidak didukung: pakai .json, .jsonld, .jsonl, .ndjson, "
                       ".csv, .tsv atau .txt.", "Unsupported file type: use .json, .jsonld, "
                       ".jsonl, .ndjson, .csv, .tsv or .txt."),
    "vac.feed": ("Umpan data terbuka (JSON-LD)", "Open data feed (JSON-LD)"),
    "audit.title": ("Jejak audit", "Audit log"),
    "audit.at": ("Waktu (WIB)", "Time (WIB)"),
    "audit.who": ("Petugas", "Staff"),
    "audit.what": ("Tindakan", "Action"),
    "audit.record": ("Data", "Record"),
    "audit.detail": ("Rincian", "Detail"),
    "audit.older": ("Lebih lama", "Older"),
    "export.title": ("Ekspor pendaftaran", "Registration export"),
    "export.intro": ("Untuk diteruskan ke SIAPKerja / Karirhub tanpa mengetik ulang. Berisi data "
                     "pribadi: simpan dan kirim hanya lewat jalur resmi.", "For passing on to "
                     "SIAPKerja / Karirhub without retyping. Holds personal data: keep and send "
                     "it through official channels only."),
    "export.status": ("Status yang diekspor", "Statuses to export"),
    "export.csv": ("Unduh CSV", "Download CSV"),
    "export.json": ("Unduh JSON", "Download JSON"),
    "export.columns": ("Daftar kolom dan sumbernya: docs/central-exports.md di repositori SIKER.",
                       "The columns and their sources: docs/central-exports.md in the SIKER "
                       "repository."),
    "export.all": ("semua", "all"),
}

REGISTRATION_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("nik", "NIK", "NIK"),
    ("full_name", "Nama lengkap", "Full name"),
    ("birth_place", "Tempat lahir", "Place of birth"),
    ("birth_date", "Tanggal lahir", "Date of birth"),
    ("sex", "Jenis kelamin (L/P)", "Sex (L/P)"),
    ("address", "Alamat", "Address"),
    ("rt", "RT", "RT"),
    ("rw", "RW", "RW"),
    ("kelurahan_code", "Kode kelurahan", "Kelurahan code"),
    ("kecamatan_code", "Kode kecamatan", "Kecamatan code"),
    ("phone", "Telepon", "Phone"),
    ("email", "Email", "E-mail"),
    ("education", "Pendidikan terakhir", "Highest education"),
    ("education_major", "Jurusan", "Major"),
    ("graduation_year", "Tahun lulus", "Graduation year"),
    ("skills", "Keterampilan", "Skills"),
    ("job_wishes", "Jabatan yang diinginkan", "Jobs wished for"),
    ("kbji_wishes", "Kode KBJI yang diinginkan", "KBJI codes wished for"),
    ("disability", "Disabilitas", "Disability"),
    ("consent_version", "Versi persetujuan privasi", "Privacy consent version"),
    ("consent_at", "Waktu persetujuan", "Consent given at"),
)
"""The Registration fields (sync/records.py) in the order a verifier checks them, with labels."""


def field_labels(lang: str) -> list[tuple[str, str]]:
    """(key, label) of every REGISTRATION_FIELDS entry in `lang`."""
    return [(key, english if lang == "en" else indonesian)
            for key, indonesian, english in REGISTRATION_FIELDS]


def text(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` ("id" or "en"), with `{name}` fields filled in.

    Raises:
        KeyError: an unknown key (a test renders every page, so a typo shows there).
    """
    indonesian, english = TEXTS[key]
    template = english if lang == "en" else indonesian
    return template.format(**values) if values else template


# The server's own fleet warnings (sync/central/fleet.py writes them in English) in Indonesian;
# a kiosk's own warning text is shown as the kiosk sent it.
_WARNINGS_ID: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^clock offset ([+-]?\d+) s$"), r"selisih jam \1 detik"),
    (re.compile(r"^speech not working$"), "suara tidak berfungsi"),
    (re.compile(r"^printer not working$"), "printer tidak berfungsi"),
    (re.compile(r"^low disk: (\d+) MiB free$"), r"disk hampir penuh: sisa \1 MiB"),
    (re.compile(r"^(\d+) records waiting to sync$"), r"\1 data menunggu sinkron"),
)


def fleet_warning(warning: str, lang: str) -> str:
    """One fleet warning in the page's language."""
    if lang == "en":
        return warning
    for pattern, indonesian in _WARNINGS_ID:
        if pattern.match(warning):
            return pattern.sub(indonesian, warning)
    return warning
