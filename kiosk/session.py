"""The resident's visit: everything about the person at the kiosk now, in one object, and one
`end()` that forgets it all for the next person. No Qt.

Screens render from the visit and write to it; a widget never holds the only copy of what a
resident typed, chose or switched on. The current gettext language stays process-wide in
kiosk.i18n (gettext looks it up at call time); the visit holds the resident's choice and the UI
applies it there on every change, and back to the kiosk's default when the visit ends.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from types import MappingProxyType
from typing import Any

from kiosk.i18n import DEFAULT_LANGUAGE, LANGUAGES
from kiosk.region import KOTA_CODE
from kiosk.registration.draft import ApplicationTarget, RegistrationDraft
from kiosk.search import SearchQuery

log = logging.getLogger(__name__)

# Text sizes a resident can pick: WCAG 1.4.4 asks that text can grow to 200 % without loss.
TEXT_SCALES: tuple[float, ...] = (1.0, 1.5, 2.0)

DEFAULT_SEARCH = SearchQuery(kecamatan_code=KOTA_CODE)
"""A new visit's search: the whole city (issue 9); one tap widens it to everywhere."""


@dataclass(frozen=True)
class Mode:
    """How the kiosk looks and talks for this resident.

    Attributes:
        assisted: Mode Bantuan (ACCESSIBILITY.md): 20 mm targets, longer timeouts, speech on
            entry and focus, AAA contrast.
        text_scale: 1.0, 1.5 or 2.0 times the default text size (WCAG 1.4.4).
        high_contrast: the AAA palette (WCAG 1.4.6) even outside assisted mode.
        private_listening: headphones are on, so personal data may be spoken (UU PDP 27/2022:
            never aloud in public otherwise).
        speech_rate: the resident's speaking pace, times the kiosk's (0.6 .. 1.6; ui.speech).
        speech_volume: the resident's loudness, 0.2 .. 1.0 of the kiosk's.
    """

    assisted: bool = False
    text_scale: float = 1.0
    high_contrast: bool = False
    private_listening: bool = False
    speech_rate: float = 1.0
    speech_volume: float = 1.0

    def __post_init__(self) -> None:
        if self.text_scale not in TEXT_SCALES:
            raise ValueError(f"text_scale must be one of {TEXT_SCALES}, not {self.text_scale!r}")
        if not (0.6 <= self.speech_rate <= 1.6 and 0.2 <= self.speech_volume <= 1.0):
            raise ValueError("speech_rate must be 0.6..1.6 and speech_volume 0.2..1.0")

    @property
    def look(self) -> tuple[bool, float, bool]:
        """What changes the screen's layout and colours (private listening does not)."""
        return (self.assisted, self.text_scale, self.high_contrast or self.assisted)


@dataclass(frozen=True)
class Place:
    """Where the resident is: a screen's route name and the parameters it was opened with
    (plain values only: ids, codes, short strings)."""

    route: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Place)
            and self.route == other.route
            and dict(self.params) == dict(other.params)
        )

    def __hash__(self) -> int:
        return hash((self.route, tuple(sorted(self.params.items()))))


class Part(Enum):
    """The parts of a visit a listener is told changed."""

    LANGUAGE = "language"
    MODE = "mode"
    SEARCH = "search"
    PLACE = "place"
    PANEL = "panel"
    REGISTRATION = "registration"
    APPLICATION = "application"


@dataclass
class _State:
    language: str = DEFAULT_LANGUAGE
    mode: Mode = field(default_factory=Mode)
    search: SearchQuery = field(default_factory=lambda: DEFAULT_SEARCH)
    # The screen shown and the screens behind it (Back), oldest first.
    place: Place | None = None
    history: tuple[Place, ...] = ()
    # A panel open on the current screen (a filter's choices), by name; None when none is.
    panel: str | None = None
    # The AK1 form's answers (kiosk/registration/draft.py) and the vacancy chosen for "Lamar":
    # in memory only until submit.
    registration: RegistrationDraft = field(default_factory=RegistrationDraft)
    application_target: ApplicationTarget | None = None


ChangeListener = Callable[[Part], None]
EndListener = Callable[[], None]


class Visit:
    """One resident's visit, from their first touch until `end()`.

    Args:
        default_language: the language a new visit starts in ("id" unless the kiosk is set
            otherwise).

    Raises:
        ValueError: an unsupported language, here or in `language = ...`.

    Listeners subscribed with `on_change(fn)` get the Part that changed; `on_end(fn)` listeners
    are told when the visit has been wiped (screens clear their widgets, the window goes home,
    the clipboard is emptied, the idle timer stops; later the speaker stops and resets). Setting
    a part to the value it already has tells nobody.
    """

    def __init__(self, default_language: str = DEFAULT_LANGUAGE) -> None:
        _check_language(default_language)
        self._default_language = default_language
        self._state = _State(language=default_language)
        self._change_listeners: list[ChangeListener] = []
        self._end_listeners: list[EndListener] = []

    # -- the parts ----------------------------------------------------------------------------

    @property
    def default_language(self) -> str:
        return self._default_language

    @property
    def language(self) -> str:
        return self._state.language

    @language.setter
    def language(self, lang: str) -> None:
        _check_language(lang)
        self._set(Part.LANGUAGE, "language", lang)

    @property
    def mode(self) -> Mode:
        return self._state.mode

    @mode.setter
    def mode(self, mode: Mode) -> None:
        self._set(Part.MODE, "mode", mode)

    @property
    def search(self) -> SearchQuery:
        """The job search's words and filters."""
        return self._state.search

    @search.setter
    def search(self, query: SearchQuery) -> None:
        self._set(Part.SEARCH, "search", query)

    @property
    def place(self) -> Place | None:
        return self._state.place

    @property
    def history(self) -> tuple[Place, ...]:
        return self._state.history

    def move_to(self, place: Place, history: tuple[Place, ...]) -> None:
        """Record that `place` shows now, with `history` behind it (the navigator calls this)."""
        if place == self._state.place and history == self._state.history:
            return
        if self._state.place is None or self._state.place.route != place.route:
            self._state.panel = None  # a panel belongs to the screen it was opened on
        self._state.place, self._state.history = place, tuple(history)
        self._tell(Part.PLACE)

    @property
    def panel(self) -> str | None:
        return self._state.panel

    @panel.setter
    def panel(self, name: str | None) -> None:
        self._set(Part.PANEL, "panel", name)

    @property
    def registration(self) -> RegistrationDraft:
        """The AK1 registration draft; screens edit it in place (then call
        `registration_edited()`) or replace it."""
        return self._state.registration

    @registration.setter
    def registration(self, draft: RegistrationDraft) -> None:
        self._set(Part.REGISTRATION, "registration", draft)

    def registration_edited(self) -> None:
        """Tell listeners that the draft was changed in place."""
        self._tell(Part.REGISTRATION)

    @property
    def application_target(self) -> ApplicationTarget | None:
        """The vacancy the resident pressed "Lamar" on, or None."""
        return self._state.application_target

    @application_target.setter
    def application_target(self, target: ApplicationTarget | None) -> None:
        self._set(Part.APPLICATION, "application_target", target)

    @property
    def started(self) -> bool:
        """True once the resident has typed, chosen or switched anything ("Selesai" shows):
        words or filters, a mode or language, or an item opened (a place with parameters)."""
        s = self._state
        return (
            s.search != DEFAULT_SEARCH
            or s.mode != Mode()
            or s.language != self._default_language
            or not s.registration.is_empty
            or s.application_target is not None
            or any(p.params for p in (*s.history, *([s.place] if s.place else [])))
        )

    def snapshot(self) -> dict[str, Any]:
        """Every part by name, for tests and logs of *shape* only (never log the values)."""
        return {f.name: getattr(self._state, f.name) for f in fields(_State)}

    # -- ending -------------------------------------------------------------------------------

    def end(self) -> None:
        """Forget everything about this resident and tell every `on_end` listener.

        Called by "Selesai", the idle timeout, and anything else that hands the kiosk to the
        next person. Safe to call when nothing was started.
        """
        # Screens may still hold the old draft object: empty it too, not only drop it.
        self._state.registration.wipe()
        self._state = _State(language=self._default_language)
        log.info("Visit ended: every part wiped")
        for listener in list(self._end_listeners):
            if listener in self._end_listeners:  # one listener may unsubscribe another
                listener()

    # -- listeners ----------------------------------------------------------------------------

    def on_change(self, listener: ChangeListener) -> Callable[[], None]:
        """Call `listener(part)` after each change; returns a function that unsubscribes it."""
        self._change_listeners.append(listener)
        return _remover(self._change_listeners, listener)

    def on_end(self, listener: EndListener) -> Callable[[], None]:
        """Call `listener()` after `end()`; returns a function that unsubscribes it."""
        self._end_listeners.append(listener)
        return _remover(self._end_listeners, listener)

    def _set(self, part: Part, name: str, value: Any) -> None:
        if getattr(self._state, name) == value:
            return
        self._state = replace(self._state, **{name: value})
        self._tell(part)

    def _tell(self, part: Part) -> None:
        for listener in list(self._change_listeners):
            if listener in self._change_listeners:
                listener(part)


def _check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")


def _remover(listeners: list[Any], listener: Any) -> Callable[[], None]:
    def remove() -> None:
        if listener in listeners:
            listeners.remove(listener)

    return remove
