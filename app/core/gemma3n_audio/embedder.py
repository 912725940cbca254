"""Gemma 3n's audio embedder (transformers' `Gemma3nMultimodalEmbedder` for audio).

Two paths into the text model's embedding space: encoder frames go through the "soft" norm,
audio-vocabulary rows (token id − 262272) through the "hard" norm; both then through the same
projection and a scale-free RMSNorm. The result is not multiplied by √n_embd.
"""

from __future__ import annotations

import numpy as np

from app.core.gemma3n_audio.layers import rms_norm
from app.core.gemma3n_audio.parallel import SliceRunner
from app.core.gemma3n_audio.weights import AudioProjectorWeights

# <end_of_audio> (262272) is row 0 of the audio vocabulary.
END_OF_AUDIO_ROW = 0


class AudioEmbedder:
    def __init__(self, weights: AudioProjectorWeights, rms_norm_eps: float, scratch: np.ndarray,
                 runner: SliceRunner) -> None:
        self.weights = weights
        self.eps = rms_norm_eps
        self._scratch = scratch
        self._runner = runner
        self._rows: dict[int, np.ndarray] = {}

    @property
    def padding_row(self) -> int:
        # transformers pads with text-vocabulary id (vocab_size − 1) = 262399, the audio
        # vocabulary's last row (127).
        return self.weights.shape.audio_vocab_size - 1

    def embed_frames(self, frames: np.ndarray) -> np.ndarray:
        """(n, hidden) encoder output → (n, text_width) float32 (the soft path)."""
        normed = rms_norm(frames, self.weights.small("mm.a.soft_emb_norm.weight"), self.eps)
        return self._project(normed)

    def embed_row(self, row: int) -> np.ndarray:
        """Audio-vocabulary row `row` → (text_width,) float32 (the hard path); cached."""
        cached = self._rows.get(row)
        if cached is None:
            table = self.weights.small("mm.a.embedding.weight")
            if not 0 <= row < len(table):
                raise IndexError(f"audio vocabulary row {row} is outside 0…{len(table) - 1}")
            normed = rms_norm(table[row : row + 1], self.weights.small("mm.a.hard_emb_norm.weight"), self.eps)
            cached = self._rows[row] = self._project(normed)[0]
        return cached

    def _project(self, normed: np.ndarray) -> np.ndarray:
        projection = self.weights.matrix(
            "mm.a.input_projection.weight", out=self._scratch, runner=self._runner)
        return rms_norm(self._runner.matmul(normed, projection.T), None, self.eps)
