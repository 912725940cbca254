"""Gemma 3n's audio encoder in numpy, for the Gemma 3n projectors whose audio libmtmd skips.

    with Gemma3nAudioEncoder.from_gguf(projector_path) as encoder:
        soft_tokens = encoder.encode_clip(samples_16k)        # (188, n_embd) float32
        end_of_audio = encoder.end_of_audio_embedding()       # (n_embd,) float32
"""

from app.core.gemma3n_audio.encoder import Gemma3nAudioEncoder, read_audio_encoder_shape
from app.core.gemma3n_audio.features import AudioClipError, MelFeatures, log_mel_features
from app.core.gemma3n_audio.names import EncoderShape
from app.core.gemma3n_audio.settings import GEMMA3N_AUDIO, AudioEncoderSettings
from app.core.gemma3n_audio.weights import AudioProjectorError
from app.core.gemma3n_audio.writer import (
    AudioWeightsError,
    DeferredTensor,
    bfloat16_to_float32,
    write_audio_projector,
)

__all__ = [
    "GEMMA3N_AUDIO",
    "AudioClipError",
    "AudioEncoderSettings",
    "AudioProjectorError",
    "AudioWeightsError",
    "DeferredTensor",
    "EncoderShape",
    "Gemma3nAudioEncoder",
    "MelFeatures",
    "bfloat16_to_float32",
    "log_mel_features",
    "read_audio_encoder_shape",
    "write_audio_projector",
]
