"""Step 6: skills, languages and work experience, each a list the resident builds one entry at a
time and can take entries out of. Every list may stay empty (a first job seeker has none)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout

from kiosk.i18n import _
from ui.screens.base import DemoState, Route
from ui.screens.registration import answers
from ui.screens.registration.frame import Problem, StepScreen
from ui.widgets.entry_list import Entry, EntryList


def describe_job(entry: Entry) -> str:
    """"Penjaga toko, Toko Makmur, 3 tahun" from (job, employer, years)."""
    job, employer, years = (tuple(entry) + ("", "", ""))[:3]
    parts = [job, employer]
    if years:
        parts.append(_("{years} years").format(years=years))
    return ", ".join(p for p in parts if p)


class ExperienceScreen(StepScreen):
    """Step 6. Each list writes the draft when an entry is added or removed."""

    route = Route.REG_EXPERIENCE
    step = 6
    next_route = Route.REG_WISHES
    demo_states = (DemoState("registration-6-experience"),)

    def build(self, body: QVBoxLayout) -> None:
        theme = self.ctx.theme
        self.skills = EntryList(theme, lambda: _("Skills"),
                                [(lambda: _("A skill, for example sewing or driving"), False)],
                                lambda e: e[0], parent=self)
        self.languages = EntryList(theme, lambda: _("Languages you speak"),
                                   [(lambda: _("A language, for example English"), False)],
                                   lambda e: e[0], parent=self)
        self.jobs = EntryList(
            theme, lambda: _("Work experience"),
            [(lambda: _("Job"), False), (lambda: _("Employer"), False),
             (lambda: _("Years"), True)],
            describe_job, personal=True, parent=self)
        self.skills.changed.connect(lambda: self._store("skills", self.skills))
        self.languages.changed.connect(lambda: self._store("languages", self.languages))
        self.jobs.changed.connect(lambda: self._store("experience", self.jobs))
        for widget in (self.skills, self.languages, self.jobs):
            body.addWidget(widget)

    def _store(self, name: str, entries: EntryList) -> None:
        values = entries.entries()
        stored: Any = tuple(v[0] for v in values) if name != "experience" else tuple(values)
        answers.put(self._visit, name, stored)

    def heading(self) -> str:
        return _("What you can do")

    def instruction(self) -> str:
        return _("Add your skills, languages and jobs one at a time with “Add to the list”. "
                 "You may leave a list empty.")

    def load(self) -> None:
        visit = self._visit
        self.skills.set_entries([(s,) for s in answers.get(visit, "skills", ())])
        self.languages.set_entries([(s,) for s in answers.get(visit, "languages", ())])
        self.jobs.set_entries(list(answers.get(visit, "experience", ())))

    def clear(self) -> None:
        for entries in (self.skills, self.languages, self.jobs):
            entries.clear_inputs()
        self.load()

    def retranslate_fields(self) -> None:
        for entries in (self.skills, self.languages, self.jobs):
            entries.retranslate()

    def items(self) -> list[str]:
        said = []
        for entries in (self.skills, self.languages):
            listed = ", ".join(entries.describe_entries()) or _("none yet")
            said.append(f"{entries.title()}: {listed}.")
        said.append(self.jobs.title())
        return said

    def problems(self) -> list[tuple[Any, Problem]]:
        found: list[tuple[Any, Problem]] = []
        for entries in (self.skills, self.languages, self.jobs):
            typed = any(f.text().strip() for f in entries.inputs)
            if typed:  # written but not added: say so rather than lose it silently
                found.append((entries.inputs[0], lambda: _(
                    "Tap “Add to the list” to keep what you wrote, or clear it.")))
        return found
