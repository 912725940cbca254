"""What the engine needs to load a model and to sample from it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

KV_CACHE_TYPES = ("f16", "q8_0")
# auto: llama.cpp turns flash attention on where the backend runs it (its own default); on; off.
FLASH_ATTENTION_MODES = ("auto", "on", "off")


@dataclass(frozen=True)
class LoadOptions:
    model_path: Path
    projector_path: Path | None = None
    # Gemma 3n only: a GGUF holding its audio encoder, when the projector lacks the tensors.
    audio_encoder_path: Path | None = None
    audio_encoder_device: str = "auto"  # where Gemma 3n's own audio encoder runs: auto, cpu, gpu
    n_ctx: int = 8192
    n_threads: int = field(default_factory=lambda: max(1, (os.cpu_count() or 2)))
    n_gpu_layers: int = 0
    main_gpu: int = 0
    flash_attention: str = "auto"  # one of FLASH_ATTENTION_MODES
    kv_cache_type: str = "f16"
    use_mmap: bool = True
    use_mlock: bool = False
    # Gemma 3n: keep the per-layer embedding table in RAM even when layers go to the GPU.
    per_layer_embeddings_on_cpu: bool = True
    n_batch: int = 512

    def with_changes(self, **changes) -> "LoadOptions":
        return replace(self, **changes)


@dataclass(frozen=True, eq=False)
class SamplingOptions:
    """The Gemma team's recommended defaults: temperature 1.0, top_k 64, top_p 0.95, no penalty."""

    temperature: float = 1.0
    top_k: int = 64
    top_p: float = 0.95
    min_p: float = 0.0
    repeat_penalty: float = 1.0
    max_tokens: int = 1024
    seed: int | None = None
    # token id -> added logit; e.g. {token: -inf} bans a token
    logit_bias: dict[int, float] = field(default_factory=dict)
