"""Players: where a driver's WAV stream goes (the audio device is an edge of the system).

    player.open() -> Playback       # one utterance
    playback.write(chunk) -> bool   # False: the player is gone (killed or no device)
    playback.finish(timeout_s) -> str | None   # waits until played; an error text, or None
    playback.kill()                 # stop at once, from any thread

`AplayPlayer` pipes the stream into `aplay` (alsa-utils; on a PipeWire or PulseAudio desktop
ALSA's default device goes through them). Killing aplay silences the sound within its buffer
(about 0.1 s), which is how "a new utterance cuts the old one at once" is kept: pyttsx3's own
`stop()` blocked for 9.3 s while the audio played on (issue 6). `NullPlayer` swallows the
stream (no player present); tests use a recording player of their own.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from typing import Any, Protocol


class Playback(Protocol):
    def write(self, chunk: bytes) -> bool: ...
    def finish(self, timeout_s: float) -> str | None: ...
    def kill(self) -> None: ...


class Player(Protocol):
    name: str

    def open(self) -> Playback: ...


class AplayPlayer:
    """`aplay -q -` reading a WAV stream (with its header) from a pipe."""

    name = "aplay"

    def __init__(self, command: tuple[str, ...] = ("aplay", "-q", "-")) -> None:
        self.command = command

    def open(self) -> Playback:
        return _ProcessPlayback(list(self.command))


class _ProcessPlayback:
    def __init__(self, command: list[str]) -> None:
        self._killed = False
        self._proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True)  # a Ctrl+C in a terminal reaches the kiosk, not aplay

    def write(self, chunk: bytes) -> bool:
        stdin = self._proc.stdin
        if self._killed or stdin is None:
            return False
        try:
            stdin.write(chunk)
            stdin.flush()
            return True
        except (BrokenPipeError, OSError, ValueError):
            return False

    def finish(self, timeout_s: float) -> str | None:
        stdin = self._proc.stdin
        try:
            if stdin is not None:
                stdin.close()
        except (BrokenPipeError, OSError):
            pass
        try:
            self._proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()
            self._proc.wait()
            self._close_stderr()
            return "the audio player hung and was stopped"
        err = ""
        if not self._killed and self._proc.returncode != 0 and self._proc.stderr is not None:
            err = self._proc.stderr.read().decode(errors="replace")
        self._close_stderr()
        if self._killed or self._proc.returncode == 0:
            return None
        return "no audio device: " + (err.strip().splitlines() or ["player failed"])[-1][:160]

    def _close_stderr(self) -> None:
        if self._proc.stderr is not None:
            self._proc.stderr.close()

    def kill(self) -> None:
        self._killed = True
        if self._proc.poll() is None:
            try:
                self._proc.kill()
            except ProcessLookupError:
                pass


class NullPlayer:
    """No player on this machine: the stream is read and dropped (the engine still runs, so
    the kiosk's timing and health stay measurable)."""

    name = "none"

    def open(self) -> Playback:
        return _NullPlayback()


class _NullPlayback:
    def write(self, chunk: bytes) -> bool:
        return True

    def finish(self, timeout_s: float) -> str | None:
        return None

    def kill(self) -> None:
        pass


class WinsoundPlayer:
    """Windows (the pyttsx3/SAPI5 kiosk): the WAV is written to a temporary file and played
    asynchronously by winsound, which `kill` purges at once. Not exercised on Linux."""

    name = "winsound"

    def open(self) -> Playback:
        return _WinsoundPlayback()


class _WinsoundPlayback:
    def __init__(self) -> None:
        self._data = bytearray()
        self._stopped = threading.Event()

    def write(self, chunk: bytes) -> bool:
        self._data += chunk
        return not self._stopped.is_set()

    def finish(self, timeout_s: float) -> str | None:
        import winsound

        ws: Any = winsound  # its names exist only on Windows (mypy checks as Linux)

        fd, path = tempfile.mkstemp(suffix=".wav")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(self._data)
            ws.PlaySound(path, ws.SND_FILENAME | ws.SND_ASYNC | ws.SND_NODEFAULT)
            self._stopped.wait(min(timeout_s, _wav_seconds(bytes(self._data[:44]),
                                                           len(self._data))))
            return None
        except RuntimeError as exc:
            return f"no audio device: {exc}"
        finally:
            ws.PlaySound(None, ws.SND_PURGE)
            try:
                os.unlink(path)
            except OSError:
                pass

    def kill(self) -> None:
        self._stopped.set()


def default_player() -> Player:
    """aplay where it exists, winsound on Windows, else the null player."""
    if shutil.which("aplay"):
        return AplayPlayer()
    if sys.platform == "win32":
        return WinsoundPlayer()
    return NullPlayer()


def _wav_seconds(header: bytes, size: int) -> float:
    """Length of a PCM WAV of `size` bytes from its 44-byte header (byte rate at 28..32)."""
    byte_rate = int.from_bytes(header[28:32], "little") if len(header) >= 32 else 0
    return (size - 44) / byte_rate if byte_rate > 0 else 0.0


def wav_seconds(data: bytes) -> float:
    return _wav_seconds(data[:44], len(data))
