"""The generated projectors load in the real libmtmd next to the real Gemma 3 270M model,
and give the token counts tests elsewhere rely on."""

from __future__ import annotations

import ctypes
import io
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import llama_cpp
import numpy as np
import pytest
from llama_cpp import mtmd_cpp as mtmd
from PIL import Image

from app.core.chat.images import prepare_image
from tests.projector_factory import (
    GEMMA3_IMAGE_TOKENS,
    GEMMA3NV_IMAGE_TOKENS,
    GEMMA4UA_TOKENS_PER_SECOND,
    ULTRAVOX_TOKENS_PER_CHUNK,
    write_audio_projector,
    write_gemma3_projector,
    write_gemma3nv_projector,
    write_mismatched_projector,
)

START_OF_IMAGE, END_OF_IMAGE = 255999, 256000  # Gemma 3 vocabulary (the 270M test model)
BOS = 2
PROMPT = "<start_of_turn>user\n{marker}Describe this.<end_of_turn>\n<start_of_turn>model\n"


@pytest.fixture(scope="module")
def llm(gemma_model_path: Path) -> Iterator[llama_cpp.Llama]:
    model = llama_cpp.Llama(str(gemma_model_path), n_ctx=2048, n_batch=512, verbose=False)
    yield model
    model.close()


@pytest.fixture
def load(llm: llama_cpp.Llama, tmp_path: Path) -> Iterator[Callable[..., int]]:
    """Write a projector with `write(path)` and open it in libmtmd; freed after the test."""
    opened = []

    def open_projector(write: Callable[[Path], Path]) -> int:
        params = mtmd.mtmd_context_params_default()
        params.use_gpu = False
        params.print_timings = False
        context = mtmd.mtmd_init_from_file(str(write(tmp_path / "mmproj.gguf")).encode(), llm.model, params)
        assert context, "libmtmd refused the generated projector"
        opened.append(context)
        return context

    yield open_projector
    for context in opened:
        mtmd.mtmd_free(context)
    llama_cpp.llama_memory_clear(llama_cpp.llama_get_memory(llm.ctx), True)


def image_bitmap(side: int) -> int:
    picture = Image.effect_noise((side, side), 60).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    prepared = prepare_image(buffer.getvalue(), name="noise.png")
    pixels = (ctypes.c_uint8 * len(prepared.rgb)).from_buffer_copy(prepared.rgb)
    return mtmd.mtmd_bitmap_init(prepared.width, prepared.height, pixels)


def audio_bitmap(context: int, seconds: float) -> int:
    rate = mtmd.mtmd_get_audio_sample_rate(context)
    assert rate == 16000
    samples = (0.1 * np.sin(np.arange(int(rate * seconds)) * 2 * np.pi * 440 / rate)).astype(np.float32)
    buffer = (ctypes.c_float * len(samples)).from_buffer_copy(samples.tobytes())
    return mtmd.mtmd_bitmap_init_from_audio(len(samples), buffer)


def tokenize(context: int, bitmap: int) -> tuple[int, list[tuple[str, object]]]:
    """Chunks for one user turn holding the media; returns (chunks, [(kind, ids or count)])."""
    text = PROMPT.format(marker=mtmd.mtmd_default_marker().decode()).encode()
    prompt = mtmd.mtmd_input_text(text=text, text_len=len(text), add_special=True, parse_special=True)
    chunks = mtmd.mtmd_input_chunks_init()
    bitmaps = (mtmd.mtmd_bitmap_p_ctypes * 1)(bitmap)
    assert mtmd.mtmd_tokenize(context, chunks, ctypes.byref(prompt), bitmaps, 1) == 0
    mtmd.mtmd_bitmap_free(bitmap)
    layout: list[tuple[str, object]] = []
    for index in range(mtmd.mtmd_input_chunks_size(chunks)):
        chunk = mtmd.mtmd_input_chunks_get(chunks, index)
        kind = mtmd.mtmd_input_chunk_get_type(chunk)
        if kind == mtmd.MTMD_INPUT_CHUNK_TYPE_TEXT:
            count = ctypes.c_size_t()
            ids = mtmd.mtmd_input_chunk_get_tokens_text(chunk, ctypes.byref(count))
            layout.append(("text", [ids[i] for i in range(count.value)]))
        else:
            name = "image" if kind == mtmd.MTMD_INPUT_CHUNK_TYPE_IMAGE else "audio"
            layout.append((name, mtmd.mtmd_input_chunk_get_n_tokens(chunk)))
    return chunks, layout


def evaluate(context: int, llm: llama_cpp.Llama, chunks: int) -> int:
    """Encode the media and decode everything into the KV cache; returns the new n_past."""
    n_past = llama_cpp.llama_pos(0)
    result = mtmd.mtmd_helper_eval_chunks(context, llm.ctx, chunks, 0, 0, 512, True, ctypes.byref(n_past))
    total = mtmd.mtmd_helper_get_n_tokens(chunks)
    mtmd.mtmd_input_chunks_free(chunks)
    assert result == 0 and n_past.value == total
    return n_past.value


def encode_first_media(context: int, chunks: int) -> np.ndarray:
    """Run only the projector on the first image/audio chunk; its embeddings, one row a token."""
    for index in range(mtmd.mtmd_input_chunks_size(chunks)):
        chunk = mtmd.mtmd_input_chunks_get(chunks, index)
        if mtmd.mtmd_input_chunk_get_type(chunk) != mtmd.MTMD_INPUT_CHUNK_TYPE_TEXT:
            assert mtmd.mtmd_encode_chunk(context, chunk) == 0
            n_tokens = mtmd.mtmd_input_chunk_get_n_tokens(chunk)
            output = mtmd.mtmd_get_output_embd(context)
            return np.ctypeslib.as_array(output, shape=(n_tokens * 640,)).reshape(n_tokens, 640).copy()
    raise AssertionError("no media chunk")


def media_counts(layout: list[tuple[str, object]], kind: str) -> list[int]:
    return [count for name, count in layout if name == kind]


@pytest.mark.parametrize(
    ("write", "tokens"),
    [(write_gemma3nv_projector, GEMMA3NV_IMAGE_TOKENS), (write_gemma3_projector, GEMMA3_IMAGE_TOKENS)],
    ids=["gemma3nv", "gemma3"],
)
@pytest.mark.parametrize("side", [64, 1])
def test_vision_projector_encodes_an_image(load, llm, write, tokens: int, side: int) -> None:
    context = load(write)
    assert mtmd.mtmd_support_vision(context) and not mtmd.mtmd_support_audio(context)
    chunks, layout = tokenize(context, image_bitmap(side))
    assert [name for name, _ in layout] == ["text", "image", "text"]
    before, (_, image_tokens), after = layout
    assert before[1][0] == BOS and before[1].count(BOS) == 1 and before[1][-1] == START_OF_IMAGE
    assert image_tokens == tokens
    assert after[1][0] == END_OF_IMAGE
    assert evaluate(context, llm, chunks) == len(before[1]) + tokens + len(after[1])


def test_gemma4ua_projector_gives_25_audio_tokens_a_second_in_one_chunk(load, llm) -> None:
    context = load(lambda path: write_audio_projector(path, kind="gemma4ua"))
    assert mtmd.mtmd_support_audio(context) and not mtmd.mtmd_support_vision(context)
    _, layout = tokenize(context, audio_bitmap(context, 2.0))
    assert media_counts(layout, "audio") == [2 * GEMMA4UA_TOKENS_PER_SECOND]
    chunks, layout = tokenize(context, audio_bitmap(context, 1.0))
    assert media_counts(layout, "audio") == [GEMMA4UA_TOKENS_PER_SECOND]
    assert evaluate(context, llm, chunks) > GEMMA4UA_TOKENS_PER_SECOND


def test_ultravox_projector_pads_to_and_splits_at_30_seconds(load, llm) -> None:
    context = load(lambda path: write_audio_projector(path, kind="ultravox"))
    assert mtmd.mtmd_support_audio(context) and not mtmd.mtmd_support_vision(context)
    chunks, layout = tokenize(context, audio_bitmap(context, 65.0))
    mtmd.mtmd_input_chunks_free(chunks)
    assert media_counts(layout, "audio") == [ULTRAVOX_TOKENS_PER_CHUNK] * 3
    chunks, layout = tokenize(context, audio_bitmap(context, 1.0))
    assert media_counts(layout, "audio") == [ULTRAVOX_TOKENS_PER_CHUNK]
    # Encoding only: decoding 375 tokens through the text model takes seconds and tests nothing new.
    embeddings = encode_first_media(context, chunks)
    mtmd.mtmd_input_chunks_free(chunks)
    assert embeddings.shape == (ULTRAVOX_TOKENS_PER_CHUNK, 640) and np.isfinite(embeddings).all()


def test_libmtmd_itself_refuses_the_mismatched_projector(gemma_model_path: Path, tmp_path: Path) -> None:
    # In a child process: a bad projector reaching llama.cpp must never be able to kill pytest.
    projector = write_mismatched_projector(tmp_path / "mmproj-512.gguf")
    script = textwrap.dedent(f"""
        import llama_cpp
        from llama_cpp import mtmd_cpp as mtmd
        llm = llama_cpp.Llama({str(gemma_model_path)!r}, n_ctx=256, verbose=False)
        params = mtmd.mtmd_context_params_default()
        params.use_gpu = False
        print("refused" if not mtmd.mtmd_init_from_file({str(projector)!r}.encode(), llm.model, params) else "loaded")
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "refused"
    assert "mismatch between text model (n_embd = 640) and mmproj (n_embd = 512)" in run.stderr
