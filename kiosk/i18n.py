"""Message catalogs (gettext, domain "siker"): Indonesian first, English second.

Source strings in the code are English msgids; both shipped languages have a complete catalog,
checked by tests/core/test_i18n.py. `_` looks up the current language at call time, so texts
built after `set_language` come out in the new language.
"""
from __future__ import annotations

import gettext
from collections.abc import Callable

from assets import ASSETS_DIR

DOMAIN = "siker"
LOCALE_DIR = ASSETS_DIR / "locale"
LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANGUAGE = "id"

_catalogs: dict[str, gettext.NullTranslations] = {}
_current = [DEFAULT_LANGUAGE]
_listeners: list[Callable[[str], None]] = []


def _catalog(lang: str) -> gettext.NullTranslations:
    if lang not in _catalogs:
        _catalogs[lang] = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=False)
    return _catalogs[lang]


def set_language(lang: str) -> None:
    """Switch every later `_()` call to `lang` ("id" or "en") and tell the listeners.

    Raises:
        ValueError: `lang` is not a shipped language.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _catalog(lang)
    _current[0] = lang
    for listener in list(_listeners):
        listener(lang)


def current_language() -> str:
    return _current[0]


def on_language_changed(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call `listener(lang)` after each switch; returns a function that unsubscribes it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def _(message: str) -> str:
    """Translate `message` (an English msgid) into the current language."""
    return _catalog(_current[0]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count `n`."""
    return _catalog(_current[0]).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it now (for tables built at import)."""
    return message


def translation(lang: str, message: str) -> str:
    """`message` (an English msgid) in `lang`, whatever the current language is.

    Raises:
        ValueError: `lang` is not a shipped language.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return _catalog(lang).gettext(message)
