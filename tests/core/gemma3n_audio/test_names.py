"""Names, shapes and types of the exported audio tensors, checked against the table that
llama.cpp's converter follows (../shared/GEMMA_NOTES.md), written out here by hand."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np
import pytest
from gguf import GGMLQuantizationType

from app.core.gemma3n_audio import write_audio_projector
from app.core.gemma3n_audio.names import GEMMA3N_AUDIO_SHAPE, all_gguf_names, tensor_shapes

F32, F16 = GGMLQuantizationType.F32, GGMLQuantizationType.F16


def converter_table(d: int, ff: int, heads: int, c0: int, c1: int, text: int, blocks: int) -> dict:
    """GGUF name → (numpy shape, type, transformers name in Gemma3nModel)."""
    sscp = "audio_tower.subsample_conv_projection"
    table = {
        "a.conv1d.0.weight": ((c0, 1, 3, 3), F32, f"{sscp}.conv_0.conv.weight"),
        "a.conv1d.1.weight": ((c1, c0, 3, 3), F32, f"{sscp}.conv_1.conv.weight"),
        "a.conv1d.0.norm.weight": ((c0,), F32, f"{sscp}.conv_0.norm.weight"),
        "a.conv1d.1.norm.weight": ((c1,), F32, f"{sscp}.conv_1.norm.weight"),
        "a.pre_encode.out.weight": ((d, c1 * 32), F16, f"{sscp}.input_proj_linear.weight"),
        "mm.a.embedding.weight": ((128, d), F16, "embed_audio.embedding.weight"),
        "mm.a.input_projection.weight": ((text, d), F16, "embed_audio.embedding_projection.weight"),
        "mm.a.hard_emb_norm.weight": ((d,), F32, "embed_audio.hard_embedding_norm.weight"),
        "mm.a.soft_emb_norm.weight": ((d,), F32, "embed_audio.soft_embedding_norm.weight"),
    }
    for n in range(blocks):
        block = f"audio_tower.conformer.{n}"
        table |= {
            f"a.blk.{n}.ffn_up.weight": ((ff, d), F16, f"{block}.ffw_layer_start.ffw_layer_1.weight"),
            f"a.blk.{n}.ffn_down.weight": ((d, ff), F16, f"{block}.ffw_layer_start.ffw_layer_2.weight"),
            f"a.blk.{n}.ffn_up_1.weight": ((ff, d), F16, f"{block}.ffw_layer_end.ffw_layer_1.weight"),
            f"a.blk.{n}.ffn_down_1.weight": ((d, ff), F16, f"{block}.ffw_layer_end.ffw_layer_2.weight"),
            f"a.blk.{n}.attn_q.weight": ((d, d), F16, f"{block}.attention.attn.q_proj.weight"),
            f"a.blk.{n}.attn_k.weight": ((d, d), F16, f"{block}.attention.attn.k_proj.weight"),
            f"a.blk.{n}.attn_v.weight": ((d, d), F16, f"{block}.attention.attn.v_proj.weight"),
            f"a.blk.{n}.attn_out.weight": ((d, d), F16, f"{block}.attention.post.weight"),
            f"a.blk.{n}.linear_pos.weight": (
                (d, d), F16, f"{block}.attention.attn.relative_position_embedding.pos_proj.weight"),
            f"a.blk.{n}.per_dim_scale": ((d // heads,), F32, f"{block}.attention.attn.per_dim_scale"),
            f"a.blk.{n}.ln1.weight": ((d,), F32, f"{block}.attention.pre_attn_norm.weight"),
            f"a.blk.{n}.ln2.weight": ((d,), F32, f"{block}.attention.post_norm.weight"),
            f"a.blk.{n}.conv_pw1.weight": ((2 * d, d), F16, f"{block}.lconv1d.linear_start.weight"),
            f"a.blk.{n}.conv_pw2.weight": ((d, d), F16, f"{block}.lconv1d.linear_end.weight"),
            f"a.blk.{n}.conv_dw.weight": ((d, 1, 5), F32, f"{block}.lconv1d.depthwise_conv1d.weight"),
            f"a.blk.{n}.conv_norm.weight": ((d,), F32, f"{block}.lconv1d.pre_layer_norm.weight"),
            f"a.blk.{n}.norm_conv.weight": ((d,), F32, f"{block}.lconv1d.conv_norm.weight"),
            f"a.blk.{n}.layer_pre_norm.weight": ((d,), F32, f"{block}.norm.weight"),
            f"a.blk.{n}.ffn_norm.weight": ((d,), F32, f"{block}.ffw_layer_start.pre_layer_norm.weight"),
            f"a.blk.{n}.ffn_post_norm.weight": ((d,), F32, f"{block}.ffw_layer_start.post_layer_norm.weight"),
            f"a.blk.{n}.ffn_norm_1.weight": ((d,), F32, f"{block}.ffw_layer_end.pre_layer_norm.weight"),
            f"a.blk.{n}.ffn_post_norm_1.weight": ((d,), F32, f"{block}.ffw_layer_end.post_layer_norm.weight"),
        }
    return table


def test_the_real_encoder_has_22_tensors_a_block_and_273_in_all() -> None:
    shapes = tensor_shapes(GEMMA3N_AUDIO_SHAPE)
    table = converter_table(d=1536, ff=6144, heads=8, c0=128, c1=32, text=2048, blocks=12)

    assert len(shapes) == len(all_gguf_names(12)) == 273
    assert {name: shape for name, (shape, _, _) in table.items()} == shapes
    assert sum(name.startswith("a.blk.0.") for name in shapes) == 22


def test_tiny_transformers_model_exports_as_the_converter_would(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from tests.core.gemma3n_audio.tiny_gemma3n import audio_weights, tiny_model

    weights = audio_weights(tiny_model(seed=0))
    path = write_audio_projector(tmp_path / "mmproj-audio.gguf", weights)
    reader = gguf.GGUFReader(path)
    table = converter_table(d=64, ff=256, heads=4, c0=16, c1=8, text=48, blocks=2)

    written = {tensor.name: tensor for tensor in reader.tensors}
    assert sorted(written) == sorted(table)
    for name, (shape, stored_type, source) in table.items():
        tensor = written[name]
        assert tuple(int(n) for n in reversed(tensor.shape.tolist())) == shape, name
        assert tensor.tensor_type == stored_type, name
        # Stored as transformers holds them: no transposes, no +1 on the norms.
        stored = np.asarray(tensor.data, dtype=np.float32).reshape(shape)
        np.testing.assert_array_equal(stored, weights[source], err_msg=name)
