from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile

from app.core.audio.audio_file import (
    AudioFileError,
    audio_file_info,
    iter_audio_file,
    load_audio_file,
    save_wav,
)
from app.core.speech.chunker import chunk_audio
from tests.core.audio.spoken_recording import SpokenRecording


def write_tone(path: Path, rate: int, channels: int, seconds: float = 2.0, **options: Any) -> Path:
    t = np.arange(int(rate * seconds)) / rate
    tone = (0.5 * np.sin(2 * np.pi * 1_000.0 * t)).astype(np.float32)
    soundfile.write(str(path), np.repeat(tone[:, None], channels, axis=1), rate, **options)
    return path


def tone_frequency(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.shape[0])))
    return float(np.argmax(spectrum)) * 16_000 / samples.shape[0]


@pytest.mark.parametrize(
    ("name", "rate", "channels", "options", "exact_length"),
    [
        ("tone.wav", 44_100, 2, {"subtype": "PCM_16"}, True),
        ("tone.flac", 48_000, 1, {}, True),
        ("tone.flac", 22_050, 6, {}, True),
        ("tone.mp3", 44_100, 2, {"format": "MP3"}, False),
        ("tone.mp3", 22_050, 1, {"format": "MP3"}, False),
    ],
)
def test_files_of_any_rate_and_channels_load_as_16_khz_mono(
    tmp_path: Path, name: str, rate: int, channels: int, options: dict[str, Any], exact_length: bool
) -> None:
    path = write_tone(tmp_path / name, rate, channels, **options)
    info = audio_file_info(path)
    assert (info.sample_rate, info.channels) == (rate, channels)
    samples = load_audio_file(path)
    assert samples.dtype == np.float32 and samples.ndim == 1
    if exact_length:
        assert samples.shape[0] == 32_000
    else:  # MP3 frames add encoder padding
        assert samples.shape[0] == pytest.approx(32_000, abs=0.1 * 16_000)
    middle = samples[4_000:28_000]
    assert tone_frequency(middle) == pytest.approx(1_000.0, abs=2.0)
    assert np.sqrt(np.mean(middle.astype(np.float64) ** 2)) == pytest.approx(
        0.5 / math.sqrt(2), rel=0.05
    )


def test_blocks_put_together_equal_the_whole_file(tmp_path: Path) -> None:
    path = write_tone(tmp_path / "long.wav", 44_100, 2, seconds=7.0, subtype="FLOAT")
    blocks = list(iter_audio_file(path, block_s=0.7))
    assert len(blocks) > 5
    whole = load_audio_file(path)
    assert np.concatenate(blocks).shape == whole.shape
    np.testing.assert_allclose(np.concatenate(blocks), whole, rtol=0, atol=1e-6)


def test_a_48_khz_spoken_file_is_cut_where_the_16_khz_original_is(
    spoken_recording: SpokenRecording,
) -> None:
    from_file = chunk_audio(load_audio_file(spoken_recording.path_48k))
    from_original = chunk_audio(spoken_recording.samples)
    assert len(from_file) == len(from_original) == 3
    for resampled, original in zip(from_file, from_original, strict=True):
        assert resampled.end_s == pytest.approx(original.end_s, abs=0.02)


def test_saved_wav_reads_back(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    audio = rng.uniform(-0.9, 0.9, 16_000).astype(np.float32)
    path = tmp_path / "session.wav"
    save_wav(path, audio)
    info = audio_file_info(path)
    assert (info.sample_rate, info.channels, info.frames, info.duration_s) == (
        16_000,
        1,
        16_000,
        1.0,
    )
    assert np.max(np.abs(load_audio_file(path) - audio)) <= 1 / 32_768


def test_loud_samples_are_clipped_not_wrapped(tmp_path: Path) -> None:
    path = tmp_path / "loud.wav"
    save_wav(path, np.array([1.7, -3.0, 0.25], np.float32))
    assert np.allclose(load_audio_file(path), [32_767 / 32_768, -1.0, 0.25], atol=1 / 32_768)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("noise.mp3", bytes(range(256)) * 40),
        ("cut.wav", b"RIFF\x24\x00\x00\x00WAVEfmt "),
        ("notes.wav", b"these are my meeting notes"),
        ("empty.flac", b""),
    ],
)
def test_unreadable_files_raise_a_clear_error(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AudioFileError, match=name):
        load_audio_file(path)


def test_a_missing_file_is_reported_before_decoding(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match="does not exist"):
        iter_audio_file(tmp_path / "gone.wav")


def test_writing_where_there_is_no_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match="no-such-folder"):
        save_wav(tmp_path / "no-such-folder" / "a.wav", np.zeros(10, np.float32))


@pytest.mark.parametrize("name", ["notes.mp3", "notes.wav", "notes.ogg"])
def test_a_file_that_is_not_audio_is_not_said_to_be_missing(tmp_path: Path, name: str) -> None:
    # libsndfile answers "File does not exist or is not a regular file" for text renamed .mp3
    path = tmp_path / name
    path.write_text("these are my meeting notes\n")
    with pytest.raises(AudioFileError) as raised:
        audio_file_info(path)
    message = str(raised.value)
    assert message == f"'{path}' is not an audio file this app can read (WAV, FLAC, MP3, OGG)."
    assert "does not exist" not in message


def test_an_empty_file_is_called_empty(tmp_path: Path) -> None:
    path = tmp_path / "recording.wav"
    path.write_bytes(b"")
    with pytest.raises(AudioFileError, match=r"recording\.wav' is empty \(0 bytes\)"):
        audio_file_info(path)
