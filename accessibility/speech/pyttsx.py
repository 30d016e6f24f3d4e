"""pyttsx3 as a speech driver: the way to SAPI5 on a Windows kiosk (and libespeak-ng on Linux).

pyttsx3 is used only as pyttsx3's issue tracker and issue 6 allow: its `say` waits for the
whole text, `stop()` blocked for 9.3 s while the audio played on, a second thread gets "run
loop already started" (nateshmbhat/pyttsx3#193, #262), `runAndWait` hangs (#126, #308) and may
return before `save_to_file` has written the file, and without a device `say` fails silently.
So:

- one worker thread creates the engine and is the only caller it ever has (never re-entrant,
  never shared); `pyttsx3.Engine()` is built directly, not through `init()`, whose cache would
  hand a restarted worker the hung engine again;
- each utterance is synthesized to a WAV (`save_to_file` + `runAndWait`), the worker waits
  until the file is complete (its RIFF size or two equal sizes), and plays it through our own
  player (accessibility.speech.player), which stops at once when killed;
- a watchdog gives `runAndWait` `hang_s` seconds; a worker that takes longer is abandoned (a
  thread cannot be killed; its result is thrown away), a new worker with a new engine takes
  over, `restarts` counts it and the utterance is tried once more.
"""
from __future__ import annotations

import collections
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from accessibility.speech.base import DEFAULT_RATE_WPM, Priority, Speaker, Utterance
from accessibility.speech.player import Playback, Player, default_player, wav_seconds
from accessibility.spoken import reading

EngineFactory = Callable[[], Any]


def _pyttsx3_engine() -> Any:
    import pyttsx3

    return pyttsx3.Engine()


class Pyttsx3Speaker(Speaker):
    """Speaks through pyttsx3, one owning worker at a time (see the module docstring).

    Args:
        player: where the sound goes (default_player()).
        engine_factory: makes an engine in the worker's thread (tests pass a fake one).
        hang_s: seconds `runAndWait` may take before the engine counts as hung.
        file_timeout_s: seconds to wait for the WAV after `runAndWait` returned.
    """

    def __init__(self, player: Player | None = None, *, engine_factory: EngineFactory | None = None,
                 hang_s: float = 5.0, file_timeout_s: float = 2.0,
                 rate_wpm: int = DEFAULT_RATE_WPM, volume: float = 1.0) -> None:
        super().__init__(rate_wpm=rate_wpm, volume=volume)
        self.player = player if player is not None else default_player()
        if self.player.name == "none":
            self.set_warning("device", "no audio player on this machine")
        self.hang_s, self.file_timeout_s = hang_s, file_timeout_s
        self._factory = engine_factory or _pyttsx3_engine
        self._dir = Path(tempfile.mkdtemp(prefix="siker-speech-"))
        self._queue: collections.deque[tuple[Utterance, int, bool]] = collections.deque()
        self._wake = threading.Condition(self._lock)
        self._generation = 0
        self._closed = False
        self._playback: Playback | None = None
        self._worker = _Worker(self)
        self._watchdog = threading.Thread(target=self._watch, name="speech-watchdog", daemon=True)
        self._watchdog.start()

    def _submit(self, utterance: Utterance, priority: Priority) -> None:
        if priority is Priority.INTERRUPT:
            self._cancel()
        self._queue.append((utterance, self._generation, False))
        self._wake.notify_all()

    def _cancel(self) -> None:
        self._generation += 1
        self._queue.clear()
        if self._playback is not None:
            self._playback.kill()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._cancel()
            self._wake.notify_all()
        self._worker.thread.join(timeout=2)
        shutil.rmtree(self._dir, ignore_errors=True)

    def _wanted(self, generation: int) -> bool:
        return not self._closed and generation == self._generation

    def _watch(self) -> None:
        step = max(0.05, self.hang_s / 4)
        while not self._closed:
            time.sleep(step)
            with self._lock:
                worker = self._worker
                started = worker.busy_since
                if self._closed or started is None or time.monotonic() - started <= self.hang_s:
                    continue
                worker.abandoned = True
                self.set_warning("hung", f"the pyttsx3 engine hung over {self.hang_s:g} s and "
                                         "was restarted")
                job = worker.job
                if job is not None and not job[2] and self._wanted(job[1]):
                    self._queue.appendleft((job[0], job[1], True))  # once more, on the new one
                self._worker = _Worker(self)
                self._wake.notify_all()
                self._restarted()

    # -- run by a worker ----------------------------------------------------------------------

    def _play(self, data: bytes, generation: int) -> None:
        with self._lock:
            if not self._wanted(generation):
                return
            playback = self._playback = self.player.open()
        try:
            for start in range(0, len(data), 16384):
                if not self._wanted(generation) or not playback.write(data[start:start + 16384]):
                    playback.kill()
                    break
            error = playback.finish(wav_seconds(data) + 5.0)
            if error is None:
                self.clear_warning("device")
            elif self._wanted(generation):
                self.set_warning("device", error)
        finally:
            with self._lock:
                if self._playback is playback:
                    self._playback = None


class _Worker:
    """One thread and the one engine it made; abandoned (never reused) once hung."""

    def __init__(self, speaker: Pyttsx3Speaker) -> None:
        self.speaker = speaker
        self.busy_since: float | None = None
        self.job: tuple[Utterance, int, bool] | None = None
        self.abandoned = False
        self._voices: dict[str, str | None] = {}
        self.thread = threading.Thread(target=self._run, name="speech-pyttsx3", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        s = self.speaker
        try:
            engine = s._factory()
        except Exception as exc:
            s.set_warning("engine", f"pyttsx3 cannot start: {type(exc).__name__}")
            return
        s.clear_warning("engine")
        count = 0
        while True:
            with s._lock:
                while not s._queue and not s._closed and not self.abandoned:
                    s._wake.wait()
                if s._closed or self.abandoned:
                    return
                self.job = s._queue.popleft()
            utterance, generation, _retried = self.job
            count += 1
            path = s._dir / f"{threading.get_ident()}-{count}.wav"
            try:
                data = self._synthesize(engine, utterance, path)
            except Exception as exc:
                s.set_warning("engine", f"pyttsx3 failed: {type(exc).__name__}")
                data = None
            finally:
                path.unlink(missing_ok=True)
            if self.abandoned:
                return
            if data:
                s._first_audio(utterance.serial, time.monotonic())
                s._play(data, generation)

    def _synthesize(self, engine: Any, u: Utterance, path: Path) -> bytes | None:
        voice = self._voice(engine, u.lang)
        if voice is not None:
            engine.setProperty("voice", voice)
        engine.setProperty("rate", u.rate_wpm)
        engine.setProperty("volume", u.volume)
        self.busy_since = time.monotonic()
        try:
            engine.save_to_file(reading(u.text, u.lang), str(path))
            engine.runAndWait()
        finally:
            self.busy_since = None
        return _complete_wav(path, self.speaker.file_timeout_s)

    def _voice(self, engine: Any, lang: str) -> str | None:
        if lang not in self._voices:
            found = None
            for voice in engine.getProperty("voices") or []:
                langs = [str(x).lower() for x in (getattr(voice, "languages", None) or [])]
                vid = str(getattr(voice, "id", ""))
                if lang in langs or vid.lower().endswith("/" + lang) or any(
                        x.startswith(lang + "-") or x.startswith(lang + "_") for x in langs):
                    found = vid
                    break
            self._voices[lang] = found
        return self._voices[lang]


def _complete_wav(path: Path, timeout_s: float) -> bytes | None:
    """The WAV at `path` once it is whole: its RIFF size says so, or (a driver that leaves
    the size unset) its size stayed the same for 0.2 s. runAndWait may return before the file
    is written (issue 6)."""
    deadline = time.monotonic() + timeout_s
    last, same = -1, 0
    while time.monotonic() < deadline:
        try:
            size = os.path.getsize(path)
        except OSError:
            size = -1
        if size >= 44:
            data = path.read_bytes()
            riff = int.from_bytes(data[4:8], "little") + 8
            if riff == len(data) or (same >= 10 and size == last):
                return data
        same = same + 1 if size == last else 0
        last = size
        time.sleep(0.02)
    return None
