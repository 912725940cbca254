"""Gemma 3n's audio tower (transformers' `Gemma3nAudioEncoder`) in numpy.

Mel frames → sub-sampling convolutions (÷4 in time) → conformer blocks → every 4th frame:
30 s of audio = 2997 mel frames → 750 → 188 audio embeddings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.gemma3n_audio import layers
from app.core.gemma3n_audio.names import block_name
from app.core.gemma3n_audio.parallel import SliceRunner
from app.core.gemma3n_audio.settings import AudioEncoderSettings
from app.core.gemma3n_audio.weights import AudioProjectorError, AudioProjectorWeights

# transformers hard-codes this eps in the feed-forward, attention and block norms.
_FIXED_RMS_EPS = 1e-6


@dataclass(frozen=True)
class EncodedAudio:
    """One clip through the encoder: (frames, hidden) float32, and which frames hold audio."""

    frames: np.ndarray
    valid: np.ndarray


class ConformerEncoder:
    """Runs the audio tower on one clip's mel frames, reading each weight as it is needed.

    Not thread-safe: one float32 scratch buffer holds whichever matrix is in use.
    """

    def __init__(self, weights: AudioProjectorWeights, settings: AudioEncoderSettings,
                 runner: SliceRunner) -> None:
        self.weights = weights
        self.settings = settings
        self.runner = runner
        shape = weights.shape
        self.shape = shape
        if len(settings.conv_strides) != 2:
            raise ValueError("Gemma 3n's sub-sampling has exactly two convolutions")
        freq = shape.mel_bins
        for (_, kf), (_, sf) in zip(shape.sscp_kernels, settings.conv_strides, strict=True):
            freq = (freq + 2 - kf) // sf + 1
        if freq * shape.sscp_channels[1] != shape.sscp_output_size:
            raise AudioProjectorError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name}: a.pre_encode.out.weight does not fit {mel_bins} mel bins.",
                ),
                name=weights.path.name, mel_bins=shape.mel_bins,
            )
        self.scratch = np.empty(weights.largest_matrix_size(), dtype=np.float32)
        past = max(0, settings.attention_context_left - 1)
        self._past, self._future = past, settings.attention_context_right
        self._chunk = settings.attention_chunk_size
        self._context = self._chunk + past + self._future
        self._mask = layers.local_attention_mask(self._chunk, past, self._future)
        positions = np.arange(past, -self._future - 1, -1)
        self._timing = layers.timing_signal(positions, shape.hidden_size)
        softplus_zero = float(np.log(2.0))
        self._q_scale = np.float32(shape.head_dim ** -0.5 / softplus_zero)

    def encode(self, mel: np.ndarray, mel_valid: np.ndarray) -> EncodedAudio:
        """(frames, mel_bins) float32 + validity → (ceil(T'/4), hidden) with T' ≈ frames / 4."""
        x = self._subsample(mel.astype(np.float32, copy=False))
        stride = int(np.prod([st for st, _ in self.settings.conv_strides]))
        indices = np.minimum(np.arange(len(x)) * stride, len(mel_valid) - 1)
        valid = mel_valid[indices]
        last = self.shape.block_count - 1
        reduction = self.settings.reduction_factor
        for block in range(self.shape.block_count):
            x = self._block(x, valid, block, keep_every=reduction if block == last else 1)
        valid = valid[::reduction]
        x[~valid] = 0.0
        return EncodedAudio(frames=x, valid=valid)

    def linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return self.runner.matmul(x, self.weights.matrix(name, out=self.scratch, runner=self.runner).T)

    def silu(self, x: np.ndarray) -> np.ndarray:
        self.runner.run(lambda start, stop: layers.silu(x[start:stop]), len(x), x.shape[-1])
        return x

    def _subsample(self, mel: np.ndarray) -> np.ndarray:
        """Gemma3nAudioSubSampleConvProjection: two conv + cumulative group norm + ReLU, Linear."""
        x = mel[:, :, np.newaxis]
        for index, stride in enumerate(self.settings.conv_strides):
            kt, _ = self.shape.sscp_kernels[index]
            # Time is padded only at the end ("reverse causal"), frequency by one on each side.
            x = np.pad(x, ((0, kt - 1), (1, 1), (0, 0)))
            x = layers.conv2d_channels_last(x, self.weights.small(f"a.conv1d.{index}.weight"), stride)
            x = layers.cumulative_group_norm(
                x, self.weights.small(f"a.conv1d.{index}.norm.weight"), self.settings.group_norm_eps
            )
            np.maximum(x, 0.0, out=x)
        return self.linear(x.reshape(x.shape[0], -1), "a.pre_encode.out.weight")

    def _block(self, x: np.ndarray, valid: np.ndarray, block: int, keep_every: int) -> np.ndarray:
        """Gemma3nAudioConformerBlock; keep_every > 1 drops frames early where only per-frame
        work is left (the end feed-forward and final norm of the last block)."""
        x = self._feed_forward(x, block, "")
        x = self._attention(x, valid, block)
        x *= valid[:, np.newaxis]
        x = self._light_conv(x, block)
        if keep_every > 1:
            x = np.ascontiguousarray(x[::keep_every])
        x = self._feed_forward(x, block, "_1")
        x = layers.clip(x, self.settings.gradient_clipping)
        return layers.rms_norm(x, self._small(block, "layer_pre_norm.weight"), _FIXED_RMS_EPS)

    def _feed_forward(self, x: np.ndarray, block: int, which: str) -> np.ndarray:
        """Gemma3nAudioConformerFeedForward (`which` is "" for the start one, "_1" for the end)."""
        limit = self.settings.gradient_clipping
        h = np.clip(x, -limit, limit)
        h = layers.rms_norm(h, self._small(block, f"ffn_norm{which}.weight"), _FIXED_RMS_EPS)
        h = self.silu(self.linear(h, block_name(block, f"ffn_up{which}.weight")))
        h = layers.clip(self.linear(h, block_name(block, f"ffn_down{which}.weight")), limit)
        h = layers.rms_norm(h, self._small(block, f"ffn_post_norm{which}.weight"), _FIXED_RMS_EPS)
        h *= self.settings.residual_weight
        h += x
        return h

    def _attention(self, x: np.ndarray, valid: np.ndarray, block: int) -> np.ndarray:
        """Gemma3nAudioConformerAttention around Gemma3nAudioAttention."""
        limit = self.settings.gradient_clipping
        h = np.clip(x, -limit, limit)
        h = layers.rms_norm(h, self._small(block, "ln1.weight"), _FIXED_RMS_EPS)
        h = self._local_attention(h, valid, block)
        h = layers.clip(self.linear(h, block_name(block, "attn_out.weight")), limit)
        h = layers.rms_norm(h, self._small(block, "ln2.weight"), _FIXED_RMS_EPS)
        h += x
        return h

    def _local_attention(self, x: np.ndarray, valid: np.ndarray, block: int) -> np.ndarray:
        """Chunked local self-attention with relative positions, per-dim scale and soft-cap."""
        frames = len(x)
        heads, head_dim = self.shape.head_count, self.shape.head_dim
        chunk, past, future, context = self._chunk, self._past, self._future, self._context
        blocks = -(-frames // chunk)

        per_dim = layers.softplus(self._small(block, "per_dim_scale"))
        q = self.linear(x, block_name(block, "attn_q.weight")).reshape(frames, heads, head_dim)
        q *= self._q_scale
        q *= per_dim
        k = self.linear(x, block_name(block, "attn_k.weight")).reshape(frames, heads, head_dim)
        v = self.linear(x, block_name(block, "attn_v.weight")).reshape(frames, heads, head_dim)

        # (heads, blocks, chunk, head_dim) queries; (heads, blocks, context, head_dim) keys/values.
        q_padded = np.zeros((blocks * chunk, heads, head_dim), dtype=np.float32)
        q_padded[:frames] = q
        queries = q_padded.reshape(blocks, chunk, heads, head_dim).transpose(2, 0, 1, 3)
        keys = layers.block_context(k, chunk, past, future).transpose(2, 0, 1, 3)
        values = layers.block_context(v, chunk, past, future).transpose(2, 0, 1, 3)

        logits = np.matmul(queries, keys.transpose(0, 1, 3, 2))
        # Position scores for the span of relative offsets [past … −future], then shifted so
        # that each query's row lines up with its keys.
        position_embedding = self._timing @ self.weights.matrix(
            block_name(block, "linear_pos.weight"), out=self.scratch, runner=self.runner).T
        position_embedding = position_embedding.reshape(-1, heads, head_dim).transpose(1, 2, 0)
        span_scores = np.matmul(q_padded.transpose(1, 0, 2), position_embedding)
        span_scores = span_scores.reshape(heads, blocks, chunk, -1)
        logits += layers.relative_shift(span_scores, context)

        cap = self.settings.attention_logit_cap
        logits *= 1.0 / cap
        np.tanh(logits, out=logits)
        logits *= cap
        key_valid = layers.block_context(valid, chunk, past, future)  # (blocks, context)
        allowed = key_valid[np.newaxis, :, np.newaxis, :] & self._mask[np.newaxis, np.newaxis]
        logits = np.where(allowed, logits, np.finfo(np.float32).min)
        probabilities = layers.softmax_last(logits)
        context_vectors = np.matmul(probabilities, values)  # (heads, blocks, chunk, head_dim)
        out = context_vectors.transpose(1, 2, 0, 3).reshape(blocks * chunk, heads * head_dim)
        return np.ascontiguousarray(out[:frames])

    def _light_conv(self, x: np.ndarray, block: int) -> np.ndarray:
        """Gemma3nAudioConformerLightConv1d: norm, Linear, GLU, causal depthwise conv, norm, SiLU."""
        eps = self.settings.rms_norm_eps
        h = layers.rms_norm(x, self._small(block, "conv_norm.weight"), eps)
        h = self.linear(h, block_name(block, "conv_pw1.weight"))
        half = h.shape[1] // 2
        h = h[:, :half] * layers.sigmoid(h[:, half:])
        h = layers.causal_depthwise_conv(h, self._small(block, "conv_dw.weight"))
        h = layers.clip(h, self.settings.gradient_clipping)
        h = self.silu(layers.rms_norm(h, self._small(block, "norm_conv.weight"), eps))
        h = self.linear(h, block_name(block, "conv_pw2.weight"))
        h += x
        return h

    def _small(self, block: int, suffix: str) -> np.ndarray:
        return self.weights.small(block_name(block, suffix))
