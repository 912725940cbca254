"""Gemma 3n speech through our own audio encoder, plugged in where libmtmd's audio would be.

The prompt is what Gemma 3n's processor writes: "\n\n<start_of_audio>" as tokens, then 188 soft
embeddings and <end_of_audio> as embeddings (its hard-path row, not llama.cpp's text-table row),
then "\n\n" and the task text as tokens.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Callable

import numpy as np

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.engine.embedding_input import EmbeddingPiece
from app.core.gemma3n_audio import AudioProjectorError
from app.core.gemma3n_audio.choice import open_audio_encoder
from app.core.engine.prompt_plan import MediaUnit, Unit

START_OF_AUDIO = "<start_of_audio>"
_CACHE_SIZE = 8


class Gemma3nSpeech:
    def __init__(self, encoder_path: Path, control_token_id: Callable[[str], int], n_embd: int,
                 device: str = "auto", text_on_gpu: bool = False) -> None:
        choice = open_audio_encoder(encoder_path, device, text_on_gpu)
        self.encoder, self.encoder_runs_on, self.encoder_fallback = (
            choice.encoder, choice.runs_on, choice.fallback_reason)
        if self.encoder.text_width != n_embd:
            width = self.encoder.text_width
            self.encoder.close()
            raise AudioProjectorError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} makes {width}-wide audio embeddings but the model needs {n_embd}.",
                ),
                name=encoder_path.name, width=width, n_embd=n_embd,
            )
        self.path = encoder_path
        self._control_token_id = control_token_id
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.encode_calls = 0

    def units(self, key: str, samples: np.ndarray) -> list[Unit]:
        vectors = self._cache.get(key)
        if vectors is None:
            self.encode_calls += 1
            soft = self.encoder.encode_clip(samples)
            vectors = np.vstack([soft, self.encoder.end_of_audio_embedding()[None, :]]).astype(np.float32)
            self._cache[key] = vectors
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        piece = EmbeddingPiece(vectors)
        unit = MediaUnit(f"{key}#gemma3n", "audio", piece.n_positions, piece.n_positions, piece)
        return [self._control_token_id(START_OF_AUDIO), unit]

    def close(self) -> None:
        self.encoder.close()
        self._cache.clear()
