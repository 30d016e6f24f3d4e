"""The job search's demo states (screenshots, the audit, the reflow tests walk them)."""
from __future__ import annotations

from dataclasses import replace

from kiosk.search import SearchQuery
from kiosk.search_filters import SearchFilter
from kiosk.services import KioskServices
from kiosk.session import DEFAULT_SEARCH
from ui.screens.base import DemoSetup, DemoState


def _demo_results(services: KioskServices) -> DemoSetup:
    """The first word of the newest vacancy's title, typed: a search that finds something."""
    found = services.search.search(SearchQuery(), limit=1).vacancies
    word = found[0].title.split()[0].lower() if found else "admin"
    return DemoSetup(search=SearchQuery(text=word))


def _demo_filter(_services: KioskServices) -> DemoSetup:
    return DemoSetup(panel=SearchFilter.KECAMATAN.name)


def _demo_soft(_services: KioskServices) -> DemoSetup:
    """Two words no vacancy has together (in the demo catalog and the real file)."""
    return DemoSetup(search=replace(DEFAULT_SEARCH, text="kasir batik "))


def _demo_suggest(_services: KioskServices) -> DemoSetup:
    """Words spelt without their vowels, too far for typo help: "Mungkin maksud Anda" and
    the tiles."""
    return DemoSetup(search=replace(DEFAULT_SEARCH, text="pnjhit gdng "))


DEMO_STATES = (
    DemoState("job-search"),  # nothing typed: the browse tiles above the newest
    DemoState("job-search-results", _demo_results),
    DemoState("job-search-filter", _demo_filter),
    DemoState("job-search-soft", _demo_soft),
    DemoState("job-search-suggest", _demo_suggest),
)
