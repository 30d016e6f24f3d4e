"""Settings: defaults, the TOML file, SIKER_* variables and options, and what is refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.settings import Settings, load_settings


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


def test_empty_variables_count_as_not_given(tmp_path):
    settings = _load(tmp_path, env={"SIKER_DATA_DIR": "", "SIKER_LANG": " "})
    assert settings.data_dir == Settings().data_dir and settings.lang == "id"


@pytest.mark.parametrize(
    ("toml", "env", "words"),
    [
        ('lang = "fr"', {}, ["lang", "id, en"]),
        ("", {"SIKER_LANG": "EN"}, ["SIKER_LANG", "id, en"]),
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
