"""The Screen base class, the routes between screens, and navigation requests.

API (stable; every screen builds on it):

    class Route(Enum): HOME, JOB_SEARCH, VACANCY_DETAIL
    class Intent(Enum): BACK, HOME          # "go back one screen" / "start over at home"
    @dataclass(frozen=True) class Navigation: route: Route; params: dict[str, Any]
        Navigation(Route.VACANCY_DETAIL, {"vacancy_id": 42}); Navigation.to(Route.X, **params)

    class Screen(QWidget):
        navigate_requested = Signal(object)  # emits a Navigation or an Intent; the navigator acts
        route: ClassVar[Route]               # set by each subclass
        enter(**params) -> None   # shown (again); params from the Navigation; also on Back,
                                  #   with the same params as before: keep state unless they
                                  #   change it
        leave() -> None           # about to be hidden (stop timers, close panels)
        retranslate() -> None     # set every visible text and accessible name in the current
                                  #   language; call it at the end of your __init__; the main window
                                  #   calls it on every language switch
        title() -> str            # short screen name in the current language (window title, speech)
        speak_summary() -> str    # what "Bacakan" reads aloud: title plus what the screen shows
        reset() -> None           # forget everything the resident typed, chose or opened; called
                                  #   between residents (idle timeout); must not need the database
        request_navigation(route, **params) / request_back() / request_home()  # emit helpers

    class ServiceScreen(Screen):            # a Screen that reads the kiosk services
        __init__(runner, services, theme, parent=None); services() -> KioskServices, only
        inside runner tasks

A subclass sets `route`, builds its widgets in `__init__(..., parent=None)` and calls
`self.retranslate()` last. It never navigates itself and never talks to the stack widget.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.services import KioskServices

if TYPE_CHECKING:
    from ui.tasks import Runner
    from ui.theme import Theme

# The kiosk services, or a callable returning them (ui.app's ServicesHolder): they are opened in
# the database thread after the screens are built.
Services = KioskServices | Callable[[], KioskServices]


class Route(Enum):
    """Every screen the navigator can show."""

    HOME = "home"
    JOB_SEARCH = "job_search"
    VACANCY_DETAIL = "vacancy_detail"


class Intent(Enum):
    """Navigation that depends on history rather than on a target screen."""

    BACK = "back"
    HOME = "home"


@dataclass(frozen=True)
class Navigation:
    """A request to show `route`, passing `params` to its `enter(**params)`."""

    route: Route
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def to(cls, route: Route, **params: Any) -> Navigation:
        return cls(route, dict(params))


class Screen(QWidget):
    """Base of every kiosk screen; see the module docstring for the contract."""

    navigate_requested = Signal(object)  # Navigation | Intent
    route: ClassVar[Route]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(type(self).__name__)

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

    def speak_summary(self) -> str:
        """Text to read aloud for this screen; the base reads only the title."""
        return self.title()

    def reset(self) -> None:
        """Forget the resident's input. The base holds none."""

    def handle_back(self) -> bool:
        """Undo one step inside the screen (close an open panel) on Back; True if it did.
        The base has no inner steps, so Back leaves the screen."""
        return False

    def request_navigation(self, route: Route, **params: Any) -> None:
        self.navigate_requested.emit(Navigation(route, dict(params)))

    def request_back(self) -> None:
        self.navigate_requested.emit(Intent.BACK)

    def request_home(self) -> None:
        self.navigate_requested.emit(Intent.HOME)


class ServiceScreen(Screen):
    """A screen that reads the kiosk's services. Every call to them goes through `runner.db`
    or `runner.db_latest`: the services live in the database thread.

    Args:
        runner: the background runner (ui.tasks).
        services: the KioskServices, or a callable returning them.
        theme: sizes, fonts and colours.
    """

    def __init__(
        self, runner: Runner, services: Services, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._services = services
        self._theme = theme

    def services(self) -> KioskServices:
        """The open services; call only inside a runner task (the database thread).

        Raises:
            RuntimeError: the kiosk database is not open (from ServicesHolder).
        """
        services = self._services
        return services if isinstance(services, KioskServices) else services()
