"""Bring audio of any rate and channel count to 16 kHz mono float32, in numpy alone.

A polyphase windowed-sinc (Kaiser) resampler. It is streaming: a microphone delivers small
blocks, and block-by-block resampling gives the same samples as resampling the whole recording
at once (to float32 rounding), because the filter state is carried between blocks.
"""

from __future__ import annotations

from math import ceil, gcd

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

TARGET_RATE = 16_000

# 48 zero crossings a side, Kaiser beta 9, cut-off at 94 % of the lower Nyquist frequency: at
# 16 kHz flat (-0.1 dB) to 7.2 kHz, -10 dB at 7.6 kHz (where Gemma's mel filters stop), below
# -95 dB from 8.5 kHz. float32 throughout: plenty for audio, and faster.
_ZERO_CROSSINGS = 48
_KAISER_BETA = 9.0
_ROLLOFF = 0.94
_OUTPUTS_PER_BATCH = 8_192


def to_mono(samples: np.ndarray) -> np.ndarray:
    """Average the channels of a (frames, channels) array; 1-D input is returned as float32."""
    samples = np.asarray(samples)
    if samples.ndim == 1:
        return samples.astype(np.float32, copy=False)
    if samples.ndim != 2:
        raise ValueError(
            f"expected (frames,) or (frames, channels) audio, got shape {samples.shape}"
        )
    if samples.shape[1] == 1:
        return np.ascontiguousarray(samples[:, 0], dtype=np.float32)
    return np.asarray(samples.astype(np.float64).mean(axis=1), dtype=np.float32)


class StreamingResampler:
    """Resample a stream of 1-D blocks from ``source_rate`` to ``target_rate``.

    Output sample n sits at input time n * source_rate / target_rate (no delay), so the output
    of a stream of N input samples, once flushed, has ceil(N * target_rate / source_rate)
    samples. While streaming, the last few input samples wait for their right-hand neighbours.
    """

    def __init__(self, source_rate: int, target_rate: int = TARGET_RATE) -> None:
        if source_rate <= 0 or target_rate <= 0:
            raise ValueError(f"sample rates must be positive, got {source_rate} -> {target_rate}")
        self.source_rate = int(source_rate)
        self.target_rate = int(target_rate)
        common = gcd(self.source_rate, self.target_rate)
        self._up = self.target_rate // common
        self._down = self.source_rate // common
        self._half = ceil(_ZERO_CROSSINGS * max(1.0, self._down / self._up) / _ROLLOFF)
        self._taps = _polyphase_taps(self._up, self._down, self._half)
        inverse = pow(self._down, -1, self._up) if self._up > 1 else 0
        self._first_output_of_phase = [(phase * inverse) % self._up for phase in range(self._up)]
        self._reset()

    @property
    def is_identity(self) -> bool:
        return self._up == self._down

    def _reset(self) -> None:
        # Input before the first sample counts as silence.
        self._history = np.zeros(self._half, dtype=np.float32)
        self._history_start = -self._half
        self._input_count = 0
        self._output_count = 0

    def process(self, block: np.ndarray) -> np.ndarray:
        """Feed input samples; returns the output samples that are now complete."""
        block = np.asarray(block, dtype=np.float32)
        if block.ndim != 1:
            raise ValueError(f"expected mono samples (1-D), got shape {block.shape}")
        if self.is_identity:
            return block.copy()
        self._history = np.concatenate((self._history, block))
        self._input_count += block.shape[0]
        # Output n needs input up to floor(n * down / up) + half.
        last_usable_input = self._input_count - 1 - self._half
        ready = (last_usable_input * self._up) // self._down + 1 if last_usable_input >= 0 else 0
        return self._produce(ready)

    def flush(self) -> np.ndarray:
        """End of stream: returns the remaining output and makes the resampler ready for reuse."""
        if self.is_identity:
            return np.zeros(0, dtype=np.float32)
        total = ceil(self._input_count * self._up / self._down)
        self._history = np.concatenate((self._history, np.zeros(self._half + 1, dtype=np.float32)))
        tail = self._produce(total)
        self._reset()
        return tail

    def _produce(self, end: int) -> np.ndarray:
        start = self._output_count
        if end <= start:
            return np.zeros(0, dtype=np.float32)
        produced = np.empty(end - start, dtype=np.float32)
        for batch_start in range(start, end, _OUTPUTS_PER_BATCH):
            batch_end = min(end, batch_start + _OUTPUTS_PER_BATCH)
            self._produce_batch(batch_start, batch_end, produced[batch_start - start :])
        self._output_count = end
        self._drop_used_history()
        return produced

    def _produce_batch(self, start: int, end: int, into: np.ndarray) -> None:
        # Outputs of one filter phase are every up-th output, and their input windows step by
        # `down`: a strided view of the history times that phase's taps, no gathering needed.
        windows = sliding_window_view(self._history, 2 * self._half)
        for phase, first_of_phase in enumerate(self._first_output_of_phase):
            first = start + (first_of_phase - start) % self._up
            if first >= end:
                continue
            count = (end - 1 - first) // self._up + 1
            centre = (first * self._down) // self._up
            row = centre - self._half + 1 - self._history_start
            rows = windows[row : row + (count - 1) * self._down + 1 : self._down]
            into[first - start : end - start : self._up] = rows @ self._taps[phase]

    def _drop_used_history(self) -> None:
        next_centre = (self._output_count * self._down) // self._up
        first_needed = next_centre - self._half + 1
        drop = first_needed - self._history_start
        if drop > 0:
            self._history = self._history[drop:]
            self._history_start += drop


def _polyphase_taps(up: int, down: int, half: int) -> np.ndarray:
    """Filter taps, one row per phase: row p weights inputs centre-half+1 .. centre+half."""
    offsets = np.arange(-half + 1, half + 1)
    phases = np.arange(up)[:, None]
    # Distance from each input to the output instant, in input samples.
    distance = (phases / up) - offsets[None, :]
    cutoff = _ROLLOFF * min(1.0, up / down)
    kernel = cutoff * np.sinc(cutoff * distance)
    edge = np.clip(distance / half, -1.0, 1.0)
    kernel *= np.i0(_KAISER_BETA * np.sqrt(1.0 - edge * edge)) / np.i0(_KAISER_BETA)
    # Each phase passes DC unchanged.
    return np.asarray(kernel / kernel.sum(axis=1, keepdims=True), dtype=np.float32)


def resample(samples: np.ndarray, source_rate: int, target_rate: int = TARGET_RATE) -> np.ndarray:
    """Resample a whole 1-D recording; the result has ceil(len * target / source) samples."""
    resampler = StreamingResampler(source_rate, target_rate)
    head = resampler.process(samples)
    return np.concatenate((head, resampler.flush()))


def to_16k_mono(samples: np.ndarray, source_rate: int) -> np.ndarray:
    """Downmix (frames, channels) or 1-D audio and resample it to 16 kHz float32."""
    return resample(to_mono(samples), source_rate, TARGET_RATE)
