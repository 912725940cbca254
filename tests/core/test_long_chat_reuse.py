"""A chat longer than its context (issue 19 #9): old turns are dropped in blocks, so most turns
after a trim still evaluate only their new tokens instead of re-reading the whole prompt."""

import pytest

from app.core.engine.engine import ChatEngine, TokenPiece
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage

N_CTX = 512
SHORT = SamplingOptions(temperature=0.0, max_tokens=4)
SYSTEM = "You answer in one word."


@pytest.fixture(scope="module")
def small_engine(gemma_model_path):
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, n_ctx=N_CTX, n_threads=1))
    yield engine
    engine.close()


def long_chat(engine, turns: int):
    """(result, the turn's new tokens) per turn: what the prompt gained beyond the last prompt and
    the answer generated after it (those are in the KV cache already)."""
    messages, results, previous = [], [], None
    for turn in range(turns):
        messages.append(ChatMessage("user", f"Turn {turn}: give me one word that rhymes with cat."))
        for event in engine.generate(messages, SYSTEM, SHORT):
            if not isinstance(event, TokenPiece):
                result = event
        messages.append(ChatMessage("model", result.text or "…", token_ids=tuple(result.token_ids) or None))
        new_tokens = result.prompt_tokens if previous is None else (
            result.prompt_tokens - previous.prompt_tokens - len(previous.token_ids)
        )
        results.append((result, new_tokens))
        previous = result
    return results


def test_turns_after_trimming_evaluate_only_their_new_tokens(small_engine):
    results = long_chat(small_engine, 45)
    first_trim = next(index for index, (result, _) in enumerate(results) if result.dropped_messages)
    after = results[first_trim + 1 :]
    assert len(after) >= 15, "the chat must run well past its first trim"
    small = [result for result, new_tokens in after if result.evaluated_units == new_tokens]
    assert len(small) >= 0.8 * len(after), [result.evaluated_units for result, _ in after]
    trims = [result for result, _ in after if result.evaluated_units > N_CTX // 4]
    assert 1 <= len(trims) <= len(after) // 4
    for result, _ in after:
        assert result.prompt_tokens + SHORT.max_tokens <= N_CTX


def test_a_trim_leaves_about_half_the_room(small_engine):
    results = long_chat(small_engine, 30)
    trimmed = [result for result, _ in results if result.evaluated_units > N_CTX // 4 and result.dropped_messages]
    assert trimmed
    for result in trimmed:
        assert result.prompt_tokens <= (N_CTX - SHORT.max_tokens) // 2


def test_another_conversation_does_not_inherit_the_trim(small_engine):
    long_chat(small_engine, 22)  # trimmed at least once
    other = [ChatMessage("user", "Turn 0: give me one word that rhymes with cat."), ChatMessage("model", "Hat."),
             ChatMessage("user", "Thanks!")]
    for event in small_engine.generate(other, SYSTEM, SHORT):
        if not isinstance(event, TokenPiece):
            result = event
    assert result.dropped_messages == 0
