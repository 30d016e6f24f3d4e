"""Speech output (issue 6; ACCESSIBILITY.md "Speech output"). No Qt.

    from accessibility.speech import create_speaker, Priority
    speaker = create_speaker("espeak")       # or "pyttsx3", "off"
    speaker.say("Selamat datang", "id")      # returns at once; a new say cuts the old one

Drivers: accessibility.speech.espeak (espeak-ng streamed, the Linux default) and
accessibility.speech.pyttsx (pyttsx3: SAPI5 on Windows). The player is the edge to the sound
device (accessibility.speech.player).
"""
from __future__ import annotations

import sys

from accessibility.speech.base import (
    DEFAULT_RATE_WPM,
    DEFAULT_VOLUME,
    MAX_RATE_WPM,
    MIN_RATE_WPM,
    VOICES,
    Priority,
    SilentSpeaker,
    Speaker,
    Utterance,
)

DRIVERS = ("auto", "espeak", "pyttsx3", "off")

__all__ = ["DEFAULT_RATE_WPM", "DEFAULT_VOLUME", "DRIVERS", "MAX_RATE_WPM", "MIN_RATE_WPM",
           "VOICES", "Priority", "SilentSpeaker", "Speaker", "Utterance", "create_speaker"]


def create_speaker(driver: str = "auto", rate_wpm: int = DEFAULT_RATE_WPM,
                   volume: float = DEFAULT_VOLUME) -> Speaker:
    """The kiosk's speaker for setting `speech_driver`: "auto" is espeak-ng on Linux and
    pyttsx3 (SAPI5) on Windows; "off" a SilentSpeaker. Never raises: a driver that cannot
    start gives a SilentSpeaker whose warning says why."""
    if driver == "auto":
        driver = "pyttsx3" if sys.platform == "win32" else "espeak"
    try:
        if driver == "espeak":
            from accessibility.speech.espeak import EspeakSpeaker

            return EspeakSpeaker(rate_wpm=rate_wpm, volume=volume)
        if driver == "pyttsx3":
            from accessibility.speech.pyttsx import Pyttsx3Speaker

            return Pyttsx3Speaker(rate_wpm=rate_wpm, volume=volume)
    except Exception as exc:  # an engine that cannot start must not stop the kiosk
        speaker = SilentSpeaker(f"speech driver {driver} cannot start: {type(exc).__name__}")
        speaker.set_warning("off", speaker.warning() or "")
        return speaker
    return SilentSpeaker()
