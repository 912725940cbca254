"""Flash attention is Automatic, On or Off, and what reaches llama.cpp is its own flash_attn_type.

What llama.cpp was given is read from its own log: `llama_context: flash_attn = auto|enabled|disabled`
is printed by the context's constructor from the params it received, and with auto,
`resolve_fused_ops: Flash Attention enabled` (or `... not supported, set to disabled`) says what it
decided. The lines come through llama.cpp's own `llama_log_set`; nothing of llama.cpp is replaced.
"""

from __future__ import annotations

import ctypes
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from llama_cpp import _logger, llama_cpp

from app.core.engine.engine import ChatEngine, GenerationResult
from app.core.engine.loading import create_llama
from app.core.engine.options import FLASH_ATTENTION_MODES, LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.models import load_probe
from bench.reference import open_llama


@contextmanager
def llama_log() -> Iterator[list[str]]:
    """llama.cpp's log lines while the block runs; llama-cpp-python's own callback afterwards."""
    lines: list[str] = []

    @llama_cpp.llama_log_callback
    def capture(_level, text, _user_data):
        lines.append(text.decode("utf-8", errors="replace"))

    llama_cpp.llama_log_set(capture, ctypes.c_void_p(0))
    try:
        yield lines
    finally:
        llama_cpp.llama_log_set(_logger.llama_log_callback, ctypes.c_void_p(0))


def what_llama_cpp_got(lines: list[str]) -> tuple[str, str]:
    """(the flash_attn_type the context was created with, what flash attention ended up as)."""
    log = "".join(lines).splitlines()
    asked = [line.split("=", 1)[1].strip() for line in log if line.startswith("llama_context: flash_attn ")]
    assert len(asked) == 1, log
    if asked[0] != "auto":
        return asked[0], asked[0]
    resolved = [line for line in log if line.startswith("resolve_fused_ops: Flash Attention")]
    assert len(resolved) == 1, log
    return "auto", "enabled" if resolved[0].endswith("enabled") else "disabled"


def options(model: Path, mode: str, kv_cache_type: str = "f16") -> LoadOptions:
    return LoadOptions(model_path=model, n_ctx=256, n_threads=2, flash_attention=mode, kv_cache_type=kv_cache_type)


def test_the_default_is_automatic() -> None:
    assert FLASH_ATTENTION_MODES == ("auto", "on", "off")
    assert LoadOptions(model_path=Path("m.gguf")).flash_attention == "auto"


@pytest.mark.parametrize(("mode", "kv_cache_type", "given", "in_effect"), [
    ("auto", "f16", "auto", "enabled"),  # on the CPU, llama.cpp's auto turns it on
    ("on", "f16", "enabled", "enabled"),
    ("off", "f16", "disabled", "disabled"),
    ("off", "q8_0", "enabled", "enabled"),  # a quantized V cache needs flash attention
    ("auto", "q8_0", "enabled", "enabled"),
])
def test_each_mode_reaches_llama_cpp_through_the_apps_load(gemma_model_path, mode, kv_cache_type, given,
                                                           in_effect) -> None:
    with llama_log() as lines:
        engine = ChatEngine(options(gemma_model_path, mode, kv_cache_type))
    try:
        assert what_llama_cpp_got(lines) == (given, in_effect)
    finally:
        engine.close()


@pytest.mark.parametrize(("mode", "given"), [("auto", "auto"), ("on", "enabled"), ("off", "disabled")])
def test_the_benchmarks_reference_gets_the_same_setting(gemma_model_path, mode, given) -> None:
    with llama_log() as lines:
        llama = open_llama(options(gemma_model_path, mode))
    llama.close()
    assert what_llama_cpp_got(lines)[0] == given


@pytest.mark.parametrize(("mode", "given"), [("auto", "auto"), ("off", "disabled")])
def test_the_load_probe_child_reads_the_mode_from_its_json(gemma_model_path, capsys, mode, given) -> None:
    request = {"model": str(gemma_model_path), "projector": None, "n_ctx": 256, "n_threads": 2,
               "flash_attention": mode, "kv_cache_type": "f16", "check_model": False}
    with llama_log() as lines:
        assert load_probe.run(json.loads(json.dumps(request))) == 0
    assert capsys.readouterr().out.splitlines()[-1] == '{"done": true}'
    assert what_llama_cpp_got(lines)[0] == given


def test_a_loaded_model_does_not_leave_the_context_hook_behind(gemma_model_path) -> None:
    before = llama_cpp.llama_init_from_model
    ChatEngine(options(gemma_model_path, "auto")).close()
    assert llama_cpp.llama_init_from_model is before


def greedy_tokens(model: Path, mode: str) -> list[int]:
    engine = ChatEngine(options(model, mode).with_changes(n_ctx=512))
    try:
        sampling = SamplingOptions(temperature=0.0, max_tokens=32)
        events = list(engine.generate([ChatMessage("user", "Name three colours of the rainbow.")], "", sampling))
    finally:
        engine.close()
    result = events[-1]
    assert isinstance(result, GenerationResult)
    return result.token_ids


def test_greedy_answer_is_the_same_with_and_without_flash_attention(gemma_model_path) -> None:
    automatic = greedy_tokens(gemma_model_path, "auto")
    assert len(automatic) == 32
    assert automatic == greedy_tokens(gemma_model_path, "off")


NEAR_TIE = 1.0  # logits; the flips measured on the 270M were within 0.02 … 0.44 of each other


def test_flash_attention_changes_a_greedy_token_only_at_a_near_tie(gemma_model_path) -> None:
    """Flash attention adds up in another order (and ggml-cpu's one-token path accumulates the
    weighted values in f16), so logits move, by up to a few units on the 270M's scale of ±30.
    Greedy answers are therefore not always identical: for four of eight short prompts a token
    within the first 64 differed. Where they part, the two candidates were within a fraction of a
    logit under either setting: what flips is a near tie, never a clear choice."""
    llamas = {mode: create_llama(options(gemma_model_path, mode).with_changes(n_ctx=512)) for mode in ("auto", "off")}
    try:
        for prompt in ("Write a sentence about the sea.", "What is the capital of France?", "Why is the sky blue?"):
            text = f"<bos><start_of_turn>user\n{prompt}<end_of_turn>\n<start_of_turn>model\n"
            tokens = llamas["off"].tokenize(text.encode(), add_bos=False, special=True)
            runs = {mode: greedy_with_scores(llama, tokens, 16) for mode, llama in llamas.items()}
            (auto_tokens, auto_scores), (off_tokens, off_scores) = runs["auto"], runs["off"]
            parted = next((i for i, (a, o) in enumerate(zip(auto_tokens, off_tokens)) if a != o), None)
            if parted is None:
                continue
            picks = auto_tokens[parted], off_tokens[parted]
            for scores in (auto_scores[parted], off_scores[parted]):
                assert abs(scores[picks[0]] - scores[picks[1]]) < NEAR_TIE, (prompt, parted, picks)
    finally:
        for llama in llamas.values():
            llama.close()


def greedy_with_scores(llama, prompt: list[int], count: int) -> tuple[list[int], list[np.ndarray]]:
    llama.reset()
    llama.eval(prompt)
    tokens, scores = [], []
    for _ in range(count):
        row = np.array(llama.scores[llama.n_tokens - 1])
        tokens.append(int(row.argmax()))
        scores.append(row)
        llama.eval([tokens[-1]])
    return tokens, scores
