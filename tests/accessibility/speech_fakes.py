"""The audio device is an edge: a player that records what it was asked to play."""
from __future__ import annotations

import threading


class RecordingPlayback:
    def __init__(self, player: RecordingPlayer, serial: int | None) -> None:
        self.player = player
        self.serial = serial
        self.data = bytearray()
        self.killed = False
        self.finished = False

    def write(self, chunk: bytes) -> bool:
        if self.killed:
            return False
        self.data += chunk
        return True

    def finish(self, timeout_s: float) -> str | None:
        self.finished = not self.killed
        if self.finished:
            self.player.played.append(self)
            self.player.done.set()
        return None

    def kill(self) -> None:
        self.killed = True


class RecordingPlayer:
    """Records every playback, tagged with the serial of the utterance whose first audio came
    last (the speaker's on_first_audio hook, set by `attach`)."""

    name = "recording"

    def __init__(self) -> None:
        self.opened: list[RecordingPlayback] = []
        self.played: list[RecordingPlayback] = []
        self.done = threading.Event()
        self.first_audio: list[int] = []

    def attach(self, speaker: object) -> None:
        speaker.on_first_audio = lambda serial, _at: self.first_audio.append(serial)  # type: ignore[attr-defined]

    def open(self) -> RecordingPlayback:
        playback = RecordingPlayback(self, self.first_audio[-1] if self.first_audio else None)
        self.opened.append(playback)
        return playback
