"""Feeding precomputed embeddings to llama.cpp (llama_batch.embd) instead of token ids."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import numpy as np
from llama_cpp import llama_cpp

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.errors import UserError


@dataclass(frozen=True)
class EmbeddingPiece:
    """Rows of the text model's input space, one per position."""

    vectors: np.ndarray  # (n, n_embd) float32

    @property
    def n_positions(self) -> int:
        return int(self.vectors.shape[0])


class EmbeddingDecodeError(UserError, RuntimeError):
    pass


def decode_embeddings(ctx, vectors: np.ndarray, n_past: int, n_batch: int, seq_id: int = 0) -> int:
    """Decode `vectors` at positions n_past… of sequence `seq_id`; returns the new n_past."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    rows, width = vectors.shape
    for start in range(0, rows, n_batch):
        part = vectors[start : start + n_batch]
        count = part.shape[0]
        batch = llama_cpp.llama_batch_init(count, width, 1)
        try:
            ctypes.memmove(batch.embd, part.ctypes.data, part.nbytes)
            for i in range(count):
                batch.pos[i] = n_past + start + i
                batch.n_seq_id[i] = 1
                batch.seq_id[i][0] = seq_id
                batch.logits[i] = False
            batch.n_tokens = count
            result = llama_cpp.llama_decode(ctx, batch)
        finally:
            llama_cpp.llama_batch_free(batch)
        if result != 0:
            raise EmbeddingDecodeError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "llama_decode refused the embeddings (returned {result}).",
                ),
                result=result,
            )
    return n_past + rows
