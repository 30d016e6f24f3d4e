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
    p.add_argument("--min-salary", type=int, help="minimum salary, IDR per month")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--as-of", help="judge expiry on this date (YYYY-MM-DD) instead of today")

    p = sub.add_parser("screenshots", help="render every screen offscreen to PNG files")
    _common(p, argparse.SUPPRESS)
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

        return import_vacancies(settings, args.files, source=args.source)
    if args.command == "search":
        return _search(settings, args)
    if args.command == "screenshots":
        from ui.app import render_screenshots

        return render_screenshots(settings, args.dir)
    from ui.app import run_kiosk

    return run_kiosk(settings)


def _search(settings: Settings, args: argparse.Namespace) -> int:
    """`siker-kiosk search`: the kiosk's own search, printed as lines or as JSON."""
    import json
    from datetime import date, datetime

    from kiosk.i18n import _
    from kiosk.search import SearchQuery
    from kiosk.services import open_services
    from kiosk.vacancy import EducationLevel, EmploymentType

    services = open_services(settings.data_dir, datetime.now)
    try:
        kecamatan = None
        if args.kecamatan:
            from kiosk.region import KOTA_CODE
            from kiosk.textnorm import fold

            whole_city = " ".join(fold(args.kecamatan).split()) in {"kota semarang", "semarang"}
            kecamatan = (
                args.kecamatan
                if services.regions.by_code(args.kecamatan) or args.kecamatan == KOTA_CODE
                else KOTA_CODE if whole_city
                else services.regions.match_kecamatan(args.kecamatan)
            )
            if kecamatan is None:
                names = ", ".join(k.name for k in services.regions.kecamatan)
                print(_("Unknown kecamatan “{name}”. Choose one of: {names}").format(
                    name=args.kecamatan, names=names), file=sys.stderr)
                return 2
        try:
            education = EducationLevel(args.education.upper()) if args.education else None
            employment_type = (
                EmploymentType(args.employment_type.upper().replace("-", "_"))
                if args.employment_type else None
            )
            today = date.fromisoformat(args.as_of) if args.as_of else None
        except ValueError:
            print(_("Check --education (SD ... S3), --type ({types}) and --as-of (YYYY-MM-DD).")
                  .format(types=", ".join(t.value for t in EmploymentType)), file=sys.stderr)
            return 2
        if args.min_salary is not None and args.min_salary < 0:
            print(_("The minimum salary cannot be negative."), file=sys.stderr)
            return 2
        query = SearchQuery(
            text=args.text, kecamatan_code=kecamatan, education=education,
            employment_type=employment_type, min_salary=args.min_salary,
        )
        result = services.search.search(query, limit=max(1, args.limit), today=today)
        if args.json:
            results = [
                {
                    "id": v.id, "source": v.source, "source_id": v.source_id, "title": v.title,
                    "employer": v.employer,
                    "kecamatan": services.regions.name_of(v.kecamatan_code),
                    "kecamatan_code": v.kecamatan_code, "location": v.location,
                    "employment_type": v.employment_type.value if v.employment_type else None,
                    "salary_min": v.salary_min, "salary_max": v.salary_max,
                    "education_min": v.education_min.value if v.education_min else None,
                    "date_posted": v.date_posted.isoformat(),
                    "valid_through": v.valid_through.isoformat(), "is_demo": v.is_demo,
                }
                for v in result.vacancies
            ]
            print(json.dumps({"results": results, "total": result.total}, ensure_ascii=False))
            return 0
        print(_("{shown} of {total} vacancies").format(
            shown=len(result.vacancies), total=result.total))
        for rank, v in enumerate(result.vacancies, 1):
            place = services.regions.name_of(v.kecamatan_code) or v.location
            print(f"{rank:3}. {v.title} | {v.employer} | {place}")
        return 0
    finally:
        services.close()


if __name__ == "__main__":
    sys.exit(main())
