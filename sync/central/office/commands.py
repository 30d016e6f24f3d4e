"""The office's `siker-central` commands: create-user, publish-vacancies, export-registrations.

Registered by the core CLI through COMMAND_MODULES (sync/central/cli.py): `register` adds the
parsers and each sets `func(args, ctx) -> exit code`.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from sync.central import db
from sync.central.office import accounts, audit
from sync.central.office.export import STATUSES, export
from sync.central.office.publishing import in_language, publish_files, report_lines
from sync.central.office.tables import ROLES

CLI_USER = "cli"
"""The audit log's "who" for a command run from a shell (the operating-system user is added)."""


def register(sub: Any) -> None:
    p = sub.add_parser("create-user", help="add a staff account (asks for the password)")
    p.add_argument("name", metavar="NAME", help="user name: 2-32 of a-z 0-9 . _ -")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    p.set_defaults(func=create_user)

    p = sub.add_parser("publish-vacancies",
                       help="publish vacancies from JobPosting JSON(-LD), JSON Lines or CSV files "
                            "(the kiosk's import rules and report)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the report")
    p.set_defaults(func=publish_vacancies)

    p = sub.add_parser("export-registrations",
                       help="registrations for SIAPKerja / Karirhub as CSV or JSON "
                            "(docs/central-exports.md); holds personal data")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--status", choices=STATUSES, help="only registrations with this status")
    p.add_argument("--output", "-o", type=Path, required=True,
                   help="file to write (created with mode 0600)")
    p.set_defaults(func=export_registrations)


def _who() -> str:
    try:
        return f"{CLI_USER}:{getpass.getuser()}"[:64]
    except (KeyError, OSError):
        return CLI_USER


def create_user(args: argparse.Namespace, ctx: Any) -> int:
    """Exit 0 with the account made; 1 when the name, role or password is refused."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Kata sandi / password: ")
        again = getpass.getpass("Ulangi kata sandi / repeat password: ")
        if password != again:
            print("Kata sandi tidak sama / the passwords differ.", file=sys.stderr)
            return 1
    ctx.migrate()
    now = db.now()
    try:
        with ctx.engine().begin() as conn:
            user_id = accounts.create_user(conn, args.name, password, args.role, now=now)
            audit.record(conn, at=now, staff_user_id=None, staff_username=_who(),
                         action="staff.create", entity="staff_user", record_id=str(user_id),
                         detail={"username": args.name, "role": args.role})
    except accounts.AccountError as exc:
        print(f"{exc.message[0]} / {exc.message[1]}", file=sys.stderr)
        return 1
    print(f"Akun dibuat / account created: {args.name} ({args.role})")
    return 0


def publish_vacancies(args: argparse.Namespace, ctx: Any) -> int:
    """Print the kiosk's import report; exit 0 when every record of every file was published,
    1 when any was skipped or a file could not be read (the rest is published either way)."""
    ctx.migrate()
    engine = ctx.engine()
    files = [(path, str(path)) for path in args.files]

    def work() -> Any:
        return publish_files(engine, files, now=db.now(), staff_user_id=None,
                             staff_username=_who())

    report = in_language(args.lang, work)
    for line in report_lines(report, args.lang):
        print(line)
    return 0 if report.complete else 1


def export_registrations(args: argparse.Namespace, ctx: Any) -> int:
    """Exit 0 with the file written (mode 0600); 1 when its folder is missing or not writable
    (checked before the export, so the audit log never records an export nobody received)."""
    path: Path = args.output
    folder = path.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK) or path.is_dir():
        print(f"Tidak dapat menulis {path}: foldernya tidak ada atau tidak boleh ditulis. / "
              f"Cannot write {path}: its folder is missing or not writable.", file=sys.stderr)
        return 1
    ctx.migrate()
    body, count = export(ctx.engine(), ctx.keys(), status=args.status, fmt=args.format,
                         now=db.now(), staff_user_id=None, staff_username=_who())
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(body, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
    print(f"{count} pendaftaran diekspor / registrations exported: {path}")
    return 0
