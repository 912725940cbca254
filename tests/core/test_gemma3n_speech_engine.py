"""Gemma 3n hears end to end: our encoder's embeddings go into a real llama.cpp gemma3n graph."""

from dataclasses import replace

import numpy as np
import pytest

from app.core.speech.chunker import AudioChunk
from app.core.engine.engine import ChatEngine, TokenPiece
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.gemma3n_audio import write_audio_projector
from app.core.engine.prompt_plan import MediaUnit
from app.core.speech.transcription import SpeechTask, chunk_message
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE, noise_clip, random_audio_weights
from tests.model_factory_gemma3n import cached_random_gemma3n

BOS, START_OF_AUDIO = 2, 256000


@pytest.fixture(scope="module")
def gemma3n_engine(gemma_model_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gemma3n")
    model = cached_random_gemma3n(folder, preset="tiny", vocab_from=gemma_model_path)
    weights = random_audio_weights(replace(TINY_SHAPE, text_width=256))
    encoder = write_audio_projector(folder / "gemma3n-audio-encoder.gguf", weights)
    engine = ChatEngine(LoadOptions(model_path=model, audio_encoder_path=encoder, n_ctx=1024, n_threads=2))
    yield engine
    engine.close()


def test_gemma3n_model_can_hear_through_our_encoder(gemma3n_engine):
    assert gemma3n_engine.model_info.architecture == "gemma3n"
    assert gemma3n_engine.supports_audio and gemma3n_engine.speech_unavailable is None


def test_three_batch_prompt_layout_and_one_bos(gemma3n_engine):
    chunk = AudioChunk(0, 0, noise_clip(2.0), False)
    plan = gemma3n_engine.plan([chunk_message(chunk, SpeechTask())])
    index = next(i for i, unit in enumerate(plan.units) if isinstance(unit, MediaUnit))
    before, media, after = plan.units[:index], plan.units[index], plan.units[index + 1 :]
    assert before[0] == BOS and plan.token_ids.count(BOS) == 1
    assert before[-1] == START_OF_AUDIO
    assert gemma3n_engine.detokenize(before).endswith("user\n\n\n<start_of_audio>")
    assert media.n_positions == 189, "188 soft tokens and <end_of_audio>, all as embeddings"
    assert gemma3n_engine.detokenize(after).startswith("\n\nTranscribe this audio exactly")


def test_audio_answer_streams_with_contiguous_positions(gemma3n_engine):
    chunk = AudioChunk(0, 0, noise_clip(3.0), False)
    sampling = SamplingOptions(temperature=0.0, max_tokens=6, logit_bias={106: -100.0, 1: -100.0})
    events = list(gemma3n_engine.generate([chunk_message(chunk, SpeechTask("French"))], "", sampling))
    result = events[-1]
    assert [e for e in events if isinstance(e, TokenPiece)] or result.token_ids
    assert len(result.token_ids) == 6
    assert result.media_encodes == 1
    assert result.context_used == result.prompt_tokens + 6
    assert np.isfinite(gemma3n_engine.own_speech.encoder.end_of_audio_embedding()).all()
