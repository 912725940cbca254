"""Our numpy Gemma 3n audio path against transformers' own, on a tiny random Gemma 3n.

Skipped where torch or transformers are not installed (test-only dependencies:
`pip install torch==2.13.0 transformers`; never timm, which swaps torch for a CUDA build).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from app.core.gemma3n_audio import (  # noqa: E402
    AudioEncoderSettings,
    Gemma3nAudioEncoder,
    log_mel_features,
    write_audio_projector,
)
from tests.core.gemma3n_audio.random_weights import noise_clip  # noqa: E402
from tests.core.gemma3n_audio.tiny_gemma3n import (  # noqa: E402
    ReferenceOutput,
    audio_weights,
    reference_embeddings,
    tiny_model,
)

DURATIONS = [1.0, 5.5, 12.0, 30.0, 31.0]


def clip_of(seconds: float) -> np.ndarray:
    return noise_clip(seconds, seed=int(seconds * 10))


def assert_close_relative(ours: np.ndarray, theirs: np.ndarray, tolerance: float = 1e-4) -> None:
    """Every element within `tolerance` of the reference's largest magnitude."""
    scale = float(np.abs(theirs).max())
    worst = float(np.abs(ours - theirs).max())
    assert worst <= tolerance * scale, f"max difference {worst:.3g} is {worst / scale:.3g} of {scale:.3g}"


@pytest.fixture(scope="module")
def model():
    return tiny_model(seed=0)


@pytest.fixture(scope="module")
def encoder(model, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gemma3nAudioEncoder]:
    folder = tmp_path_factory.mktemp("parity")
    path = write_audio_projector(folder / "mmproj-audio.gguf", audio_weights(model))
    with Gemma3nAudioEncoder.from_gguf(path) as opened:
        yield opened


@pytest.fixture(scope="module")
def references(model) -> dict[float, ReferenceOutput]:
    return {seconds: reference_embeddings(model, clip_of(seconds)) for seconds in DURATIONS}


@pytest.mark.parametrize("seconds", DURATIONS)
def test_mel_features_and_mask_match(references: dict[float, ReferenceOutput], seconds: float) -> None:
    ours = log_mel_features(clip_of(seconds))

    np.testing.assert_allclose(ours.frames, references[seconds].features, rtol=0, atol=1e-4)
    np.testing.assert_array_equal(ours.mask, references[seconds].mask)


@pytest.mark.parametrize("seconds", DURATIONS)
def test_the_188_embeddings_the_language_model_gets_match(
    encoder: Gemma3nAudioEncoder, references: dict[float, ReferenceOutput], seconds: float
) -> None:
    ours = encoder.encode_clip(clip_of(seconds))

    assert ours.shape == references[seconds].soft_tokens.shape == (188, 48)
    assert_close_relative(ours, references[seconds].soft_tokens)


def test_end_of_audio_embedding_matches(
    encoder: Gemma3nAudioEncoder, references: dict[float, ReferenceOutput]
) -> None:
    assert_close_relative(encoder.end_of_audio_embedding(), references[1.0].end_of_audio)


def test_other_attention_settings_follow_the_config(tmp_path: Path) -> None:
    # A different chunk, left and right context, cap and reduction: nothing is hard-coded.
    overrides = dict(conf_attention_chunk_size=8, conf_attention_context_left=5,
                     conf_attention_context_right=2, conf_attention_logit_cap=3.0,
                     conf_reduction_factor=2, conf_conv_kernel_size=3)
    other = tiny_model(seed=3, **overrides)
    settings = AudioEncoderSettings(
        attention_chunk_size=8, attention_context_left=5, attention_context_right=2,
        attention_logit_cap=3.0, reduction_factor=2,
    )
    clip = noise_clip(7.0, seed=3)  # 7 s: 349 frames after the convolutions, 175 after ÷2
    reference = reference_embeddings(other, clip)
    path = write_audio_projector(tmp_path / "mmproj-audio.gguf", audio_weights(other))

    with Gemma3nAudioEncoder.from_gguf(path, settings=settings) as encoder:
        ours = encoder.encode_clip(clip)
    with Gemma3nAudioEncoder.from_gguf(path) as default_encoder:
        with_defaults = default_encoder.encode_clip(clip)

    assert_close_relative(ours, reference.soft_tokens)
    assert not np.allclose(with_defaults, reference.soft_tokens, atol=1e-2)
