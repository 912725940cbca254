"""A small stand-in for Google's Gemma 3n checkpoint: BF16 safetensors shards plus the shard index,
laid out like the real one (audio tensors between text and vision tensors, spread over shards)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import safetensors

from app.core.gemma3n_audio.names import EncoderShape
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE, random_audio_weights

SHARDS = ("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors")
FILLER_VALUES = 1_200_000  # 2.4 MB of BF16 per filler: bigger than the fetch's merge gap


@dataclass
class FakeCheckpoint:
    shards: dict[str, bytes]
    index: bytes
    audio_bits: dict[str, np.ndarray]  # the audio tensors as stored (BF16 bits), checkpoint names
    filler_bytes: int

    def audio_float32(self) -> dict[str, np.ndarray]:
        return {name: (bits.astype(np.uint32) << 16).view(np.float32) for name, bits in self.audio_bits.items()}

    def host(self, hub, repo_id: str, **behaviour) -> None:
        hub.add(repo_id, "model.safetensors.index.json", self.index, lfs=False)
        for name, content in self.shards.items():
            hub.add(repo_id, name, content, **behaviour.get(name, {}))


def to_bfloat16_bits(values: np.ndarray) -> np.ndarray:
    """Round to nearest even, as torch does when a checkpoint is saved in bfloat16."""
    bits = np.ascontiguousarray(values, dtype=np.float32).view(np.uint32)
    rounded = bits + 0x7FFF + ((bits >> 16) & 1)
    return (rounded >> 16).astype(np.uint16)


def build_checkpoint(seed: int = 0, with_audio: bool = True, shape: EncoderShape = TINY_SHAPE) -> FakeCheckpoint:
    rng = np.random.default_rng(seed)
    audio = {name: to_bfloat16_bits(values) for name, values in random_audio_weights(shape, seed=seed).items()}
    filler = {
        "model.language_model.embed_tokens.weight": (FILLER_VALUES // 100, 100),
        "model.language_model.layers.0.mlp.up_proj.weight": (FILLER_VALUES // 100, 100),
        "model.vision_tower.timm_model.conv_stem.conv.weight": (FILLER_VALUES // 100, 100),
        # Not an audio weight although it sorts among them: it splits the audio bytes in two ranges.
        "model.audio_tower.conformer.1.unfetched_filler": (FILLER_VALUES // 100, 100),
    }
    tensors = {name: to_bfloat16_bits(rng.standard_normal(shape).astype(np.float32)) for name, shape in filler.items()}
    if with_audio:
        tensors |= audio
    names = sorted(tensors)
    # Shard 1: the text tensors and the first audio block; shard 2: the rest (as sorted names fall).
    split = next(i for i, name in enumerate(names) if "conformer.1." in name) if with_audio else len(names) // 2
    groups = (names[:split], names[split:])
    shards, weight_map = {}, {}
    for shard, group in zip(SHARDS, groups):
        specs = {name: _spec(tensors[name]) for name in group}
        shards[shard] = bytes(safetensors.serialize(specs, metadata={"format": "pt"}))
        weight_map |= {name: shard for name in group}
    index = json.dumps({"metadata": {"total_size": sum(len(b) for b in shards.values())},
                        "weight_map": weight_map}).encode()
    filler_bytes = sum(tensors[name].nbytes for name in filler)
    return FakeCheckpoint(shards, index, audio if with_audio else {}, filler_bytes)


def _spec(bits: np.ndarray) -> safetensors.TensorSpec:
    return safetensors.TensorSpec(dtype="bfloat16", shape=list(bits.shape), data_ptr=bits.ctypes.data,
                                  data_len=bits.nbytes)
