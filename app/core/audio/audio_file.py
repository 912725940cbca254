"""Read audio files (WAV, FLAC, MP3, OGG, … of any rate and channels) as 16 kHz mono float32,
and write session audio as WAV.

``soundfile`` decodes; its wheels bundle libsndfile 1.2, which reads MP3 as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

from app.core.audio.resample import TARGET_RATE, StreamingResampler, to_mono
from app.core.errors import UserError

READ_BLOCK_S = 10.0


class AudioFileError(UserError):
    """The file cannot be read or written as audio; the message names the file."""


@dataclass(frozen=True)
class AudioFileInfo:
    sample_rate: int
    channels: int
    frames: int
    format_name: str

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate


def audio_file_info(path: str | Path) -> AudioFileInfo:
    """Rate, channels and length of an audio file, without decoding it."""
    return _open_info(Path(path))


def iter_audio_file(path: str | Path, block_s: float = READ_BLOCK_S) -> Iterator[np.ndarray]:
    """Decode a file block by block as 16 kHz mono float32, so long files need little memory.

    A missing or unreadable file raises AudioFileError here, before the first block.
    """
    path = Path(path)
    info = _open_info(path)
    return _decode_blocks(path, info, max(1, int(info.sample_rate * block_s)))


def _decode_blocks(path: Path, info: AudioFileInfo, block_frames: int) -> Iterator[np.ndarray]:
    resampler = StreamingResampler(info.sample_rate, TARGET_RATE)
    try:
        with soundfile.SoundFile(str(path)) as source:
            while True:
                raw = source.read(block_frames, dtype="float32", always_2d=True)
                if raw.shape[0] == 0:
                    break
                converted = resampler.process(to_mono(raw))
                if converted.size:
                    yield converted
    except (soundfile.LibsndfileError, RuntimeError) as error:
        raise AudioFileError(f"Could not decode '{path}': {error}") from error
    tail = resampler.flush()
    if tail.size:
        yield tail


def load_audio_file(path: str | Path) -> np.ndarray:
    """The whole file as 16 kHz mono float32."""
    blocks = list(iter_audio_file(path))
    if not blocks:
        return np.zeros(0, dtype=np.float32)
    return np.concatenate(blocks)


def save_wav(path: str | Path, samples: np.ndarray, sample_rate: int = TARGET_RATE) -> None:
    """Write mono audio as 16-bit PCM WAV (what every player and libmtmd read)."""
    path = Path(path)
    samples = np.asarray(samples, dtype=np.float32)
    if samples.ndim != 1:
        raise ValueError(f"expected mono samples (1-D), got shape {samples.shape}")
    try:
        soundfile.write(
            str(path), np.clip(samples, -1.0, 1.0), sample_rate, subtype="PCM_16", format="WAV"
        )
    except (soundfile.LibsndfileError, RuntimeError, OSError) as error:
        raise AudioFileError(f"Could not write '{path}': {error}") from error


def _open_info(path: Path) -> AudioFileInfo:
    if not path.is_file():
        raise AudioFileError(f"Audio file '{path}' does not exist (or is not a file).")
    try:
        info = soundfile.info(str(path))
    except (soundfile.LibsndfileError, RuntimeError) as error:
        raise AudioFileError(
            f"'{path}' is not an audio file this app can read (WAV, FLAC, MP3, OGG): {error}"
        ) from error
    if info.samplerate <= 0 or info.channels <= 0:
        raise AudioFileError(f"'{path}' has no usable audio (rate {info.samplerate} Hz).")
    return AudioFileInfo(
        sample_rate=int(info.samplerate),
        channels=int(info.channels),
        frames=int(info.frames),
        format_name=str(info.format),
    )
