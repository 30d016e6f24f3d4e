"""The fields residents browse without typing: picture tiles on home and the search screen.

Each field is a set of KBJI 2014 subgolongan (4-digit codes, BPS); a vacancy belongs to a field
when its title was coded with one of them (kiosk.occupations, tagged by kiosk.search_tags).
The nine fields are the ones residents ask about most at the counter and the largest in the
real catalog (../shared/data/job_postings_id.jsonl: sales and shops, admin and accounting,
transport, teaching, health, food service, technicians, cleaning and security, factories).
"""
from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import N_
from kiosk.search_tags import group_tag


@dataclass(frozen=True)
class Field:
    """One tile: `key` (stable id), `icon` (assets/icons/<icon>.svg), `label` (English
    msgid, shown through kiosk.i18n), `codes` (KBJI 2014 subgolongan)."""

    key: str
    icon: str
    label: str
    codes: tuple[str, ...]


FIELDS: tuple[Field, ...] = (
    Field("antar", "field-driving", N_("Drivers, couriers"),
          ("8322", "8332", "8321", "9621", "8344", "9333")),
    Field("toko", "field-shop", N_("Shops, sales"),
          ("5223", "5230", "5242", "5244", "5243", "5249", "3322", "2431")),
    Field("pabrik", "field-factory", N_("Factories"),
          ("9329", "9321", "8160", "8153", "7531", "8142", "8156", "7543")),
    Field("bersih", "field-cleaning", N_("Security, cleaning"),
          ("9112", "9111", "5414", "9629")),
    Field("makan", "field-food", N_("Restaurants"),
          ("5120", "3434", "9412", "5131", "5132")),
    Field("kantor", "field-office", N_("Office, admin"),
          ("4110", "4120", "4321", "4311", "2411", "4226", "4222", "4229", "2423", "4416")),
    Field("bengkel", "field-workshop", N_("Workshops"),
          ("7212", "7231", "7233", "3115", "7127", "7411", "7413", "3113", "7421", "7422",
           "3512", "3513", "9313", "7112", "7115", "7131")),
    Field("rawat", "field-care", N_("Health, care"),
          ("3221", "2221", "3251", "2262", "3213", "5322", "5311", "5142")),
    Field("ajar", "field-teaching", N_("Teaching"),
          ("2341", "2330", "2353", "2359", "2342")),
)
_BY_KEY = {f.key: f for f in FIELDS}


def field_by_key(key: str | None) -> Field | None:
    return _BY_KEY.get(key or "")


def field_expression(key: str | None) -> str | None:
    """The FTS5 expression of a field's vacancies, None for no field.

    Raises:
        KeyError: `key` names no field.
    """
    if key is None:
        return None
    return "(" + " OR ".join(group_tag(c) for c in _BY_KEY[key].codes) + ")"
