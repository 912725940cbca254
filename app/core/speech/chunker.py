"""Cut a stream of 16 kHz mono audio into chunks of at most 30 s, at quiet moments.

Gemma hears at most 30 s per clip. Cutting blindly at 30 s splits words, so the cut goes to the
quietest short window within the last couple of seconds before the limit, and whatever follows
the cut is carried into the next chunk. Every sample ends up in exactly one chunk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class AudioChunk:
    """One piece of the recording, ready for the model (or skipped, when it is silence)."""

    index: int
    start_sample: int
    samples: np.ndarray = field(repr=False)
    is_silence: bool
    sample_rate: int = SAMPLE_RATE

    @property
    def sample_count(self) -> int:
        return int(self.samples.shape[0])

    @property
    def end_sample(self) -> int:
        """One past the last sample, on the recording's timeline."""
        return self.start_sample + self.sample_count

    @property
    def start_s(self) -> float:
        return self.start_sample / self.sample_rate

    @property
    def end_s(self) -> float:
        return self.end_sample / self.sample_rate

    @property
    def duration_s(self) -> float:
        return self.sample_count / self.sample_rate


@dataclass(frozen=True)
class ChunkingSettings:
    """How chunks are cut. The defaults follow Gemma's 30 s clip limit."""

    sample_rate: int = SAMPLE_RATE
    max_chunk_s: float = 30.0
    search_s: float = 2.0
    quiet_window_s: float = 0.02
    # About -46 dBFS: a room with nobody speaking, well under any chunk with a few words in it.
    silence_rms: float = 0.005

    def __post_init__(self) -> None:
        if self.sample_rate <= 0:
            raise ValueError(f"sample_rate must be positive, got {self.sample_rate}")
        if self.quiet_window_samples < 1:
            raise ValueError(f"quiet_window_s {self.quiet_window_s} is shorter than one sample")
        if not self.quiet_window_samples <= self.search_samples <= self.max_chunk_samples:
            raise ValueError(
                "need quiet_window_s <= search_s <= max_chunk_s, got "
                f"{self.quiet_window_s}, {self.search_s}, {self.max_chunk_s}"
            )
        if self.silence_rms < 0:
            raise ValueError(f"silence_rms must not be negative, got {self.silence_rms}")

    @property
    def max_chunk_samples(self) -> int:
        return int(round(self.max_chunk_s * self.sample_rate))

    @property
    def search_samples(self) -> int:
        return int(round(self.search_s * self.sample_rate))

    @property
    def quiet_window_samples(self) -> int:
        return int(round(self.quiet_window_s * self.sample_rate))


def rms(samples: np.ndarray) -> float:
    """Root mean square of a block (0.0 for an empty one)."""
    if samples.size == 0:
        return 0.0
    as_double = samples.astype(np.float64, copy=False)
    return float(np.sqrt(np.mean(as_double * as_double)))


def quietest_cut(samples: np.ndarray, settings: ChunkingSettings) -> int:
    """Where to cut a buffer that has reached the chunk limit.

    Returns a sample position in the last ``search_s`` before ``max_chunk_s``. The quietest
    ``quiet_window_s`` window there sets the level; every window within 3 dB of it (or below
    -80 dBFS) counts as quiet, and the cut goes to the middle of the longest quiet stretch, so
    a sentence pause wins over a short gap between two words that happens to be as quiet. On a
    tie the later stretch wins.
    """
    limit = settings.max_chunk_samples
    window = settings.quiet_window_samples
    if samples.shape[0] < limit:
        raise ValueError(f"buffer of {samples.shape[0]} samples has not reached {limit}")
    region_start = limit - settings.search_samples
    region = samples[region_start:limit].astype(np.float64)
    running = np.concatenate(([0.0], np.cumsum(region * region)))
    window_energy = running[window:] - running[:-window]
    quietest = max(float(window_energy.min()), 0.0)
    quiet = window_energy <= max(2.0 * quietest, window * _INAUDIBLE_RMS**2)
    run_start, run_end = _longest_run(quiet)
    return region_start + (run_start + run_end - 1) // 2 + window // 2


_INAUDIBLE_RMS = 1e-4  # -80 dBFS, a few steps of 16-bit audio


def _longest_run(flags: np.ndarray) -> tuple[int, int]:
    """[start, end) of the longest run of True (the last one on a tie); flags has a True."""
    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    lengths = ends - starts
    best = len(lengths) - 1 - int(np.argmax(lengths[::-1]))
    return int(starts[best]), int(ends[best])


class SpeechChunker:
    """Streaming chunker: feed blocks of any size, get finished chunks back.

    Not thread-safe: feed it from one thread (the consumer that drains the recorder).
    """

    def __init__(self, settings: ChunkingSettings | None = None) -> None:
        self.settings = settings or ChunkingSettings()
        self._pending: list[np.ndarray] = []
        self._pending_count = 0
        self._next_index = 0
        self._next_start = 0
        self._heard_sound = False

    @property
    def heard_sound(self) -> bool:
        """Some block fed so far was louder than the silence level (a microphone that works)."""
        return self._heard_sound

    @property
    def fed_s(self) -> float:
        """Seconds of audio fed so far."""
        return (self._next_start + self._pending_count) / self.settings.sample_rate

    @property
    def pending_samples(self) -> int:
        """Samples fed but not yet handed out in a chunk."""
        return self._pending_count

    @property
    def samples_emitted(self) -> int:
        """Samples handed out in chunks so far (the timeline position of the next chunk)."""
        return self._next_start

    def feed(self, block: np.ndarray) -> list[AudioChunk]:
        """Add mono float32 samples; returns the chunks that are now complete (often none)."""
        block = np.asarray(block, dtype=np.float32)
        if block.ndim != 1:
            raise ValueError(f"expected mono samples (1-D), got shape {block.shape}")
        if block.shape[0] == 0:
            return []
        limit = self.settings.max_chunk_samples
        if block.shape[0] > limit:
            # A whole file in one block: in chunk-sized pieces, the rest is not copied once per cut.
            return self.feed_all(block[start : start + limit] for start in range(0, block.shape[0], limit))
        if not self._heard_sound:
            self._heard_sound = rms(block) >= self.settings.silence_rms
        self._pending.append(block)
        self._pending_count += block.shape[0]
        chunks: list[AudioChunk] = []
        while self._pending_count >= self.settings.max_chunk_samples:
            buffer = self._take_pending()
            cut = quietest_cut(buffer, self.settings)
            chunks.append(self._emit(buffer[:cut]))
            self._pending = [buffer[cut:].copy()]
            self._pending_count = buffer.shape[0] - cut
        return chunks

    def feed_all(self, blocks: Iterable[np.ndarray]) -> list[AudioChunk]:
        """Feed several blocks; returns every chunk they complete."""
        chunks: list[AudioChunk] = []
        for block in blocks:
            chunks.extend(self.feed(block))
        return chunks

    def flush(self) -> list[AudioChunk]:
        """On Stop: hand out what is left as a final chunk (nothing if nothing is left)."""
        if self._pending_count == 0:
            return []
        buffer = self._take_pending()
        self._pending = []
        self._pending_count = 0
        return [self._emit(buffer)]

    def _take_pending(self) -> np.ndarray:
        if len(self._pending) == 1:
            return self._pending[0]
        return np.concatenate(self._pending)

    def _emit(self, samples: np.ndarray) -> AudioChunk:
        chunk = AudioChunk(
            index=self._next_index,
            start_sample=self._next_start,
            # A copy: a view would keep the whole buffer it was cut from alive as long as the chunk.
            samples=np.array(samples, dtype=np.float32, copy=True),
            is_silence=rms(samples) < self.settings.silence_rms,
            sample_rate=self.settings.sample_rate,
        )
        self._next_index += 1
        self._next_start += chunk.sample_count
        return chunk


def chunk_audio(samples: np.ndarray, settings: ChunkingSettings | None = None) -> list[AudioChunk]:
    """Cut a whole recording at once (an imported file) exactly as the live chunker would."""
    chunker = SpeechChunker(settings)
    return chunker.feed(samples) + chunker.flush()


def silence_rms_for_dbfs(dbfs: float) -> float:
    """A level in dBFS (the settings' silence threshold) as the RMS amplitude the chunker compares."""
    return float(10.0 ** (dbfs / 20.0))
