"""Recordings attached to a chat message: checked, decoded to 16 kHz mono and cut into the same
≤ 30-s chunks as dictation, one audio item per chunk in the user turn."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import soundfile

from app.core.audio.resample import TARGET_RATE, to_16k_mono
from app.core.engine.prompt_format import MediaItem
from app.core.errors import UserError
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.speech.chunker import AudioChunk, chunk_audio
from app.core.speech.transcription import audio_key

SUPPORTED_AUDIO_SUFFIXES = frozenset({".wav", ".mp3", ".flac", ".ogg", ".oga"})
MAX_AUDIO_BYTES = 64 * 1024 * 1024
MAX_AUDIO_SECONDS = 10 * 60  # twenty 30-s chunks: more does not fit a chat model's context
_INAUDIBLE_PEAK = 1e-3  # about -60 dBFS: nothing anybody could hear


class AudioClipError(UserError):
    """A recording that cannot go into a message; the message says why in plain words."""


@dataclass(frozen=True)
class PreparedAudio:
    name: str
    original: bytes = field(repr=False)
    sha256: str
    samples: np.ndarray = field(repr=False)  # 16 kHz mono float32

    @property
    def duration_s(self) -> float:
        return self.samples.shape[0] / TARGET_RATE

    def chunks(self) -> list[AudioChunk]:
        return chunk_audio(self.samples)

    def media(self) -> tuple[MediaItem, ...]:
        """One audio item per ≤ 30-s chunk, in order."""
        return tuple(MediaItem(kind="audio", key=audio_key(chunk.samples), payload=chunk.samples)
                     for chunk in self.chunks())


def read_audio_file(path: Path) -> PreparedAudio:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_AUDIO_BYTES:
            raise AudioClipError(QT_TRANSLATE_NOOP("UserError", "{name} is {size_mb:.0f} MB; a recording in a "
                                                   "message can be at most {most_mb} MB."),
                                 name=path.name, size_mb=size / 2**20, most_mb=MAX_AUDIO_BYTES // 2**20)
        content = path.read_bytes()
    except OSError as error:
        raise AudioClipError(QT_TRANSLATE_NOOP("UserError", "{name} could not be read: {reason}."),
                             name=path.name, reason=error.strerror or error) from error
    return prepare_audio(content, path.name)


def prepare_audio(content: bytes, name: str) -> PreparedAudio:
    """Decode and check a recording; raises AudioClipError with a sentence for the user."""
    if len(content) > MAX_AUDIO_BYTES:
        raise AudioClipError(QT_TRANSLATE_NOOP("UserError", "{name} is too large; a recording in a message can be "
                                               "at most {most_mb} MB."),
                             name=name, most_mb=MAX_AUDIO_BYTES // 2**20)
    samples = decode_audio(content, name)
    if samples.shape[0] == 0:
        raise AudioClipError(QT_TRANSLATE_NOOP("UserError", "{name} holds no sound (it is empty)."), name=name)
    if samples.shape[0] > MAX_AUDIO_SECONDS * TARGET_RATE:
        raise AudioClipError(
            QT_TRANSLATE_NOOP("UserError", "{name} is {minutes:.0f} minutes long; a recording in a message can be at "
                                           "most {most_minutes} minutes. To turn a long recording into text, use "
                                           "Dictation ▸ Transcribe a file…"),
            name=name, minutes=samples.shape[0] / TARGET_RATE / 60, most_minutes=MAX_AUDIO_SECONDS // 60)
    if float(np.max(np.abs(samples))) < _INAUDIBLE_PEAK:
        raise AudioClipError(QT_TRANSLATE_NOOP("UserError", "{name} is silent: there is nothing in it to listen to."),
                             name=name)
    return PreparedAudio(name, content, hashlib.sha256(content).hexdigest(), samples)


def decode_audio(content: bytes, name: str) -> np.ndarray:
    try:
        raw, rate = soundfile.read(io.BytesIO(content), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError) as error:
        raise AudioClipError(QT_TRANSLATE_NOOP("UserError", "{name} is not a recording this app can read (WAV, MP3, "
                                                            "FLAC or Ogg): {reason}."),
                             name=name, reason=_reason(error)) from error
    return to_16k_mono(raw, int(rate)).astype(np.float32)


def _reason(error: Exception) -> str:
    text = str(error).split(": ")[-1].strip() or type(error).__name__
    return text[0].lower() + text[1:] if text else text


def duration_text(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def stored_audio_media(read_original, name: str) -> tuple[MediaItem, ...]:
    """The chunks of a recording kept with an earlier message; nothing when it is gone or damaged
    (the message's text still goes to the model)."""
    try:
        return prepare_audio(read_original(), name).media()
    except (OSError, AudioClipError):
        return ()


def recorded_duration(content: bytes) -> float | None:
    """A stored recording's length from its header, without decoding it."""
    try:
        info = soundfile.info(io.BytesIO(content))
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError):
        return None
    return info.frames / info.samplerate if info.samplerate else None
