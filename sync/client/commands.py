"""`siker-kiosk enroll CODE`, `siker-kiosk sync` and `siker-kiosk status [--json]`. No Qt.

Here and not in kiosk/commands because the layers contract keeps kiosk from importing sync.

While the server does not answer, `enroll` and `sync` print one line per retry on stderr
(`say_retry`, given to CentralClient as `on_retry`); the kiosk's background sync gives none.

Exit codes: 0 everything went; 1 a problem staff must see (offline, revoked, a refused code,
rejected records); 2 a usage error (no central URL, not enrolled).
"""
from __future__ import annotations

import json
import math
import sys

from kiosk.settings import Settings
from sync.client import credentials
from sync.client.config import ClientConfig, ConfigError, check_url
from sync.client.http import Offline, Refused, SyncError, Unauthorized
from sync.client.run import NotEnrolled, enroll, status, sync_once


def client_config(settings: Settings, url: str | None = None, *,
                  enrolling: bool = False) -> ClientConfig:
    """The client's settings (kiosk/settings.py). An enrolled kiosk talks to the server it
    enrolled with; `url` (or the setting central_url) is for enrolling.

    Raises: ConfigError (no URL; plain http to another host; an enrolled kiosk given another
        server's URL: its device token must never go to a server that did not issue it).
    """
    credential = None if enrolling else credentials.load(settings.data_dir)
    wanted = url or settings.central_url
    if credential is not None:
        if wanted and check_url(wanted) != check_url(credential.central_url):
            raise ConfigError(
                f"Kios ini terdaftar di {credential.central_url}, bukan di {wanted}. Untuk "
                f"pindah server, daftarkan kios lagi: siker-kiosk enroll KODE --central-url "
                f"{wanted} --again. / This kiosk is enrolled with {credential.central_url}, "
                f"not {wanted}; to move it, enroll it again with --again.")
        wanted = credential.central_url
    if not wanted:
        raise ConfigError("Alamat server pusat belum diisi (--central-url). / No central "
                          "server address yet (--central-url).")
    return ClientConfig(wanted, ca_bundle=settings.central_ca_bundle,
                        connect_timeout_s=settings.sync_connect_timeout_s,
                        read_timeout_s=settings.sync_read_timeout_s,
                        deadline_s=ENROLL_DEADLINE_S if enrolling else settings.sync_deadline_s)


ENROLL_DEADLINE_S = 30.0
"""Staff wait at the kiosk while it enrolls: a server that cannot be reached is said within
half a minute, not after the background sync's five minutes of retries."""


def say_retry(attempt: int, delay_s: float) -> None:
    """One line on stderr while `enroll` / `sync` wait between attempts, so staff see the
    command is alive (a server that is down otherwise means minutes of silence)."""
    seconds = max(1, math.ceil(delay_s))
    print(f"Server belum menjawab; mencoba lagi dalam {seconds} detik (percobaan {attempt}) / "
          f"No answer yet; retrying in {seconds} s (attempt {attempt})", file=sys.stderr,
          flush=True)


def enroll_command(settings: Settings, code: str, again: bool = False) -> int:
    """Exit 0 enrolled; 1 refused or unreachable (the server's own reason is printed); 2 a
    usage problem (no URL, already enrolled without --again)."""
    known = credentials.load(settings.data_dir)
    if known is not None and not again:
        print(f"Kios ini sudah terdaftar sebagai “{known.name}” di {known.central_url}. "
              f"Untuk mendaftar ulang (kios baru di server), tambahkan --again. / Already "
              f"enrolled as “{known.name}”; add --again to enroll anew.", file=sys.stderr)
        return 2
    try:
        config = client_config(settings, enrolling=True)
        credentials.check_writable(settings.data_dir)
        print(f"Menghubungi {config.central_url} ... / Contacting the central server ...",
              file=sys.stderr)
        credential = enroll(settings.data_dir, code, config, on_retry=say_retry)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    except (Refused, Unauthorized) as exc:
        text = (f"{exc.body.reason_id} / {exc.body.reason_en}" if exc.body else
                f"Server pusat menolak kode ini ({exc}). / The central server refused the "
                f"code ({exc}).")
        print(text, file=sys.stderr)
        return 1
    except (Offline, SyncError):
        print("Server pusat tidak terjangkau. / The central server cannot be reached.",
              file=sys.stderr)
        return 1
    print(f"Terdaftar sebagai “{credential.name}” ({credential.device_id}). / Enrolled as "
          f"“{credential.name}”.")
    return 0


def sync_command(settings: Settings) -> int:
    try:
        report = sync_once(settings.data_dir, client_config(settings), on_retry=say_retry)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    except NotEnrolled:
        print("Kios belum terdaftar: jalankan siker-kiosk enroll KODE --central-url URL. / "
              "The kiosk is not enrolled: run siker-kiosk enroll CODE --central-url URL.",
              file=sys.stderr)
        return 2
    print(f"Terkirim {report.acked}, ditolak {report.rejected}, diterima {report.pulled} "
          f"perubahan. / Sent {report.acked}, refused {report.rejected}, pulled "
          f"{report.pulled} changes.")
    if report.message:
        print(report.message, file=sys.stderr)
    return 0 if report.ok and report.rejected == 0 else 1


def status_command(settings: Settings, as_json: bool) -> int:
    shown = status(settings.data_dir)
    if as_json:
        print(json.dumps(shown, ensure_ascii=False, indent=2))
    else:
        print(f"Menunggu dikirim / pending: {shown['pending']}")
        print(f"Sudah diterima / sent: {shown['sent']}")
        print(f"Sinkron terakhir / last sync: {shown['last_sync_at'] or '-'}")
        offset = shown["clock_offset_s"]
        print(f"Selisih jam / clock offset: {'-' if offset is None else f'{offset:+.0f} s'}")
        print(f"Lowongan dibuka / open vacancies: {shown['catalog_open']} "
              f"(tersimpan / stored: {shown['catalog_size']})")
        for entry in shown["rejected"]:
            print(f"Ditolak / refused {entry['entity']} {entry['record_id']}: "
                  f"{entry['reason_id']} / {entry['reason_en']}")
        for warning in shown["warnings"]:
            print(f"! {warning}")
    return 1 if shown["warnings"] else 0
