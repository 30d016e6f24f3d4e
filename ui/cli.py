"""The `siker-kiosk` command: starts the kiosk or runs one of its headless commands.

Qt is imported only by the commands that need it, so `search` and `import-vacancies` run on a
machine without PySide6.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.i18n import LANGUAGES
from kiosk.settings import Settings


def _common(parser: argparse.ArgumentParser, default: object = None) -> None:
    """The options every command takes, before or after its name. A subcommand's copy defaults
    to SUPPRESS so that it does not overwrite what was given before the command name."""
    parser.add_argument("--data-dir", type=Path, default=default,
                        help="data folder (default: the platform's)")
    parser.add_argument("--lang", choices=LANGUAGES, default=default,
                        help="language of screens and messages")
    parser.add_argument("--central-url", default=default,
                        help="address of the central SIKER server")


def _whole_number(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="siker-kiosk", description="SIKER Kiosk: job search and services for Kota Semarang"
    )
    _common(parser)
    parser.add_argument("--windowed", action="store_true", default=None,
                        help="run in a window instead of full screen (staff laptops)")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser(
        "import-vacancies", help="load vacancies from JobPosting JSON(-LD), JSON Lines or CSV"
    )
    _common(p, argparse.SUPPRESS)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--source", help="source name stored with each vacancy (default: by format)")

    p = sub.add_parser("search", help="search the local catalog the way the kiosk does")
    _common(p, argparse.SUPPRESS)
    p.add_argument("text", nargs="?", default="")
    p.add_argument("--json", action="store_true", help='print {"results": [...]} in rank order')
    p.add_argument("--kecamatan", help='kecamatan name or Kemendagri code; "Kota Semarang" '
                   "(or 33.74) for anywhere in the city")
    p.add_argument("--education", help="the resident's highest education level (SD ... S3)")
    p.add_argument("--type", dest="employment_type", help="employment type, e.g. FULL_TIME")
    p.add_argument("--min-salary", type=_whole_number(0, 10**12),
                   help="minimum salary, IDR per month")
    p.add_argument("--limit", type=_whole_number(1, 1000), default=20,
                   help="how many results to print (1 to 1000)")
    p.add_argument("--as-of", help="judge expiry on this date (YYYY-MM-DD) instead of today")

    p = sub.add_parser("screenshots", help="render every screen offscreen to PNG files")
    _common(p, argparse.SUPPRESS)
    p.add_argument("dir", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 1 a problem reported, 2 a usage error).

    Every expected failure (a bad setting, an unreadable data folder, a damaged database, a
    closed pipe) ends in one plain sentence in the kiosk's language, never a traceback.
    """
    args = build_parser().parse_args(argv)
    from kiosk.i18n import _, set_language
    from kiosk.settings import load_settings

    try:
        settings = load_settings(
            {
                "data_dir": args.data_dir,
                "lang": args.lang,
                "central_url": args.central_url,
                "windowed": getattr(args, "windowed", None),
            }
        )
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    set_language(settings.lang)
    try:
        return _run(settings, args)
    except BrokenPipeError:
        # `siker-kiosk search ... | head`: the reader left; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except (sqlite3.Error, OSError) as exc:
        from kiosk.storage import describe_storage_error

        if isinstance(exc, OSError) and not _in_folder(exc.filename, settings.data_dir):
            # Not the data folder: a screenshot folder, say. Name the path and the reason.
            print(_("Cannot use {path}: {error}").format(
                path=exc.filename, error=exc.strerror or exc), file=sys.stderr)
        else:
            print(describe_storage_error(exc, settings.data_dir).staff_message(), file=sys.stderr)
        return 1


def _in_folder(filename: object, folder: Path) -> bool:
    """True when an OSError's file is `folder`, inside it, or unnamed (then it is the folder)."""
    if not isinstance(filename, str | os.PathLike):
        return True
    path, folder = Path(filename).absolute(), folder.absolute()
    return path == folder or folder in path.parents or path in folder.parents


def _run(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "import-vacancies":
        from kiosk.commands.import_vacancies import import_vacancies

        return import_vacancies(settings, args.files, source=args.source)
    if args.command == "search":
        from kiosk.commands.search import search

        return search(settings, args)
    if args.command == "screenshots":
        from ui.screenshots import render_screenshots

        return render_screenshots(settings, args.dir)
    from ui.app import run_kiosk

    return run_kiosk(settings)


if __name__ == "__main__":
    sys.exit(main())
