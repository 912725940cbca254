"""Typed Gemma 3n / Gemma 4 markers stay text (issue 19 #5), on a real llama.cpp vocabulary that
holds them as user-defined tokens (the 270M test model does not know them)."""

from pathlib import Path

import pytest
from llama_cpp import llama_cpp

from app.core.engine.engine import ChatEngine
from app.core.engine.options import LoadOptions
from app.core.engine.plain_text import PlainTextTokenizer, marker_tokens
from app.core.models.gguf_file import inspect_model
from app.core.models.gguf_header import read_header
from tests.core.marker_vocabulary import (
    GEMMA3_MEDIA_MARKERS,
    GEMMA3N_MARKERS,
    GEMMA4_MARKERS,
    raw_tokenize,
    token_id,
    vocabulary_only,
    write_marker_vocabulary,
)


@pytest.fixture(scope="module")
def vocab(gemma_model_path: Path, tmp_path_factory: pytest.TempPathFactory):
    path = write_marker_vocabulary(gemma_model_path, tmp_path_factory.mktemp("vocab") / "markers.gguf")
    with vocabulary_only(path) as vocab:
        yield vocab


@pytest.fixture(scope="module")
def tokenizer(vocab) -> PlainTextTokenizer:
    return PlainTextTokenizer(vocab)


ALL_MARKERS = GEMMA3N_MARKERS + GEMMA4_MARKERS + GEMMA3_MEDIA_MARKERS


@pytest.mark.parametrize("marker", ALL_MARKERS)
def test_a_typed_marker_never_becomes_its_token(vocab, tokenizer, marker):
    marker_id = token_id(vocab, marker)
    for text in (marker, f"a {marker} b", f"{marker}{marker}", f"x{marker}", f"<{marker}>", f"{marker[:-1]}{marker}"):
        ids = tokenizer.tokenize(text)
        assert marker_id not in ids, f"{text!r} gave {marker_id}"
        assert set(ids).isdisjoint(tokenizer.markers), f"{text!r} gave a marker token"


def test_the_vocabulary_really_matches_these_markers_in_plain_text(vocab, tokenizer):
    # Without the guard, llama.cpp turns most of them into their tokens even with special parsing
    # off (a few that look like control tokens it re-types as control itself).
    matched = [m for m in ALL_MARKERS if token_id(vocab, m) in raw_tokenize(vocab, f"a {m} b")]
    assert len(matched) >= len(ALL_MARKERS) - 3
    assert set(matched) <= set(tokenizer.markers.values())


def test_text_without_markers_tokenizes_exactly_as_llama_cpp_does(vocab, tokenizer):
    for text in ("Hello there, <table> and <b>bold</b>", "a < b > c | d", "", "  spaces  ", "émoji 🙂"):
        assert tokenizer.tokenize(text) == raw_tokenize(vocab, text)


@pytest.fixture(scope="module")
def marker_file(gemma_model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_marker_vocabulary(gemma_model_path, tmp_path_factory.mktemp("header") / "markers.gguf")


def test_the_headers_bracketed_tokens_find_the_same_markers_as_the_whole_vocabulary(marker_file, gemma_model_path):
    found = {}
    for path, bracketed in ((marker_file, read_header(marker_file).get("tokenizer.ggml.tokens").bracketed),
                            (gemma_model_path, inspect_model(gemma_model_path).marker_tokens)):
        with vocabulary_only(path) as vocab:
            found[path] = marker_tokens(vocab, bracketed)
            assert found[path] == marker_tokens(vocab)
    assert {"<|turn>", "<|image|>", "<start_of_audio>", "[multimodal]"} <= set(found[marker_file].values())
    assert set(found[gemma_model_path].values()) == {"<start_of_image>", "<end_of_image>", "[multimodal]"}


def test_loading_a_model_asks_llama_cpp_about_its_bracketed_tokens_only(gemma_model_path, monkeypatch):
    """Asking about each of Gemma's 262,144 tokens took about 0.1 s of every load."""
    asked = []
    real = llama_cpp.llama_vocab_get_attr
    monkeypatch.setattr(llama_cpp, "llama_vocab_get_attr", lambda vocab, token: asked.append(token) or real(vocab, token))
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, n_ctx=256, n_threads=1))
    try:
        assert 0 < len(asked) < 100
        assert engine.tokenize_text("<start_of_image>") != [engine.control_token_id("<start_of_image>")]
    finally:
        engine.close()
