"""Kiosk settings: one declarative table, loaded from a TOML file, the environment, then options."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.i18n import LANGUAGES, _

APP_NAME = "siker-kiosk"


@dataclass(frozen=True)
class Settings:
    """What a kiosk can be told. Field metadata gives the help text; units are in the names."""

    data_dir: Path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    lang: str = "id"
    windowed: bool = False
    idle_timeout_s: float = 90.0  # WCAG 2.2.1: warn before the session ends
    idle_warning_s: float = 30.0  # the countdown with one-tap "Lanjutkan"
    screen_diagonal_in: float = 0.0  # 0 = trust the panel's reported size
    central_url: str = ""


def config_path() -> Path:
    """The TOML config file in the platformdirs config folder."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


_LIMITS: dict[str, tuple[float, float]] = {
    "idle_timeout_s": (10.0, 3600.0),
    "idle_warning_s": (5.0, 600.0),
    "screen_diagonal_in": (0.0, 120.0),
}
_TRUE = {"1", "true", "yes", "ya", "on"}
_FALSE = {"0", "false", "no", "tidak", "off"}


def _coerce(name: str, value: Any, default: Any) -> Any:
    """`value` as the type of `default`; raises ValueError with a sentence for staff."""
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in _TRUE | _FALSE:
            return word in _TRUE
        raise ValueError(_("write true or false"))
    if isinstance(default, float):
        if isinstance(value, bool):
            raise ValueError(_("write a number"))
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(_("write a number")) from None
        low, high = _LIMITS.get(name, (float("-inf"), float("inf")))
        if not low <= number <= high:
            raise ValueError(_("choose a number from {low} to {high}").format(
                low=f"{low:g}", high=f"{high:g}"))
        return number
    if isinstance(default, Path):
        if not str(value).strip():
            raise ValueError(_("write a folder"))
        return Path(value).expanduser()
    if name == "lang" and value not in LANGUAGES:
        raise ValueError(_("choose one of {choices}").format(choices=", ".join(LANGUAGES)))
    return str(value)


def load_settings(
    overrides: dict[str, Any] | None = None,
    config_file: Path | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Settings from, in rising priority: defaults, the TOML file, SIKER_* variables, `overrides`.

    Overrides whose value is None and empty SIKER_* variables count as not given.
    idle_timeout_s must be 10 to 3600 s, idle_warning_s 5 to 600 s (WCAG 2.2.1 asks that the
    warning give time to answer), screen_diagonal_in 0 (trust the panel) to 120 inches.

    Raises:
        ValueError: an unknown key in the TOML file, a malformed file, or a value of the wrong
            type or out of range; the message names the setting, in the kiosk's language.
    """
    settings = Settings()
    defaults = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    layers: list[tuple[str, dict[str, Any]]] = []
    path = config_file or config_path()
    if path.is_file():
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(_("{file}: not a valid TOML file ({error})").format(
                file=path, error=exc)) from exc
        unknown = sorted(set(document) - set(defaults))
        if unknown:
            raise ValueError(_("{file}: unknown setting {names}; the settings are: {known}")
                             .format(file=path, names=", ".join(unknown),
                                     known=", ".join(defaults)))
        layers.append((str(path), document))
    env = os.environ if environ is None else environ
    layers.append(("SIKER_*", {
        n: env[f"SIKER_{n.upper()}"] for n in defaults
        if env.get(f"SIKER_{n.upper()}", "").strip()
    }))
    layers.append(("", {k: v for k, v in (overrides or {}).items() if v is not None}))
    for origin, layer in layers:
        changes = {}
        for name, value in layer.items():
            if name not in defaults:
                continue
            try:
                changes[name] = _coerce(name, value, defaults[name])
            except ValueError as exc:
                where = f"SIKER_{name.upper()}: " if origin == "SIKER_*" else (
                    f"{origin}: " if origin else "")
                raise ValueError(_("{where}setting {name} = {value!r}: {problem}").format(
                    where=where, name=name, value=value, problem=exc)) from None
        settings = replace(settings, **changes)
    return settings
