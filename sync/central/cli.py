"""`siker-central`: serve the central server and administer it from a shell.

    siker-central [--database URL] [--data-dir DIR] [--host H --port P --workers N]  # serves
    siker-central [--database URL] [--data-dir DIR] COMMAND ...

`--database` (or SIKER_CENTRAL_DATABASE) and `--data-dir` (or SIKER_CENTRAL_DATA_DIR) come
before the command and apply to every one. Commands of other modules join through
COMMAND_MODULES: each such module has `register(subparsers)` that adds its parsers and sets
`func=<callable(args, ctx: Context) -> int>` with `set_defaults`.
Exit codes: 0 done, 1 refused (message on stderr), 2 usage error (argparse).
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
from sync.central.config import ENV_DATA_DIR, ENV_DATABASE, CentralConfig
from sync.central.crypto import Keys

COMMAND_MODULES = ["sync.central.office.commands"]


@dataclass
class Context:
    """What a command needs: the config, and the engine and keys made on first use."""

    config: CentralConfig
    _engine: sa.Engine | None = field(default=None, repr=False)

    def engine(self) -> sa.Engine:
        if self._engine is None:
            self._engine = db.make_engine(self.config.resolved_database_url())
        return self._engine

    def keys(self) -> Keys:
        return Keys.load(self.config.resolved_data_dir())

    def migrate(self) -> None:
        self.config.resolved_data_dir().mkdir(parents=True, exist_ok=True)
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


def _add_serve_options(parser: argparse.ArgumentParser, *, defaults: bool = True) -> None:
    """--host/--port/--workers/--log-level; without `defaults` an unset option keeps the value
    given before the command (`siker-central --port 9000 serve` serves on 9000)."""

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    parser.add_argument("--host", default=default("127.0.0.1"), help="address to listen on")
    parser.add_argument("--port", type=int, default=default(8700), help="TCP port (default 8700)")
    parser.add_argument(
        "--workers",
        type=int,
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
    base = CentralConfig.from_env()
    config = replace(
        base,
        database_url=args.database or os.environ.get(ENV_DATABASE, "") or base.database_url,
        data_dir=args.data_dir or os.environ.get(ENV_DATA_DIR, "") or base.data_dir,
    )
    func: Callable[[argparse.Namespace, Context], int] = args.func
    try:
        return func(args, Context(config))
    except (ValueError, sa.exc.ArgumentError, sa.exc.OperationalError) as exc:
        message = str(exc).splitlines()[0][:300]
        print(f"Gagal / failed: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
