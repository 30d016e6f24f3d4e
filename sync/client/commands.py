"""`siker-kiosk enroll CODE`, `siker-kiosk sync` and `siker-kiosk status [--json]`. No Qt.

Here and not in kiosk/commands because the layers contract keeps kiosk from importing sync.

Exit codes: 0 everything went; 1 a problem staff must see (offline, revoked, a refused code,
rejected records); 2 a usage error (no central URL, not enrolled).
"""
from __future__ import annotations

import json
import sys

from kiosk.settings import Settings
from sync.client import credentials
from sync.client.config import ClientConfig, ConfigError
from sync.client.http import Offline, Refused, SyncError
from sync.client.run import NotEnrolled, enroll, status, sync_once


def client_config(settings: Settings, url: str | None = None) -> ClientConfig:
    """The client's settings (kiosk/settings.py); `url` wins over the enrolled one.

    Raises: ConfigError (no URL, or plain http to another host).
    """
    if not url:
        credential = credentials.load(settings.data_dir)
        url = settings.central_url or (credential.central_url if credential else "")
    if not url:
        raise ConfigError("Alamat server pusat belum diisi (--central-url). / No central "
                          "server address yet (--central-url).")
    return ClientConfig(url, ca_bundle=settings.central_ca_bundle,
                        connect_timeout_s=settings.sync_connect_timeout_s,
                        read_timeout_s=settings.sync_read_timeout_s,
                        deadline_s=settings.sync_deadline_s)


def enroll_command(settings: Settings, code: str) -> int:
    try:
        config = client_config(settings)
        credential = enroll(settings.data_dir, code, config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    except Refused as exc:
        text = (f"{exc.body.reason_id} / {exc.body.reason_en}" if exc.body else str(exc))
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
        report = sync_once(settings.data_dir, client_config(settings))
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
        print(f"Lowongan / catalog: {shown['catalog_size']}")
        for entry in shown["rejected"]:
            print(f"Ditolak / refused {entry['entity']} {entry['record_id']}: "
                  f"{entry['reason_id']} / {entry['reason_en']}")
        for warning in shown["warnings"]:
            print(f"! {warning}")
    return 1 if shown["warnings"] else 0
