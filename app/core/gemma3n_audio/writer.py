"""Write Gemma 3n's audio encoder as an audio-only projector GGUF, the way llama.cpp's converter
names, shapes and types its tensors, so our reader (and in principle a future libmtmd) loads it.

Tensors are converted and written one at a time: with DeferredTensor values a 681 M-parameter
encoder never sits in memory whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import gguf
import numpy as np
from gguf import GGMLQuantizationType

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.gemma3n_audio.names import StorageRule, all_gguf_names, gguf_name
from app.core.errors import UserError

# The converter writes 1e-5 here although the model's norms use 1e-6; copied for compatibility.
_CONVERTER_LAYER_NORM_EPS = 1e-5
_BLOCK_INDEX = re.compile(r"a\.blk\.(\d+)\.")
_FILE_TYPES = {
    GGMLQuantizationType.F32: gguf.LlamaFileType.ALL_F32,
    GGMLQuantizationType.F16: gguf.LlamaFileType.MOSTLY_F16,
    GGMLQuantizationType.BF16: gguf.LlamaFileType.MOSTLY_BF16,
    GGMLQuantizationType.Q8_0: gguf.LlamaFileType.MOSTLY_Q8_0,
}


class AudioWeightsError(UserError, ValueError):
    """The given weights are not a complete Gemma 3n audio tower and embedder."""


@dataclass(frozen=True)
class DeferredTensor:
    """A tensor whose values are read only when the writer reaches it."""

    shape: tuple[int, ...]
    load: Callable[[], np.ndarray]


WeightSource = Union[np.ndarray, DeferredTensor]


def bfloat16_to_float32(bits: np.ndarray) -> np.ndarray:
    """bfloat16 values given as their raw uint16 bits (numpy has no bfloat16; Google's own
    safetensors store Gemma 3n in it) → float32, exactly."""
    return (np.asarray(bits, dtype=np.uint16).astype(np.uint32) << 16).view(np.float32)


def gguf_tensors(weights: Mapping[str, WeightSource]) -> dict[str, WeightSource]:
    """The audio tensors of `weights` (transformers names) under their GGUF names; others dropped."""
    renamed: dict[str, WeightSource] = {}
    for name, source in weights.items():
        target = gguf_name(name)
        if target is None:
            continue
        if target in renamed:
            raise AudioWeightsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Two tensors map to {target} (one of them is {name}).",
                ),
                target=target, name=name,
            )
        renamed[target] = source if isinstance(source, DeferredTensor) else np.asarray(source)
    blocks = {int(m.group(1)) for n in renamed if (m := _BLOCK_INDEX.match(n))}
    block_count = max(blocks) + 1 if blocks else 0
    missing = [n for n in all_gguf_names(block_count) if n not in renamed]
    if block_count == 0 or missing:
        shown = ", ".join(missing[:5]) if missing else "every conformer block"
        raise AudioWeightsError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The audio weights are incomplete: missing {shown}.",
            ),
            shown=shown,
        )
    return renamed


def write_audio_projector(
    path: Path,
    weights: Mapping[str, WeightSource],
    *,
    mel_bins: int = 128,
    matrix_type: GGMLQuantizationType = GGMLQuantizationType.F16,
    name: str = "Gemma 3n audio encoder",
    on_tensor: Callable[[int, int], None] | None = None,
) -> Path:
    """Write the audio tower and audio embedder in `weights` to `path` (an mmproj GGUF).

    `weights` maps transformers names (`model.audio_tower.…`, `model.embed_audio.…`, with or
    without `model.`) to float arrays (see bfloat16_to_float32) or DeferredTensors; anything
    else in it, vision, text or a tensor the table does not name, is ignored. `matrix_type` is
    how the 2-D matrices are stored (F16 as the converter's default; F32, BF16 or Q8_0 also
    work); the converter keeps the input projection and the two `mm.a` tensors F16 regardless.
    `on_tensor(done, total)` is called after each tensor is written.
    """
    if matrix_type not in _FILE_TYPES:
        raise ValueError(f"cannot write matrices as {matrix_type.name}")
    tensors = gguf_tensors(weights)
    block_count = 1 + max(int(m.group(1)) for n in tensors if (m := _BLOCK_INDEX.match(n)))
    hidden = tensors["a.pre_encode.out.weight"].shape[0]
    head_dim = tensors["a.blk.0.per_dim_scale"].shape[0]
    text_width = tensors["mm.a.input_projection.weight"].shape[0]
    if head_dim == 0 or hidden % head_dim:
        raise AudioWeightsError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "A width of {hidden} does not split into heads of {head_dim}.",
            ),
            hidden=hidden, head_dim=head_dim,
        )

    path = Path(path)
    writer = gguf.GGUFWriter(path, "clip")
    writer.add_type(gguf.GGUFType.MMPROJ)
    writer.add_name(name)
    writer.add_file_type(int(_FILE_TYPES[matrix_type]))
    writer.add_clip_has_vision_encoder(False)
    writer.add_clip_has_audio_encoder(True)
    writer.add_clip_audio_projector_type(gguf.VisionProjectorType.GEMMA3NA)
    writer.add_audio_embedding_length(hidden)
    writer.add_audio_feed_forward_length(tensors["a.blk.0.ffn_up.weight"].shape[0])
    writer.add_audio_block_count(block_count)
    writer.add_audio_head_count(hidden // head_dim)
    writer.add_audio_projection_dim(text_width)
    writer.add_audio_attention_layernorm_eps(_CONVERTER_LAYER_NORM_EPS)
    writer.add_audio_num_mel_bins(mel_bins)

    rule = StorageRule(matrix_type)
    names = all_gguf_names(block_count)
    stored = {tensor_name: rule.type_for(tensor_name, len(tensors[tensor_name].shape)) for tensor_name in names}
    for tensor_name in names:
        _add_info(writer, tensor_name, tuple(tensors[tensor_name].shape), stored[tensor_name])
    try:
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        for done, tensor_name in enumerate(names, start=1):
            source = tensors[tensor_name]
            values = source.load() if isinstance(source, DeferredTensor) else source
            if tuple(values.shape) != tuple(source.shape):
                raise AudioWeightsError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "{tensor_name} has shape {shape}, expected {shape_2}.",
                    ),
                    tensor_name=tensor_name, shape=values.shape, shape_2=source.shape,
                )
            writer.write_tensor_data(_stored_values(values, stored[tensor_name]))
            if on_tensor is not None:
                on_tensor(done, len(names))
    finally:
        writer.close()
    return path


def _add_info(writer: gguf.GGUFWriter, name: str, shape: tuple[int, ...], stored: GGMLQuantizationType) -> None:
    if stored == GGMLQuantizationType.F16:
        writer.add_tensor_info(name, shape, np.dtype(np.float16), int(np.prod(shape)) * 2)
    elif stored == GGMLQuantizationType.F32:
        writer.add_tensor_info(name, shape, np.dtype(np.float32), int(np.prod(shape)) * 4)
    else:
        byte_shape = gguf.quants.quant_shape_to_byte_shape(shape, stored)
        writer.add_tensor_info(name, byte_shape, np.dtype(np.uint8), int(np.prod(byte_shape)), raw_dtype=stored)


def _stored_values(values: np.ndarray, stored: GGMLQuantizationType) -> np.ndarray:
    if stored == GGMLQuantizationType.F16:
        return np.ascontiguousarray(values, dtype=np.float16)
    if stored == GGMLQuantizationType.F32:
        return np.ascontiguousarray(values, dtype=np.float32)
    return gguf.quants.quantize(np.asarray(values, dtype=np.float32), stored)
