"""The one small speaker interface every speech driver implements (no Qt).

    speaker.say(text, lang="id", priority=Priority.INTERRUPT)  # never raises, never blocks
    speaker.stop(); speaker.repeat()
    speaker.rate_wpm = 160; speaker.volume = 0.8              # the resident's settings
    speaker.warning() -> str | None                            # for staff and `speech_ok`
    speaker.close()

A driver owns one worker thread; `say` only hands the text over, so the caller (the GUI
thread) never waits for an engine. The text is turned into what a listener expects to hear
(accessibility.spoken: numbers, money, dates, digit strings, abbreviations) in that worker.

Logging: a warning is logged once per kind for staff; the spoken text is never logged (it may
hold what a resident typed; UU PDP 27/2022).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

log = logging.getLogger("accessibility.speech")

# espeak-ng voices per screen language (`espeak-ng --voices`: "id" is poz/id, "en" gmw/en).
VOICES: dict[str, str] = {"id": "id", "en": "en"}
# Words per minute. espeak-ng's own default is 175; older listeners follow a little slower.
DEFAULT_RATE_WPM = 160
MIN_RATE_WPM, MAX_RATE_WPM = 80, 320
DEFAULT_VOLUME = 1.0  # 0.0 .. 1.0 of the engine's normal loudness


class Priority(Enum):
    """INTERRUPT cuts whatever is being said (a new screen, a key, Bacakan); APPEND waits for
    the current utterance to end (the focused control after a screen's narration) and is
    dropped by the next INTERRUPT."""

    INTERRUPT = "interrupt"
    APPEND = "append"


@dataclass(frozen=True)
class Utterance:
    text: str
    lang: str
    rate_wpm: int
    volume: float
    serial: int


class Speaker:
    """Shared part of every driver: the last utterance (for repeat), rate and volume, and the
    warnings staff see. Drivers implement `_submit`, `_cancel` and `close`."""

    def __init__(self, rate_wpm: int = DEFAULT_RATE_WPM, volume: float = DEFAULT_VOLUME) -> None:
        self._lock = threading.RLock()
        self._rate_wpm = _clamp_rate(rate_wpm)
        self._volume = _clamp_volume(volume)
        self._last: tuple[str, str] | None = None
        self._serial = 0
        self._warnings: dict[str, str] = {}
        self._logged: set[str] = set()
        self.restarts = 0  # how often the watchdog restarted a hung engine
        # Called from the worker with time.monotonic() when an utterance's first audio sample
        # leaves the engine (benchmarks/speech_latency.py, tests).
        self.on_first_audio: Callable[[int, float], None] | None = None
        # Called (from any thread) when warning() changes, and when the watchdog restarted a
        # hung engine: the UI refreshes the staff warning; tests wait on them.
        self.on_health_changed: Callable[[], None] | None = None
        self.on_restart: Callable[[], None] | None = None

    # -- the interface ------------------------------------------------------------------------

    def say(self, text: str, lang: str = "id", priority: Priority = Priority.INTERRUPT) -> int:
        """Speak `text` in `lang` ("id" or "en"); returns the utterance's serial number.

        Never raises and returns at once: the driver's worker speaks it. An empty text only
        stops what is being said."""
        text = " ".join(str(text).split())
        with self._lock:
            self._serial += 1
            serial = self._serial
            if not text:
                self._cancel()
                return serial
            self._last = (text, lang if lang in VOICES else "id")
            utterance = Utterance(text, self._last[1], self._rate_wpm, self._volume, serial)
            try:
                self._submit(utterance, priority)
            except Exception as exc:  # a driver fault must never reach the screen
                self.set_warning("driver", f"speech driver failed: {type(exc).__name__}")
        return serial

    def stop(self) -> None:
        """Stop speaking now (the player is killed, not asked)."""
        with self._lock:
            self._serial += 1
            try:
                self._cancel()
            except Exception as exc:
                self.set_warning("driver", f"speech driver failed: {type(exc).__name__}")

    def repeat(self) -> int | None:
        """Say the last utterance again ("Ulangi"); None when nothing was said yet."""
        with self._lock:
            last = self._last
        return self.say(*last) if last else None

    @property
    def last_text(self) -> str | None:
        return self._last[0] if self._last else None

    def forget(self) -> None:
        """The visit ended: stop, forget the last text and go back to the kiosk's rate and
        volume (set by the caller)."""
        self.stop()
        with self._lock:
            self._last = None

    @property
    def rate_wpm(self) -> int:
        return self._rate_wpm

    @rate_wpm.setter
    def rate_wpm(self, wpm: int) -> None:
        self._rate_wpm = _clamp_rate(wpm)

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, volume: float) -> None:
        self._volume = _clamp_volume(volume)

    # -- health -------------------------------------------------------------------------------

    def warning(self) -> str | None:
        """What staff should know ("no audio device", "engine not found"), or None when speech
        works as far as the kiosk can tell. The heartbeat's `speech_ok` is `warning() is None`."""
        with self._lock:
            return "; ".join(self._warnings.values()) or None

    @property
    def ok(self) -> bool:
        return self.warning() is None

    def set_warning(self, kind: str, message: str) -> None:
        with self._lock:
            changed = self._warnings.get(kind) != message
            self._warnings[kind] = message
            first = kind not in self._logged
            self._logged.add(kind)
        if first:
            log.warning("Speech: %s; the kiosk works on without sound", message)
        if changed:
            self._tell(self.on_health_changed)

    def clear_warning(self, kind: str) -> None:
        with self._lock:
            cleared = self._warnings.pop(kind, None) is not None
        if cleared:
            log.info("Speech: %s works again", kind)
            self._tell(self.on_health_changed)

    def _restarted(self) -> None:
        """A driver's watchdog restarted its engine (counted in `restarts`)."""
        self.restarts += 1
        self._tell(self.on_restart)

    @staticmethod
    def _tell(callback: Callable[[], None] | None) -> None:
        if callback is not None:
            callback()

    # -- for drivers --------------------------------------------------------------------------

    def _submit(self, utterance: Utterance, priority: Priority) -> None:
        raise NotImplementedError

    def _cancel(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Stop and end the worker (the kiosk closes)."""

    def _current(self, serial: int) -> bool:
        """True while `serial` is still the newest request (nothing cut it)."""
        return serial == self._serial

    def _first_audio(self, serial: int, at: float) -> None:
        callback = self.on_first_audio
        if callback is not None:
            callback(serial, at)


class SilentSpeaker(Speaker):
    """Speech switched off (setting `speech_driver = "off"`, or tests that do not listen):
    remembers the last text for `repeat`, says nothing, and tells staff so."""

    def __init__(self, reason: str = "speech is switched off", **kw: int | float) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self._reason = reason
        self._warnings["off"] = reason  # not logged as a fault: it was chosen
        self.said: list[Utterance] = []

    def _submit(self, utterance: Utterance, priority: Priority) -> None:
        self.said.append(utterance)
        del self.said[:-50]

    def _cancel(self) -> None:
        pass


def _clamp_rate(wpm: int) -> int:
    return max(MIN_RATE_WPM, min(MAX_RATE_WPM, int(wpm)))


def _clamp_volume(volume: float) -> float:
    return max(0.0, min(1.0, float(volume)))
