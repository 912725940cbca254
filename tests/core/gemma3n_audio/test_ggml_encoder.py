"""The ggml encoder (llama-cpp-python's own ggml, CPU backend here) against the numpy one,
which stays the reference; and the choice between them, with its fallback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from app.core.gemma3n_audio import AudioClipError, Gemma3nAudioEncoder, log_mel_features
from app.core.gemma3n_audio import choice as encoder_choice
from app.core.gemma3n_audio import ggml_api
from app.core.gemma3n_audio.ggml_api import GgmlUnavailable, load_ggml
from app.core.gemma3n_audio.ggml_encoder import GgmlAudioEncoder
from app.core.storage.settings_rules import SettingsError, validate_value
from tests.core.gemma3n_audio.random_weights import noise_clip

TOLERANCE = 2e-3  # max |ggml − numpy| / max |numpy|: ggml's CPU matmuls round activations to F16


@pytest.fixture(scope="module")
def ggml_cpu_encoder(tiny_projector: Path) -> Iterator[GgmlAudioEncoder]:
    with GgmlAudioEncoder.from_gguf(tiny_projector, device="cpu", threads=2) as encoder:
        yield encoder


@pytest.fixture
def fresh_bindings() -> Iterator[None]:
    load_ggml.cache_clear()
    yield
    load_ggml.cache_clear()


def relative_difference(ours: np.ndarray, reference: np.ndarray) -> float:
    return float(np.abs(ours - reference).max() / np.abs(reference).max())


@pytest.mark.parametrize("seconds", [0.04, 1.0, 5.5, 12.0, 30.0, 31.0])
def test_ggml_embeddings_match_numpy(tiny_encoder: Gemma3nAudioEncoder, ggml_cpu_encoder: GgmlAudioEncoder,
                                     seconds: float) -> None:
    clip = noise_clip(seconds)

    reference, ours = tiny_encoder.encode_clip(clip), ggml_cpu_encoder.encode_clip(clip)

    assert ours.shape == reference.shape == (188, 48) and ours.dtype == np.float32
    assert relative_difference(ours, reference) <= TOLERANCE
    # The same slots hold the clip and the padding.
    padding = ggml_cpu_encoder.padding_embedding()
    np.testing.assert_array_equal(np.all(ours == padding, axis=1), np.all(reference == padding, axis=1))


@pytest.mark.parametrize("clip", [np.zeros(100, np.float32), np.zeros((2, 16_000), np.float32),
                                  np.full(16_000, np.nan, np.float32)], ids=["too short", "stereo", "nan"])
def test_bad_clips_get_numpy_s_sentence(ggml_cpu_encoder: GgmlAudioEncoder, clip: np.ndarray) -> None:
    with pytest.raises(AudioClipError):
        ggml_cpu_encoder.encode_clip(clip)


def test_features_computed_elsewhere_give_the_same_embeddings(ggml_cpu_encoder: GgmlAudioEncoder) -> None:
    # encode_features starts from numpy's log-mel frames instead of the graph's own.
    clip = noise_clip(5.5)

    from_features = ggml_cpu_encoder.encode_features(log_mel_features(clip))

    assert relative_difference(from_features, ggml_cpu_encoder.encode_clip(clip)) <= TOLERANCE


def test_end_of_audio_and_padding_rows_are_numpy_s(tiny_encoder: Gemma3nAudioEncoder,
                                                   ggml_cpu_encoder: GgmlAudioEncoder) -> None:
    np.testing.assert_array_equal(ggml_cpu_encoder.end_of_audio_embedding(), tiny_encoder.end_of_audio_embedding())
    np.testing.assert_array_equal(ggml_cpu_encoder.padding_embedding(), tiny_encoder.padding_embedding())


def test_a_later_sound_leaves_earlier_ggml_embeddings_alone(ggml_cpu_encoder: GgmlAudioEncoder) -> None:
    clip = noise_clip(12)
    changed = clip.copy()
    changed[10 * 16_000 :] += 0.3 * noise_clip(2, seed=7)

    before, after = ggml_cpu_encoder.encode_clip(clip), ggml_cpu_encoder.encode_clip(changed)

    np.testing.assert_array_equal(before[:55], after[:55])
    assert not np.array_equal(before[62:75], after[62:75])


def test_cpu_setting_runs_ggml_on_the_cpu_backend(tiny_projector: Path) -> None:
    chosen = encoder_choice.open_audio_encoder(tiny_projector, "cpu")
    try:
        assert isinstance(chosen.encoder, GgmlAudioEncoder) and chosen.encoder.on_cpu
        assert chosen.runs_on.startswith("ggml on CPU") and chosen.fallback_reason is None
    finally:
        chosen.encoder.close()


def test_auto_follows_the_text_model() -> None:
    assert encoder_choice.ggml_device_for("auto", text_on_gpu=True) == "gpu"
    # On the CPU numpy is the faster of the two (see bench/results).
    assert encoder_choice.ggml_device_for("auto", text_on_gpu=False) is None
    assert encoder_choice.ggml_device_for("cpu", text_on_gpu=True) == "cpu"
    assert encoder_choice.ggml_device_for("gpu", text_on_gpu=False) == "gpu"


def test_auto_with_the_model_on_the_cpu_opens_numpy_without_a_complaint(tiny_projector: Path) -> None:
    chosen = encoder_choice.open_audio_encoder(tiny_projector, "auto", text_on_gpu=False)
    try:
        assert isinstance(chosen.encoder, Gemma3nAudioEncoder) and chosen.fallback_reason is None
    finally:
        chosen.encoder.close()


def test_a_gpu_asked_for_where_ggml_has_none_falls_back_to_numpy(tiny_projector: Path) -> None:
    if any(kind != ggml_api.DEVICE_CPU for _, kind, _ in load_ggml().devices()):
        pytest.skip("this llama-cpp-python has a GPU backend")

    chosen = encoder_choice.open_audio_encoder(tiny_projector, "gpu")
    try:
        assert isinstance(chosen.encoder, Gemma3nAudioEncoder)
        assert chosen.runs_on == "numpy on the CPU"
        assert "no GPU backend" in str(chosen.fallback_reason)
        assert chosen.encoder.encode_clip(noise_clip(1)).shape == (188, 48)
    finally:
        chosen.encoder.close()


def test_a_ggml_without_a_needed_function_falls_back_once_with_the_reason(
        tiny_projector: Path, fresh_bindings: None, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    # An older ggml lacks some op: the bindings look every function up when they load.
    signatures = dict(ggml_api._SIGNATURES, ggml_op_from_the_future=(None, []))
    monkeypatch.setattr(ggml_api, "_SIGNATURES", signatures)
    monkeypatch.setattr(encoder_choice, "_reasons_told", set())

    with caplog.at_level(logging.INFO, logger=encoder_choice.__name__):
        choices = [encoder_choice.open_audio_encoder(tiny_projector, "cpu") for _ in range(2)]
    try:
        assert all(isinstance(c.encoder, Gemma3nAudioEncoder) for c in choices)
        assert "ggml_op_from_the_future" in str(choices[0].fallback_reason)
        assert [r.getMessage() for r in caplog.records] == [str(choices[0].fallback_reason)]
    finally:
        for chosen in choices:
            chosen.encoder.close()


def test_libraries_that_are_not_there_raise_ggml_unavailable(tmp_path: Path, fresh_bindings: None) -> None:
    with pytest.raises(GgmlUnavailable, match="cannot load"):
        load_ggml(tmp_path)


@pytest.mark.parametrize("value", ["auto", "cpu", "gpu"])
def test_the_setting_takes_auto_cpu_gpu(value: str) -> None:
    assert validate_value("hardware", "audio_encoder_device", value) == value


def test_the_setting_refuses_other_devices() -> None:
    with pytest.raises(SettingsError, match="audio_encoder_device"):
        validate_value("hardware", "audio_encoder_device", "tpu")
