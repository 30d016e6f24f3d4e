"""Kiosk settings: one declarative table, loaded from a TOML file, the environment, then options."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

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


def _coerce(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "ya", "on"}
        return bool(value)
    if isinstance(default, float):
        return float(value)
    if isinstance(default, Path):
        return Path(value).expanduser()
    return str(value)


def load_settings(
    overrides: dict[str, Any] | None = None,
    config_file: Path | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Settings from, in rising priority: defaults, the TOML file, SIKER_* variables, `overrides`.

    Overrides whose value is None are ignored (an option the user did not give).

    Raises:
        ValueError: a value has the wrong type or the TOML file is malformed, naming the setting.
    """
    settings = Settings()
    defaults = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    layers: list[dict[str, Any]] = []
    path = config_file or config_path()
    if path.is_file():
        try:
            layers.append(tomllib.loads(path.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: {exc}") from exc
    env = os.environ if environ is None else environ
    layers.append({n: env[f"SIKER_{n.upper()}"] for n in defaults if f"SIKER_{n.upper()}" in env})
    layers.append({k: v for k, v in (overrides or {}).items() if v is not None})
    for layer in layers:
        changes = {}
        for name, value in layer.items():
            if name not in defaults:
                continue
            try:
                changes[name] = _coerce(name, value, defaults[name])
            except (TypeError, ValueError) as exc:
                raise ValueError(f"setting {name}: {value!r} is not valid ({exc})") from exc
        settings = replace(settings, **changes)
    return settings
