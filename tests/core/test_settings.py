"""Settings: defaults, the TOML file, SIKER_* variables and options, and what is refused."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.i18n import set_language
from kiosk.settings import SETTINGS, Settings, coerce, load_settings, settings_table

REPO = Path(__file__).resolve().parents[2]


def _load(tmp_path: Path, toml: str = "", env: dict[str, str] | None = None, **overrides):
    config = tmp_path / "config.toml"
    config.write_text(toml, encoding="utf-8")
    return load_settings(overrides, config_file=config, environ=env or {})


def test_defaults_are_a_public_kiosk_in_indonesian(tmp_path):
    settings = _load(tmp_path)
    assert settings.lang == "id" and not settings.windowed
    assert settings.idle_timeout_s == 90 and settings.idle_warning_s == 30


def test_options_win_over_variables_which_win_over_the_file(tmp_path):
    toml = 'lang = "en"\nidle_timeout_s = 120\nwindowed = true\n'
    settings = _load(tmp_path, toml, {"SIKER_IDLE_TIMEOUT_S": "180"}, lang="id")
    assert settings.lang == "id"  # option
    assert settings.idle_timeout_s == 180  # variable over file
    assert settings.windowed is True  # file


@pytest.mark.expected_log("kiosk.settings", "WARNING")
def test_a_mistyped_variable_is_named_with_the_setting_it_was_meant_for(tmp_path, caplog):
    env = {"SIKER_IDLE_TIMEOUT": "180", "SIKER_CENTRAL_DATABASE": "sqlite:///x.db",
           "SIKER_EXIT_AFTER_PAINT": "1", "SIKER_IDLE_WARNING_S": "20"}
    with caplog.at_level("WARNING", logger="kiosk.settings"):
        settings = _load(tmp_path, env=env)
    assert settings.idle_timeout_s == 90 and settings.idle_warning_s == 20
    warned = [r.getMessage() for r in caplog.records if r.name == "kiosk.settings"]
    assert warned == ["SIKER_IDLE_TIMEOUT bukan pengaturan kios dan diabaikan; mungkin yang "
                      "dimaksud SIKER_IDLE_TIMEOUT_S?"]  # in the kiosk's language
    set_language("en")
    try:
        caplog.clear()
        with caplog.at_level("WARNING", logger="kiosk.settings"):
            _load(tmp_path, env={"SIKER_QQQQQQQQQQQQ": "1"})
    finally:
        set_language("id")
    assert caplog.messages == ["SIKER_QQQQQQQQQQQQ is not a kiosk setting and is ignored"]


@pytest.mark.parametrize(("toml", "problem"), [
    ('idle_timeout_s = "90"', "tulis angka, tanpa tanda kutip"),
    ('windowed = "yes"', "tulis true atau false, tanpa tanda kutip"),
    ('kiosk_kelurahan = "99.99.99"', "99.99.99"),
    ("lang = 1", "tulis teks di antara tanda kutip"),
])
def test_the_file_is_strict_about_types_as_readme_says(tmp_path, toml, problem):
    with pytest.raises(ValueError, match="config.toml: ") as refused:
        _load(tmp_path, toml)
    assert problem in str(refused.value)


def test_variables_and_options_are_text_read_as_the_type_and_checked_alike(tmp_path):
    settings = _load(tmp_path, env={"SIKER_IDLE_TIMEOUT_S": "120", "SIKER_WINDOWED": "yes"})
    assert settings.idle_timeout_s == 120 and settings.windowed is True
    for bad in ("99.99.99", "xyz"):
        with pytest.raises(ValueError, match="Kota Semarang"):
            _load(tmp_path, kiosk_kelurahan=bad)  # a command-line option
        with pytest.raises(ValueError, match="SIKER_KIOSK_KELURAHAN: .*Kota Semarang"):
            _load(tmp_path, env={"SIKER_KIOSK_KELURAHAN": bad})
        with pytest.raises(ValueError, match="config.toml: .*Kota Semarang"):
            _load(tmp_path, f'kiosk_kelurahan = "{bad}"')
    assert _load(tmp_path, kiosk_kelurahan="33.74.10.1001").kiosk_kelurahan == "33.74.10.1001"


def test_choices_are_taken_whatever_their_case(tmp_path):
    assert _load(tmp_path, 'printer_paper = "A4"').printer_paper == "a4"
    assert _load(tmp_path, env={"SIKER_PRINTER_PAPER": "80MM"}).printer_paper == "80mm"


def test_the_command_line_checks_kiosk_kelurahan_like_the_file(tmp_path, capsys):
    from ui.cli import main

    code = main(["--data-dir", str(tmp_path / "d"), "--kiosk-kelurahan", "xyz", "status"])
    said = capsys.readouterr().err
    assert code == 2
    assert "kiosk_kelurahan = 'xyz'" in said and "Kota Semarang" in said


def test_empty_variables_count_as_not_given(tmp_path):
    settings = _load(tmp_path, env={"SIKER_DATA_DIR": "", "SIKER_LANG": " "})
    assert settings.data_dir == Settings().data_dir and settings.lang == "id"


@pytest.mark.parametrize(
    ("toml", "env", "words"),
    [
        ('lang = "fr"', {}, ["lang", "id, en"]),
        ("", {"SIKER_LANG": "fr"}, ["SIKER_LANG", "id, en"]),
        ("idle_timeout_s = 0", {}, ["idle_timeout_s", "10", "3600"]),
        ("", {"SIKER_IDLE_WARNING_S": "-5"}, ["SIKER_IDLE_WARNING_S", "5"]),
        ("", {"SIKER_WINDOWED": "maybe"}, ["SIKER_WINDOWED"]),
        ("screen_diagonal_in = -3", {}, ["screen_diagonal_in"]),
        ('idle_timeout_s = "soon"', {}, ["idle_timeout_s"]),
        ("idle_timeout = 60", {}, ["idle_timeout", "idle_timeout_s"]),
        ("[kiosk]\nlang = 'en'", {}, ["kiosk"]),
        ("lang = ", {}, ["TOML"]),
    ],
)
def test_a_bad_setting_is_refused_with_a_sentence_naming_it(tmp_path, toml, env, words):
    with pytest.raises(ValueError) as error:
        _load(tmp_path, toml, env)
    for word in words:
        assert word in str(error.value)


def test_refusals_are_in_indonesian_first(tmp_path):
    with pytest.raises(ValueError, match="pilih salah satu"):
        _load(tmp_path, 'lang = "fr"')


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ("data_dir = 5", ["data_dir", "5", "folder"]),
        ('idle_timeout_s = "x"', ["idle_timeout_s", "number"]),
        ("windowed = 3", ["windowed", "true", "false"]),
        ("windowed = 1", ["windowed"]),  # TOML has booleans; 1 is not one
        ("central_url = { host = 'x' }", ["central_url", "text"]),
        ('central_url = "ftp://x"', ["central_url", "http"]),
        ("lang = ['id']", ["lang"]),
        ("idle_warning_s = nan", ["idle_warning_s", "5", "600"]),
        ("assisted_idle_timeout_s = 5", ["assisted_idle_timeout_s", "10", "3600"]),
        ("data_dir = 1979-05-27", ["data_dir", "folder"]),
    ],
)
def test_a_value_of_the_wrong_type_is_one_sentence_naming_the_setting(tmp_path, toml, words):
    set_language("en")
    with pytest.raises(ValueError) as error:
        _load(tmp_path, toml)
    message = str(error.value)
    for word in words:
        assert word in message
    assert "\n" not in message and "Traceback" not in message


def test_assisted_mode_waits_longer_by_default(tmp_path):
    settings = _load(tmp_path)
    assert settings.assisted_idle_timeout_s == 180  # ACCESSIBILITY.md, idle timeout
    assert _load(tmp_path, "assisted_idle_timeout_s = 300").assisted_idle_timeout_s == 300


def test_every_setting_has_one_record_with_type_default_and_help():
    assert [s.name for s in SETTINGS] == [f.name for f in dataclasses.fields(Settings)]
    for s in SETTINGS:
        assert s.type in (bool, float, str, Path) and s.help
        assert isinstance(s.default, s.type)
        assert coerce(s, s.default) == s.default  # every default passes its own validation


def test_the_readme_settings_table_is_the_generated_one():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- settings-table")
    start = readme.index("\n", start) + 1
    end = readme.index("<!-- /settings-table -->")
    assert readme[start:end].splitlines() == settings_table(), (
        "README.md's settings table drifted from kiosk/settings.py; paste "
        "`python -c 'from kiosk.settings import settings_table; print(*settings_table(), "
        "sep=chr(10))'` between the markers")


def _toml_value(value: object) -> str:
    """A TOML rendering of a Python value from the strategy below."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"k{i} = {_toml_value(v)}" for i, v in enumerate(value.values())) \
            + "}"
    return str(value)  # dates and times print as TOML literals


_SCALARS = (
    st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True)
    | st.text(max_size=30) | st.sampled_from(["id", "en", "90", "true", "ya", "/tmp/x", "~"])
    | st.dates().map(lambda d: d.isoformat()).map(lambda text: _Literal(text))
)


class _Literal(str):
    """A date written bare in TOML (1979-05-27), not as a string."""


def _value_text(value: object) -> str:
    return str(value) if isinstance(value, _Literal) else _toml_value(value)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from([s.name for s in SETTINGS]),
       value=_SCALARS | st.lists(_SCALARS, max_size=3)
       | st.dictionaries(st.text(max_size=3), _SCALARS, max_size=2))
def test_any_toml_value_is_taken_or_refused_in_one_sentence(tmp_path, name, value):
    text = f"{name} = " + (_value_text(value) if not isinstance(value, list | dict) else
                           _toml_value([str(v) if isinstance(v, _Literal) else v for v in value]
                                       if isinstance(value, list) else value))
    try:
        loaded = _load(tmp_path, text)
    except ValueError as error:
        message = str(error)
        assert "\n" not in message
        assert name in message or "TOML" in message
    else:
        got = getattr(loaded, name)
        record = next(s for s in SETTINGS if s.name == name)
        assert isinstance(got, record.type)
