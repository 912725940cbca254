"""End to end in real llama.cpp: the tiny random Gemma 3n model hears a clip through the ggml
encoder and through the numpy one, and greedy decoding gives the same tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.engine.engine import ChatEngine
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.gemma3n_audio import Gemma3nAudioEncoder, write_audio_projector
from app.core.gemma3n_audio import choice as encoder_choice
from app.core.gemma3n_audio import ggml_api
from app.core.gemma3n_audio.ggml_api import load_ggml
from app.core.gemma3n_audio.ggml_encoder import GgmlAudioEncoder
from app.core.speech.chunker import AudioChunk
from app.core.speech.transcription import SpeechTask, chunk_message
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE, noise_clip, random_audio_weights
from tests.model_factory_gemma3n import cached_random_gemma3n

END_OF_TURN, EOS = 106, 1


@pytest.fixture(scope="module")
def gemma3n_files(gemma_model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("gemma3n-ggml")
    model = cached_random_gemma3n(folder, preset="tiny", vocab_from=gemma_model_path)
    encoder = write_audio_projector(folder / "gemma3n-audio-encoder.gguf",
                                    random_audio_weights(replace(TINY_SHAPE, text_width=256)))
    return model, encoder


def open_engine(files: tuple[Path, Path]) -> ChatEngine:
    model, encoder = files
    return ChatEngine(LoadOptions(model_path=model, audio_encoder_path=encoder, n_ctx=1024, n_threads=2,
                                  audio_encoder_device="cpu"))


@pytest.fixture(scope="module")
def ggml_engine(gemma3n_files: tuple[Path, Path]) -> Iterator[ChatEngine]:
    engine = open_engine(gemma3n_files)
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def numpy_engine(gemma3n_files: tuple[Path, Path]) -> Iterator[ChatEngine]:
    # The real fallback: a ggml without a function the encoder needs.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ggml_api, "_SIGNATURES", dict(ggml_api._SIGNATURES, ggml_op_from_the_future=(None, [])))
        patch.setattr(encoder_choice, "_reasons_told", set())
        load_ggml.cache_clear()
        try:
            engine = open_engine(gemma3n_files)
        finally:
            load_ggml.cache_clear()
    yield engine
    engine.close()


def greedy_tokens(engine: ChatEngine, seconds: float) -> list[int]:
    chunk = AudioChunk(0, 0, noise_clip(seconds), False)
    sampling = SamplingOptions(temperature=0.0, max_tokens=16, logit_bias={END_OF_TURN: -100.0, EOS: -100.0})
    return list(list(engine.generate([chunk_message(chunk, SpeechTask())], "", sampling))[-1].token_ids)


def test_each_engine_hears_through_the_encoder_it_was_given(ggml_engine: ChatEngine,
                                                            numpy_engine: ChatEngine) -> None:
    assert isinstance(ggml_engine.own_speech.encoder, GgmlAudioEncoder)
    assert ggml_engine.own_speech.encoder_fallback is None
    assert isinstance(numpy_engine.own_speech.encoder, Gemma3nAudioEncoder)
    assert "ggml_op_from_the_future" in str(numpy_engine.own_speech.encoder_fallback)
    assert numpy_engine.supports_audio and numpy_engine.speech_unavailable is None


@pytest.mark.parametrize("seconds", [3.0, 12.0, 30.0])
def test_greedy_transcript_tokens_are_the_same_from_ggml_and_numpy(ggml_engine: ChatEngine,
                                                                   numpy_engine: ChatEngine,
                                                                   seconds: float) -> None:
    from_ggml, from_numpy = greedy_tokens(ggml_engine, seconds), greedy_tokens(numpy_engine, seconds)

    assert len(from_numpy) == 16
    assert from_ggml == from_numpy


def test_the_audio_steers_the_tokens(numpy_engine: ChatEngine) -> None:
    # Otherwise equal tokens above would say nothing about the embeddings.
    assert greedy_tokens(numpy_engine, 3.0) != greedy_tokens(numpy_engine, 12.0)
