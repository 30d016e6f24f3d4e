"""Kiosk settings: one declaration, loaded from a TOML file, the environment, then options.

Each field of `Settings` declares its type (the annotation), default, range or choices and help
(`_setting(...)`). Everything else comes from that one place: `SETTINGS` (the same as records),
the validation in `load_settings`, the command-line options and help (ui/cli.py) and the table
in README.md (`settings_table`, checked by tests/core/test_settings.py).
"""
from __future__ import annotations

import difflib
import logging
import math
import os
import tomllib
import typing
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.i18n import LANGUAGES, N_, _

APP_NAME = "siker-kiosk"
_DATA_DIR = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
log = logging.getLogger(__name__)
# SIKER_* variables that are not settings: the central server's own (SIKER_CENTRAL_*, read by
# sync/central/config.py) and the start-up timing hooks of benchmarks/cold_start.py (ui/app.py).
_OTHER_ENVIRONMENT = ("SIKER_CENTRAL_", "SIKER_EXIT_AFTER_PAINT", "SIKER_LAUNCHED_AT")


def _setting(
    default: Any,
    help: str,
    *,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[str, ...] = (),
    option: bool = False,
    default_text: str = "",
) -> Any:
    """A settings field: its default plus what the table says about it (see Setting)."""
    return field(default=default, metadata={"setting": dict(
        help=help, low=low, high=high, choices=choices, option=option,
        default_text=default_text)})


@dataclass(frozen=True)
class Settings:
    """What a kiosk can be told. Units are in the names (_s seconds, _in inches)."""

    data_dir: Path = _setting(
        _DATA_DIR, N_("data folder: the kiosk database lives here"), option=True,
        default_text="the platform's data folder (~/.local/share/siker-kiosk on Linux)")
    lang: str = _setting(
        "id", N_("language of screens and messages; residents can switch on every screen"),
        choices=LANGUAGES, option=True)
    windowed: bool = _setting(
        False, N_("run in a window instead of full screen (staff laptops)"), option=True)
    # WCAG 2.2.1 (timing adjustable): warn before the visit ends, give time to answer.
    idle_timeout_s: float = _setting(
        90.0, N_("seconds without a touch before the kiosk asks whether someone is still "
                 "there"), low=10, high=3600)
    assisted_idle_timeout_s: float = _setting(
        180.0, N_("the same in assisted mode (Mode Bantuan), which gives more time"),
        low=10, high=3600)
    idle_warning_s: float = _setting(
        30.0, N_("seconds of the countdown with one-tap “Continue” before the visit ends"),
        low=5, high=600)
    # ACCESSIBILITY.md: scanning for residents who can press one button (ui/switch_access.py).
    switch_access: str = _setting(
        "off", N_("switch access at the start of every visit, for a kiosk with a switch "
                  "attached: off, two (Space moves, Enter presses) or auto (one switch presses, "
                  "the highlight moves by itself)"), choices=("off", "two", "auto"))
    switch_scan_interval_s: float = _setting(
        1.5, N_("seconds the highlight stays on each control in automatic switch access"),
        low=0.5, high=10)
    # ACCESSIBILITY.md "Speech output" (accessibility/speech).
    speech_driver: str = _setting(
        "auto", N_("the kiosk's voice: auto (espeak-ng on Linux, pyttsx3/SAPI5 on Windows), "
                   "espeak, pyttsx3 or off"), choices=("auto", "espeak", "pyttsx3", "off"))
    speech_rate_wpm: float = _setting(
        160.0, N_("speaking pace in words per minute at the start of every visit (residents "
                  "can make it slower or faster)"), low=80, high=320)
    speech_volume: float = _setting(
        1.0, N_("loudness at the start of every visit, 0.2 to 1 of the engine's full volume"),
        low=0.2, high=1.0)
    screen_diagonal_in: float = _setting(
        0.0, N_("panel diagonal in inches, when the panel reports a wrong size; 0 trusts "
                "the panel"), low=0, high=120)
    # Issue 9 "near home first": results rank by distance from here (kiosk.places.Band).
    kiosk_kelurahan: str = _setting(
        "33.74", N_("where the kiosk stands: its kelurahan (or kecamatan) Kemendagri code, "
                    "e.g. 33.74.10.1001; 33.74 for only the city"), option=True)
    # Working-age rule of the AK1 registration (UU 13/2003 art. 68-69: no employment under
    # 18 except light work from 13 and apprenticeships); Disnaker can lower it to 15.
    registration_min_age: float = _setting(
        18.0, N_("minimum age in years to register for the AK1 card at the kiosk"),
        low=15, high=65)
    # Paper of the kiosk's slip printer (ui/printing.py): thermal rolls of 58 or 80 mm, or A4.
    printer_paper: str = _setting(
        "80mm", N_("paper of the slip printer: 58mm, 80mm or a4"),
        choices=("58mm", "80mm", "a4"))
    central_url: str = _setting(
        "", N_("address of the central SIKER server (http:// or https://); empty: none yet"),
        option=True)
    # Issue 8 (sync/client): HTTPS checked against the system's CAs or the city's own bundle.
    central_ca_bundle: str = _setting(
        "", N_("file of the CA certificates the central server's HTTPS is checked against; "
               "empty: the system's"))
    sync_interval_s: float = _setting(
        600.0, N_("seconds between background syncs with the central server"),
        low=30, high=86400)
    sync_jitter_s: float = _setting(
        120.0, N_("up to this many seconds added at random to each interval, so kiosks do "
                  "not all call at once"), low=0, high=3600)
    sync_connect_timeout_s: float = _setting(
        10.0, N_("seconds to wait for a connection to the central server"), low=1, high=300)
    sync_read_timeout_s: float = _setting(
        30.0, N_("seconds to wait for each answer of the central server"), low=1, high=600)
    sync_deadline_s: float = _setting(
        300.0, N_("seconds one whole sync may take before it stops and tries later"),
        low=10, high=7200)


@dataclass(frozen=True)
class Setting:
    """One setting as a record: name, type (bool, float, str or Path), default, range, help.

    `low`/`high` bound a number (inclusive); `choices` lists the allowed words; `option` says
    it is also a command-line option (--data-dir, ...); `help` is an English msgid.
    """

    name: str
    type: type
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    option: bool = False
    default_text: str = ""

    @property
    def env(self) -> str:
        """The environment variable that sets it: SIKER_IDLE_TIMEOUT_S."""
        return f"SIKER_{self.name.upper()}"

    @property
    def flag(self) -> str:
        """The command-line option: --idle-timeout-s."""
        return "--" + self.name.replace("_", "-")


def _records() -> tuple[Setting, ...]:
    hints = typing.get_type_hints(Settings)
    return tuple(Setting(name=f.name, type=hints[f.name], default=f.default,
                         **f.metadata["setting"]) for f in fields(Settings))


SETTINGS: tuple[Setting, ...] = _records()
"""Every setting, in declaration order."""
_BY_NAME = {s.name: s for s in SETTINGS}
_TRUE = {"1", "true", "yes", "ya", "on"}
_FALSE = {"0", "false", "no", "tidak", "off"}


def config_path() -> Path:
    """The TOML config file in the platformdirs config folder."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def coerce(setting: Setting, value: Any, *, typed: bool = False) -> Any:
    """`value` (from TOML, an environment variable or an option) as the setting's type: the
    one check every source goes through.

    `typed` (the TOML file): the value must already have the setting's TOML type (true/false
    unquoted, a number unquoted, text in quotation marks), as README says; text from an
    environment variable or the command line is read as that type instead. Choices are matched
    without regard to case ("A4" is a4); kiosk_kelurahan must name a place of Kota Semarang.

    Raises:
        ValueError: the value has the wrong type or is out of range; the message is a short
            phrase for staff in the current language ("write a number").
    """
    if setting.type is bool:
        if isinstance(value, bool):
            return value
        if not typed and isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(_("write true or false") if not typed else
                         _("write true or false, without quotation marks"))
    if setting.type is float:
        if typed and isinstance(value, str):
            raise ValueError(_("write a number, without quotation marks"))
        return _number(setting, value)
    if setting.type is Path:
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(_("write a folder"))
        return Path(value).expanduser()
    if not isinstance(value, str):
        raise ValueError(_("write text in quotation marks"))
    if setting.choices:
        chosen = {c.lower(): c for c in setting.choices}.get(value.strip().lower())
        if chosen is None:
            raise ValueError(_("choose one of {choices}").format(
                choices=", ".join(setting.choices)))
        return chosen
    if setting.name == "central_url" and value and not value.startswith(("http://", "https://")):
        raise ValueError(_("write an address that starts with http:// or https://"))
    if setting.name == "kiosk_kelurahan":
        _check_place(value)
    return value


def _check_place(where: str) -> None:
    """Refuse a kiosk_kelurahan that names no place of Kota Semarang (kiosk.places)."""
    if where.strip() == _BY_NAME["kiosk_kelurahan"].default:
        return  # the city as a whole: no need to read the region table
    from kiosk.places import home_kecamatan  # reads the region table: only when asked
    from kiosk.region import RegionTable

    home_kecamatan(RegionTable.load(), where)  # its ValueError says which code is unknown


def _number(setting: Setting, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(_("write a number"))
    try:
        number = float(value)
    except ValueError:
        raise ValueError(_("write a number")) from None
    low = -math.inf if setting.low is None else setting.low
    high = math.inf if setting.high is None else setting.high
    if not low <= number <= high:  # NaN fails too
        raise ValueError(_("choose a number from {low} to {high}").format(
            low=f"{low:g}", high=f"{high:g}"))
    return number


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def load_settings(
    overrides: dict[str, Any] | None = None,
    config_file: Path | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Settings from, in rising priority: defaults, the TOML file, SIKER_* variables, `overrides`.

    Overrides whose value is None and empty SIKER_* variables count as not given. Ranges and
    types are those of `SETTINGS` (README.md's settings table), checked by `coerce` for every
    source alike; the file's values must have their TOML type ("90" in quotation marks is not
    a number), while variables and options are text read as that type.

    Raises:
        ValueError: the TOML file cannot be read, is malformed or has an unknown key, or a
            value has the wrong type or is out of range; one sentence that names the setting,
            in the kiosk's language.
    """
    settings = Settings()
    layers: list[tuple[str, dict[str, Any]]] = []
    path = config_file or config_path()
    if path.is_file():
        layers.append((str(path), _read_toml(path)))
    env = os.environ if environ is None else environ
    layers.append(("SIKER_*", {
        s.name: env[s.env] for s in SETTINGS if env.get(s.env, "").strip()
    }))
    for name in unknown_environment(env):
        near = difflib.get_close_matches(name, [s.env for s in SETTINGS], n=1)
        # A warning, not a refusal: a typo must not keep a kiosk from starting, but staff who
        # set SIKER_IDLE_TIMEOUT (no _S) must learn why the kiosk did not follow it.
        if near:
            log.warning("%s", _("{name} is not a kiosk setting and is ignored; did you mean "
                                "{setting}?").format(name=name, setting=near[0]))
        else:
            log.warning("%s", _("{name} is not a kiosk setting and is ignored").format(
                name=name))
    layers.append(("", {k: v for k, v in (overrides or {}).items() if v is not None}))
    for origin, layer in layers:
        changes = {}
        for name, value in layer.items():
            setting = _BY_NAME.get(name)
            if setting is None:
                continue
            try:
                changes[name] = coerce(setting, value, typed=origin == str(path))
            except ValueError as exc:
                where = f"{setting.env}: " if origin == "SIKER_*" else (
                    f"{origin}: " if origin else "")
                raise ValueError(_("{where}setting {name} = {value}: {problem}").format(
                    where=where, name=name, value=_short(value), problem=exc)) from None
        settings = replace(settings, **changes)
    return settings


def unknown_environment(environ: typing.Mapping[str, str]) -> list[str]:
    """Names of SIKER_* variables in `environ` that no setting reads, sorted; the central
    server's SIKER_CENTRAL_* and the benchmark hooks are known and not listed."""
    known = {s.env for s in SETTINGS}
    return sorted(name for name in environ
                  if name.startswith("SIKER_") and name not in known
                  and not name.startswith(_OTHER_ENVIRONMENT))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(_("{file}: not a valid TOML file ({error})").format(
            file=path, error=exc)) from exc
    except OSError as exc:
        raise ValueError(_("{file}: cannot be read ({error})").format(
            file=path, error=exc.strerror or exc)) from exc
    unknown = sorted(set(document) - set(_BY_NAME))
    if unknown:
        raise ValueError(_("{file}: unknown setting {names}; the settings are: {known}")
                         .format(file=path, names=", ".join(unknown), known=", ".join(_BY_NAME)))
    return document


def settings_table() -> list[str]:
    """The Markdown table of every setting (README.md, between the settings-table markers)."""
    lines = ["| setting | type | default | allowed | what it does |", "|---|---|---|---|---|"]
    for s in SETTINGS:
        if s.choices:
            allowed = ", ".join(f"`{c}`" for c in s.choices)
        elif s.low is not None or s.high is not None:
            allowed = f"{s.low:g} to {s.high:g}"
        elif s.type is bool:
            allowed = "`true`, `false`"
        elif s.type is Path:
            allowed = "a folder path"
        else:
            allowed = "text"
        default = s.default_text or f"`{_toml(s.default)}`"
        lines.append(f"| `{s.name}` | {_type_name(s.type)} | {default} | {allowed} | "
                     f"{s.help} |")
    return lines


def _type_name(kind: type) -> str:
    return {bool: "true/false", float: "number", str: "text", Path: "folder"}[kind]


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return f'"{value}"'
