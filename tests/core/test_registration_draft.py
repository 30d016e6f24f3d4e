"""The registration draft in the visit: edits in place, removable entries, wiped by end()."""
from __future__ import annotations

import pytest

from kiosk.registration.draft import ApplicationTarget, RegistrationDraft
from kiosk.session import Part, Visit
from tests.core.registration_drafts import valid_draft


def test_entries_are_removable_one_by_one() -> None:
    draft = valid_draft()
    draft.remove_entry("skills", 0)
    assert draft.skills == ("kasir",)
    draft.remove_entry("experience", 5)  # out of range: nothing changes
    assert len(draft.experience) == 1
    draft.remove_entry("experience", 0)
    assert draft.experience == ()
    with pytest.raises(AttributeError):
        draft.remove_entry("full_name", 0)


def test_a_draft_starts_the_visit_and_end_wipes_it_in_place() -> None:
    visit = Visit()
    told: list[Part] = []
    visit.on_change(told.append)
    draft = visit.registration
    assert draft.is_empty and not visit.started
    draft.full_name = "Sukarno"
    visit.registration_edited()
    visit.application_target = ApplicationTarget(vacancy_id=3)
    assert visit.started and told == [Part.REGISTRATION, Part.APPLICATION]
    visit.end()
    assert draft == RegistrationDraft() and visit.registration.is_empty
    assert visit.application_target is None and not visit.started


def test_a_naive_consent_time_is_taken_as_local_time(regions) -> None:
    from datetime import date, datetime

    from kiosk.registration.form import check_draft

    draft = valid_draft(consent_at=datetime(2026, 12, 2, 9, 0))
    check = check_draft(draft, today=date(2026, 12, 2), min_age=18, regions=regions)
    assert check.ok and check.payload is not None
    local = datetime(2026, 12, 2, 9, 0).astimezone()
    assert datetime.fromisoformat(check.payload["consent_at"]) == local
