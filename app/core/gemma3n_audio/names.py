"""Tensor names of Gemma 3n's audio encoder: transformers' names and the GGUF names llama.cpp's
converter gives them (`clip.audio.projector_type = gemma3na`).

Values are stored as transformers holds them: no transposes, no +1 on the RMSNorm weights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gguf import GGMLQuantizationType

# Inside one conformer block: transformers' suffix → GGUF suffix.
BLOCK_TENSORS: dict[str, str] = {
    "ffw_layer_start.pre_layer_norm.weight": "ffn_norm.weight",
    "ffw_layer_start.ffw_layer_1.weight": "ffn_up.weight",
    "ffw_layer_start.ffw_layer_2.weight": "ffn_down.weight",
    "ffw_layer_start.post_layer_norm.weight": "ffn_post_norm.weight",
    "attention.pre_attn_norm.weight": "ln1.weight",
    "attention.attn.per_dim_scale": "per_dim_scale",
    "attention.attn.relative_position_embedding.pos_proj.weight": "linear_pos.weight",
    "attention.attn.q_proj.weight": "attn_q.weight",
    "attention.attn.k_proj.weight": "attn_k.weight",
    "attention.attn.v_proj.weight": "attn_v.weight",
    "attention.post.weight": "attn_out.weight",
    "attention.post_norm.weight": "ln2.weight",
    "lconv1d.pre_layer_norm.weight": "conv_norm.weight",
    "lconv1d.linear_start.weight": "conv_pw1.weight",
    "lconv1d.depthwise_conv1d.weight": "conv_dw.weight",
    "lconv1d.conv_norm.weight": "norm_conv.weight",
    "lconv1d.linear_end.weight": "conv_pw2.weight",
    # The `_1` tensors are the block's second (END) feed-forward.
    "ffw_layer_end.pre_layer_norm.weight": "ffn_norm_1.weight",
    "ffw_layer_end.ffw_layer_1.weight": "ffn_up_1.weight",
    "ffw_layer_end.ffw_layer_2.weight": "ffn_down_1.weight",
    "ffw_layer_end.post_layer_norm.weight": "ffn_post_norm_1.weight",
    # The block's final norm, whatever the GGUF name suggests.
    "norm.weight": "layer_pre_norm.weight",
}

# Outside the blocks: transformers' name (without a leading `model.`) → GGUF name.
GLOBAL_TENSORS: dict[str, str] = {
    "audio_tower.subsample_conv_projection.conv_0.conv.weight": "a.conv1d.0.weight",
    "audio_tower.subsample_conv_projection.conv_0.norm.weight": "a.conv1d.0.norm.weight",
    "audio_tower.subsample_conv_projection.conv_1.conv.weight": "a.conv1d.1.weight",
    "audio_tower.subsample_conv_projection.conv_1.norm.weight": "a.conv1d.1.norm.weight",
    "audio_tower.subsample_conv_projection.input_proj_linear.weight": "a.pre_encode.out.weight",
    "embed_audio.embedding.weight": "mm.a.embedding.weight",
    "embed_audio.hard_embedding_norm.weight": "mm.a.hard_emb_norm.weight",
    "embed_audio.soft_embedding_norm.weight": "mm.a.soft_emb_norm.weight",
    "embed_audio.embedding_projection.weight": "mm.a.input_projection.weight",
}

# The converter forces these to F16 whatever the output type.
ALWAYS_F16: frozenset[str] = frozenset({
    "a.pre_encode.out.weight", "mm.a.embedding.weight", "mm.a.input_projection.weight",
})

_BLOCK_NAME = re.compile(r"audio_tower\.conformer\.(\d+)\.(.+)")
_GGUF_BLOCK_NAME = re.compile(r"a\.blk\.(\d+)\.(.+)")
_NORMS = ("ffn_norm", "ffn_post_norm", "ffn_norm_1", "ffn_post_norm_1", "ln1", "ln2",
          "conv_norm", "norm_conv", "layer_pre_norm")


@dataclass(frozen=True)
class EncoderShape:
    """The sizes an audio projector records, in its keys or its tensors' shapes."""

    block_count: int
    hidden_size: int
    head_count: int
    feed_forward_size: int
    conv_kernel_size: int  # the light conv's depthwise kernel
    sscp_channels: tuple[int, int]
    sscp_kernels: tuple[tuple[int, int], tuple[int, int]]  # (time, frequency) per conv
    sscp_output_size: int  # channels × frequencies after the two convolutions
    mel_bins: int
    audio_vocab_size: int
    text_width: int

    @property
    def head_dim(self) -> int:
        return self.hidden_size // self.head_count


# Gemma 3n E2B and E4B share the audio encoder's sizes (681 M parameters).
GEMMA3N_AUDIO_SHAPE = EncoderShape(
    block_count=12, hidden_size=1536, head_count=8, feed_forward_size=6144, conv_kernel_size=5,
    sscp_channels=(128, 32), sscp_kernels=((3, 3), (3, 3)), sscp_output_size=1024, mel_bins=128,
    audio_vocab_size=128, text_width=2048,
)


def tensor_shapes(shape: EncoderShape) -> dict[str, tuple[int, ...]]:
    """Every GGUF tensor of an encoder of `shape`, with its shape in numpy order."""
    d, f, e = shape.hidden_size, shape.feed_forward_size, shape.text_width
    c0, c1 = shape.sscp_channels
    shapes: dict[str, tuple[int, ...]] = {
        "a.conv1d.0.weight": (c0, 1, *shape.sscp_kernels[0]),
        "a.conv1d.0.norm.weight": (c0,),
        "a.conv1d.1.weight": (c1, c0, *shape.sscp_kernels[1]),
        "a.conv1d.1.norm.weight": (c1,),
        "a.pre_encode.out.weight": (d, shape.sscp_output_size),
    }
    per_block = {
        "ffn_up.weight": (f, d), "ffn_down.weight": (d, f), "ffn_up_1.weight": (f, d),
        "ffn_down_1.weight": (d, f), "attn_q.weight": (d, d), "attn_k.weight": (d, d),
        "attn_v.weight": (d, d), "attn_out.weight": (d, d), "linear_pos.weight": (d, d),
        "per_dim_scale": (shape.head_dim,), "conv_pw1.weight": (2 * d, d),
        "conv_pw2.weight": (d, d), "conv_dw.weight": (d, 1, shape.conv_kernel_size),
        **{f"{norm}.weight": (d,) for norm in _NORMS},
    }
    for block in range(shape.block_count):
        for suffix in BLOCK_TENSORS.values():
            shapes[block_name(block, suffix)] = per_block[suffix]
    shapes |= {
        "mm.a.embedding.weight": (shape.audio_vocab_size, d),
        "mm.a.hard_emb_norm.weight": (d,),
        "mm.a.soft_emb_norm.weight": (d,),
        "mm.a.input_projection.weight": (e, d),
    }
    return shapes


def block_name(block: int, suffix: str) -> str:
    """The GGUF name of `suffix` (a value of BLOCK_TENSORS) in conformer block `block`."""
    return f"a.blk.{block}.{suffix}"


def gguf_name(transformers_name: str) -> str | None:
    """The GGUF name for a transformers audio tensor, or None for any other tensor.

    Accepts names with or without the leading `model.` (a checkpoint's and a sub-module's).
    """
    name = transformers_name.removeprefix("model.")
    if name in GLOBAL_TENSORS:
        return GLOBAL_TENSORS[name]
    match = _BLOCK_NAME.fullmatch(name)
    if match and match.group(2) in BLOCK_TENSORS:
        return block_name(int(match.group(1)), BLOCK_TENSORS[match.group(2)])
    return None


def transformers_name(gguf: str) -> str:
    """The checkpoint name (`model.…`) of a GGUF audio tensor name."""
    for key, value in GLOBAL_TENSORS.items():
        if value == gguf:
            return f"model.{key}"
    match = _GGUF_BLOCK_NAME.fullmatch(gguf)
    if match:
        for key, value in BLOCK_TENSORS.items():
            if value == match.group(2):
                return f"model.audio_tower.conformer.{match.group(1)}.{key}"
    raise KeyError(gguf)


def all_gguf_names(block_count: int) -> list[str]:
    """Every tensor name an audio projector with `block_count` blocks holds (22 a block + 9)."""
    names = [value for key, value in GLOBAL_TENSORS.items() if key.startswith("audio_tower.")]
    for block in range(block_count):
        names += [block_name(block, suffix) for suffix in BLOCK_TENSORS.values()]
    names += [value for key, value in GLOBAL_TENSORS.items() if key.startswith("embed_audio.")]
    return names


@dataclass(frozen=True)
class StorageRule:
    """How the converter stores a tensor: matrices in the chosen type, the rest in F32."""

    matrix_type: GGMLQuantizationType = GGMLQuantizationType.F16

    def type_for(self, name: str, ndim: int) -> GGMLQuantizationType:
        if name in ALWAYS_F16:
            return GGMLQuantizationType.F16
        # Convolution kernels, norms and scales (anything not a 2-D matrix) stay F32.
        if ndim != 2:
            return GGMLQuantizationType.F32
        return self.matrix_type
