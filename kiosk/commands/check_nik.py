"""`siker-kiosk check-nik NIK [--json]`: what the kiosk concludes of a NIK, for staff and
scripts. No Qt and no database: the rules of kiosk/registration/nik.py on today's date.

Exit code 0 when the NIK is valid for registration here, 1 when not. Lines are in the kiosk's
language; --json prints both languages:
{"valid", "nik", "birth_date" (YYYY-MM-DD or null), "sex" ("L"/"P" or null), "region":
{"code", "province", "kabupaten_kota", "kecamatan"}, "problems": [{"code", "id", "en"}],
"warnings": [...]}.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from typing import TextIO

from kiosk.i18n import _
from kiosk.registration.nik import NikResult, check_nik
from kiosk.settings import Settings


def describe(result: NikResult) -> dict[str, object]:
    """The JSON shape above (no values beyond what the NIK itself encodes)."""
    return {
        "valid": result.valid,
        "nik": result.nik,
        "birth_date": result.birth_date.isoformat() if result.birth_date else None,
        "sex": result.sex,
        "region": {"code": result.region_code, "province": result.province,
                   "kabupaten_kota": result.kabupaten_kota, "kecamatan": result.kecamatan},
        "problems": [p.as_json() for p in result.problems],
        "warnings": [w.as_json() for w in result.warnings],
    }


def check_nik_command(settings: Settings, text: str, as_json: bool, *,
                      today: date | None = None, out: TextIO | None = None) -> int:
    """Print the conclusion on `out` (stdout); 0 valid, 1 invalid."""
    out = out or sys.stdout
    result = check_nik(text, today or date.today(), min_age=int(settings.registration_min_age))
    if as_json:
        print(json.dumps(describe(result), ensure_ascii=False, indent=2), file=out)
        return 0 if result.valid else 1
    print(_("NIK {nik}: valid").format(nik=result.nik) if result.valid
          else _("NIK {nik}: not valid").format(nik=result.nik), file=out)
    for problem in result.problems:
        print("  - " + problem.text(), file=out)
    for warning in result.warnings:
        print("  ! " + warning.text(), file=out)
    if result.birth_date:
        print(_("Birth date: {date}").format(date=result.birth_date.isoformat()), file=out)
    if result.sex:
        print(_("Sex: {sex}").format(sex=_("female (P)") if result.sex == "P"
                                     else _("male (L)")), file=out)
    if result.region_code:
        names = [n for n in (result.kecamatan, result.kabupaten_kota, result.province) if n]
        print(_("Region: {code} {names}").format(
            code=result.region_code, names=", ".join(names) or _("(not in the table)")),
            file=out)
    return 0 if result.valid else 1
