"""The four filters of the job search screen: what each offers, and how its choice reads."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from kiosk import formatting as fmt
from kiosk.i18n import _, ngettext
from kiosk.region import KOTA_CODE, RegionTable
from kiosk.search import SearchQuery
from kiosk.vacancy import EducationLevel, EmploymentType

Label = Callable[[], str]


class SearchFilter(Enum):
    """One filter button; the value is the SearchQuery field it sets."""

    KECAMATAN = "kecamatan_code"
    EDUCATION = "education"
    EMPLOYMENT = "employment_type"
    SALARY = "min_salary"


@dataclass(frozen=True)
class FilterSpec:
    """What one filter shows: its button name, the panel's title, columns of the option grid."""

    name: Label
    panel_title: Label
    columns: int


SPECS: dict[SearchFilter, FilterSpec] = {
    SearchFilter.KECAMATAN: FilterSpec(
        lambda: _("Kecamatan"), lambda: _("Choose a kecamatan"), 3
    ),
    SearchFilter.EDUCATION: FilterSpec(
        lambda: _("Education"), lambda: _("Choose the highest school you finished"), 2
    ),
    SearchFilter.EMPLOYMENT: FilterSpec(
        lambda: _("Type of work"), lambda: _("Choose the type of work"), 2
    ),
    SearchFilter.SALARY: FilterSpec(
        lambda: _("Salary"), lambda: _("Choose the lowest monthly salary you want"), 2
    ),
}


def options(kind: SearchFilter, regions: RegionTable | None) -> list[tuple[Any, Label]]:
    """The (value, label) pairs a filter offers after "Semua", in the order residents scan them:
    kecamatan alphabetically, schooling and salary from low to high."""
    if kind is SearchFilter.KECAMATAN:
        kecamatan = sorted(regions.kecamatan if regions else (), key=lambda k: k.name)
        # The whole city first: many employers name only "Semarang", not the kecamatan.
        whole_city: list[tuple[Any, Label]] = [(KOTA_CODE, lambda: _("Anywhere in Kota Semarang"))]
        return whole_city + [(k.code, _fixed(k.name)) for k in kecamatan]
    if kind is SearchFilter.EDUCATION:
        return [(level, _translated(msgid)) for level, msgid in fmt.EDUCATION_CHOICES]
    if kind is SearchFilter.EMPLOYMENT:
        return [(t, _employment_label(t)) for t in EmploymentType]
    return [(amount, _salary_label(amount)) for amount in fmt.salary_choices()]


# Each label is read when shown, so it follows the language; one closure per choice.
def _fixed(text: str) -> Label:
    return lambda: text


def _translated(msgid: str) -> Label:
    return lambda: _(msgid)


def _employment_label(kind: EmploymentType) -> Label:
    return lambda: fmt.employment_label(kind)


def _salary_label(amount: int) -> Label:
    return lambda: fmt.min_salary_label(amount)


def value_text(kind: SearchFilter, value: Any, regions: RegionTable | None) -> str:
    """How the current choice reads on the filter button; "Semua" when nothing is chosen."""
    if value is None:
        return _("All")
    if kind is SearchFilter.KECAMATAN:
        if value == KOTA_CODE:
            return _("Kota Semarang")
        return (regions.name_of(value) if regions else None) or str(value)
    if kind is SearchFilter.EDUCATION:
        # The level's own abbreviation, the same in every language and short enough for the
        # button; the panel spells the levels out.
        if value is EducationLevel.BELUM_SD:
            return _("Not finished SD")
        return _SHORT_EDUCATION.get(value, value.value)
    if kind is SearchFilter.EMPLOYMENT:
        return fmt.employment_label(value)
    return fmt.min_salary_label(value)


_SHORT_EDUCATION = {
    EducationLevel.SMA: "SMA / SMK", EducationLevel.SMK: "SMA / SMK",
    EducationLevel.D4: "D4 / S1", EducationLevel.S1: "D4 / S1",
    EducationLevel.PAKET_A: "Paket A", EducationLevel.PAKET_B: "Paket B",
    EducationLevel.PAKET_C: "Paket C",
}


def with_filter(query: SearchQuery, kind: SearchFilter, value: Any) -> SearchQuery:
    """`query` with one filter set to `value` (None clears it)."""
    return replace(query, **{kind.value: value})


def filter_value(query: SearchQuery, kind: SearchFilter) -> Any:
    return getattr(query, kind.value)


def has_filters(query: SearchQuery) -> bool:
    """Whether anything narrows the search beyond the default, the whole city (issue 9)."""
    return query.field is not None or any(
        filter_value(query, kind) is not None
        and not (kind is SearchFilter.KECAMATAN and filter_value(query, kind) == KOTA_CODE)
        for kind in SearchFilter)


@dataclass(frozen=True)
class SearchStatus:
    """The line above the results (`count`) and the message under them (`role` "error" marks a
    failure)."""

    count: str
    message: str
    role: str = ""


def search_status(query: SearchQuery, total: int | None, failed: bool, soft: bool = False,
                  outside_scope: int | None = None, without_filters: int | None = None
                  ) -> SearchStatus:
    """What the job search screen says about a search: how many were found, and when none were,
    what to try next; `total` None means no search has answered yet; `soft` says no vacancy
    had every word and these have the most of them (kiosk.search.SearchResult.soft);
    `outside_scope` and `without_filters` are SearchResult's counts of what lies outside the
    chosen place and without the filters, said as numbers when above zero."""
    if failed:
        return SearchStatus(
            _("The search did not work"),
            _("Please try again. If it keeps failing, ask the staff for help."), "error",
        )
    if total is None:
        return SearchStatus("", "")
    count = ngettext("{count} vacancy found", "{count} vacancies found", total).format(
        count=fmt.number(total)
    )
    if total and soft:
        return SearchStatus(
            count, _("No vacancy matches every word. These are the closest:"), "soft")
    if total:
        return SearchStatus(count, "")
    typed = bool(query.text.strip())
    if not typed and not has_filters(query):
        # Nothing typed and still nothing: the catalog has no open vacancy at all.
        return SearchStatus(
            count, _("No open vacancies are loaded on this kiosk yet. Please ask the staff.")
        )
    hints = [_("No vacancy matches.")]
    if outside_scope and typed:
        hints.append(ngettext(
            "{count} vacancy with these words is outside the chosen place.",
            "{count} vacancies with these words are outside the chosen place.", outside_scope,
        ).format(count=fmt.number(outside_scope)))
    elif outside_scope:  # nothing typed: "with these words" would be untrue
        hints.append(ngettext(
            "{count} vacancy is outside the chosen place.",
            "{count} vacancies are outside the chosen place.", outside_scope,
        ).format(count=fmt.number(outside_scope)))
    if without_filters:
        hints.append(ngettext(
            "Without the filters, {count} vacancy is found.",
            "Without the filters, {count} vacancies are found.", without_filters,
        ).format(count=fmt.number(without_filters)))
    if typed and not (outside_scope or without_filters):
        # (known words that other places or no filters would find are not the problem)
        hints.append(_("Try fewer or shorter words, for example only the job: sopir, admin."))
    if has_filters(query):
        # "Or" only as the second of two suggestions.
        hints.append(_("Or remove filters to see more vacancies.") if typed
                     else _("Remove filters to see more vacancies."))
    return SearchStatus(count, " ".join(hints))
