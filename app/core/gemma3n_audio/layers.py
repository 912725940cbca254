"""The numeric pieces of Gemma 3n's audio encoder, float32 in and out.

Each mirrors a module of transformers' `modeling_gemma3n.py` (named in its docstring). numpy 2
keeps float32 with Python scalars, but a numpy float64 scalar or an int64 array in an expression
silently promotes everything to float64 (2.5× slower), so constants here are float32 or Python.
"""

from __future__ import annotations

import math

import numpy as np


def rms_norm(x: np.ndarray, weight: np.ndarray | None, eps: float) -> np.ndarray:
    """Gemma3nRMSNorm over the last axis; weight None for the scale-free variant."""
    mean_square = np.einsum("...d,...d->...", x, x)[..., np.newaxis]
    mean_square *= 1.0 / x.shape[-1]
    mean_square += eps
    out = x / np.sqrt(mean_square)
    if weight is not None:
        out *= weight
    return out


_BLOCK = 1 << 15  # elements: a block and its temporary stay in the core's L2 cache


def silu(x: np.ndarray) -> np.ndarray:
    """x · sigmoid(x), in place on a contiguous array, a cache-sized block at a time (a third
    faster than whole-array passes); exp(-x) may overflow to inf, which gives the right 0."""
    if not x.flags.c_contiguous:
        x[...] = silu(np.ascontiguousarray(x))
        return x
    flat = x.reshape(-1)
    denominator = np.empty(min(_BLOCK, flat.size), dtype=np.float32)
    with np.errstate(over="ignore"):
        for start in range(0, flat.size, _BLOCK):
            block = flat[start : start + _BLOCK]
            scratch = denominator[: len(block)]
            np.negative(block, out=scratch)
            np.exp(scratch, out=scratch)
            scratch += 1.0
            np.divide(block, scratch, out=block)
    return x


def sigmoid(x: np.ndarray) -> np.ndarray:
    out = np.negative(x)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    out += 1.0
    return np.reciprocal(out, out=out)


def softplus(x: np.ndarray) -> np.ndarray:
    return np.logaddexp(np.float32(0), x).astype(np.float32)


def clip(x: np.ndarray, limit: float) -> np.ndarray:
    """The encoder's 'gradient clipping' clamp (±1e10: a no-op on any real activation)."""
    return np.clip(x, -limit, limit, out=x)


def cumulative_group_norm(x: np.ndarray, scale: np.ndarray, eps: float) -> np.ndarray:
    """Gemma3nAudioCumulativeGroupNorm on (time, frequency, channels), in place.

    Mean and variance run over everything up to and including each time step; the variance
    sums each step's squared distance from that step's own running mean.
    """
    per_step = float(x.shape[1] * x.shape[2])
    counts = np.arange(1, x.shape[0] + 1, dtype=np.float32) * np.float32(per_step)
    mean = np.cumsum(x.sum(axis=(1, 2), dtype=np.float32), dtype=np.float32) / counts
    x -= mean[:, np.newaxis, np.newaxis]
    squares = np.einsum("tfc,tfc->t", x, x)
    variance = np.cumsum(squares, dtype=np.float32) / counts
    x *= (1.0 / np.sqrt(variance + eps))[:, np.newaxis, np.newaxis]
    x *= scale
    return x


def conv2d_channels_last(
    x: np.ndarray, weight: np.ndarray, stride: tuple[int, int]
) -> np.ndarray:
    """Cross-correlation of (time, freq, in) with (out, in, kt, kf) weights, no padding, no bias.

    A single input channel is unfolded into one matmul; otherwise one matmul per kernel tap
    keeps the working memory to one strided copy of the input.
    """
    kt, kf = weight.shape[2:]
    st, sf = stride
    t_out = (x.shape[0] - kt) // st + 1
    f_out = (x.shape[1] - kf) // sf + 1
    if x.shape[2] == 1:
        plane = np.ascontiguousarray(x[:, :, 0])
        t_step, f_step = plane.strides
        patches = np.lib.stride_tricks.as_strided(
            plane, shape=(t_out, f_out, kt, kf), strides=(t_step * st, f_step * sf, t_step, f_step)
        ).reshape(t_out * f_out, kt * kf)
        out = patches @ weight.reshape(weight.shape[0], kt * kf).T
        return out.reshape(t_out, f_out, weight.shape[0])
    out = np.zeros((t_out * f_out, weight.shape[0]), dtype=np.float32)
    for i in range(kt):
        for j in range(kf):
            taps = x[i : i + st * (t_out - 1) + 1 : st, j : j + sf * (f_out - 1) + 1 : sf, :]
            out += taps.reshape(t_out * f_out, x.shape[2]) @ weight[:, :, i, j].T
    return out.reshape(t_out, f_out, weight.shape[0])


def causal_depthwise_conv(x: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Per-channel causal conv of (time, channels) with (channels, 1, kernel) weights."""
    kernel = weight.shape[-1]
    padded = np.concatenate([np.zeros((kernel - 1, x.shape[1]), dtype=np.float32), x])
    out = padded[:len(x)] * weight[:, 0, 0]
    for k in range(1, kernel):
        out += padded[k : k + len(x)] * weight[:, 0, k]
    return out


def timing_signal(positions: np.ndarray, channels: int) -> np.ndarray:
    """Sinusoidal embeddings (sin half, then cos half) of relative positions, float32."""
    half = channels // 2
    increment = math.log(1.0e4) / max(half - 1, 1)
    inv_timescales = np.exp(np.arange(half, dtype=np.float32) * np.float32(-increment))
    scaled = positions.astype(np.float32)[:, np.newaxis] * inv_timescales[np.newaxis, :]
    return np.concatenate([np.sin(scaled), np.cos(scaled)], axis=-1)


def local_attention_mask(chunk: int, past: int, future: int) -> np.ndarray:
    """(chunk, context) True where query w of a chunk may see context key c: w ≤ c ≤ w+past+future."""
    context = chunk + past + future
    w = np.arange(chunk)[:, np.newaxis]
    c = np.arange(context)[np.newaxis, :]
    return (c >= w) & (c <= w + past + future)


def block_context(x: np.ndarray, chunk: int, past: int, future: int) -> np.ndarray:
    """(blocks, context, …) windows of (time, …): block u sees u·chunk − past … + chunk + future."""
    blocks = -(-x.shape[0] // chunk)
    pad = [(past, future + chunk - 1)] + [(0, 0)] * (x.ndim - 1)
    padded = np.pad(x, pad)
    context = chunk + past + future
    shape = (blocks, context, *x.shape[1:])
    strides = (padded.strides[0] * chunk, *padded.strides)
    return np.lib.stride_tricks.as_strided(padded, shape=shape, strides=strides, writeable=False)


def relative_shift(scores: np.ndarray, context: int) -> np.ndarray:
    """(…, chunk, span) position scores → (…, chunk, context): score of offset c − w at c."""
    *lead, chunk, span = scores.shape
    padded = np.zeros((*lead, chunk, context + 1), dtype=scores.dtype)
    padded[..., :span] = scores
    flat = padded.reshape(*lead, chunk * (context + 1))[..., : chunk * context]
    return flat.reshape(*lead, chunk, context)


def softmax_last(x: np.ndarray) -> np.ndarray:
    x -= x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x
