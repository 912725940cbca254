"""A one-off request (a dictation chunk) beside the chat leaves the chat's KV cache alone
(issue 12 #8): the chat's next turn evaluates only its new tokens."""

from dataclasses import replace

import pytest

from app.core.engine.engine import ChatEngine, GenerationResult, TokenPiece
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage

GREEDY = SamplingOptions(temperature=0.0, max_tokens=8)
DICTATION = [ChatMessage("user", "Transcribe this audio clip into text, word for word, please.")]


def run(engine, messages, *, one_off=False, sampling=GREEDY) -> GenerationResult:
    result = None
    for event in engine.generate(messages, "", sampling, one_off=one_off):
        if not isinstance(event, TokenPiece):
            result = event
    return result


def chat_after_first_turn(engine):
    first = [ChatMessage("user", "Name a colour.")]
    answer = run(engine, first)
    second = first + [
        ChatMessage("model", answer.text, token_ids=tuple(answer.token_ids)),
        ChatMessage("user", "And another one?"),
    ]
    already_in_cache = len(engine.plan(first).units) + len(answer.token_ids)
    return second, already_in_cache


def test_a_one_off_request_between_turns_keeps_the_chat_cache(engine):
    second, already_in_cache = chat_after_first_turn(engine)
    dictation = run(engine, DICTATION, one_off=True)
    assert dictation.evaluated_units == len(engine.plan(DICTATION).units)
    result = run(engine, second)
    assert result.reused_units == already_in_cache
    assert result.evaluated_units == len(engine.plan(second).units) - already_in_cache


def test_without_the_flag_a_request_replaces_the_chat_cache(engine):
    # What dictation did before: the next chat turn re-reads almost everything.
    second, already_in_cache = chat_after_first_turn(engine)
    run(engine, DICTATION)
    result = run(engine, second)
    assert result.reused_units < already_in_cache // 2


def test_one_off_answers_are_those_of_a_fresh_prompt(engine):
    second, _ = chat_after_first_turn(engine)
    alone = run(engine, DICTATION)  # as the chat, nothing else in the cache
    run(engine, second)
    beside = run(engine, DICTATION, one_off=True)  # beside a cached chat
    assert beside.token_ids == alone.token_ids
    again = run(engine, second)
    first_time = run(engine, second)
    assert again.token_ids == first_time.token_ids


def test_a_one_off_that_does_not_fit_beside_the_chat_takes_only_the_chat_tail(gemma_model_path):
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, n_ctx=256, n_threads=1))
    try:
        history = []
        for index in range(6):
            history += [ChatMessage("user", f"Tell me fact number {index} about rivers."),
                        ChatMessage("model", f"Fact {index}: rivers flow downhill towards the sea.")]
        history.append(ChatMessage("user", "One more?"))
        chat = run(engine, history, sampling=replace(GREEDY, max_tokens=4))
        assert chat.dropped_messages == 0 and chat.context_used > 150
        long_dictation = [ChatMessage("user", "Transcribe: " + "word " * 40)]
        run(engine, long_dictation, one_off=True, sampling=replace(GREEDY, max_tokens=40))
        again = run(engine, history, sampling=replace(GREEDY, max_tokens=4))
        assert 0 < again.reused_units < chat.prompt_tokens
        assert again.evaluated_units < chat.prompt_tokens // 2
    finally:
        engine.close()


def test_a_cancelled_one_off_leaves_nothing_behind(engine):
    second, already_in_cache = chat_after_first_turn(engine)
    calls = []
    for _event in engine.generate(DICTATION, "", GREEDY, lambda: calls.append(1) or len(calls) > 3, one_off=True):
        pass
    result = run(engine, second)
    assert result.reused_units == already_in_cache


@pytest.mark.parametrize("one_off", [False, True])
def test_context_used_is_the_requests_own(engine, one_off):
    result = run(engine, DICTATION, one_off=one_off)
    assert result.context_used == result.prompt_tokens + len(result.token_ids)
