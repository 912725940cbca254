from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.speech.chunker import (
    AudioChunk,
    ChunkingSettings,
    SpeechChunker,
    chunk_audio,
    quietest_cut,
)

# Small numbers keep hypothesis fast; the same code runs at 16 kHz / 30 s below.
SMALL = ChunkingSettings(sample_rate=1000, max_chunk_s=3.0, search_s=0.5, quiet_window_s=0.02)


def random_speechlike(seed: int, length: int, loudness: float) -> np.ndarray:
    """Noise switched on and off in random stretches, like words and gaps."""
    rng = np.random.default_rng(seed)
    signal = rng.normal(0.0, loudness, length).astype(np.float32)
    envelope = np.repeat(rng.random(length // 50 + 1) < 0.7, 50)[:length]
    return signal * envelope.astype(np.float32)


def feed_in_blocks(
    chunker: SpeechChunker, signal: np.ndarray, sizes: list[int]
) -> list[AudioChunk]:
    chunks: list[AudioChunk] = []
    position, turn = 0, 0
    while position < signal.shape[0]:
        size = sizes[turn % len(sizes)]
        chunks += chunker.feed(signal[position : position + size])
        position += size
        turn += 1
    return chunks + chunker.flush()


def check_chunk_invariants(
    chunks: list[AudioChunk], signal: np.ndarray, config: ChunkingSettings
) -> None:
    joined = np.concatenate([c.samples for c in chunks]) if chunks else np.zeros(0, np.float32)
    assert np.array_equal(joined, signal), "a sample was lost, duplicated or changed"
    limit, search = config.max_chunk_samples, config.search_samples
    expected_start = 0
    for number, chunk in enumerate(chunks):
        assert chunk.index == number
        assert chunk.start_sample == expected_start
        assert chunk.samples.dtype == np.float32
        assert 0 < chunk.sample_count <= limit
        if number < len(chunks) - 1:
            assert limit - search <= chunk.sample_count <= limit, "cut outside the search window"
        samples = chunk.samples.astype(np.float64)
        expected_silence = np.sqrt(np.mean(samples * samples)) < config.silence_rms
        assert chunk.is_silence == expected_silence
        expected_start += chunk.sample_count
    if signal.shape[0] > limit:
        assert len(chunks) >= 2


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    length=st.integers(0, 14_000),
    sizes=st.lists(st.integers(1, 4_000), min_size=1, max_size=12),
    loudness=st.sampled_from([0.0, 0.001, 0.004, 0.3]),
)
def test_chunks_rebuild_the_input_exactly_whatever_the_block_sizes(
    seed: int, length: int, sizes: list[int], loudness: float
) -> None:
    signal = random_speechlike(seed, length, loudness)
    chunks = feed_in_blocks(SpeechChunker(SMALL), signal, sizes)
    check_chunk_invariants(chunks, signal, SMALL)
    # Streaming gives the same cuts as chunking the whole recording at once.
    whole = chunk_audio(signal, SMALL)
    assert [c.start_sample for c in chunks] == [c.start_sample for c in whole]


@settings(max_examples=8, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    seconds=st.floats(0.5, 95.0),
    sizes=st.lists(st.integers(160, 48_000), min_size=1, max_size=6),
)
def test_default_settings_keep_every_sample_in_30_second_chunks(
    seed: int, seconds: float, sizes: list[int]
) -> None:
    config = ChunkingSettings()
    signal = random_speechlike(seed, int(seconds * 16_000), 0.2)
    chunks = feed_in_blocks(SpeechChunker(config), signal, sizes)
    check_chunk_invariants(chunks, signal, config)
    assert all(c.duration_s <= 30.0 for c in chunks)
    assert all(28.0 <= c.duration_s for c in chunks[:-1])


@settings(max_examples=100, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    gap_offset=st.integers(0, 500 - 60),
    gap_length=st.integers(40, 60),
)
def test_cut_falls_in_the_quiet_gap_of_the_search_window(
    seed: int, gap_offset: int, gap_length: int
) -> None:
    rng = np.random.default_rng(seed)
    signal = rng.normal(0.0, 0.3, 3_500).astype(np.float32)
    gap_start = 2_500 + gap_offset
    signal[gap_start : gap_start + gap_length] = rng.normal(0.0, 1e-5, gap_length)
    cut = quietest_cut(signal, SMALL)
    assert gap_start + 10 <= cut <= gap_start + gap_length - 10
    assert abs(cut - (gap_start + gap_length // 2)) <= 1


def test_a_sentence_pause_wins_over_an_equally_quiet_word_gap() -> None:
    config = ChunkingSettings()
    rng = np.random.default_rng(7)
    signal = rng.normal(0.0, 0.2, 31 * 16_000).astype(np.float32)
    word_gap = slice(int(29.5 * 16_000), int(29.55 * 16_000))
    pause = slice(int(28.2 * 16_000), int(28.9 * 16_000))
    signal[word_gap] = 0.0
    signal[pause] = 0.0
    cut = quietest_cut(signal, config)
    assert pause.start < cut < pause.stop
    assert abs(cut / 16_000 - 28.55) < 0.02


def test_silent_chunks_are_marked_and_still_advance_the_timeline() -> None:
    config = ChunkingSettings()
    rng = np.random.default_rng(3)
    room = rng.normal(0.0, 0.001, 40 * 16_000).astype(np.float32)
    speech = rng.normal(0.0, 0.1, 20 * 16_000).astype(np.float32)
    chunks = chunk_audio(np.concatenate([room, speech]), config)
    assert [c.is_silence for c in chunks] == [True, False, False]
    assert chunks[1].start_sample == chunks[0].sample_count
    assert chunks[2].end_sample == 60 * 16_000


def test_flush_emits_the_tail_once_and_nothing_after() -> None:
    chunker = SpeechChunker(SMALL)
    assert chunker.feed(np.ones(1_200, np.float32)) == []
    assert chunker.pending_samples == 1_200
    [tail] = chunker.flush()
    assert (tail.index, tail.start_sample, tail.sample_count) == (0, 0, 1_200)
    assert chunker.flush() == []
    [after] = chunker.feed(np.ones(10, np.float32)) + chunker.flush()
    assert (after.index, after.start_sample) == (1, 1_200)


def test_time_helpers() -> None:
    chunk = AudioChunk(
        index=2, start_sample=480_000, samples=np.zeros(8_000, np.float32), is_silence=True
    )
    assert (chunk.start_s, chunk.end_s, chunk.duration_s) == (30.0, 30.5, 0.5)
    assert chunk.end_sample == 488_000


def test_feeding_stereo_is_refused() -> None:
    with pytest.raises(ValueError, match="mono"):
        SpeechChunker().feed(np.zeros((10, 2), np.float32))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_chunk_s": 1.0, "search_s": 2.0},
        {"quiet_window_s": 0.00001},
        {"silence_rms": -1.0},
        {"sample_rate": 0},
    ],
)
def test_impossible_settings_are_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        ChunkingSettings(**kwargs)


def test_chunks_own_their_samples_and_a_whole_file_is_cut_without_copying_the_rest_each_time():
    recording = np.random.default_rng(3).uniform(-0.5, 0.5, 16_000 * 600).astype(np.float32)
    chunks = chunk_audio(recording)
    assert all(chunk.samples.base is None for chunk in chunks), "a chunk is a view into a larger buffer"
    assert np.array_equal(np.concatenate([chunk.samples for chunk in chunks]), recording)


def test_the_chunker_tells_whether_any_block_was_louder_than_its_silence_level() -> None:
    chunker = SpeechChunker(ChunkingSettings(silence_rms=0.005))
    hiss = np.random.default_rng(3).standard_normal(16_000).astype(np.float32) * 1e-3  # -60 dBFS
    chunker.feed(hiss)
    chunker.feed(np.zeros(8_000, dtype=np.float32))
    assert not chunker.heard_sound
    assert chunker.fed_s == pytest.approx(1.5)
    chunker.feed(hiss * 20)  # -34 dBFS: someone speaking softly
    assert chunker.heard_sound
