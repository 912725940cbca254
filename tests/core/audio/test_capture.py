"""MicrophoneRecorder against a fake sounddevice replaying WAV files in real-time-sized blocks."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from app.core.audio import capture
from app.core.audio.capture import CaptureError, CaptureProblem, MicrophoneRecorder
from app.core.speech.chunker import AudioChunk, SpeechChunker
from tests.core.audio.fake_sounddevice import FakeSoundDevice, ReplayDevice, ReplayInputStream
from tests.core.audio.spoken_recording import SpokenRecording

SPEED = 50.0  # replay 50 times faster than real time
WAIT_S = 30.0


def record_while_replaying(
    recorder: MicrophoneRecorder, stream: ReplayInputStream, consume: Callable[[np.ndarray], None]
) -> None:
    """Drain the recorder as a UI timer would, until the replay has been heard, then Stop."""
    polls = 0
    while not stream.replay_done.wait(0.02):
        for block in recorder.read_available():
            consume(block)
        polls += 1
        assert polls * 0.02 < WAIT_S, "the replay did not finish"
    recorder.stop()
    for block in recorder.read_available():
        consume(block)


def envelope(samples: np.ndarray) -> np.ndarray:
    """RMS of the 20 ms centred on each sample."""
    squares = np.concatenate(([0.0], np.cumsum(samples.astype(np.float64) ** 2)))
    ends = np.minimum(np.arange(samples.shape[0]) + 160, samples.shape[0])
    starts = np.maximum(np.arange(samples.shape[0]) - 160, 0)
    return np.sqrt((squares[ends] - squares[starts]) / (ends - starts))


def quiet_stretches(quiet: np.ndarray, start: int, stop: int) -> list[tuple[int, int]]:
    """[start, end) sample ranges where ``quiet`` holds, between start and stop."""
    edges = np.diff(np.concatenate(([0], quiet[start:stop].astype(np.int8), [0])))
    return [
        (start + int(a), start + int(b))
        for a, b in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True)
    ]


def test_spoken_recording_is_cut_in_pauses_and_no_sample_is_lost(
    spoken_recording: SpokenRecording,
) -> None:
    fake = FakeSoundDevice([ReplayDevice("Desk microphone", spoken_recording.path)], speed=SPEED)
    recorder = MicrophoneRecorder(fake)
    chunker = SpeechChunker()
    chunks: list[AudioChunk] = []
    recorder.start()
    stream = fake.streams[-1]
    assert (recorder.capture_rate, stream.channels, stream.blocksize) == (16_000, 1, 1_600)
    record_while_replaying(recorder, stream, lambda block: chunks.extend(chunker.feed(block)))
    chunks += chunker.flush()

    original = spoken_recording.samples
    assert sum(c.sample_count for c in chunks) == original.shape[0]
    assert np.array_equal(np.concatenate([c.samples for c in chunks]), original)
    assert np.array_equal(recorder.captured_audio(), original)
    assert stream.blocks_delivered == math.ceil(original.shape[0] / 1_600)
    assert recorder.failure is None
    assert recorder.elapsed_s == pytest.approx(spoken_recording.duration_s)
    assert len(chunks) == 3 and all(c.duration_s <= 30.0 for c in chunks)
    assert not any(c.is_silence for c in chunks)

    speech_rms = float(np.sqrt(np.mean(original.astype(np.float64) ** 2)))
    quiet = envelope(original) < 0.01 * speech_rms  # 40 dB under the speech
    report = []
    for chunk in chunks[:-1]:
        cut = chunk.end_sample
        assert quiet[cut], f"cut at {cut / 16_000:.3f} s is in speech"
        window = quiet_stretches(
            quiet, chunk.start_sample + 28 * 16_000, chunk.start_sample + 30 * 16_000
        )
        [chosen] = [(a, b) for a, b in window if a <= cut < b]
        longest = max(b - a for a, b in window)
        assert chosen[1] - chosen[0] >= longest - 80, (
            "a longer pause in the last 2 s was passed over"
        )
        between_sentences = any(
            a <= cut / 16_000 <= b for a, b in spoken_recording.sentence_pauses_s
        )
        report.append(
            f"{cut / 16_000:.3f} s (in a {(chosen[1] - chosen[0]) / 16:.0f} ms quiet stretch, "
            f"the longest in its window is {longest / 16:.0f} ms; "
            f"between sentences: {between_sentences})"
        )
    print("chunk boundaries:", ", ".join(report))


def test_a_device_without_16_khz_is_recorded_at_its_rate_and_resampled(
    spoken_recording: SpokenRecording,
) -> None:
    fake = FakeSoundDevice(
        [ReplayDevice("48 kHz interface", spoken_recording.path_48k)], speed=SPEED
    )
    recorder = MicrophoneRecorder(fake)
    received: list[np.ndarray] = []
    recorder.start()
    assert recorder.capture_rate == 48_000
    record_while_replaying(recorder, fake.streams[-1], received.append)

    heard = np.concatenate(received)
    original = spoken_recording.samples
    assert heard.dtype == np.float32
    assert heard.shape[0] == original.shape[0]  # sox made exactly 3 × as many samples
    error = heard.astype(np.float64) - original
    snr_db = 10 * math.log10(np.sum(original.astype(np.float64) ** 2) / np.sum(error * error))
    assert snr_db > 30.0


def test_a_stereo_only_device_is_mixed_down(sine_wav: Callable[..., Path]) -> None:
    path = sine_wav("stereo.wav", 44_100, 1.0, frequency=1_000.0, amplitude=0.5, channels=2)
    fake = FakeSoundDevice([ReplayDevice("Stereo line-in", path, accepts_mono=False)], speed=SPEED)
    recorder = MicrophoneRecorder(fake)
    recorder.start()
    assert (recorder.capture_rate, fake.streams[-1].channels) == (44_100, 2)
    record_while_replaying(recorder, fake.streams[-1], lambda block: None)
    audio = recorder.captured_audio()
    assert audio.shape[0] == 16_000
    assert np.max(np.abs(audio[500:-500])) == pytest.approx(0.5, abs=0.01)


def test_level_and_elapsed_time_follow_the_audio(sine_wav: Callable[..., Path]) -> None:
    path = sine_wav("tone.wav", 16_000, 2.0, frequency=400.0, amplitude=0.5)
    fake = FakeSoundDevice([ReplayDevice("Microphone", path)], speed=SPEED)
    recorder = MicrophoneRecorder(fake)
    assert recorder.level.rms_dbfs == capture.LEVEL_FLOOR_DBFS
    recorder.start()
    fake.streams[-1].replay_done.wait(WAIT_S)
    assert recorder.elapsed_s == pytest.approx(2.0)
    assert recorder.level.rms_dbfs == pytest.approx(20 * math.log10(0.5 / math.sqrt(2)), abs=0.05)
    assert recorder.level.peak_dbfs == pytest.approx(20 * math.log10(0.5), abs=0.05)
    assert recorder.is_recording
    recorder.stop()
    assert not recorder.is_recording


@pytest.mark.parametrize("reports_finish", [True, False])
def test_a_device_that_vanishes_keeps_the_audio_recorded_so_far(
    spoken_recording: SpokenRecording, reports_finish: bool
) -> None:
    device = ReplayDevice(
        "USB headset", spoken_recording.path, vanish_after_s=10.0, reports_finish=reports_finish
    )
    fake = FakeSoundDevice([device], speed=SPEED)
    reported: list[CaptureError] = []
    recorder = MicrophoneRecorder(fake, on_failure=reported.append)
    recorder.start()
    stream = fake.streams[-1]
    assert stream.vanished.wait(WAIT_S)
    recorder.read_available()  # the consumer's next poll notices a stream nobody stopped

    failure = recorder.failure
    assert failure is not None and failure.problem is CaptureProblem.DEVICE_LOST
    assert "USB headset" in str(failure) and "10.0 s" in str(failure) and "kept" in str(failure)
    assert reported == [failure]
    assert not recorder.is_recording
    recorder.stop()  # the device is gone: stopping and closing fail underneath, quietly
    assert np.array_equal(recorder.captured_audio(), spoken_recording.samples[:160_000])


def test_no_input_device_is_a_clear_error(spoken_recording: SpokenRecording) -> None:
    fake = FakeSoundDevice([ReplayDevice("Speakers", output_only=True)], default_input=None)
    recorder = MicrophoneRecorder(fake)
    assert recorder.input_devices() == []
    with pytest.raises(CaptureError, match="No microphone") as raised:
        recorder.start()
    assert raised.value.problem is CaptureProblem.NO_INPUT_DEVICE
    assert not recorder.is_recording and recorder.captured_audio().shape == (0,)


def test_a_refused_device_names_the_device_and_the_likely_causes(
    spoken_recording: SpokenRecording,
) -> None:
    denied = ReplayDevice(
        "Built-in microphone",
        spoken_recording.path,
        open_error="Error opening InputStream: Device unavailable [PaErrorCode -9985]",
    )
    recorder = MicrophoneRecorder(FakeSoundDevice([denied]))
    with pytest.raises(CaptureError) as raised:
        recorder.start()
    assert raised.value.problem is CaptureProblem.OPEN_FAILED
    message = str(raised.value)
    assert "Built-in microphone" in message and "-9985" in message and "privacy" in message
    assert not recorder.is_recording


def test_a_device_that_went_away_before_start_is_reported(
    spoken_recording: SpokenRecording,
) -> None:
    recorder = MicrophoneRecorder(FakeSoundDevice([ReplayDevice("Mic", spoken_recording.path)]))
    with pytest.raises(CaptureError) as raised:
        recorder.start(device=5)
    assert raised.value.problem is CaptureProblem.DEVICE_NOT_FOUND


def test_devices_are_listed_default_first_and_rescanned(spoken_recording: SpokenRecording) -> None:
    fake = FakeSoundDevice(
        [
            ReplayDevice("Speakers", output_only=True),
            ReplayDevice("Webcam microphone", spoken_recording.path),
            ReplayDevice("Desk microphone", spoken_recording.path_48k),
        ],
        default_input=2,
    )
    recorder = MicrophoneRecorder(fake)
    devices = recorder.input_devices()
    assert [(d.index, d.name, d.is_default) for d in devices] == [
        (2, "Desk microphone", True),
        (1, "Webcam microphone", False),
    ]
    assert devices[0].default_sample_rate == 48_000.0

    fake.plugged_in_on_rescan = [ReplayDevice("USB headset", spoken_recording.path)]
    assert len(recorder.input_devices()) == 2
    assert [d.name for d in recorder.input_devices(rescan=True)][-1] == "USB headset"


def test_a_missing_sound_library_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_portaudio() -> None:
        raise OSError("PortAudio library not found")

    monkeypatch.setattr(capture, "_import_sounddevice", no_portaudio)
    with pytest.raises(CaptureError, match="PortAudio") as raised:
        MicrophoneRecorder().input_devices()
    assert raised.value.problem is CaptureProblem.AUDIO_SYSTEM_UNAVAILABLE


def test_recording_twice_gives_a_fresh_recording(sine_wav: Callable[..., Path]) -> None:
    fake = FakeSoundDevice([ReplayDevice("Mic", sine_wav("a.wav", 16_000, 0.5))], speed=SPEED)
    recorder = MicrophoneRecorder(fake)
    for _ in range(2):
        recorder.start()
        record_while_replaying(recorder, fake.streams[-1], lambda block: None)
        assert recorder.captured_audio().shape == (8_000,)
    with pytest.raises(RuntimeError):
        recorder.start()
        recorder.start()
    recorder.stop()
