"""Random Gemma 3n audio weights of a small shape, numpy only (no torch needed)."""

from __future__ import annotations

import numpy as np

from app.core.gemma3n_audio.names import EncoderShape, tensor_shapes, transformers_name

# Narrow and two blocks deep, with the real mel front end (128 bins → 32 after the convs).
TINY_SHAPE = EncoderShape(
    block_count=2, hidden_size=64, head_count=4, feed_forward_size=256, conv_kernel_size=5,
    sscp_channels=(16, 8), sscp_kernels=((3, 3), (3, 3)), sscp_output_size=8 * 32, mel_bins=128,
    audio_vocab_size=128, text_width=48,
)


def random_audio_weights(shape: EncoderShape = TINY_SHAPE, seed: int = 0) -> dict[str, np.ndarray]:
    """float32 arrays under transformers' names, rounded to float16 so an F16 file is exact."""
    rng = np.random.default_rng(seed)
    weights = {}
    for name, dims in tensor_shapes(shape).items():
        if len(dims) >= 2:
            values = rng.standard_normal(dims) / np.sqrt(np.prod(dims[1:]))
        elif name.endswith("per_dim_scale"):
            values = 0.5 * rng.standard_normal(dims)
        else:
            values = 1.0 + 0.2 * rng.standard_normal(dims)
        weights[transformers_name(name)] = values.astype(np.float16).astype(np.float32)
    return weights


def noise_clip(seconds: float, seed: int = 1) -> np.ndarray:
    """Speech-level noise with a tone in it, 16 kHz float32."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(round(seconds * 16_000))) / 16_000
    return (0.2 * np.sin(2 * np.pi * 440 * t) + 0.05 * rng.standard_normal(len(t))).astype(np.float32)
