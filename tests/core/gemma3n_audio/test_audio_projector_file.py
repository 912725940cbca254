"""Our audio projector writer and reader: header, round trip, storage types, bad files."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np
import pytest
from gguf import GGMLQuantizationType, GGUFValueType

from app.core.gemma3n_audio import (
    AudioProjectorError,
    AudioWeightsError,
    read_audio_encoder_shape,
    write_audio_projector,
)
from app.core.gemma3n_audio.names import gguf_name
from app.core.gemma3n_audio.weights import AudioProjectorWeights
from app.core.gemma3n_audio.writer import bfloat16_to_float32
from app.core.models.projector_file import inspect_projector
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE
from tests.gguf_factory import write_tiny_gguf
from tests.projector_factory import write_gemma3nv_projector


def _field(reader: gguf.GGUFReader, key: str) -> tuple[object, GGUFValueType]:
    field = reader.get_field(key)
    assert field is not None, key
    return field.contents(), field.types[0]


def test_header_says_audio_only_gemma3na_with_typed_keys(tiny_projector: Path) -> None:
    reader = gguf.GGUFReader(tiny_projector)
    expected = {
        "general.architecture": ("clip", GGUFValueType.STRING),
        "general.type": ("mmproj", GGUFValueType.STRING),
        "clip.has_vision_encoder": (False, GGUFValueType.BOOL),
        "clip.has_audio_encoder": (True, GGUFValueType.BOOL),
        "clip.audio.projector_type": ("gemma3na", GGUFValueType.STRING),
        "clip.audio.embedding_length": (64, GGUFValueType.UINT32),
        "clip.audio.feed_forward_length": (256, GGUFValueType.UINT32),
        "clip.audio.block_count": (2, GGUFValueType.UINT32),
        "clip.audio.attention.head_count": (4, GGUFValueType.UINT32),
        "clip.audio.projection_dim": (48, GGUFValueType.UINT32),
        "clip.audio.num_mel_bins": (128, GGUFValueType.UINT32),
    }
    for key, value in expected.items():
        assert _field(reader, key) == value, key
    eps, eps_type = _field(reader, "clip.audio.attention.layer_norm_epsilon")
    assert eps_type == GGUFValueType.FLOAT32 and eps == pytest.approx(1e-5)
    assert next(iter(reader.fields)) == "GGUF.version"
    assert list(reader.fields)[3] == "general.architecture"  # first key: the app's quick check


def test_the_app_projector_check_sees_an_audio_encoder_libmtmd_skips(tiny_projector: Path) -> None:
    info = inspect_projector(tiny_projector)

    assert (info.has_vision, info.has_audio, info.audio_projector_type) == (False, True, "gemma3na")
    assert info.projection_dim == 48
    assert not info.runs_audio


def test_reader_gives_back_every_tensor_written(
    tiny_projector: Path, tiny_weights: dict[str, np.ndarray]
) -> None:
    with AudioProjectorWeights(tiny_projector) as weights:
        assert weights.shape == TINY_SHAPE
        scratch = np.empty(weights.largest_matrix_size(), dtype=np.float32)
        for name, array in tiny_weights.items():
            target = gguf_name(name)
            read = weights.small(target) if array.ndim != 2 else weights.matrix(target, out=scratch)
            assert read.dtype == np.float32
            np.testing.assert_array_equal(read, array, err_msg=target)


@pytest.mark.parametrize("matrix_type", [GGMLQuantizationType.Q8_0, GGMLQuantizationType.BF16])
def test_quantized_matrices_read_back_as_ggufs_own_dequantization(
    tmp_path: Path, tiny_weights: dict[str, np.ndarray], matrix_type: GGMLQuantizationType
) -> None:
    path = write_audio_projector(tmp_path / "mmproj.gguf", tiny_weights, matrix_type=matrix_type)
    reader = gguf.GGUFReader(path)
    types = {t.name: t.tensor_type for t in reader.tensors}
    assert types["a.blk.0.ffn_up.weight"] == matrix_type
    assert types["a.pre_encode.out.weight"] == GGMLQuantizationType.F16  # forced, as the converter

    original = tiny_weights["model.audio_tower.conformer.1.attention.attn.q_proj.weight"]
    expected = gguf.quants.dequantize(gguf.quants.quantize(original, matrix_type), matrix_type)
    with AudioProjectorWeights(path) as weights:
        read = weights.matrix("a.blk.1.attn_q.weight", out=np.empty(0, dtype=np.float32))
    np.testing.assert_array_equal(read, expected)
    assert not np.array_equal(read, original)  # it really went through the quantized form


def test_writer_names_what_is_missing(tiny_weights: dict[str, np.ndarray], tmp_path: Path) -> None:
    incomplete = dict(tiny_weights)
    del incomplete["model.audio_tower.conformer.1.lconv1d.depthwise_conv1d.weight"]

    with pytest.raises(AudioWeightsError, match=r"a\.blk\.1\.conv_dw\.weight"):
        write_audio_projector(tmp_path / "mmproj.gguf", incomplete)


def test_writer_ignores_vision_and_text_tensors(tiny_weights: dict[str, np.ndarray], tmp_path: Path) -> None:
    everything = {**tiny_weights, "model.language_model.embed_tokens.weight": np.zeros((4, 4), np.float32),
                  "model.embed_vision.embedding.weight": np.zeros((4, 4), np.float32)}

    path = write_audio_projector(tmp_path / "mmproj.gguf", everything)

    assert len(gguf.GGUFReader(path).tensors) == 22 * 2 + 9


def test_a_vision_only_gemma3n_projector_is_refused_by_name(tmp_path: Path) -> None:
    path = write_gemma3nv_projector(tmp_path / "mmproj-F16.gguf")

    with pytest.raises(AudioProjectorError, match=r"mmproj-F16\.gguf has no audio encoder"):
        read_audio_encoder_shape(path)


def test_a_language_model_is_refused(tmp_path: Path) -> None:
    path = write_tiny_gguf(tmp_path / "model.gguf", "gemma3n", with_tokenizer=False)

    with pytest.raises(AudioProjectorError, match="model.gguf"):
        read_audio_encoder_shape(path)


@pytest.mark.parametrize("content", [b"", b"GGUF\x03\x00\x00\x00garbage", b"not a gguf at all" * 10])
def test_junk_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.gguf"
    path.write_bytes(content)

    with pytest.raises(AudioProjectorError, match="junk.gguf"):
        read_audio_encoder_shape(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AudioProjectorError, match="absent.gguf"):
        read_audio_encoder_shape(tmp_path / "absent.gguf")


def test_a_tensor_of_the_wrong_shape_is_named(tiny_weights: dict[str, np.ndarray], tmp_path: Path) -> None:
    wrong = dict(tiny_weights)
    wrong["model.audio_tower.conformer.1.attention.attn.per_dim_scale"] = np.ones(8, np.float32)

    path = write_audio_projector(tmp_path / "mmproj.gguf", wrong)

    with pytest.raises(AudioProjectorError, match=r"a\.blk\.1\.per_dim_scale has shape \(8,\)"):
        read_audio_encoder_shape(path)


def test_bfloat16_bits_become_the_same_float32() -> None:
    values = np.array([0.0, -0.0, 1.0, -2.5, 3.140625, 2.0**-100, -65536.0], dtype=np.float32)
    bits = (values.view(np.uint32) >> 16).astype(np.uint16)  # these values are exact in bfloat16

    np.testing.assert_array_equal(bfloat16_to_float32(bits), values)


def test_a_truncated_download_is_refused(tiny_projector: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "mmproj-partial.gguf"
    truncated.write_bytes(tiny_projector.read_bytes()[:-5000])

    with pytest.raises(AudioProjectorError, match="mmproj-partial.gguf"):
        read_audio_encoder_shape(truncated)
