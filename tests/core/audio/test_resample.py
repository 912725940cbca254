from __future__ import annotations

import math

import numpy as np
import pytest

from app.core.audio.resample import StreamingResampler, resample, to_16k_mono, to_mono


def sine(rate: int, seconds: float, frequency: float, amplitude: float = 1.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (amplitude * np.sin(2 * np.pi * frequency * t)).astype(np.float32)


def dominant_frequency(samples: np.ndarray, rate: int) -> float:
    windowed = samples * np.hanning(samples.shape[0])
    spectrum = np.abs(np.fft.rfft(windowed, n=8 * samples.shape[0]))
    return float(np.argmax(spectrum)) * rate / (8 * samples.shape[0])


def level_db(samples: np.ndarray) -> float:
    """RMS relative to a full-scale sine."""
    return 20 * math.log10(
        max(float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))), 1e-12) / math.sqrt(0.5)
    )


@pytest.mark.parametrize("rate", [44_100, 48_000, 8_000, 22_050])
@pytest.mark.parametrize("frequency", [440.0, 3_000.0])
def test_a_sine_keeps_its_frequency_amplitude_and_length(rate: int, frequency: float) -> None:
    source = sine(rate, 2.0, frequency)
    result = resample(source, rate)
    assert result.dtype == np.float32
    assert result.shape[0] == math.ceil(source.shape[0] * 16_000 / rate)
    middle = result[1_000:-1_000]  # the ends fade against the silence beyond the recording
    assert dominant_frequency(middle, 16_000) == pytest.approx(frequency, abs=0.5)
    assert np.max(np.abs(middle)) == pytest.approx(1.0, abs=0.01)
    t = (np.arange(result.shape[0]) / 16_000)[1_000:-1_000]
    assert np.max(np.abs(middle - np.sin(2 * np.pi * frequency * t))) < 1e-3, "phase or shape moved"


@pytest.mark.parametrize("rate", [44_100, 48_000, 22_050])
def test_speech_band_passes_and_tones_above_8_khz_do_not_fold_back(rate: int) -> None:
    assert abs(level_db(resample(sine(rate, 1.0, 7_000.0), rate)[500:-500])) < 0.2
    for frequency in (8_500.0, 10_000.0, 0.45 * rate):
        aliased = resample(sine(rate, 1.0, frequency), rate)[500:-500]
        assert level_db(aliased) < -80.0, f"{frequency} Hz folded back"


@pytest.mark.parametrize("rate", [44_100, 8_000, 11_025, 96_000])
def test_streaming_in_random_blocks_matches_resampling_at_once(rate: int) -> None:
    rng = np.random.default_rng(rate)
    source = rng.normal(0.0, 0.3, rate * 3).astype(np.float32)
    resampler = StreamingResampler(rate)
    pieces, position = [], 0
    while position < source.shape[0]:
        size = int(rng.integers(1, 5_000))
        pieces.append(resampler.process(source[position : position + size]))
        position += size
    pieces.append(resampler.flush())
    streamed = np.concatenate(pieces)
    # The same up to float32 rounding (BLAS may sum in another order for other block sizes).
    np.testing.assert_allclose(streamed, resample(source, rate), rtol=0, atol=1e-6)


def test_the_resampler_can_be_reused_after_flush() -> None:
    resampler = StreamingResampler(48_000)
    source = sine(48_000, 0.5, 1_000.0)
    first = np.concatenate([resampler.process(source), resampler.flush()])
    second = np.concatenate([resampler.process(source), resampler.flush()])
    assert np.array_equal(first, second)


def test_16_khz_passes_through_unchanged() -> None:
    source = np.random.default_rng(1).normal(size=1_234).astype(np.float32)
    assert np.array_equal(resample(source, 16_000), source)


def test_channels_are_averaged() -> None:
    stereo = np.stack([np.full(4, 0.5), np.full(4, -0.1)], axis=1).astype(np.float32)
    assert np.allclose(to_mono(stereo), 0.2)
    assert to_mono(stereo[:, :1]).shape == (4,)
    left_only = np.stack([sine(48_000, 1.0, 1_000.0), np.zeros(48_000, np.float32)], axis=1)
    mono_16k = to_16k_mono(left_only, 48_000)
    assert mono_16k.shape == (16_000,)
    assert np.max(np.abs(mono_16k[500:-500])) == pytest.approx(0.5, abs=0.01)


def test_empty_input_gives_empty_output() -> None:
    assert resample(np.zeros(0, np.float32), 44_100).shape == (0,)


def test_bad_rates_and_shapes_are_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        StreamingResampler(0)
    with pytest.raises(ValueError, match="mono"):
        StreamingResampler(8_000).process(np.zeros((4, 2), np.float32))
    with pytest.raises(ValueError, match="channels"):
        to_mono(np.zeros((2, 2, 2), np.float32))
