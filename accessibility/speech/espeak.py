"""espeak-ng used directly: the default speech driver on Linux.

Each utterance is one `espeak-ng --stdout` process whose WAV stream is copied, chunk by chunk
as it comes, into the player (accessibility.speech.player): the first sample reaches the
device about 10 ms after the call, where pyttsx3 waits for the whole text (issue 6). The text
goes in on stdin, so it never shows in a process list. A new utterance kills both processes
of the old one at once. One worker thread runs the processes; a watchdog thread kills an
espeak-ng that gives no sound within `hang_s` (counted in `restarts`) and restarts a worker
that died.

`render_wav` is the same engine writing a file (`espeak-ng -w`), for tests and docs.
"""
from __future__ import annotations

import array
import collections
import os
import shutil
import subprocess
import threading
import time
import wave
from pathlib import Path

from accessibility.speech.base import DEFAULT_RATE_WPM, VOICES, Priority, Speaker, Utterance
from accessibility.speech.player import Player, default_player
from accessibility.spoken import reading

ESPEAK = "espeak-ng"
ESPEAK_RATE_HZ = 22050  # espeak-ng's output: 16-bit mono PCM at 22 050 Hz
_SILENCE_WAV_S = 0.05


class EspeakSpeaker(Speaker):
    """Speaks through `espeak-ng --stdout` streamed into `player`.

    Args:
        player: where the sound goes (default: aplay, see default_player).
        command: the engine's argv start, for tests of a hung engine (default espeak-ng).
        hang_s: seconds without a first sample after which the engine counts as hung.
        probe_device: play 50 ms of silence at start to learn whether a device exists.
    """

    def __init__(self, player: Player | None = None, *, command: tuple[str, ...] = (ESPEAK,),
                 hang_s: float = 5.0, probe_device: bool = True, rate_wpm: int = DEFAULT_RATE_WPM,
                 volume: float = 1.0) -> None:
        super().__init__(rate_wpm=rate_wpm, volume=volume)
        self.player = player if player is not None else default_player()
        self.command = command
        self.hang_s = hang_s
        # Waiting utterances with the generation they belong to; an INTERRUPT or stop() starts
        # a new generation, so anything older is neither started nor played.
        self._queue: collections.deque[tuple[Utterance, int]] = collections.deque()
        self._generation = 0
        self._wake = threading.Condition(self._lock)
        self._closed = False
        self._procs: list[object] = []  # the espeak-ng Popen and the Playback now running
        self._started_at: float | None = None  # monotonic start of the current utterance
        self._got_audio = False
        if shutil.which(command[0]) is None:
            self.set_warning("engine", f"speech engine {command[0]} is not installed")
        if self.player.name == "none":
            self.set_warning("device", "no audio player (aplay) on this machine")
        self._probe = probe_device and self.player.name != "none"
        self._worker = self._start_worker()
        self._watchdog = threading.Thread(target=self._watch, name="speech-watchdog", daemon=True)
        self._watchdog.start()

    # -- Speaker ------------------------------------------------------------------------------

    def _submit(self, utterance: Utterance, priority: Priority) -> None:
        if priority is Priority.INTERRUPT:
            self._cancel()
        self._queue.append((utterance, self._generation))
        self._wake.notify()

    def _cancel(self) -> None:
        self._generation += 1
        self._queue.clear()
        self._kill_current()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._cancel()
            self._wake.notify_all()
        self._worker.join(timeout=2)

    # -- the worker ---------------------------------------------------------------------------

    def _start_worker(self) -> threading.Thread:
        worker = threading.Thread(target=self._run, name="speech-espeak", daemon=True)
        worker.start()
        return worker

    def _run(self) -> None:
        if self._probe:
            self._probe = False
            self._probe_device()
        while True:
            with self._lock:
                while not self._queue and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
                utterance, generation = self._queue.popleft()
            self._speak(utterance, generation)

    def _speak(self, u: Utterance, generation: int) -> None:
        argv = [*self.command, "--stdout", "-v", VOICES[u.lang], "-s", str(u.rate_wpm),
                "-a", str(round(u.volume * 100))]
        try:
            engine = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            self.set_warning("engine", f"speech engine {self.command[0]} cannot start: "
                                       f"{type(exc).__name__}")
            return
        playback = None
        finished = False
        try:
            with self._lock:
                if not self._wanted(generation):
                    engine.kill()
                    return
                self._procs = [engine]
                self._started_at, self._got_audio = time.monotonic(), False
            assert engine.stdin is not None and engine.stdout is not None
            try:
                engine.stdin.write(reading(u.text, u.lang).encode())
                engine.stdin.close()
            except (BrokenPipeError, OSError):
                pass
            written = 0
            fd = engine.stdout.fileno()
            while chunk := os.read(fd, 16384):
                if playback is None:
                    self._first_audio(u.serial, time.monotonic())
                    with self._lock:
                        self._got_audio = True
                        if not self._wanted(generation):
                            return
                        playback = self.player.open()
                        self._procs.append(playback)
                if not playback.write(chunk):
                    break
                written += len(chunk)
            if playback is not None and engine.wait() == 0:
                error = playback.finish(written / (2 * ESPEAK_RATE_HZ) + 5.0)
                finished = True
                if error is None:
                    self.clear_warning("device")
                    self.clear_warning("hung")
                elif self._wanted(generation):
                    self.set_warning("device", error)
        finally:
            with self._lock:
                self._procs, self._started_at = [], None
            if engine.poll() is None:
                engine.kill()
            engine.wait()
            if playback is not None and not finished:
                playback.kill()
                playback.finish(1.0)  # reaps the killed player
            if engine.stdout is not None:
                engine.stdout.close()

    def _wanted(self, generation: int) -> bool:
        return not self._closed and generation == self._generation

    def _kill_current(self) -> None:
        for proc in self._procs:
            proc.kill()  # type: ignore[attr-defined]  # Popen and Playback both have kill()

    def _probe_device(self) -> None:
        playback = self.player.open()
        ok = playback.write(silent_wav(_SILENCE_WAV_S))
        error = playback.finish(3.0)
        if error or not ok:
            self.set_warning("device", error or "no audio device")

    # -- the watchdog -------------------------------------------------------------------------

    def _watch(self) -> None:
        step = max(0.05, self.hang_s / 4)
        while not self._closed:
            time.sleep(step)
            with self._lock:
                if self._closed:
                    return
                started, procs = self._started_at, list(self._procs)
                hung = (started is not None and not self._got_audio
                        and time.monotonic() - started > self.hang_s)
                if hung:
                    self._started_at = None
                    for proc in procs:
                        proc.kill()  # type: ignore[attr-defined]
                    self.set_warning("hung", f"{self.command[0]} gave no sound within "
                                             f"{self.hang_s:g} s and was restarted")
                    self._restarted()
                if not self._worker.is_alive():
                    self._worker = self._start_worker()
                    self._restarted()


def render_wav(text: str, path: Path, lang: str = "id", *, rate_wpm: int = DEFAULT_RATE_WPM,
               volume: float = 1.0, sample_rate: int | None = None) -> Path:
    """Render `text` (read as accessibility.spoken reads it) to a mono 16-bit WAV at `path`
    with `espeak-ng -w`; `sample_rate` (Hz) resamples it (linear), e.g. 16000 for a small
    file. Raises FileNotFoundError without espeak-ng, CalledProcessError when it fails."""
    argv = [ESPEAK, "-w", str(path), "-v", VOICES.get(lang, "id"), "-s", str(rate_wpm),
            "-a", str(round(volume * 100))]
    subprocess.run(argv, input=reading(text, lang).encode(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    if sample_rate is not None:
        _resample(path, sample_rate)
    return path


def _resample(path: Path, rate: int) -> None:
    with wave.open(str(path), "rb") as w:
        source_rate, frames = w.getframerate(), w.readframes(w.getnframes())
    samples = array.array("h", frames)
    n = int(len(samples) * rate / source_rate)
    step = source_rate / rate
    out = array.array("h", bytes(2 * n))
    for i in range(n):
        x = i * step
        j = int(x)
        k = min(j + 1, len(samples) - 1)
        out[i] = int(samples[j] + (samples[k] - samples[j]) * (x - j))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(out.tobytes())


def silent_wav(seconds: float, rate: int = ESPEAK_RATE_HZ) -> bytes:
    """A WAV of `seconds` of silence (the device probe)."""
    frames = int(seconds * rate)
    header = b"RIFF" + (36 + 2 * frames).to_bytes(4, "little") + b"WAVEfmt "
    header += (16).to_bytes(4, "little") + (1).to_bytes(2, "little") + (1).to_bytes(2, "little")
    header += rate.to_bytes(4, "little") + (2 * rate).to_bytes(4, "little")
    header += (2).to_bytes(2, "little") + (16).to_bytes(2, "little")
    return header + b"data" + (2 * frames).to_bytes(4, "little") + bytes(2 * frames)
