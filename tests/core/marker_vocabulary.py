"""A vocabulary-only GGUF: Gemma 3's tokenizer with Gemma 3n's and Gemma 4's markers put into
its unused slots as user-defined tokens (the type llama.cpp matches even in plain text), so the
markers of the families we cannot download here are checked on real llama.cpp tokenization."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import gguf
import numpy as np
from llama_cpp import llama_cpp

from tests.random_gguf import add_tokenizer, read_metadata

GEMMA3N_MARKERS = ("<start_of_audio>", "<end_of_audio>", "<image_soft_token>", "<audio_soft_token>")
GEMMA4_MARKERS = (
    "<|turn>", "<turn|>", "<|channel>", "<channel|>", "<|image>", "<image|>", "<|audio>", "<audio|>",
    "<|image|>", "<|audio|>", "<|video|>", "<|tool>", "<tool|>", "<|tool_call>", "<tool_call|>",
    "<|tool_response>", "<tool_response|>", '<|"|>', "<|think|>",
)
GEMMA3_MEDIA_MARKERS = ("<start_of_image>", "<end_of_image>", "[multimodal]")
GEMMA3_CONTROL_MARKERS = ("<bos>", "<eos>", "<pad>", "<unk>", "<mask>", "<start_of_turn>", "<end_of_turn>")
_USER_DEFINED = 4
_FIRST_UNUSED = 6  # <unused0> in Gemma 3's vocabulary


def write_marker_vocabulary(gemma3_path: Path, target: Path) -> Path:
    fields = read_metadata(gemma3_path)
    tokens = list(fields.pop("tokenizer.ggml.tokens")[0])
    scores = np.asarray(fields.pop("tokenizer.ggml.scores")[0], dtype=np.float32)
    types = np.asarray(fields.pop("tokenizer.ggml.token_type")[0], dtype=np.int32).copy()
    for offset, marker in enumerate(GEMMA3N_MARKERS + GEMMA4_MARKERS):
        tokens[_FIRST_UNUSED + offset] = marker.encode()
        types[_FIRST_UNUSED + offset] = _USER_DEFINED
    writer = gguf.GGUFWriter(str(target), "gemma3")
    for key, (value, kind) in fields.items():
        if key.startswith("tokenizer.") or key == "general.architecture" or kind == gguf.GGUFValueType.ARRAY:
            continue
        writer.add_key_value(key, value.decode() if isinstance(value, bytes) else value, kind)
    scalars = {key: field for key, field in fields.items() if key.startswith("tokenizer.")}
    add_tokenizer(writer, tokens, scores, types, scalars)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return target


@contextmanager
def vocabulary_only(path: Path) -> Iterator[object]:
    """llama.cpp's vocabulary of `path`, loaded without any weights."""
    params = llama_cpp.llama_model_default_params()
    params.vocab_only = True
    model = llama_cpp.llama_model_load_from_file(str(path).encode(), params)
    if not model:
        raise RuntimeError(f"llama.cpp could not load the vocabulary of {path}")
    try:
        yield llama_cpp.llama_model_get_vocab(model)
    finally:
        llama_cpp.llama_model_free(model)


def raw_tokenize(vocab, text: str) -> list[int]:
    """llama.cpp's own plain-text tokenization (no special parsing), as before our marker guard."""
    data = text.encode()
    buffer = (llama_cpp.llama_token * (len(data) + 8))()
    count = llama_cpp.llama_tokenize(vocab, data, len(data), buffer, len(data) + 8, False, False)
    return list(buffer[:count])


def token_id(vocab, marker: str) -> int:
    data = marker.encode()
    buffer = (llama_cpp.llama_token * 8)()
    count = llama_cpp.llama_tokenize(vocab, data, len(data), buffer, 8, False, True)
    assert count == 1, f"{marker!r} is not one token here"
    return buffer[0]


