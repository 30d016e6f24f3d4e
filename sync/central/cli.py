"""`siker-central`: serve the central server and administer it from a shell.

    siker-central [--database URL] [--data-dir DIR] [--host H --port P --workers N]  # serves
    siker-central [--database URL] [--data-dir DIR] COMMAND ...

`--database` (or SIKER_CENTRAL_DATABASE) and `--data-dir` (or SIKER_CENTRAL_DATA_DIR) come
before the command and apply to every one. Commands of other modules join through
COMMAND_MODULES: each such module has `register(subparsers)` that adds its parsers and sets
`func=<callable(args, ctx: Context) -> int>` with `set_defaults`.
Exit codes: 0 done, 1 refused (one sentence on stderr, Indonesian / English; never a
traceback: a bad database URL or file, a data folder that is a file, an unwritable output, a
closed pipe), 2 usage error (argparse: an unknown option, a port outside 1-65535).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa

from sync.central import db, devices, migrate
from sync.central.config import (
    ENV_DATA_DIR,
    ENV_DATABASE,
    CentralConfig,
    SetupError,
    check_database_url,
    ensure_data_dir,
)
from sync.central.crypto import Keys
from sync.central.freetext import TextRefused

COMMAND_MODULES = ["sync.central.office.commands"]


@dataclass
class Context:
    """What a command needs: the config, and the engine and keys made on first use."""

    config: CentralConfig
    _engine: sa.Engine | None = field(default=None, repr=False)

    def engine(self) -> sa.Engine:
        if self._engine is None:
            url = check_database_url(self.config.resolved_database_url())
            if not self.config.database_url:
                ensure_data_dir(self.config.resolved_data_dir())  # the SQLite file's folder
            self._engine = db.make_engine(url)
        return self._engine

    def keys(self) -> Keys:
        """Raises: SetupError when a key file or SIKER_CENTRAL_KEY / _NIK_KEY is unreadable."""
        folder = ensure_data_dir(self.config.resolved_data_dir())
        try:
            return Keys.load(folder)
        except (ValueError, KeyError) as exc:  # bad base64, a short or missing key
            raise SetupError(
                f"Kunci server ({folder / 'keys'} atau SIKER_CENTRAL_KEY / _NIK_KEY) tidak "
                f"dapat dibaca: {_first_line(exc)}.",
                f"The server's keys ({folder / 'keys'} or SIKER_CENTRAL_KEY / _NIK_KEY) "
                f"cannot be read: {_first_line(exc)}.") from exc

    def migrate(self) -> None:
        ensure_data_dir(self.config.resolved_data_dir())
        migrate.upgrade(self.engine())


def _serve(args: argparse.Namespace, ctx: Context) -> int:
    import uvicorn

    ctx.migrate()
    ctx.keys()  # create the key files once, before several workers race for them
    os.environ.update(ctx.config.to_env())
    uvicorn.run(
        "sync.central.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        proxy_headers=False,
    )
    return 0


def _migrate(args: argparse.Namespace, ctx: Context) -> int:
    ctx.migrate()
    print(
        "Skema basis data mutakhir / schema up to date:",
        ", ".join(sorted(migrate.current_revisions(ctx.engine()))),
    )
    return 0


def _enrollment_code(args: argparse.Namespace, ctx: Context) -> int:
    ctx.migrate()
    with ctx.engine().begin() as conn:
        code = devices.create_enrollment_code(
            conn, args.kiosk_name, place=args.place, minutes=args.expires_minutes
        )
    print(f"Kode pendaftaran / enrollment code for {args.kiosk_name}: {code}")
    print(
        f"Berlaku {args.expires_minutes} menit, sekali pakai / "
        f"valid {args.expires_minutes} minutes, single use."
    )
    if not args.no_qr:
        import qrcode

        qr = qrcode.QRCode(border=2)
        qr.add_data(code)
        qr.print_ascii(out=sys.stdout, invert=True)
    return 0


def _revoke(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.engine().begin() as conn:
        done = devices.revoke(conn, args.device_id)
    if not done:
        print(
            f"Perangkat {args.device_id} tidak dikenal atau sudah dicabut / "
            "unknown or already revoked.",
            file=sys.stderr,
        )
        return 1
    print(f"Perangkat dicabut / device revoked: {args.device_id}")
    return 0


def _publish_reference(args: argparse.Namespace, ctx: Context) -> int:
    from sync.central import reference

    ctx.migrate()
    with ctx.engine().begin() as conn:
        changed = reference.publish_defaults(conn)
    print(f"Data referensi terbit / reference items published: {changed} changed")
    return 0


def openapi_document(config: CentralConfig | None = None) -> dict[str, Any]:
    """The OpenAPI document of the API as the server generates it (no database needed)."""
    from sync.central.app import create_app

    config = config or CentralConfig(database_url="sqlite://")
    app = create_app(
        config, engine=db.make_engine("sqlite://"), keys=Keys([b"A" * 43 + b"="], b"k" * 32)
    )
    return app.openapi()


def render_openapi() -> str:
    """The checked-in form of the document: sorted keys, two-space indent, final newline."""
    return json.dumps(openapi_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _openapi(args: argparse.Namespace, ctx: Context) -> int:
    text = render_openapi()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _whole_number(low: int, high: int, what_id: str, what_en: str) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, refused in both languages."""
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(
                f"{what_id} harus {low}-{high}, bukan {value!r} / {what_en} must be {low}-{high}")
        return number
    return parse


# uvicorn would take port 99999 and listen elsewhere while printing 99999.
_port = _whole_number(1, 65535, "port", "the port")
_workers = _whole_number(1, 64, "jumlah worker", "workers")


def _add_serve_options(parser: argparse.ArgumentParser, *, defaults: bool = True) -> None:
    """--host/--port/--workers/--log-level; without `defaults` an unset option keeps the value
    given before the command (`siker-central --port 9000 serve` serves on 9000)."""

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    parser.add_argument("--host", default=default("127.0.0.1"), help="address to listen on")
    parser.add_argument("--port", type=_port, default=default(8700),
                        help="TCP port 1-65535 (default 8700)")
    parser.add_argument(
        "--workers",
        type=_workers,
        default=default(1),
        help="worker processes (use 1 with SQLite, more with PostgreSQL)",
    )
    parser.add_argument(
        "--log-level",
        default=default("info"),
        choices=["critical", "error", "warning", "info", "debug"],
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser with the core commands and those of COMMAND_MODULES that are installed."""
    parser = argparse.ArgumentParser(
        prog="siker-central", description="SIKER central server (Disnaker Kota Semarang)."
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help=f"sqlite:///FILE or postgresql://... (env {ENV_DATABASE}; "
        "default: a SQLite file in the data folder)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for the SQLite file and keys (env {ENV_DATA_DIR})",
    )
    _add_serve_options(parser)
    parser.set_defaults(func=_serve)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve = sub.add_parser("serve", help="serve the API (and the staff pages)")
    _add_serve_options(serve, defaults=False)
    serve.set_defaults(func=_serve)
    sub.add_parser("migrate", help="bring the database schema up to date").set_defaults(
        func=_migrate
    )
    code = sub.add_parser("enrollment-code", help="a one-time code that enrolls one kiosk")
    code.add_argument("kiosk_name", metavar="KIOSK-NAME")
    code.add_argument("--place", help="where the kiosk stands")
    code.add_argument("--expires-minutes", type=int, default=60)
    code.add_argument("--no-qr", action="store_true", help="print the code only")
    code.set_defaults(func=_enrollment_code)
    revoke = sub.add_parser("revoke-device", help="stop a kiosk: its next call answers 401")
    revoke.add_argument("device_id", metavar="DEVICE-ID")
    revoke.set_defaults(func=_revoke)
    sub.add_parser(
        "publish-reference", help="publish the Kota Semarang regions and KBJI groups to kiosks"
    ).set_defaults(func=_publish_reference)
    spec = sub.add_parser("openapi", help="print the OpenAPI document (as checked in)")
    spec.add_argument("--output", "-o", help="write it to this file instead")
    spec.set_defaults(func=_openapi)
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and module_name.startswith(exc.name):
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        base = CentralConfig.from_env()
    except SetupError as exc:
        _say(exc.reason_id, exc.reason_en)
        return 1
    config = replace(
        base,
        database_url=args.database or os.environ.get(ENV_DATABASE, "") or base.database_url,
        data_dir=args.data_dir or os.environ.get(ENV_DATA_DIR, "") or base.data_dir,
    )
    func: Callable[[argparse.Namespace, Context], int] = args.func
    try:
        code = func(args, Context(config))
        sys.stdout.flush()  # a closed pipe shows here, inside the try
        return code
    except BrokenPipeError:
        # `siker-central enrollment-code X | head -1`: the reader left. Python's own advice
        # (docs: signal, "Note on SIGPIPE"): point stdout at devnull so the exit flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _say("Keluaran terputus: pembacanya (pipa) sudah ditutup.",
             "Output cut off: its reader (the pipe) was closed.")
        return 1
    except (SetupError, TextRefused) as exc:
        _say(exc.reason_id, exc.reason_en)
        return 1
    except sa.exc.DBAPIError as exc:
        reason = _first_line(exc.orig) if exc.orig is not None else type(exc).__name__
        _say(f"Basis data tidak dapat dipakai ({reason}).",
             f"The database cannot be used ({reason}).")
        return 1
    except sa.exc.SQLAlchemyError as exc:
        _say(f"Basis data tidak dapat dipakai ({_first_line(exc)}).",
             f"The database cannot be used ({_first_line(exc)}).")
        return 1
    except OSError as exc:
        where = exc.filename if exc.filename is not None else ""
        why = exc.strerror or type(exc).__name__
        _say(f"Berkas atau folder tidak dapat dipakai: {where} ({why}).",
             f"A file or folder cannot be used: {where} ({why}).")
        return 1
    except ValueError as exc:
        _say(f"Gagal: {_first_line(exc)}.", f"Failed: {_first_line(exc)}.")
        return 1
    except KeyboardInterrupt:
        _say("Dihentikan (Ctrl+C).", "Interrupted (Ctrl+C).")
        return 130


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:300].rstrip(".")


def _say(indonesian: str, english: str) -> None:
    """A refusal on stderr: one sentence in Indonesian, then English."""
    try:
        print(f"{indonesian} / {english}", file=sys.stderr)
    except (BrokenPipeError, ValueError):
        pass  # stderr itself is gone: the exit code still tells

if __name__ == "__main__":
    raise SystemExit(main())
