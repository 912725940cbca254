"""The random-weight Gemma 3n file loads and runs in the real llama.cpp: tokens and embeddings."""

from __future__ import annotations

import ctypes
from pathlib import Path

import numpy as np
import pytest
from llama_cpp import Llama, llama_cpp

from app.core.engine.engine import ChatEngine, GenerationResult
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from tests.model_factory_gemma3n import GEMMA3N_SPECIAL_TOKENS, VOCAB_SIZE, cached_random_gemma3n


@pytest.fixture(scope="module")
def tiny_gemma3n_path(request: pytest.FixtureRequest, gemma_model_path: Path) -> Path:
    folder = Path(request.config.cache.mkdir("models"))
    return cached_random_gemma3n(folder, preset="tiny", vocab_from=gemma_model_path)


@pytest.fixture(scope="module")
def tiny_engine(tiny_gemma3n_path: Path):
    engine = ChatEngine(LoadOptions(model_path=tiny_gemma3n_path, n_ctx=1024, n_threads=2))
    yield engine
    engine.close()


def _no_end_of_turn(engine: ChatEngine) -> dict[int, float]:
    # Random weights may pick <eos> or <end_of_turn> first; banning them makes the length exact.
    return {engine.llama.token_eos(): float("-inf"), engine.control_token_id("<end_of_turn>"): float("-inf")}


def test_the_file_is_a_gemma3n_model_with_gemma3n_vocabulary(tiny_engine: ChatEngine) -> None:
    info = tiny_engine.model_info
    assert (info.architecture, info.block_count, info.embedding_length) == ("gemma3n", 4, 256)
    assert tiny_engine.llama.n_vocab() == VOCAB_SIZE


def test_multimodal_tokens_sit_at_their_gemma3n_ids(tiny_engine: ChatEngine) -> None:
    found = {token_id: tiny_engine.control_token_id(text) for token_id, text in GEMMA3N_SPECIAL_TOKENS.items()}
    assert found == {token_id: token_id for token_id in GEMMA3N_SPECIAL_TOKENS}
    assert tiny_engine.control_token_id("<start_of_image>") == 255_999
    assert tiny_engine.control_token_id("<end_of_turn>") == 106


def test_generates_tokens_after_a_prompt_with_one_bos(tiny_engine: ChatEngine) -> None:
    messages = [ChatMessage("user", "Name three colours.")]
    plan = tiny_engine.plan(messages)
    bos = tiny_engine.llama.token_bos()
    assert plan.token_ids[0] == bos
    assert plan.token_ids.count(bos) == 1

    sampling = SamplingOptions(max_tokens=4, seed=7, logit_bias=_no_end_of_turn(tiny_engine))
    result = list(tiny_engine.generate(messages, sampling=sampling))[-1]

    assert isinstance(result, GenerationResult)
    assert result.stop_reason == "max_tokens"
    assert len(result.token_ids) == 4
    assert all(0 <= token < VOCAB_SIZE for token in result.token_ids)
    assert result.context_used == plan.n_positions + 4


def test_embeddings_decode_between_token_batches_at_contiguous_positions(tiny_gemma3n_path: Path) -> None:
    llama = Llama(model_path=str(tiny_gemma3n_path), n_ctx=256, n_threads=2, swa_full=True, verbose=False)
    batch = llama_cpp.llama_batch_init(8, llama.n_embd(), 1)
    try:
        prompt = llama.tokenize(b"Listen:", add_bos=True, special=True)
        assert _decode_tokens(llama, prompt) == 0

        embeddings = np.random.default_rng(3).standard_normal((8, llama.n_embd())).astype(np.float32)
        ctypes.memmove(batch.embd, embeddings.ctypes.data, embeddings.nbytes)
        for index in range(8):
            batch.pos[index] = len(prompt) + index
            batch.n_seq_id[index] = 1
            batch.seq_id[index][0] = 0
            batch.logits[index] = index == 7
        batch.n_tokens = 8
        assert llama_cpp.llama_decode(llama.ctx, batch) == 0

        assert _decode_tokens(llama, [llama.tokenize(b"\n", add_bos=False)[0]]) == 0
        memory = llama_cpp.llama_get_memory(llama.ctx)
        assert llama_cpp.llama_memory_seq_pos_max(memory, 0) == len(prompt) + 8
        logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llama.ctx, -1), shape=(llama.n_vocab(),))
        assert np.isfinite(logits).all()
        assert logits.std() > 0
    finally:
        llama_cpp.llama_batch_free(batch)
        llama.close()


def _decode_tokens(llama: Llama, tokens: list[int]) -> int:
    array = (llama_cpp.llama_token * len(tokens))(*tokens)
    return llama_cpp.llama_decode(llama.ctx, llama_cpp.llama_batch_get_one(array, len(tokens)))
