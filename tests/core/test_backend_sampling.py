"""Sampling inside llama.cpp's graph (backend sampling) against the CPU chain, on real llama.cpp.

On a CPU-only build the output layer is on the CPU, so the engine samples on the CPU chain; the
backend chain still runs there when asked (its graph runs on the CPU device), which lets these
tests compare the two paths token for token."""

from dataclasses import replace

import pytest

from app.core.engine.engine import ChatEngine, GenerationResult
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.engine.sampling import samples_on_backend

GEMMA = SamplingOptions(max_tokens=16)  # top-k 64, top-p 0.95, temperature 1.0
GREEDY = replace(GEMMA, temperature=0.0)
PROMPT = [ChatMessage("user", "Name three colours of the sea.")]


@pytest.fixture(scope="module")
def engines(gemma_model_path):
    """(CPU chain, backend chain) on one file. The backend one is told its output layer is on a
    GPU: that is the hardware fact the choice rests on, and the only thing faked here."""
    options = LoadOptions(model_path=gemma_model_path, n_ctx=1024, n_threads=2)
    cpu, backend = ChatEngine(options), ChatEngine(options)
    backend.output_on_gpu = True
    yield cpu, backend
    cpu.close()
    backend.close()


def answer(engine, sampling, messages=PROMPT) -> GenerationResult:
    *_, result = engine.generate(messages, "", sampling)
    return result


def test_choice_of_chain():
    assert samples_on_backend(GEMMA, output_on_gpu=True)
    assert samples_on_backend(GREEDY, output_on_gpu=True)
    assert not samples_on_backend(GEMMA, output_on_gpu=False)  # slower than the CPU chain on a CPU
    assert not samples_on_backend(replace(GEMMA, repeat_penalty=1.1), output_on_gpu=True)
    assert samples_on_backend(replace(GEMMA, logit_bias={106: -100.0}), output_on_gpu=True)


def test_cpu_only_engine_samples_on_the_cpu(engines):
    cpu, _ = engines
    answer(cpu, GEMMA)
    assert cpu._chat_sampler is None


def test_greedy_gives_the_same_tokens_on_both_chains(engines):
    cpu, backend = engines
    on_cpu = answer(cpu, GREEDY)
    on_backend = answer(backend, GREEDY)
    assert backend._chat_sampler is not None and backend._chat_sampler.on_backend
    assert len(on_cpu.token_ids) >= 8
    assert on_backend.token_ids == on_cpu.token_ids
    assert on_backend.text == on_cpu.text


def test_a_logit_bias_acts_the_same_in_the_graph(engines):
    cpu, backend = engines
    first = answer(cpu, GREEDY).token_ids[0]
    banned = replace(GREEDY, logit_bias={first: float("-inf"), 106: -100.0, 1: -100.0})
    on_cpu, on_backend = answer(cpu, banned), answer(backend, banned)
    assert backend._chat_sampler.on_backend
    assert first not in on_backend.token_ids
    assert on_backend.token_ids == on_cpu.token_ids
    forced = replace(GREEDY, logit_bias={106: 100.0})
    assert answer(backend, forced).stop_reason == "end_of_turn"


def test_greedy_stays_identical_over_a_second_turn(engines):
    """The backend chain stays attached across turns; the KV reuse and the sampled token of the
    prompt's last output still agree with the CPU chain."""
    cpu, backend = engines
    first = answer(cpu, GREEDY)
    second_turn = PROMPT + [ChatMessage("model", first.text), ChatMessage("user", "And of the sky?")]
    assert answer(backend, GREEDY, second_turn).token_ids == answer(cpu, GREEDY, second_turn).token_ids


def test_seeded_samples_come_from_the_same_top_k(engines):
    """With a fixed seed both chains draw valid samples: the first token of every seeded answer
    is in the top-k set of the prompt's logits, and top-k 1 on the graph is the greedy token."""
    cpu, backend = engines
    seeded = replace(GEMMA, seed=1234, max_tokens=1)
    top_k_one = replace(GEMMA, top_k=1, max_tokens=1, seed=1)
    assert answer(backend, top_k_one).token_ids == answer(cpu, GREEDY).token_ids[:1]
    first_tokens_cpu = {answer(cpu, replace(seeded, seed=seed)).token_ids[0] for seed in range(8)}
    first_tokens_backend = {answer(backend, replace(seeded, seed=seed)).token_ids[0] for seed in range(8)}
    allowed = set(top_k_tokens(cpu, GEMMA.top_k))
    assert first_tokens_cpu <= allowed and first_tokens_backend <= allowed


def top_k_tokens(engine: ChatEngine, k: int) -> list[int]:
    import numpy as np
    from llama_cpp import llama_cpp

    plan = engine.plan(PROMPT)
    engine.evaluate(plan.units)
    logits = llama_cpp.llama_get_logits_ith(engine.llama.ctx, -1)
    row = np.ctypeslib.as_array(logits, shape=(engine.llama.n_vocab(),))
    return list(np.argsort(row)[-k:])


def test_a_penalty_after_backend_turns_uses_the_cpu_chain(engines):
    _, backend = engines
    answer(backend, GREEDY)
    penalised = answer(backend, replace(GREEDY, repeat_penalty=1.3))
    assert backend._chat_sampler is None
    assert penalised.stop_reason in ("max_tokens", "end_of_turn")
