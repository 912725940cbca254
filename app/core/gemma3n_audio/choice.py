"""Which Gemma 3n audio encoder runs: ggml on the GPU, ggml on the CPU, or numpy.

The one place the choice is made. The setting (`hardware.audio_encoder_device`) says
"auto", "cpu" or "gpu". "auto" follows the text model: ggml on the GPU when the model is
offloaded, else numpy, which on the CPU is faster than ggml's CPU backend (bench/results: one
thread, 30-s clip, 8.3 s numpy vs 13.4 s ggml; ggml's F16 matmuls run at ~0.6× OpenBLAS's F32 ones
and its other ops add ~4 s; with two threads on a busy machine its per-op barriers stall too);
"cpu" asks for ggml's CPU backend all the same. Where ggml cannot run it (no GPU backend, a
missing op, an old library, no device memory) the numpy encoder takes over and the reason is
logged once per process and returned, so dictation never breaks; the edges show it to the user
(the window as a notice, `transcribe` on stderr), so the log line is only INFO.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from app.core.errors import UserError
from app.core.gemma3n_audio.encoder import Gemma3nAudioEncoder
from app.core.gemma3n_audio.ggml_api import GgmlUnavailable
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.storage.settings_rules import AUDIO_ENCODER_DEVICES
_log = logging.getLogger(__name__)
_reasons_told: set[str] = set()


class AudioEncoder(Protocol):
    text_width: int
    tokens_per_clip: int
    sample_rate: int

    def encode_clip(self, samples_16k: np.ndarray) -> np.ndarray: ...
    def end_of_audio_embedding(self) -> np.ndarray: ...
    def padding_embedding(self) -> np.ndarray: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class EncoderChoice:
    encoder: AudioEncoder
    runs_on: str  # in words, e.g. "ggml on CUDA0 (NVIDIA H200)" or "numpy on the CPU"
    fallback_reason: UserError | None = None  # why ggml was not used where it was asked for (a notice)


def ggml_device_for(setting: str, text_on_gpu: bool) -> str | None:
    """The ggml device the setting asks for ("gpu" or "cpu"), or None for the numpy encoder."""
    if setting not in AUDIO_ENCODER_DEVICES:
        raise ValueError(f"audio encoder device must be one of {AUDIO_ENCODER_DEVICES}, not {setting!r}")
    if setting == "auto":
        return "gpu" if text_on_gpu else None
    return setting


def open_audio_encoder(path: Path, setting: str = "auto", text_on_gpu: bool = False,
                       threads: int | None = None) -> EncoderChoice:
    """Open the encoder in `path` (raises AudioProjectorError for a bad file, whichever runs)."""
    device = ggml_device_for(setting, text_on_gpu)
    if device is None:
        return EncoderChoice(Gemma3nAudioEncoder.from_gguf(path, threads=threads), "numpy on the CPU")
    try:
        from app.core.gemma3n_audio.ggml_encoder import GgmlAudioEncoder

        encoder = GgmlAudioEncoder.from_gguf(path, device=device, threads=threads)
        return EncoderChoice(encoder, f"ggml on {encoder.device_name}")
    except (GgmlUnavailable, MemoryError, ImportError) as error:
        reason = UserError(QT_TRANSLATE_NOOP("UserError", "Gemma 3n's audio encoder runs in numpy on the CPU: ggml "
                                                          "cannot run it ({error})."), error=error)
    if str(reason) not in _reasons_told:
        _reasons_told.add(str(reason))
        _log.info("%s", reason)
    return EncoderChoice(Gemma3nAudioEncoder.from_gguf(path, threads=threads), "numpy on the CPU", reason)
