"""Gemma 3n's audio encoder as a ggml graph: the same steps as conformer.py and embedder.py.

Layout: ggml lists the fastest axis first, so a numpy (frames, hidden) array is a ggml tensor
of ne = [hidden, frames], and a GGUF matrix stored (out, in) is ne = [in, out], ready for
ggml_mul_mat(weight, x) → [out, frames]. Every stage takes and returns [hidden, frames].
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from app.core.gemma3n_audio import layers
from app.core.gemma3n_audio.features import MelSettings
from app.core.gemma3n_audio.ggml_api import GGML_PREC_F32, Ggml
from app.core.gemma3n_audio.names import EncoderShape, block_name
from app.core.gemma3n_audio.settings import AudioEncoderSettings

# transformers hard-codes this eps in the feed-forward, attention and block norms.
_FIXED_RMS_EPS = 1e-6
# A masked attention logit: far below any soft-capped one (|x| ≤ 50), and a row that is all
# masked comes out uniform, as numpy's np.where(…, finfo.min) gives.
_MASKED = -1e30
# The most working memory a sum of squares takes at once (AudioGraph._sum_of_squares_per_step).
_SQUARES_BYTES = 8 << 20


@dataclass(frozen=True)
class ClipGeometry:
    """Frame counts of one clip through the sub-sampling convolutions and the attention chunks."""

    mel_frames: int
    conv_frames: tuple[int, int]  # time steps after each convolution
    time_padding: tuple[int, int]  # zero time steps after the clip at each convolution's input
    chunk: int
    past: int
    future: int

    @property
    def frames(self) -> int:
        return self.conv_frames[1]

    @property
    def blocks(self) -> int:
        return -(-self.frames // self.chunk)

    @property
    def context(self) -> int:
        return self.chunk + self.past + self.future


def clip_geometry(mel_frames: int, shape: EncoderShape, settings: AudioEncoderSettings) -> ClipGeometry:
    kernels = [kt for kt, _ in shape.sscp_kernels]
    strides = [st for st, _ in settings.conv_strides]
    time, times = mel_frames, []
    for kt, st in zip(kernels, strides, strict=True):
        time = (time + kt - 1 - kt) // st + 1  # time padded by kt − 1 at the end
        times.append(time)
    # A convolution writes as many steps past the clip as the next one's padding (AudioGraph.subsample).
    padding = [0]
    for kt, st in zip(reversed(kernels), reversed(strides), strict=True):
        padding.insert(0, kt - 1 + st * padding[0])
    past = max(0, settings.attention_context_left - 1)
    return ClipGeometry(mel_frames, (times[0], times[1]), (padding[0], padding[1]),
                        settings.attention_chunk_size, past, settings.attention_context_right)


class AudioGraph:
    """Builds the encoder's nodes in one ggml context.

    `weight(name)` gives a weight tensor already placed on the backend (GGUF names; the
    per-block `q_scale` and the (kernel, hidden) `conv_dw_t` are derived ones);
    `new_input(array)` gives a graph input that will hold `array` once the graph is allocated.
    """

    def __init__(self, ggml: Ggml, ctx: int, weight: Callable[[str], int],
                 new_input: Callable[[np.ndarray], int], shape: EncoderShape,
                 settings: AudioEncoderSettings) -> None:
        self.g, self.ctx, self.weight, self.new_input = ggml, ctx, weight, new_input
        self.shape, self.settings = shape, settings

    # --- whole stages -----------------------------------------------------------------------

    def log_mel(self, rows: int, frame_count: int, mel: MelSettings) -> int:
        """[hop, rows] waveform, cut in hop-long rows → [mel_bins, frame_count] log-mel features.

        Frame i is rows i, i+1, … side by side (its first frame_length samples); pre-emphasis,
        window and the real DFT are one matrix (`features.spectrum`), so the FFT is a matmul."""
        g, ctx = self.g, self.ctx
        hop, length = mel.hop_length, mel.frame_length
        frames = None
        for shift in range(-(-length // hop)):
            part = g.view_2d(ctx, rows, hop, frame_count, self._nb(rows)[1], shift * self._nb(rows)[1])
            frames = part if frames is None else g.concat(ctx, frames, part, 0)
        frames = g.cont(ctx, g.view_2d(ctx, frames, length, frame_count, self._nb(frames)[1], 0))
        spectrum = self._linear("features.spectrum", frames)  # [real bins, then imaginary bins]
        bins, row = mel.fft_length // 2 + 1, self._nb(spectrum)[1]
        real = g.cont(ctx, g.view_2d(ctx, spectrum, bins, frame_count, row, 0))
        imaginary = g.cont(ctx, g.view_2d(ctx, spectrum, bins, frame_count, row, bins * 4))
        magnitude = g.sqrt(ctx, g.add(ctx, g.sqr(ctx, real), g.sqr(ctx, imaginary)))
        energies = self._linear("features.mel_filters", magnitude)
        return g.log(ctx, g.clamp(ctx, energies, mel.mel_floor, 3.0e38))

    def subsample(self, mel: int, geometry: ClipGeometry) -> int:
        """[mel_bins, mel_frames] → [hidden, frames]: two conv + cumulative group norm + ReLU, Linear.

        Tensors stay [F, T, C], as ggml's convolution writes them: the first one's output (49 MB
        for 30 s) is the stage's one big tensor, normalised in place and read by the second."""
        g, ctx = self.g, self.ctx
        x = g.reshape_4d(ctx, mel, self.shape.mel_bins, geometry.mel_frames, 1, 1)  # [F, T, C=1]
        # Time is padded only at the end ("reverse causal"); ggml's convolution pads both ends
        # alike, so it pads frequency only. The mel frames carry the time zeros of both: the first
        # convolution runs on past the clip by the second's padding, and its norm, which never
        # looks ahead, zeroes those steps.
        x = g.pad_ext(ctx, x, 0, 0, 0, geometry.time_padding[0], 0, 0, 0, 0)
        for index, (stride_t, stride_f) in enumerate(self.settings.conv_strides):
            # Frequency is padded by one on each side.
            x = g.conv_2d_direct(ctx, self.weight(f"a.conv1d.{index}.weight"), x, stride_f, stride_t, 1, 0, 1, 1)
            x = g.relu(ctx, self._cumulative_group_norm(x, index, geometry.conv_frames[index]))
        freqs, frames, channels = self._ne(x)[:3]
        x = g.cont(ctx, g.permute(ctx, x, 1, 2, 0, 3))  # [C, F, T]: a frame's vector is (f, c), c fastest
        return self._linear("a.pre_encode.out.weight", g.reshape_2d(ctx, x, channels * freqs, frames))

    def block(self, x: int, index: int, inputs: BlockInputs, keep_every: int = 1) -> int:
        """Gemma3nAudioConformerBlock; keep_every > 1 drops frames before the end feed-forward."""
        for part in BLOCK_PARTS:
            x = self.block_part(part, x, index, inputs, keep_every)
        return x

    def block_part(self, part: str, x: int, index: int, inputs: BlockInputs, keep_every: int = 1) -> int:
        """One of BLOCK_PARTS, in order (the CPU backend runs them as separate graphs)."""
        g, ctx = self.g, self.ctx
        if part == "start":
            return self._feed_forward(x, index, "")
        if part == "attention":
            return g.mul(ctx, self._attention(x, index, inputs), inputs.valid)
        if part == "conv":
            x = self._light_conv(x, index)
            if keep_every > 1:
                hidden, frames = self._ne(x)[:2]
                x = g.cont(ctx, g.view_2d(ctx, x, hidden, -(-frames // keep_every),
                                          self._nb(x)[1] * keep_every, 0))
            return x
        x = self._clip(self._feed_forward(x, index, "_1"))
        return self._rms_norm(x, block_name(index, "layer_pre_norm.weight"), _FIXED_RMS_EPS)

    def embed(self, x: int) -> int:
        """[hidden, n] encoder frames → [text_width, n] (the embedder's soft path)."""
        eps = self.settings.rms_norm_eps
        x = self._rms_norm(x, "mm.a.soft_emb_norm.weight", eps)
        return self.g.rms_norm(self.ctx, self._linear("mm.a.input_projection.weight", x), eps)

    # --- pieces -------------------------------------------------------------------------------

    def _cumulative_group_norm(self, x: int, index: int, frames: int) -> int:
        """Mean and variance over everything up to each time step, in place on x ([F, T, C]);
        the steps from `frames` on (past the clip) come out zero."""
        g, ctx = self.g, self.ctx
        freqs, steps, channels = self._ne(x)[:3]
        counts = self.new_input(np.arange(1, steps + 1, dtype=np.float32) * np.float32(freqs * channels))
        in_clip = self.new_input((np.arange(steps) < frames).astype(np.float32))

        def per_step(values: int) -> int:  # [T] → [1, T, 1], to broadcast over x
            return g.reshape_3d(ctx, values, 1, steps, 1)

        mean = g.div(ctx, g.cumsum(ctx, self._sum_per_step(x)), counts)
        centred = g.sub(ctx, x, per_step(mean))
        variance = g.div(ctx, g.cumsum(ctx, self._sum_of_squares_per_step(centred)), counts)
        deviation = g.sqrt(ctx, g.scale_bias(ctx, variance, 1.0, self.settings.group_norm_eps))
        normed = g.mul(ctx, centred, per_step(g.div(ctx, in_clip, deviation)))
        weight = g.reshape_3d(ctx, self.weight(f"a.conv1d.{index}.norm.weight"), 1, 1, channels)
        return g.mul(ctx, normed, weight)

    def _sum_per_step(self, x: int) -> int:
        """[F, T, C] → [T, 1]: the sum over frequency and channels of each time step."""
        return self._sum_channels(self.g.sum_rows(self.ctx, x))

    def _sum_of_squares_per_step(self, x: int) -> int:
        """[F, T, C] → [T, 1], squaring a few channels at a time: a square of the whole of x
        would be a second tensor of x's size."""
        g, ctx = self.g, self.ctx
        freqs, steps, channels = self._ne(x)[:3]
        nb = self._nb(x)
        group = _channel_group(channels, nb[2])
        total = None
        for start in range(0, channels, group):
            part = g.view_3d(ctx, x, freqs, steps, group, nb[1], nb[2], start * nb[2])
            sums = g.sum_rows(ctx, g.sqr(ctx, part))  # [1, T, group]
            total = sums if total is None else g.add(ctx, total, sums)
        return self._sum_channels(total)

    def _sum_channels(self, x: int) -> int:
        """[1, T, C] → [T, 1]."""
        g, ctx = self.g, self.ctx
        steps, channels = self._ne(x)[1:3]
        by_channel = g.cont(ctx, g.transpose(ctx, g.reshape_2d(ctx, x, steps, channels)))  # [C, T]
        return g.reshape_2d(ctx, g.sum_rows(ctx, by_channel), steps, 1)

    def _feed_forward(self, x: int, index: int, which: str) -> int:
        """Gemma3nAudioConformerFeedForward (`which` is "" for the start one, "_1" for the end)."""
        g, ctx = self.g, self.ctx
        h = self._rms_norm(self._clip(x), block_name(index, f"ffn_norm{which}.weight"), _FIXED_RMS_EPS)
        h = g.silu(ctx, self._linear(block_name(index, f"ffn_up{which}.weight"), h))
        h = self._clip(self._linear(block_name(index, f"ffn_down{which}.weight"), h))
        h = self._rms_norm(h, block_name(index, f"ffn_post_norm{which}.weight"), _FIXED_RMS_EPS)
        return g.add(ctx, g.scale(ctx, h, self.settings.residual_weight), x)

    def _attention(self, x: int, index: int, inputs: BlockInputs) -> int:
        """Gemma3nAudioConformerAttention around the chunked local self-attention."""
        h = self._rms_norm(self._clip(x), block_name(index, "ln1.weight"), _FIXED_RMS_EPS)
        h = self._local_attention(h, index, inputs)
        h = self._clip(self._linear(block_name(index, "attn_out.weight"), h))
        h = self._rms_norm(h, block_name(index, "ln2.weight"), _FIXED_RMS_EPS)
        return self.g.add(self.ctx, h, x)

    def _local_attention(self, x: int, index: int, inputs: BlockInputs) -> int:
        """Each chunk of 12 queries sees its own frames and 12 before; relative positions go in
        through `linear_pos`, logits are soft-capped at 50. Tensors are [.., chunk, block, head]."""
        g, ctx, geo = self.g, self.ctx, inputs.geometry
        heads, head_dim = self.shape.head_count, self.shape.head_dim
        frames, chunk, blocks, context = geo.frames, geo.chunk, geo.blocks, geo.context
        padded = blocks * chunk

        q = g.reshape_3d(ctx, self._linear(block_name(index, "attn_q.weight"), x), head_dim, heads, frames)
        q = g.pad_ext(ctx, g.permute(ctx, q, 0, 2, 1, 3), 0, 0, 0, padded - frames, 0, 0, 0, 0)
        # Scaled after the pad: ggml writes a node over its input only where that is no view.
        q = g.mul(ctx, q, self.weight(block_name(index, "q_scale")))  # [head_dim, padded, heads]
        queries = g.reshape_4d(ctx, q, head_dim, chunk, blocks, heads)

        keys = self._windows(self._linear(block_name(index, "attn_k.weight"), x), geo)
        logits = self._matmul(keys, queries)  # [context, chunk, blocks, heads]

        # Scores for the relative offsets past … −future, shifted so each query's row lines up
        # with its keys (transformers' _relative_shift).
        positions = self._linear(block_name(index, "linear_pos.weight"), inputs.timing)
        span = self._ne(positions)[1]
        positions = g.cont(ctx, g.permute(ctx, g.reshape_3d(ctx, positions, head_dim, heads, span), 0, 2, 1, 3))
        scores = g.reshape_4d(ctx, self._matmul(positions, q), span, chunk, blocks, heads)
        scores = g.pad_ext(ctx, scores, 0, context + 1 - span, 0, 0, 0, 0, 0, 0)
        scores = g.reshape_3d(ctx, scores, (context + 1) * chunk, blocks, heads)
        scores = g.view_3d(ctx, scores, context * chunk, blocks, heads, self._nb(scores)[1], self._nb(scores)[2], 0)
        scores = g.reshape_4d(ctx, g.cont(ctx, scores), context, chunk, blocks, heads)
        logits = g.add(ctx, logits, scores)

        cap = self.settings.attention_logit_cap
        logits = g.scale(ctx, g.tanh(ctx, g.scale(ctx, logits, 1.0 / cap)), cap)
        probabilities = g.soft_max_ext(ctx, logits, inputs.attention_mask, 1.0, 0.0)
        # ggml runs a node's inputs in order: probabilities first, so the values' windows are
        # made only after the keys' are let go.
        values = self._windows(self._linear(block_name(index, "attn_v.weight"), x), geo)
        values_t = g.cont(ctx, g.permute(ctx, values, 1, 0, 2, 3))  # [context, head_dim, blocks, heads]
        out = self._matmul(probabilities, values_t)  # [chunk, head_dim, blocks, heads]
        out = g.cont(ctx, g.permute(ctx, out, 2, 0, 3, 1))  # [head_dim, heads, chunk, blocks]
        out = g.reshape_2d(ctx, out, heads * head_dim, padded)
        return g.view_2d(ctx, out, heads * head_dim, frames, self._nb(out)[1], 0)

    def _windows(self, x: int, geo: ClipGeometry) -> int:
        """[hidden, frames] → [head_dim, context, blocks, heads]: block u sees frames
        u·chunk − past … u·chunk + chunk + future − 1 (zeros outside the clip)."""
        g, ctx = self.g, self.ctx
        heads, head_dim = self.shape.head_count, self.shape.head_dim
        chunk, blocks, context = geo.chunk, geo.blocks, geo.context
        shifts = -(-context // chunk)
        length = (blocks + shifts - 1) * chunk
        x = g.permute(ctx, g.reshape_3d(ctx, x, head_dim, heads, geo.frames), 0, 2, 1, 3)
        x = g.pad_ext(ctx, x, 0, 0, geo.past, length - geo.past - geo.frames, 0, 0, 0, 0)  # [head_dim, length, heads]
        x = g.reshape_4d(ctx, x, head_dim, chunk, blocks + shifts - 1, heads)
        nb = self._nb(x)
        windows = None
        for shift in range(shifts):  # overlapping windows: chunk-sized views, side by side
            part = g.view_4d(ctx, x, head_dim, chunk, blocks, heads, nb[1], nb[2], nb[3], shift * nb[2])
            windows = part if windows is None else g.concat(ctx, windows, part, 1)
        if shifts * chunk != context:
            windows = g.cont(ctx, g.view_4d(ctx, windows, head_dim, context, blocks, heads, *self._nb(windows)[1:], 0))
        return windows

    def _light_conv(self, x: int, index: int) -> int:
        """Gemma3nAudioConformerLightConv1d: norm, Linear, GLU, causal depthwise conv, norm, SiLU."""
        g, ctx = self.g, self.ctx
        eps = self.settings.rms_norm_eps
        h = self._rms_norm(x, block_name(index, "conv_norm.weight"), eps)
        h = self._linear(block_name(index, "conv_pw1.weight"), h)
        width2, frames = self._ne(h)[:2]
        width, row = width2 // 2, self._nb(h)[1]
        gate = g.sigmoid(ctx, g.cont(ctx, g.view_2d(ctx, h, width, frames, row, width * 4)))
        h = g.mul(ctx, g.cont(ctx, g.view_2d(ctx, h, width, frames, row, 0)), gate)
        kernel = self.shape.conv_kernel_size
        taps = self.weight(block_name(index, "conv_dw_t"))  # [hidden, kernel]
        padded = g.pad_ext(ctx, h, 0, 0, kernel - 1, 0, 0, 0, 0, 0)
        out = None
        for k in range(kernel):  # out[t] = Σ_k padded[t + k] · w[k], per channel
            shifted = g.view_2d(ctx, padded, width, frames, self._nb(padded)[1], k * self._nb(padded)[1])
            term = g.mul(ctx, shifted, g.view_1d(ctx, taps, width, k * width * 4))
            out = term if out is None else g.add(ctx, out, term)
        h = self._rms_norm(self._clip(out), block_name(index, "norm_conv.weight"), eps)
        h = self._linear(block_name(index, "conv_pw2.weight"), g.silu(ctx, h))
        return g.add(ctx, h, x)

    def _linear(self, name: str, x: int) -> int:
        return self._matmul(self.weight(name), x)

    def _matmul(self, a: int, b: int) -> int:
        out = self.g.mul_mat(self.ctx, a, b)
        self.g.prec_set_acc(out, GGML_PREC_F32)  # F32 accumulation on GPUs, as numpy does
        return out

    def _rms_norm(self, x: int, weight: str, eps: float) -> int:
        return self.g.mul(self.ctx, self.g.rms_norm(self.ctx, x, eps), self.weight(weight))

    def _clip(self, x: int) -> int:
        limit = self.settings.gradient_clipping
        return self.g.clamp(self.ctx, x, -limit, limit)

    def _ne(self, t: int) -> tuple[int, ...]:
        return tuple(self.g.tensor(t).ne)

    def _nb(self, t: int) -> tuple[int, ...]:
        return tuple(self.g.tensor(t).nb)


# A conformer block's parts and the matrices each reads.
BLOCK_PARTS: dict[str, tuple[str, ...]] = {
    "start": ("ffn_up.weight", "ffn_down.weight"),
    "attention": ("attn_q.weight", "attn_k.weight", "attn_v.weight", "linear_pos.weight", "attn_out.weight"),
    "conv": ("conv_pw1.weight", "conv_pw2.weight"),
    "end": ("ffn_up_1.weight", "ffn_down_1.weight"),
}


@dataclass(frozen=True)
class BlockInputs:
    """Per-clip inputs every conformer block reads."""

    geometry: ClipGeometry
    valid: int  # [1, frames] 1.0 where the frame holds audio
    attention_mask: int  # [context, chunk, blocks] 0 or _MASKED
    timing: int  # [hidden, span] sinusoids of the relative offsets past … −future


def _channel_group(channels: int, channel_bytes: int) -> int:
    """The most channels, a divisor of `channels`, whose squares fit in _SQUARES_BYTES (at least one)."""
    fitting = [n for n in range(1, channels + 1) if channels % n == 0 and n * channel_bytes <= _SQUARES_BYTES]
    return max(fitting, default=1)


def block_input_arrays(geometry: ClipGeometry, valid: np.ndarray, hidden: int) -> dict[str, np.ndarray]:
    """The host arrays behind BlockInputs, in numpy order (slowest axis first)."""
    chunk, past, future, blocks = geometry.chunk, geometry.past, geometry.future, geometry.blocks
    key_valid = layers.block_context(valid, chunk, past, future)  # (blocks, context)
    allowed = key_valid[:, np.newaxis, :] & layers.local_attention_mask(chunk, past, future)[np.newaxis]
    mask = np.where(allowed, np.float32(0), np.float32(_MASKED)).astype(np.float32)
    positions = np.arange(past, -future - 1, -1)
    return {
        "valid": valid.astype(np.float32)[:, np.newaxis],
        "attention_mask": np.ascontiguousarray(mask),
        "timing": layers.timing_signal(positions, hidden),
    }


def spectrum_matrix(mel: MelSettings) -> np.ndarray:
    """(2 × bins, frame_length) float32: a frame's samples → the real then imaginary parts of
    the rfft of its pre-emphasised, windowed samples (features.py's steps as one matrix)."""
    length, bins = mel.frame_length, mel.fft_length // 2 + 1
    angles = 2 * np.pi * np.outer(np.arange(bins), np.arange(length)) / mel.fft_length
    windowed = np.vstack([np.cos(angles), -np.sin(angles)]) * mel.window.astype(np.float64)
    # HTK pre-emphasis: e[0] = (1 − p)·f[0], e[j] = f[j] − p·f[j − 1].
    emphasis = np.eye(length)
    emphasis[0, 0] = 1.0 - mel.preemphasis
    emphasis[np.arange(1, length), np.arange(length - 1)] = -mel.preemphasis
    return (windowed @ emphasis).astype(np.float32)


def waveform_rows(waveform: np.ndarray, frame_count: int, mel: MelSettings) -> np.ndarray:
    """(rows, hop) float32: the waveform cut in hop-long rows, zero-padded so every frame's
    frame_length samples are there (the input of AudioGraph.log_mel)."""
    hop = mel.hop_length
    rows = frame_count + -(-mel.frame_length // hop) - 1
    out = np.zeros(rows * hop, dtype=np.float32)
    used = min(len(waveform), len(out))
    out[:used] = waveform[:used]
    return out.reshape(rows, hop)


def q_scale(per_dim_scale: np.ndarray, head_dim: int) -> np.ndarray:
    """What each query dimension is multiplied by: head_dim^-½ / softplus(0) · softplus(scale)."""
    softplus = np.logaddexp(np.float32(0), per_dim_scale).astype(np.float32)
    return (np.float32(head_dim ** -0.5 / math.log(2.0)) * softplus).astype(np.float32)


__all__ = ["BLOCK_PARTS", "AudioGraph", "BlockInputs", "ClipGeometry", "block_input_arrays",
           "clip_geometry", "q_scale", "spectrum_matrix", "waveform_rows"]
