"""Gemma 3n audio hyper-parameters that a projector GGUF does not record.

Widths, depth and head count come from the file; these come from transformers'
`Gemma3nAudioConfig` / `Gemma3nConfig` defaults, which every published Gemma 3n uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.gemma3n_audio.features import GEMMA3N_MEL, MelSettings


@dataclass(frozen=True)
class AudioEncoderSettings:
    attention_chunk_size: int = 12
    attention_context_left: int = 13  # includes the frame itself: 12 frames of past
    attention_context_right: int = 0
    attention_logit_cap: float = 50.0
    reduction_factor: int = 4  # the encoder keeps every 4th frame at the end
    residual_weight: float = 0.5  # the half-step feed-forwards
    conv_strides: tuple[tuple[int, int], ...] = ((2, 2), (2, 2))  # (time, frequency) per conv
    group_norm_eps: float = 1e-3
    rms_norm_eps: float = 1e-6  # the light conv's and the embedder's norms
    gradient_clipping: float = 1e10
    soft_tokens_per_clip: int = 188  # what the processor puts in the prompt for any clip
    mel: MelSettings = field(default_factory=lambda: GEMMA3N_MEL)

    def __post_init__(self) -> None:
        if self.attention_chunk_size < 1 or self.attention_context_left < 1:
            raise ValueError("attention chunk size and left context must be at least 1")
        if self.attention_context_right < 0 or self.reduction_factor < 1:
            raise ValueError("right context must be ≥ 0 and the reduction factor ≥ 1")


GEMMA3N_AUDIO = AudioEncoderSettings()
