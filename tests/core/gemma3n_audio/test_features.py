from __future__ import annotations

import numpy as np
import pytest

from app.core.gemma3n_audio import AudioClipError, log_mel_features
from tests.core.gemma3n_audio.random_weights import noise_clip


def test_thirty_seconds_make_2997_frames_of_128_mel_bins() -> None:
    features = log_mel_features(noise_clip(30))

    assert features.frames.shape == (2997, 128)
    assert features.frames.dtype == np.float32
    assert features.mask.shape == (2997,) and features.mask.dtype == bool


def test_a_clip_longer_than_thirty_seconds_is_cut_to_thirty() -> None:
    clip = noise_clip(31)

    longer, thirty = log_mel_features(clip), log_mel_features(clip[: 30 * 16_000])

    np.testing.assert_array_equal(longer.frames, thirty.frames)


def test_every_frame_of_one_clip_starts_inside_it_so_none_is_masked() -> None:
    # Padding to a multiple of 128 samples is shorter than a frame, so no frame starts in it.
    features = log_mel_features(noise_clip(5.5))

    assert features.mask.all()


def test_silence_sits_at_the_log_floor() -> None:
    features = log_mel_features(np.zeros(16_000, dtype=np.float32))

    np.testing.assert_allclose(features.frames, np.log(1e-5), rtol=1e-6)


@pytest.mark.parametrize(
    ("samples", "message"),
    [
        (np.zeros((100, 2), dtype=np.float32), "1-D"),
        (np.zeros(16_000, dtype=np.int16), "float"),
        (np.full(16_000, np.nan, dtype=np.float32), "non-finite"),
        (np.zeros(300, dtype=np.float32), "too short"),
    ],
)
def test_unusable_samples_raise_a_clip_error(samples: np.ndarray, message: str) -> None:
    with pytest.raises(AudioClipError, match=message):
        log_mel_features(samples)


@pytest.mark.parametrize("seconds", [1.0, 5.5, 12.0, 30.0, 31.0])
def test_features_match_transformers_extractor(seconds: float) -> None:
    transformers = pytest.importorskip("transformers")
    clip = noise_clip(seconds)

    expected = transformers.Gemma3nAudioFeatureExtractor()(clip, return_tensors="np")
    ours = log_mel_features(clip)

    np.testing.assert_allclose(ours.frames, expected["input_features"][0], rtol=0, atol=1e-4)
    np.testing.assert_array_equal(ours.mask, expected["input_features_mask"][0])
