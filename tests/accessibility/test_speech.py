"""Speech drivers (issue 6): the real espeak-ng renders and streams Indonesian, interruptions,
watchdogs, a missing engine or device, pyttsx3's faults designed around."""
from __future__ import annotations

import array
import logging
import math
import sys
import threading
import time
import wave
from pathlib import Path

import pytest

from accessibility.speech import SilentSpeaker, create_speaker
from accessibility.speech.espeak import EspeakSpeaker, render_wav, silent_wav
from accessibility.speech.player import AplayPlayer
from accessibility.speech.pyttsx import Pyttsx3Speaker
from tests.accessibility.speech_fakes import RecordingPlayer

SENTENCE = "Selamat datang di kios SIKER. Ada 12 lowongan, gaji Rp 3.500.000 per bulan."
HANG = (sys.executable, "-c", "import time; time.sleep(60)")  # an engine that never answers


def pcm_stats(frames: bytes) -> tuple[float, float]:
    """RMS level (0..1 of full scale) and the share of samples above 1 % of full scale."""
    samples = array.array("h", frames[: len(frames) // 2 * 2])
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768
    loud = sum(1 for s in samples if abs(s) > 328) / len(samples)
    return rms, loud


@pytest.fixture
def recorder() -> RecordingPlayer:
    return RecordingPlayer()


@pytest.fixture
def espeak(recorder: RecordingPlayer):
    speaker = EspeakSpeaker(recorder, probe_device=False)
    recorder.attach(speaker)
    yield speaker
    speaker.close()


def test_an_indonesian_sentence_renders_to_a_wav_of_speech_length_that_is_not_silent(
        tmp_path: Path) -> None:
    path = render_wav(SENTENCE, tmp_path / "kalimat.wav", "id")
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        seconds = w.getnframes() / w.getframerate()
        rms, loud = pcm_stats(w.readframes(w.getnframes()))
    # About 16 words of speech at 160 words a minute, with the numbers read out in words.
    assert 3.0 < seconds < 20.0
    assert rms > 0.02 and loud > 0.3


def test_a_rendered_wav_can_be_made_small_for_the_docs(tmp_path: Path) -> None:
    path = render_wav("Beranda", tmp_path / "b.wav", sample_rate=16000)
    with wave.open(str(path), "rb") as w:
        assert w.getframerate() == 16000
        assert pcm_stats(w.readframes(w.getnframes()))[0] > 0.02


def test_the_streamed_path_plays_the_same_speech(espeak: EspeakSpeaker,
                                                 recorder: RecordingPlayer) -> None:
    serial = espeak.say(SENTENCE, "id")
    assert recorder.done.wait(10)
    [playback] = recorder.played
    assert playback.serial == serial and playback.data[:4] == b"RIFF"
    seconds = (len(playback.data) - 44) / (2 * 22050)
    assert 3.0 < seconds < 20.0
    assert pcm_stats(bytes(playback.data[44:]))[0] > 0.02
    assert espeak.ok and espeak.last_text == " ".join(SENTENCE.split())


def test_fifty_interruptions_in_a_row_raise_nothing_and_the_last_text_wins(
        espeak: EspeakSpeaker, recorder: RecordingPlayer) -> None:
    serials = [espeak.say(f"Kalimat nomor {i}, yang panjang sekali agar terpotong.", "id")
               for i in range(50)]
    assert recorder.done.wait(10)
    assert [p.serial for p in recorder.played] == [serials[-1]]
    assert all(p.killed for p in recorder.opened if p is not recorder.played[0])
    assert espeak.last_text is not None and espeak.last_text.startswith("Kalimat nomor 49")


def test_repeat_says_the_last_text_again(espeak: EspeakSpeaker, recorder: RecordingPlayer) -> None:
    assert espeak.repeat() is None  # nothing said yet
    espeak.say("Ulangi ini", "id")
    assert recorder.done.wait(10)
    recorder.done.clear()
    again = espeak.repeat()
    assert recorder.done.wait(10)
    assert recorder.played[-1].serial == again
    assert len(recorder.played[-1].data) == len(recorder.played[0].data)


def test_stop_kills_what_is_playing(espeak: EspeakSpeaker, recorder: RecordingPlayer) -> None:
    started = threading.Event()
    espeak.on_first_audio = lambda serial, _at: (recorder.first_audio.append(serial),
                                                 started.set())
    espeak.say(SENTENCE * 3, "id")
    assert started.wait(10)
    espeak.stop()
    assert not recorder.done.wait(0.5)
    assert recorder.opened and all(p.killed for p in recorder.opened)


def test_rate_and_volume_are_clamped_and_change_the_speech(
        espeak: EspeakSpeaker, recorder: RecordingPlayer) -> None:
    espeak.rate_wpm, espeak.volume = 10_000, 7.0
    assert (espeak.rate_wpm, espeak.volume) == (320, 1.0)
    espeak.say("Satu dua tiga empat lima", "id")
    assert recorder.done.wait(10)
    fast = len(recorder.played[-1].data)
    recorder.done.clear()
    espeak.rate_wpm, espeak.volume = 100, 0.5
    espeak.say("Satu dua tiga empat lima", "id")
    assert recorder.done.wait(10)
    assert len(recorder.played[-1].data) > 1.8 * fast


@pytest.mark.expected_log("accessibility.speech", "WARNING")
def test_a_hung_espeak_is_killed_and_restarted_by_the_watchdog(recorder: RecordingPlayer) -> None:
    speaker = EspeakSpeaker(recorder, command=HANG, hang_s=0.3, probe_device=False)
    recorder.attach(speaker)
    restarted = threading.Event()
    speaker.on_restart = restarted.set
    try:
        speaker.say("Tidak akan terdengar", "id")
        assert restarted.wait(5)
        assert speaker.restarts == 1 and "restarted" in (speaker.warning() or "")
        speaker.command = ("espeak-ng",)  # the engine works again: the next utterance plays
        serial = speaker.say("Sekarang terdengar", "id")
        assert recorder.done.wait(10)
        assert recorder.played[-1].serial == serial and speaker.ok
    finally:
        speaker.close()


@pytest.mark.expected_log("accessibility.speech", "WARNING")
def test_no_engine_means_no_exception_and_a_warning_for_staff(
        recorder: RecordingPlayer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, "accessibility.speech")
    speaker = EspeakSpeaker(recorder, command=("espeak-ng-not-here",), probe_device=False)
    try:
        for _ in range(3):
            speaker.say("Nomor rahasia 3374010101900001", "id")
        assert "not installed" in (speaker.warning() or "")
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1  # once for staff, not once per utterance
        assert not any("3374" in r.getMessage() or "rahasia" in r.getMessage()
                       for r in caplog.records)  # the spoken text is never logged
    finally:
        speaker.close()


@pytest.mark.expected_log("accessibility.speech", "WARNING")
def test_no_audio_device_leaves_speech_working_and_warns() -> None:
    # The player process as aplay behaves on a machine without a sound card.
    player = AplayPlayer(("sh", "-c", "cat >/dev/null; echo 'aplay: main:831: audio open "
                                      "error: No such file or directory' >&2; exit 1"))
    changed = threading.Event()
    speaker = EspeakSpeaker(player)
    speaker.on_health_changed = changed.set
    try:
        assert changed.wait(5)
        assert "no audio device" in (speaker.warning() or "")
        speaker.say("Halo", "id")  # still accepted, never raises
    finally:
        speaker.close()


def test_the_silent_speaker_remembers_for_repeat_and_says_why() -> None:
    speaker = create_speaker("off")
    assert isinstance(speaker, SilentSpeaker)
    speaker.say("Beranda", "id")
    speaker.repeat()
    assert [u.text for u in speaker.said] == ["Beranda", "Beranda"]
    assert speaker.warning() == "speech is switched off"


# -- pyttsx3 ---------------------------------------------------------------------------------

class FakeEngine:
    """A pyttsx3 engine at the edge: writes a short WAV on runAndWait; records its callers so
    a test sees it was never called from two threads or re-entrantly."""

    def __init__(self, hang: threading.Event | None = None, late_s: float = 0.0) -> None:
        self.hang, self.late_s = hang, late_s
        self.threads: set[int] = set()
        self.busy = False
        self.reentered = False
        self.props: dict[str, object] = {}
        self._pending: str | None = None

    def _enter(self) -> None:
        self.threads.add(threading.get_ident())
        self.reentered |= self.busy

    def getProperty(self, name: str) -> object:  # noqa: N802 (pyttsx3's name)
        self._enter()
        return []

    def setProperty(self, name: str, value: object) -> None:  # noqa: N802
        self._enter()
        self.props[name] = value

    def save_to_file(self, text: str, path: str) -> None:
        self._enter()
        self._pending = path

    def runAndWait(self) -> None:  # noqa: N802
        self._enter()
        self.busy = True
        try:
            if self.hang is not None:
                self.hang.wait(30)
                return
            path, data = Path(self._pending or ""), silent_wav(0.3)
            if self.late_s:  # runAndWait returns before the file is written (issue 6)
                def write_late() -> None:
                    time.sleep(self.late_s)
                    path.write_bytes(data[:100])
                    time.sleep(0.05)
                    path.write_bytes(data)
                threading.Thread(target=write_late, daemon=True).start()
            else:
                path.write_bytes(data)
        finally:
            self.busy = False


def test_pyttsx3_waits_for_a_file_that_runandwait_left_unwritten(
        recorder: RecordingPlayer) -> None:
    engine = FakeEngine(late_s=0.1)
    speaker = Pyttsx3Speaker(recorder, engine_factory=lambda: engine)
    recorder.attach(speaker)
    try:
        speaker.say("Halo", "id")
        assert recorder.done.wait(5)
        assert bytes(recorder.played[0].data) == silent_wav(0.3)
        assert len(engine.threads) == 1 and not engine.reentered
        assert engine.props["rate"] == speaker.rate_wpm
    finally:
        speaker.close()


@pytest.mark.expected_log("accessibility.speech", "WARNING")
def test_a_hung_pyttsx3_engine_is_replaced_and_the_utterance_tried_again(
        recorder: RecordingPlayer) -> None:
    release = threading.Event()
    engines = [FakeEngine(hang=release), FakeEngine()]
    made = iter(engines)
    speaker = Pyttsx3Speaker(recorder, engine_factory=lambda: next(made), hang_s=0.3)
    recorder.attach(speaker)
    try:
        serial = speaker.say("Halo", "id")
        assert recorder.done.wait(5)
        assert speaker.restarts == 1 and recorder.played[0].serial == serial
        assert "restarted" in (speaker.warning() or "")
        for engine in engines:  # each engine had one thread, and never two calls at once
            assert len(engine.threads) == 1 and not engine.reentered
        assert engines[0].threads != engines[1].threads
    finally:
        release.set()
        speaker.close()


def test_fifty_interruptions_through_pyttsx3_leave_only_the_last(
        recorder: RecordingPlayer) -> None:
    engine = FakeEngine()
    speaker = Pyttsx3Speaker(recorder, engine_factory=lambda: engine)
    recorder.attach(speaker)
    try:
        serials = [speaker.say(f"Kalimat {i}", "id") for i in range(50)]
        assert recorder.done.wait(5)
        assert recorder.played[-1].serial == serials[-1] and len(recorder.played) == 1
        assert not engine.reentered
    finally:
        speaker.close()


def test_the_real_pyttsx3_renders_indonesian(recorder: RecordingPlayer) -> None:
    pytest.importorskip("pyttsx3", reason="pyttsx3 is in the gui extra")
    speaker = Pyttsx3Speaker(recorder)
    recorder.attach(speaker)
    try:
        speaker.say(SENTENCE, "id")
        assert recorder.done.wait(10)
        data = bytes(recorder.played[0].data)
        assert data[:4] == b"RIFF" and pcm_stats(data[44:])[0] > 0.02
    finally:
        speaker.close()
