"""The `siker-kiosk` command: starts the kiosk or runs one of its headless commands.

Qt is imported only by the commands that need it, so `search` and `import-vacancies` run on a
machine without PySide6.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.i18n import LANGUAGES


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, help="data folder (default: the platform's)")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of screens and messages")
    parser.add_argument("--central-url", help="address of the central SIKER server")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="siker-kiosk", description="SIKER Kiosk: job search and services for Kota Semarang"
    )
    _common(parser)
    parser.add_argument("--windowed", action="store_true", default=None,
                        help="run in a window instead of full screen (staff laptops)")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("import-vacancies", help="load vacancies from JobPosting JSON(-LD), JSON Lines or CSV")
    _common(p)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")

    p = sub.add_parser("search", help="search the local catalog the way the kiosk does")
    _common(p)
    p.add_argument("text", nargs="?", default="")
    p.add_argument("--json", action="store_true", help='print {"results": [...]} in rank order')
    p.add_argument("--kecamatan", help="kecamatan name or Kemendagri code")
    p.add_argument("--education", help="the resident's highest education level (SD ... S3)")
    p.add_argument("--type", dest="employment_type", help="employment type, e.g. FULL_TIME")
    p.add_argument("--min-salary", type=int, help="minimum salary, IDR per month")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--as-of", help="judge expiry on this date (YYYY-MM-DD) instead of today")

    p = sub.add_parser("screenshots", help="render every screen offscreen to PNG files")
    _common(p)
    p.add_argument("dir", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
    from kiosk.i18n import set_language

    set_language(settings.lang)
    if args.command == "import-vacancies":
        from ui.commands import import_vacancies

        return import_vacancies(settings, args.files)
    if args.command == "search":
        from ui.commands import search

        return search(settings, args)
    if args.command == "screenshots":
        from ui.app import render_screenshots

        return render_screenshots(settings, args.dir)
    from ui.app import run_kiosk

    return run_kiosk(settings)


if __name__ == "__main__":
    sys.exit(main())
