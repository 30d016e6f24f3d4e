"""The resident's visit: one object for everything about the person at the kiosk, wiped by end()."""
from __future__ import annotations

from dataclasses import fields

import pytest

from kiosk.registration.draft import ApplicationTarget, RegistrationDraft
from kiosk.search import SearchQuery
from kiosk.session import Mode, Part, Place, Visit, _State
from kiosk.vacancy import EducationLevel, EmploymentType


def _fill(visit: Visit) -> None:
    """Every kind of state a resident can leave behind."""
    visit.language = "en"
    visit.mode = Mode(assisted=True, text_scale=2.0, high_contrast=True, private_listening=True)
    visit.search = SearchQuery(
        text="sopir truk", kecamatan_code="33.74.10", education=EducationLevel.SMA,
        employment_type=EmploymentType.CONTRACT, min_salary=3_000_000,
    )
    visit.move_to(Place("vacancy_detail", {"vacancy_id": 7}),
                  (Place("home"), Place("job_search")))
    visit.panel = "KECAMATAN"
    draft = visit.registration
    draft.nik = "3374014507990002"
    draft.full_name = "Sri Wahyuni"
    draft.phone = "0812 3456 7890"
    draft.experience = (("Penjaga toko", "Toko Makmur", "3"),)
    visit.application_target = ApplicationTarget(vacancy_id=7)


def test_a_filled_visit_holds_nothing_after_end() -> None:
    visit = Visit()
    fresh = Visit().snapshot()
    _fill(visit)
    filled = visit.snapshot()
    # Every part of the state was really filled, so the comparison below means something.
    assert {name for name in fresh if filled[name] != fresh[name]} == {
        f.name for f in fields(_State)
    }

    held = visit.registration  # a screen may still hold the draft object itself
    visit.end()

    assert visit.snapshot() == fresh
    assert not visit.started
    assert held == RegistrationDraft() and visit.application_target is None


def test_end_tells_every_subscriber_once_and_unsubscribing_stops_it() -> None:
    visit = Visit()
    told: list[str] = []
    stop_a = visit.on_end(lambda: told.append("a"))
    visit.on_end(lambda: told.append("b"))
    visit.end()
    assert told == ["a", "b"]
    stop_a()
    visit.end()
    assert told == ["a", "b", "b"]


def test_listeners_see_the_wiped_visit_when_told_of_the_end() -> None:
    visit = Visit()
    _fill(visit)
    seen: list[dict] = []
    visit.on_end(lambda: seen.append(visit.snapshot()))
    visit.end()
    assert seen == [Visit().snapshot()]


def test_changes_name_the_part_and_repeats_are_silent() -> None:
    visit = Visit()
    parts: list[Part] = []
    visit.on_change(parts.append)
    visit.search = SearchQuery(text="kasir")
    visit.search = SearchQuery(text="kasir")
    visit.language = "en"
    visit.mode = Mode(text_scale=1.5)
    visit.move_to(Place("job_search"), (Place("home"),))
    visit.move_to(Place("job_search"), (Place("home"),))
    assert parts == [Part.SEARCH, Part.LANGUAGE, Part.MODE, Part.PLACE]


def test_started_once_anything_is_typed_chosen_or_switched() -> None:
    visit = Visit()
    assert not visit.started
    visit.move_to(Place("home"), ())
    assert not visit.started  # standing on Home is not a visit yet
    visit.move_to(Place("job_search"), (Place("home"),))
    assert not visit.started  # nor is an empty search screen
    visit.move_to(Place("vacancy_detail", {"vacancy_id": 3}), (Place("home"),))
    assert visit.started  # a vacancy opened is something chosen
    visit.end()
    visit.search = SearchQuery(text="k")
    assert visit.started
    visit.end()
    visit.mode = Mode(text_scale=1.5)
    assert visit.started
    visit.end()
    visit.language = "en"
    assert visit.started


def test_a_visit_starts_and_ends_in_the_kiosks_language() -> None:
    visit = Visit(default_language="en")
    assert visit.language == "en"
    visit.language = "id"
    visit.end()
    assert visit.language == "en"


def test_bad_values_are_refused_and_change_nothing() -> None:
    visit = Visit()
    with pytest.raises(ValueError):
        visit.language = "jv"
    with pytest.raises(ValueError):
        Mode(text_scale=3.0)
    with pytest.raises(ValueError):
        Visit(default_language="xx")
    assert visit.snapshot() == Visit().snapshot()


def test_a_place_keeps_its_parameters_read_only() -> None:
    params = {"vacancy_id": 3}
    place = Place("vacancy_detail", params)
    params["vacancy_id"] = 4
    assert place.params["vacancy_id"] == 3
    with pytest.raises(TypeError):
        place.params["vacancy_id"] = 5  # type: ignore[index]
    assert place == Place("vacancy_detail", {"vacancy_id": 3})
    assert len({place, Place("vacancy_detail", {"vacancy_id": 3})}) == 1


def test_the_look_ignores_private_listening_and_assisted_implies_contrast() -> None:
    assert Mode(private_listening=True).look == Mode().look
    assert Mode(assisted=True).look[2] is True
