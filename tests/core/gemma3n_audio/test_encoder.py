"""The numpy encoder on random weights: shapes, padding, dtype, and where clips differ.
(Agreement with transformers' numbers is in test_parity.py.)"""

from __future__ import annotations

import numpy as np
import pytest

from app.core.gemma3n_audio import AudioClipError, Gemma3nAudioEncoder, log_mel_features
from tests.core.gemma3n_audio.random_weights import noise_clip


def test_a_clip_becomes_188_float32_embeddings_of_the_text_width(tiny_encoder: Gemma3nAudioEncoder) -> None:
    embeddings = tiny_encoder.encode_clip(noise_clip(12))

    assert embeddings.shape == (188, 48) == (tiny_encoder.tokens_per_clip, tiny_encoder.text_width)
    assert embeddings.dtype == np.float32
    assert np.isfinite(embeddings).all()


@pytest.mark.parametrize(("seconds", "audio_tokens"), [(1.0, 7), (5.5, 35), (12.0, 75), (30.0, 188)])
def test_slots_after_the_clip_hold_the_padding_embedding(
    tiny_encoder: Gemma3nAudioEncoder, seconds: float, audio_tokens: int
) -> None:
    # 6.25 tokens a second: mel frames ÷ 4 (convolutions) ÷ 4 (reduction), rounded up.
    embeddings = tiny_encoder.encode_clip(noise_clip(seconds))
    padding = tiny_encoder.padding_embedding()

    is_padding = np.all(embeddings == padding, axis=1)
    assert not is_padding[:audio_tokens].any()
    assert is_padding[audio_tokens:].all()


def test_the_encoder_keeps_float32_throughout(tiny_encoder: Gemma3nAudioEncoder) -> None:
    # A float64 intermediate (an int64 divisor, a numpy float64 scalar) would flow to the end.
    features = log_mel_features(noise_clip(2))

    encoded = tiny_encoder._tower.encode(features.frames, features.mask)

    assert encoded.frames.dtype == np.float32


def test_end_of_audio_differs_from_padding_and_has_unit_rms(tiny_encoder: Gemma3nAudioEncoder) -> None:
    end_of_audio = tiny_encoder.end_of_audio_embedding()

    assert end_of_audio.shape == (48,) and end_of_audio.dtype == np.float32
    assert not np.allclose(end_of_audio, tiny_encoder.padding_embedding())
    # The projection's final norm has no scale: every embedding has RMS 1.
    assert np.sqrt(np.mean(end_of_audio.astype(np.float64) ** 2)) == pytest.approx(1.0, abs=1e-4)


def test_a_later_sound_does_not_change_earlier_embeddings(tiny_encoder: Gemma3nAudioEncoder) -> None:
    # Time padding, cumulative norms and attention all look backwards (the subsampling convs
    # see 2 frames ahead), so a change at 10 s leaves the first seconds' tokens alone.
    clip = noise_clip(12)
    changed = clip.copy()
    changed[10 * 16_000 :] += 0.3 * noise_clip(2, seed=7)

    before, after = tiny_encoder.encode_clip(clip), tiny_encoder.encode_clip(changed)

    np.testing.assert_array_equal(before[:60], after[:60])
    assert not np.allclose(before[62:75], after[62:75])


def test_the_same_clip_gives_the_same_embeddings_twice(tiny_encoder: Gemma3nAudioEncoder) -> None:
    clip = noise_clip(3)

    np.testing.assert_array_equal(tiny_encoder.encode_clip(clip), tiny_encoder.encode_clip(clip))


def test_a_clip_longer_than_thirty_seconds_encodes_as_its_first_thirty(
    tiny_encoder: Gemma3nAudioEncoder,
) -> None:
    clip = noise_clip(31)

    np.testing.assert_array_equal(tiny_encoder.encode_clip(clip), tiny_encoder.encode_clip(clip[:480_000]))


def test_a_clip_too_short_for_one_frame_raises(tiny_encoder: Gemma3nAudioEncoder) -> None:
    with pytest.raises(AudioClipError):
        tiny_encoder.encode_clip(np.zeros(200, dtype=np.float32))


def test_work_split_over_threads_matches_one_thread(tiny_projector, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.gemma3n_audio import parallel

    clip = noise_clip(4)
    with Gemma3nAudioEncoder.from_gguf(tiny_projector, threads=1) as single:
        expected = single.encode_clip(clip)
    # Small enough pieces that the tiny model's matmuls and activations are split too.
    monkeypatch.setattr(parallel, "_MIN_ELEMENTS_PER_THREAD", 1024)
    monkeypatch.setattr(parallel, "_MIN_COLUMNS_PER_THREAD", 4)
    with Gemma3nAudioEncoder.from_gguf(tiny_projector, threads=3) as several:
        split = several.encode_clip(clip)

    # Column blocks may round differently inside BLAS; nothing else may differ.
    np.testing.assert_allclose(split, expected, rtol=0, atol=1e-5)


def test_encoding_leaves_blas_with_the_threads_it_had(tiny_encoder: Gemma3nAudioEncoder) -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")

    def blas_threads() -> list[int]:
        return [info["num_threads"] for info in threadpoolctl.threadpool_info() if info["user_api"] == "blas"]

    before = blas_threads()
    tiny_encoder.encode_clip(noise_clip(2))

    assert blas_threads() == before


def test_without_threadpoolctl_blas_keeps_its_threads_and_results_agree(
    tiny_projector, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.gemma3n_audio import parallel

    clip = noise_clip(3)
    with Gemma3nAudioEncoder.from_gguf(tiny_projector) as encoder:
        expected = encoder.encode_clip(clip)
    monkeypatch.setattr(parallel, "ThreadpoolController", None)
    monkeypatch.setattr(parallel, "_blas_controller", None)
    with Gemma3nAudioEncoder.from_gguf(tiny_projector) as encoder:
        np.testing.assert_allclose(encoder.encode_clip(clip), expected, rtol=0, atol=1e-5)
