"""Typed Gemma 3n / Gemma 4 markers stay text (issue 19 #5), on a real llama.cpp vocabulary that
holds them as user-defined tokens (the 270M test model does not know them)."""

from pathlib import Path

import pytest

from app.core.engine.plain_text import PlainTextTokenizer
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
