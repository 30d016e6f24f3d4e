"""The Screen base class, the routes between screens (the screen registry), navigation requests
and the demo states each screen can be shown in.

API (stable; every screen builds on it):

    class Route(Enum)            # the registry: one member per screen, "module:Class" as value
        Route.HOME.screen_class() -> type[Screen]; registered_screens() -> list[type[Screen]]
    class Intent(Enum): BACK, HOME, END   # back one screen / home, keeping the visit / end it
    Navigation(route, params); Navigation.to(Route.X, **params)
    DemoState(name, prepare=None)         # a state to show in screenshots, tests and the audit

    class Screen(QWidget):
        __init__(ctx: KioskContext, parent=None)   # ui.context: runner, visit, theme, regions
        navigate_requested = Signal(object)  # a Navigation or an Intent; the navigator acts
        route: ClassVar[Route]; demo_states: ClassVar[tuple[DemoState, ...]]
        enter(**params) / leave()      # shown (again; also on Back and after a rebuild of the
                                       #   window, with the same params) / about to be hidden
        retranslate() / title()
        narration() -> Narration       # title, what to do, items in reading order, error
        speak_summary() -> str         # narration().text(): what "Bacakan" reads
        reset()                        # the visit ended: clear widgets (text, undo, scroll)
        on_changes(changes)            # a write (here or in another process) changed data
        on_visit_changed(part)         # the visit changed (kiosk.session.Part)
        handle_back() -> bool          # close an inner step (a panel) on Back; True if it did
        has_inner_step() -> bool       # whether Back would do something on this screen
        dispose()                      # before deletion: unsubscribe from the visit and runner

A screen renders from `ctx.visit` and writes what the resident types or chooses back to it; a
widget never holds the only copy. It runs every database call through `ctx.runner.db(lambda s:
...)`, never navigates itself and never talks to the stack widget. Add a screen by writing its
class in ui/screens/<noun>.py and one member in Route.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from accessibility.narration import Narration
from kiosk.changes import Changes
from kiosk.registration.draft import RegistrationDraft
from kiosk.search import SearchQuery
from kiosk.session import Part

if TYPE_CHECKING:
    from kiosk.services import KioskServices
    from ui.context import KioskContext


class Route(Enum):
    """Every screen the navigator can show, in the order screenshots and audits walk them."""

    HOME = "ui.screens.home:HomeScreen"
    JOB_SEARCH = "ui.screens.job_search:JobSearchScreen"
    VACANCY_DETAIL = "ui.screens.vacancy_detail:VacancyDetailScreen"
    # The AK1 registration, in the order of its steps (ui/screens/registration/).
    REG_CONSENT = "ui.screens.registration.consent:ConsentScreen"
    REG_IDENTITY = "ui.screens.registration.identity:IdentityScreen"
    REG_ADDRESS = "ui.screens.registration.address:AddressScreen"
    REG_CONTACT = "ui.screens.registration.contact:ContactScreen"
    REG_EDUCATION = "ui.screens.registration.contact:EducationScreen"
    REG_EXPERIENCE = "ui.screens.registration.experience:ExperienceScreen"
    REG_WISHES = "ui.screens.registration.wishes:WishesScreen"
    REG_DISABILITY = "ui.screens.registration.wishes:DisabilityScreen"
    REG_REVIEW = "ui.screens.registration.review:ReviewScreen"
    REG_RECEIPT = "ui.screens.registration.receipt:ReceiptScreen"
    REG_APPLY = "ui.screens.registration.apply:ApplyScreen"

    def screen_class(self) -> type[Screen]:
        module, name = self.value.split(":")
        cls = getattr(importlib.import_module(module), name)
        if not (isinstance(cls, type) and issubclass(cls, Screen) and cls.route is self):
            raise TypeError(f"{self.value} is not the Screen of {self}")
        return cls

    @property
    def key(self) -> str:
        """The route's name as the visit records it ("job_search")."""
        return self.name.lower()

    @classmethod
    def from_key(cls, key: str) -> Route:
        return cls[key.upper()]


def registered_screens() -> list[type[Screen]]:
    """Every screen class, in Route order."""
    return [route.screen_class() for route in Route]


class Intent(Enum):
    """Navigation that depends on history rather than on a target screen."""

    BACK = "back"
    HOME = "home"
    END = "end"  # "Selesai": end the visit, for the next person


@dataclass(frozen=True)
class Navigation:
    """A request to show `route`, passing `params` to its `enter(**params)`."""

    route: Route
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def to(cls, route: Route, **params: Any) -> Navigation:
        return cls(route, dict(params))


@dataclass(frozen=True)
class DemoSetup:
    """What a demo state puts into the visit before its screen is shown."""

    params: Mapping[str, Any] = field(default_factory=dict)
    search: SearchQuery | None = None
    panel: str | None = None
    # The AK1 answers the state shows (a made-up resident: the review and the receipt as a
    # resident sees them); None keeps the visit's draft.
    registration: RegistrationDraft | None = None


@dataclass(frozen=True)
class DemoState:
    """A state a screen can be shown in for screenshots, the tests that walk every screen and
    the accessibility audit. `prepare(services)` runs in the database thread and says what the
    visit holds; None shows the screen as a resident first finds it."""

    name: str
    prepare: Callable[[KioskServices], DemoSetup] | None = None


class Screen(QWidget):
    """Base of every kiosk screen; see the module docstring for the contract."""

    navigate_requested = Signal(object)  # Navigation | Intent
    route: ClassVar[Route]
    demo_states: ClassVar[tuple[DemoState, ...]] = ()

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(type(self).__name__)
        self.ctx = ctx
        self._runner = ctx.runner
        self._theme = ctx.theme
        self._visit = ctx.visit
        self._subscriptions = [
            ctx.visit.on_end(self.reset),
            ctx.visit.on_change(self.on_visit_changed),
            ctx.runner.on_changes(self.on_changes),
        ]

    def dispose(self) -> None:
        """Stop listening to the visit and the runner (the navigator calls it before deleting
        the screen, so no callback reaches a deleted widget)."""
        for unsubscribe in self._subscriptions:
            unsubscribe()
        self._subscriptions = []

    def enter(self, **params: Any) -> None:
        """Called each time the screen is shown. The base keeps nothing, so ignores `params`."""

    def leave(self) -> None:
        """Called before the screen is hidden. The base has nothing to stop."""

    def retranslate(self) -> None:
        """Set every text and accessible name in the current language."""
        raise NotImplementedError(f"{type(self).__name__} must implement retranslate()")

    def title(self) -> str:
        """Short name of the screen in the current language."""
        raise NotImplementedError(f"{type(self).__name__} must implement title()")

    def narration(self) -> Narration:
        """This screen in words (accessibility.narration): title, instruction, what is on it
        in reading order, the current error. The base has only the title."""
        return Narration(self.title())

    def speak_summary(self) -> str:
        """Text to read aloud for this screen: the narration as one text."""
        return self.narration().text()

    def reset(self) -> None:
        """The visit has ended: clear every widget of the resident's input. The base has none."""

    def on_changes(self, changes: Changes) -> None:
        """Data changed (an import, later a sync); refresh what is shown if it concerns us."""

    def on_visit_changed(self, part: Part) -> None:
        """A part of the visit changed (often written by this very screen); show it if it is
        ours and differs from what is on screen."""

    def handle_back(self) -> bool:
        """Undo one step inside the screen (close an open panel) on Back; True if it did.
        The base has no inner steps, so Back leaves the screen."""
        return False

    def has_inner_step(self) -> bool:
        """True when `handle_back` would do something now."""
        return False

    def request_navigation(self, route: Route, **params: Any) -> None:
        self.navigate_requested.emit(Navigation(route, dict(params)))

    def request_back(self) -> None:
        self.navigate_requested.emit(Intent.BACK)

    def request_home(self) -> None:
        self.navigate_requested.emit(Intent.HOME)
