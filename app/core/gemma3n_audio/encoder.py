"""Gemma 3n hears: a clip of 16 kHz audio → the embeddings the text model takes for it.

libmtmd skips Gemma 3n's audio encoder, so this runs it in numpy from the projector GGUF.
In the prompt the embeddings stand where the processor puts `<audio_soft_token>` × 188,
between `\\n\\n<start_of_audio>` and `<end_of_audio>\\n\\n`; `<end_of_audio>` itself goes in as
`end_of_audio_embedding()` because llama.cpp's text-table row for it is not what the model uses.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import numpy as np

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.gemma3n_audio.conformer import ConformerEncoder
from app.core.gemma3n_audio.embedder import END_OF_AUDIO_ROW, AudioEmbedder
from app.core.gemma3n_audio.features import MelFeatures, log_mel_features
from app.core.gemma3n_audio.names import EncoderShape
from app.core.gemma3n_audio.parallel import SliceRunner
from app.core.gemma3n_audio.settings import GEMMA3N_AUDIO, AudioEncoderSettings
from app.core.gemma3n_audio.weights import AudioProjectorError, AudioProjectorWeights


class EncoderFacts:
    """What the engine asks of any Gemma 3n audio encoder (numpy or ggml), read from its weights
    and settings."""

    weights: AudioProjectorWeights
    settings: AudioEncoderSettings

    @property
    def text_width(self) -> int:
        """n_embd of the text model these embeddings are for (2048 for E2B and E4B)."""
        return self.weights.shape.text_width

    @property
    def tokens_per_clip(self) -> int:
        return self.settings.soft_tokens_per_clip

    @property
    def sample_rate(self) -> int:
        return self.settings.mel.sample_rate

    @property
    def max_clip_seconds(self) -> float:
        return self.settings.mel.max_seconds

    @staticmethod
    def check_mel_bins(weights: AudioProjectorWeights, settings: AudioEncoderSettings) -> None:
        if weights.shape.mel_bins != settings.mel.mel_bins:
            raise AudioProjectorError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} expects {mel_bins} mel bins, not {mel_bins_2}.",
                ),
                name=weights.path.name,
                mel_bins=weights.shape.mel_bins,
                mel_bins_2=settings.mel.mel_bins,
            )


class Gemma3nAudioEncoder(EncoderFacts):
    """The audio tower and embedder of one projector file. Not thread-safe: use one per thread."""

    def __init__(self, weights: AudioProjectorWeights, settings: AudioEncoderSettings = GEMMA3N_AUDIO,
                 threads: int | None = None) -> None:
        self.check_mel_bins(weights, settings)
        self.weights = weights
        self.settings = settings
        self._runner = SliceRunner(threads)
        try:
            self._tower = ConformerEncoder(weights, settings, self._runner)
        except BaseException:
            self._runner.close()
            raise
        self._embedder = AudioEmbedder(weights, settings.rms_norm_eps, self._tower.scratch, self._runner)

    @classmethod
    def from_gguf(cls, path: Path | str, settings: AudioEncoderSettings = GEMMA3N_AUDIO,
                  threads: int | None = None) -> Gemma3nAudioEncoder:
        """Open a projector GGUF holding a `gemma3na` audio encoder; raises AudioProjectorError.

        `threads` (default: the cores, at most 8) share each matmul, F16 conversion and
        activation; while a clip is encoded BLAS is held to one thread (with threadpoolctl).
        """
        weights = AudioProjectorWeights(Path(path))
        try:
            return cls(weights, settings, threads)
        except BaseException:
            weights.close()
            raise

    def encode_clip(self, samples_16k: np.ndarray) -> np.ndarray:
        """Mono float32 samples at 16 kHz (cut to 30 s) → (188, text_width) float32.

        Raises AudioClipError (from features) for a clip that is not 1-D, finite and ≥ 33 ms.
        """
        return self.encode_features(log_mel_features(samples_16k, self.settings.mel))

    def encode_features(self, features: MelFeatures) -> np.ndarray:
        """As encode_clip, from features already computed."""
        with self._runner.own_blas_threads():
            encoded = self._tower.encode(features.frames, features.mask)
            embeddings = self._embedder.embed_frames(encoded.frames)
        padding = self._embedder.embed_row(self._embedder.padding_row)
        return fill_prompt_slots(embeddings, encoded.valid, padding, self.settings.soft_tokens_per_clip)

    def end_of_audio_embedding(self) -> np.ndarray:
        """The embedding of `<end_of_audio>` (audio-vocabulary row 0), (text_width,) float32."""
        return self._embedder.embed_row(END_OF_AUDIO_ROW).copy()

    def padding_embedding(self) -> np.ndarray:
        """What fills the slots after a short clip (audio-vocabulary row 127), (text_width,)."""
        return self._embedder.embed_row(self._embedder.padding_row).copy()

    def close(self) -> None:
        self._runner.close()
        self.weights.close()

    def __enter__(self) -> Gemma3nAudioEncoder:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def fill_prompt_slots(embeddings: np.ndarray, valid: np.ndarray, padding: np.ndarray,
                      count: int) -> np.ndarray:
    """The clip's (n, width) embeddings in the prompt's `count` audio slots: frames the encoder
    marks as padding, and the slots after the clip's last frame, get the embedding of the audio
    vocabulary's last row, as transformers does."""
    if len(embeddings) > count:
        raise ValueError(f"the clip gives {len(embeddings)} audio embeddings but the prompt holds {count}")
    out = np.empty((count, embeddings.shape[1]), dtype=np.float32)
    out[: len(embeddings)] = embeddings
    out[: len(embeddings)][~valid] = padding
    out[len(embeddings):] = padding
    return out


def read_audio_encoder_shape(path: Path | str) -> EncoderShape:
    """Check that `path` holds a complete Gemma 3n audio encoder and return its sizes.

    Raises AudioProjectorError (naming the file) for a vision-only projector, a language model,
    a damaged file or missing tensors.
    """
    with AudioProjectorWeights(Path(path)) as weights:
        return weights.shape
