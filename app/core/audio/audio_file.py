"""Read audio files (WAV, FLAC, MP3, OGG, … of any rate and channels) as 16 kHz mono float32,
and write session audio as WAV.

``soundfile`` decodes; its wheels bundle libsndfile 1.2, which reads MP3 as well.
"""

from __future__ import annotations

import io
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.audio.resample import TARGET_RATE, StreamingResampler, to_mono
from app.core.errors import UserError

READ_BLOCK_S = 10.0
# Below telephone quality or above any studio rate, the header is broken, not the recording.
MIN_SAMPLE_RATE = 4_000
MAX_SAMPLE_RATE = 768_000


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
        raise AudioFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Could not decode '{path}': {error}",
            ),
            path=path, error=error,
        ) from error
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
    try:
        _write_wav(str(path), samples, sample_rate)
    except (soundfile.LibsndfileError, RuntimeError, OSError) as error:
        raise AudioFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Could not write '{path}': {error}",
            ),
            path=path, error=error,
        ) from error


def wav_bytes(samples: np.ndarray, sample_rate: int = TARGET_RATE) -> bytes:
    """Mono audio as the bytes of a 16-bit PCM WAV file (for the store)."""
    buffer = io.BytesIO()
    _write_wav(buffer, samples, sample_rate)
    return buffer.getvalue()


def _write_wav(target, samples: np.ndarray, sample_rate: int) -> None:
    samples = np.asarray(samples, dtype=np.float32)
    if samples.ndim != 1:
        raise ValueError(f"expected mono samples (1-D), got shape {samples.shape}")
    soundfile.write(target, np.clip(samples, -1.0, 1.0), sample_rate, subtype="PCM_16", format="WAV")


def _open_info(path: Path) -> AudioFileInfo:
    try:
        found = path.stat()
    except OSError:
        raise AudioFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Audio file '{path}' does not exist.",
            ),
            path=path,
        ) from None
    if not stat.S_ISREG(found.st_mode):
        # A FIFO or a device would block or never end.
        raise AudioFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "'{path}' is not a regular file; give the path of an audio file.",
            ),
            path=path,
        )
    if found.st_size == 0:
        raise AudioFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "'{path}' is empty (0 bytes): it holds no recording.",
            ),
            path=path,
        )
    try:
        info = soundfile.info(str(path))
    except (soundfile.LibsndfileError, RuntimeError) as error:
        # libsndfile's own reason misleads here: text renamed .mp3 "does not exist or is not a
        # regular file", a 3-byte WAV has a "Format not recognised".
        raise AudioFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "'{path}' is not an audio file this app can read (WAV, FLAC, MP3, OGG).",
            ),
            path=path,
        ) from error
    if info.channels <= 0 or not MIN_SAMPLE_RATE <= info.samplerate <= MAX_SAMPLE_RATE:
        raise AudioFileError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "'{path}' declares a sample rate of {samplerate} Hz and {channels} "
                "channel(s); audio between {min_sample_rate:,} and {max_sample_rate:,} Hz is "
                "expected, so its header is broken.",
            ),
            path=path,
            samplerate=info.samplerate,
            channels=info.channels,
            min_sample_rate=MIN_SAMPLE_RATE,
            max_sample_rate=MAX_SAMPLE_RATE,
        )
    return AudioFileInfo(
        sample_rate=int(info.samplerate),
        channels=int(info.channels),
        frames=int(info.frames),
        format_name=str(info.format),
    )
