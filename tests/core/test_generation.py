"""Generation through real llama.cpp: stops, cancel, KV reuse, history trimming."""

from dataclasses import replace

import pytest
from llama_cpp import llama_cpp

from app.core.engine.engine import ChatEngine, ContextFullError, GenerationResult, TokenPiece
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage

GREEDY = SamplingOptions(temperature=0.0, max_tokens=12)


def run(engine, messages, system="", sampling=GREEDY, should_stop=lambda: False):
    pieces, result = [], None
    for event in engine.generate(messages, system, sampling, should_stop):
        if isinstance(event, TokenPiece):
            pieces.append(event)
        else:
            result = event
    assert isinstance(result, GenerationResult)
    return pieces, result


def test_streams_tokens_and_reports_speed(engine):
    pieces, result = run(engine, [ChatMessage("user", "Write a sentence about the sea.")])
    assert result.stop_reason in ("max_tokens", "end_of_turn")
    assert len(result.token_ids) >= 1
    assert "".join(p.text for p in pieces) == result.text
    assert result.text == engine.detokenize(result.token_ids, special=False)
    assert "\x00" not in result.text and "\ufffd" not in result.text
    assert result.time_to_first_token > 0
    assert result.context_used == result.prompt_tokens + len(result.token_ids)


def test_max_tokens_is_respected(engine):
    _, result = run(engine, [ChatMessage("user", "Count: 1 2 3 4 5 6 7 8")], sampling=replace(GREEDY, max_tokens=5))
    assert len(result.token_ids) <= 5
    if result.stop_reason == "max_tokens":
        assert len(result.token_ids) == 5


@pytest.mark.parametrize("stop_token", [106, 1])
def test_generation_stops_at_end_of_turn_and_eos(engine, stop_token):
    # The logit bias makes the stop token the certain next token, so the stop path is taken
    # on the real sampler and vocabulary.
    sampling = replace(GREEDY, logit_bias={stop_token: 100.0})
    pieces, result = run(engine, [ChatMessage("user", "Hello")], sampling=sampling)
    assert result.stop_reason == "end_of_turn"
    assert result.token_ids == [] and pieces == []


def test_cancel_takes_effect_within_one_token(engine):
    seen = []

    def should_stop():
        return len(seen) >= 3

    sampling = replace(GREEDY, max_tokens=50, logit_bias={106: -100.0, 1: -100.0})
    for event in engine.generate([ChatMessage("user", "Tell me a long story.")], "", sampling, should_stop):
        if isinstance(event, TokenPiece):
            seen.append(event)
        else:
            result = event
    assert result.stop_reason == "cancelled"
    assert len(result.token_ids) == 3


def test_second_turn_evaluates_only_new_tokens(engine):
    first = [ChatMessage("user", "Name a colour.")]
    _, answer = run(engine, first)
    plan_one = engine.plan(first)
    second = first + [
        ChatMessage("model", answer.text, token_ids=tuple(answer.token_ids)),
        ChatMessage("user", "And another one?"),
    ]
    plan_two = engine.plan(second)
    _, result = run(engine, second)
    already_in_cache = len(plan_one.units) + len(answer.token_ids)
    # The final generated token was sampled and decoded; everything before the new text is reused.
    assert result.reused_units == already_in_cache
    assert result.evaluated_units == len(plan_two.units) - already_in_cache
    assert result.evaluated_units < 20


def test_regenerate_reuses_the_prompt(engine):
    messages = [ChatMessage("user", "Say something.")]
    run(engine, messages)
    _, again = run(engine, messages)
    assert again.evaluated_units == 1, "only the last prompt token is evaluated again, for its logits"


def test_long_history_drops_oldest_turns_but_keeps_system_prompt(gemma_model_path):
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, n_ctx=256, n_threads=2))
    try:
        history = []
        for index in range(12):
            history.append(ChatMessage("user", f"Question number {index}: what is {index} plus {index}?"))
            history.append(ChatMessage("model", f"The answer to question {index} is {index * 2}."))
        history.append(ChatMessage("user", "Last question?"))
        _, result = run(engine, history, system="SYSTEM RULES", sampling=replace(GREEDY, max_tokens=8))
        assert result.dropped_messages > 0
        assert result.dropped_messages % 2 == 0, "whole exchanges are dropped"
        plan, dropped = engine.plan_within_context(history, "SYSTEM RULES", reserve=8)
        assert dropped == result.dropped_messages
        ids = plan.token_ids
        assert ids.count(2) == 1 and ids[0] == 2
        text = engine.detokenize(ids)
        assert "SYSTEM RULES" in text and "Last question?" in text and "Question number 0:" not in text
        assert result.prompt_tokens + 8 <= 256
    finally:
        engine.close()


def test_a_message_too_long_for_the_context_is_a_clear_error(gemma_model_path):
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, n_ctx=128, n_threads=2))
    try:
        with pytest.raises(ContextFullError, match=f"needs .* tokens but the context holds {engine.n_ctx}"):
            run(engine, [ChatMessage("user", "word " * 400)])
    finally:
        engine.close()



def test_only_the_prompts_last_batch_asks_for_an_output(gemma_model_path, monkeypatch):
    """Each output is a pass over the 262k-row output layer; a long prompt is read in batches and
    only its final token's output is ever sampled."""
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, n_ctx=2048, n_threads=2, n_batch=64))
    outputs_per_call: list[int] = []
    real_decode = llama_cpp.llama_decode

    def counting_decode(ctx, batch):
        outputs_per_call.append(sum(1 for index in range(batch.n_tokens) if batch.logits[index]))
        return real_decode(ctx, batch)

    monkeypatch.setattr(llama_cpp, "llama_decode", counting_decode)
    try:
        _, result = run(engine, [ChatMessage("user", " ".join(["lighthouse keeper"] * 120))],
                        sampling=replace(GREEDY, max_tokens=1))
    finally:
        engine.close()
    prompt_calls = outputs_per_call[:-1]  # the last call decodes the one answer token
    assert result.prompt_tokens > 3 * 64 and len(prompt_calls) >= 4
    assert prompt_calls == [0] * (len(prompt_calls) - 1) + [1]


def test_an_answer_takes_short_gil_turns_while_it_streams(engine):
    """Back from each llama_decode the engine thread needs the GIL; with the default 5 ms turns it
    waited that long whenever the window was laying out Markdown."""
    import sys

    before = sys.getswitchinterval()
    during = [sys.getswitchinterval() for event in engine.generate([ChatMessage("user", "Hi")], "", GREEDY)
              if isinstance(event, TokenPiece)]
    assert during and max(during) <= 0.0005
    assert sys.getswitchinterval() == before
