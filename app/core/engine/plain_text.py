"""Tokenizing what people typed so that it can never become a control or media marker.

llama.cpp's tokenizer skips control tokens when special-token parsing is off, but it still
matches "user-defined" tokens, and Gemma's vocabularies declare their media markers that way
(`<start_of_image>` 255999 and `<end_of_image>` 256000 in Gemma 3). So typing such a marker would
put a real image marker in the prompt. We find the vocabulary's marker tokens once, and cut user
text just after a marker's first character wherever the tokenizer would otherwise produce one.
Ordinary user-defined tokens (Gemma's HTML tags such as `<table>`) keep tokenizing as trained.
"""

from __future__ import annotations

import re
from typing import Iterable

from llama_cpp import llama_cpp

from app.core.models.gguf_file import MARKER_SHAPE

_MATCHED_WITHOUT_SPECIAL = llama_cpp.LLAMA_TOKEN_ATTR_USER_DEFINED
_NEVER_MATCHED = llama_cpp.LLAMA_TOKEN_ATTR_CONTROL | llama_cpp.LLAMA_TOKEN_ATTR_UNKNOWN


def marker_tokens(vocab, candidates: Iterable[tuple[int, str]] | None = None) -> dict[int, str]:
    """Token id → text of every marker the tokenizer would match inside plain text.

    `candidates`: (id, text) of the tokens shaped like a marker as the GGUF file spells them
    (ModelFileInfo.marker_tokens; llama.cpp's token texts are the file's): only those are asked
    about, instead of each token of the vocabulary (262,144 calls into llama.cpp, about 0.1 s, for
    Gemma's). Without them, every token is."""
    count = llama_cpp.llama_vocab_n_tokens(vocab)
    # Each token's shape is checked below, on llama.cpp's own text of it.
    token_ids = range(count) if candidates is None else [token_id for token_id, _ in candidates if 0 <= token_id < count]
    markers: dict[int, str] = {}
    for token_id in token_ids:
        attributes = llama_cpp.llama_vocab_get_attr(vocab, token_id)
        if not attributes & _MATCHED_WITHOUT_SPECIAL or attributes & _NEVER_MATCHED:
            continue
        text = llama_cpp.llama_vocab_get_text(vocab, token_id).decode("utf-8", errors="replace")
        if MARKER_SHAPE.fullmatch(text):
            markers[token_id] = text
    return markers


class PlainTextTokenizer:
    """Text → token ids with no special-token parsing and no marker token ever produced."""

    def __init__(self, vocab, candidates: Iterable[tuple[int, str]] | None = None) -> None:
        self._vocab = vocab
        self.markers = marker_tokens(vocab, candidates)
        self._marker_ids = frozenset(self.markers)
        texts = sorted(set(self.markers.values()), key=len, reverse=True)
        self._marker_pattern = re.compile("|".join(map(re.escape, texts))) if texts else None

    def tokenize(self, text: str) -> list[int]:
        if not text:
            return []
        ids = self._tokenize(text)
        if self._marker_pattern is None or self._marker_ids.isdisjoint(ids):
            return ids
        match = self._marker_pattern.search(text)
        # Cutting after the leftmost marker's first character leaves a left part with no marker
        # in it; the right part is handled the same way, so the recursion ends.
        cut = match.start() + 1 if match is not None else max(1, len(text) // 2)
        if len(text) <= 1:
            return ids
        return self.tokenize(text[:cut]) + self.tokenize(text[cut:])

    def _tokenize(self, text: str) -> list[int]:
        data = text.encode("utf-8")
        capacity = len(data) + 8
        while True:
            buffer = (llama_cpp.llama_token * capacity)()
            count = llama_cpp.llama_tokenize(self._vocab, data, len(data), buffer, capacity, False, False)
            if count >= 0:
                return list(buffer[:count])
            capacity = -count

