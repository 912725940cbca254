"""Gemma 3n hears through the server by way of our own encoder (libmtmd skips its audio tower)."""

import io
from dataclasses import replace

import numpy as np
import pytest

from app.core.engine.options import LoadOptions
from app.core.engine.prompt_plan import MediaUnit
from app.core.gemma3n_audio import write_audio_projector
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE, noise_clip, random_audio_weights
from tests.model_factory_gemma3n import cached_random_gemma3n
from tests.server.conftest import serving, wav_bytes


@pytest.fixture(scope="module")
def gemma3n_server(gemma_model_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gemma3n")
    model = cached_random_gemma3n(folder, preset="tiny", vocab_from=gemma_model_path)
    encoder = write_audio_projector(folder / "gemma3n-audio-encoder.gguf",
                                    random_audio_weights(replace(TINY_SHAPE, text_width=256)))
    options = LoadOptions(model_path=model, audio_encoder_path=encoder, n_ctx=1024, n_threads=1)
    with serving(options) as served:
        yield served


def test_gemma3n_transcription_goes_through_our_encoder(gemma3n_server):
    clip = np.concatenate([noise_clip(2.0), np.zeros(8000, np.float32)])
    verbose = gemma3n_server.client().audio.transcriptions.create(
        model="g", file=("clip.wav", io.BytesIO(wav_bytes(clip)), "audio/wav"), response_format="verbose_json")
    assert [(s.start, s.end) for s in verbose.segments] == [(0.0, 2.5)]
    engine = gemma3n_server.engine.engine
    assert engine.model_info.architecture == "gemma3n" and engine.projector is None
    media = [unit for unit in engine.cached_units if isinstance(unit, MediaUnit)]
    assert [unit.kind for unit in media] == ["audio"]
    assert media[0].n_positions == 189, "188 soft tokens and <end_of_audio>, from our encoder"
    assert engine.media_encodes_own == 1
