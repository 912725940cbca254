"""Log-mel features of a clip, as transformers' `Gemma3nAudioFeatureExtractor` computes them.

The same operations in the same order and dtypes (float32 frames and FFT, float64 mel filter
bank and log, float32 result), so the numbers agree to float rounding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.errors import UserError


class AudioClipError(UserError, ValueError):
    """Samples that cannot be turned into features (wrong shape, too short, not finite)."""


@dataclass(frozen=True)
class MelSettings:
    """The feature extractor's parameters; the defaults are Gemma 3n's."""

    sample_rate: int = 16_000
    mel_bins: int = 128
    min_frequency: float = 125.0
    max_frequency: float = 7600.0
    frame_length_ms: float = 32.0
    hop_length_ms: float = 10.0
    preemphasis: float = 0.97
    mel_floor: float = 1e-5
    max_seconds: float = 30.0
    pad_to_multiple_of: int = 128

    @property
    def frame_length(self) -> int:
        return int(round(self.sample_rate * self.frame_length_ms / 1000.0))

    @property
    def hop_length(self) -> int:
        return int(round(self.sample_rate * self.hop_length_ms / 1000.0))

    @property
    def fft_length(self) -> int:
        # "FFT overdrive": twice the next power of two above the frame.
        return 2 ** math.ceil(math.log2(self.frame_length)) * 2

    @property
    def max_samples(self) -> int:
        return int(round(self.max_seconds * self.sample_rate))

    @cached_property
    def window(self) -> np.ndarray:
        """Periodic Hann window over `frame_length` samples, float32."""
        n = np.arange(self.frame_length, dtype=np.float32)
        return (0.5 * (1 - np.cos(2 * np.pi * n / self.frame_length))).astype(np.float32)

    @cached_property
    def mel_filters(self) -> np.ndarray:
        """HTK-scale triangular filters, no area normalisation: (fft_length // 2 + 1, mel_bins)."""
        n_freqs = self.fft_length // 2 + 1
        all_freqs = np.arange(n_freqs, dtype=np.float32) * (self.sample_rate / self.fft_length)
        m_min = 2595.0 * math.log10(1.0 + self.min_frequency / 700.0)
        m_max = 2595.0 * math.log10(1.0 + self.max_frequency / 700.0)
        m_pts = np.linspace(m_min, m_max, self.mel_bins + 2)
        f_pts = 700.0 * (10 ** (m_pts / 2595.0) - 1.0)
        f_diff = f_pts[1:] - f_pts[:-1]
        slopes = f_pts[np.newaxis, :] - all_freqs[:, np.newaxis]
        down_slopes = -slopes[:, :-2] / f_diff[:-1]
        up_slopes = slopes[:, 2:] / f_diff[1:]
        return np.maximum(np.float32(0), np.minimum(down_slopes, up_slopes))


GEMMA3N_MEL = MelSettings()


@dataclass(frozen=True)
class MelFeatures:
    """Log-mel frames of one clip and which of them hold audio (True) rather than padding."""

    frames: np.ndarray  # (n_frames, mel_bins) float32
    mask: np.ndarray  # (n_frames,) bool

    @property
    def frame_count(self) -> int:
        return int(self.frames.shape[0])


@dataclass(frozen=True)
class PaddedClip:
    """A checked clip, padded with silence to a multiple of 128 samples, before framing."""

    waveform: np.ndarray  # float32
    frame_count: int
    mask: np.ndarray  # (frame_count,) bool: the frame starts inside the clip


def log_mel_features(samples: np.ndarray, settings: MelSettings = GEMMA3N_MEL) -> MelFeatures:
    """Features of a mono clip at `settings.sample_rate`; longer clips are cut to max_seconds.

    Raises AudioClipError for anything but a finite 1-D clip of at least one frame.
    """
    clip = padded_clip(samples, settings)
    hop, frame_size = settings.hop_length, settings.frame_length + 1  # one more, for the pre-emphasis
    waveform = clip.waveform
    frames = np.lib.stride_tricks.as_strided(
        waveform, shape=(clip.frame_count, frame_size), strides=(waveform.strides[0] * hop, waveform.strides[0])
    )
    # HTK-style pre-emphasis: the first sample is scaled instead of differenced.
    first = frames[:, :1] * (1.0 - settings.preemphasis)
    rest = frames[:, 1:-1] - settings.preemphasis * frames[:, :-2]
    emphasised = np.concatenate([first, rest], axis=-1) * settings.window
    magnitude = np.abs(np.fft.rfft(emphasised, n=settings.fft_length, axis=-1))
    mel = magnitude @ settings.mel_filters
    log_mel = np.log(np.maximum(mel, settings.mel_floor)).astype(np.float32)
    return MelFeatures(frames=log_mel, mask=clip.mask)


def padded_clip(samples: np.ndarray, settings: MelSettings = GEMMA3N_MEL) -> PaddedClip:
    """The clip checked, cut to max_seconds and padded; raises AudioClipError."""
    samples = np.asarray(samples)
    if samples.ndim != 1:
        raise AudioClipError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Expected mono samples (a 1-D array), got shape {shape}.",
            ),
            shape=samples.shape,
        )
    if not np.issubdtype(samples.dtype, np.floating):
        raise AudioClipError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Expected float samples in [-1, 1], got {dtype}.",
            ),
            dtype=samples.dtype,
        )
    samples = samples[: settings.max_samples].astype(np.float32, copy=False)
    if not np.isfinite(samples).all():
        raise AudioClipError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The clip holds non-finite samples (NaN or infinity).",
            ))

    # Padded with silence to a multiple of 128 samples; the padding is marked invalid.
    multiple = settings.pad_to_multiple_of
    padded_length = -(-len(samples) // multiple) * multiple
    frame_size = settings.frame_length + 1  # one more sample, for the pre-emphasis
    if padded_length < frame_size:
        shortest_ms = 1000 * (frame_size - multiple + 1) / settings.sample_rate
        raise AudioClipError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The clip is too short ({value:.0f} ms); at least {shortest_ms:.0f} ms of "
                "audio is needed.",
            ),
            value=1000 * len(samples) / settings.sample_rate, shortest_ms=shortest_ms,
        )
    waveform = np.zeros(padded_length, dtype=np.float32)
    waveform[: len(samples)] = samples
    valid = np.zeros(padded_length, dtype=bool)
    valid[: len(samples)] = True

    hop = settings.hop_length
    frame_count = (padded_length - frame_size) // hop + 1
    return PaddedClip(waveform, frame_count, valid[::hop][:frame_count])
