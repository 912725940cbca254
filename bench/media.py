"""Images and speech: preparing a photo, projector encode, chunking, and chunk end → first token.

Both use the real Gemma 3 270M with the tiny random projectors from tests/projector_factory.py
(a SigLIP-style `gemma3` one for images, a `gemma4ua` one for audio), so the projector's own cost
is tiny and what shows is the app's path around it.
"""

from __future__ import annotations

import ctypes
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from llama_cpp import llama_cpp
from llama_cpp import mtmd_cpp as mtmd

from app.core.speech.chunker import SAMPLE_RATE, SpeechChunker, chunk_audio
from app.core.engine.engine import ChatEngine, GenerationResult, TokenPiece
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage, MediaItem, render_as_text
from bench.image_prepare import timed_prepare, twelve_megapixel_jpeg
from bench.measure import interleaved, summary
from bench.reference import ReferenceRunner, ReferenceSampler
from tests.projector_factory import write_audio_projector, write_gemma3_projector


def image_benchmark(options: LoadOptions, scratch: Path, runs: int, sampling: SamplingOptions) -> dict:
    prepared, prepare_times = timed_prepare(twelve_megapixel_jpeg())
    projector = write_gemma3_projector(scratch / "tiny-gemma3-mmproj.gguf")
    options = options.with_changes(projector_path=projector)
    engine, reference = ChatEngine(options), MediaReference(options)
    try:
        text = "Describe this picture."

        def app(index: int) -> float:
            item = MediaItem("image", f"bench-image-{index}", prepared)
            return _first_token_seconds(engine, [ChatMessage("user", text, media=(item,))], sampling, index)

        def raw(index: int) -> float:
            prompt = _rendered_with_marker(engine, text, "image")
            return reference.first_token_seconds(prompt, _image_bitmap(prepared), sampling, index)

        app_times, raw_times = interleaved(runs, app, raw)
        tokens = engine.projector.tokenize("image", "bench-image-0", prepared).media_tokens
    finally:
        engine.close()
        reference.close()
    return {
        "jpeg_megapixels": 12.0,
        "jpeg_bytes": len(jpeg),
        "prepare_image_s": summary(prepare_times),
        "projector": "tiny gemma3 (SigLIP-style, 64 px, random weights)",
        "image_tokens": tokens,
        "first_token_s": {"app": summary(app_times), "reference": summary(raw_times)},
        "overhead_best_ms": (min(app_times) - min(raw_times)) * 1000,
    }


def speech_benchmark(options: LoadOptions, scratch: Path, runs: int, seconds: float,
                     sampling: SamplingOptions) -> dict:
    recording = synthetic_speech(seconds)
    block = SAMPLE_RATE // 10
    throughputs = []
    for _ in range(max(1, runs)):
        chunker = SpeechChunker()
        started = time.perf_counter()
        for start in range(0, len(recording), block):
            chunker.feed(recording[start : start + block])
        chunker.flush()
        throughputs.append(seconds / (time.perf_counter() - started))

    projector = write_audio_projector(scratch / "tiny-gemma4ua-mmproj.gguf", kind="gemma4ua")
    options = options.with_changes(projector_path=projector)
    chunks = chunk_audio(synthetic_speech(35.0))
    engine, reference = ChatEngine(options), MediaReference(options)
    latencies = {}
    try:
        text = "Transcribe this audio."
        for position, chunk in enumerate((chunks[-1], chunks[0])):  # the short last chunk warms up
            def app(index: int, chunk=chunk) -> float:
                item = MediaItem("audio", f"bench-audio-{chunk.index}-{index}", chunk.samples)
                return _first_token_seconds(engine, [ChatMessage("user", text, media=(item,))], sampling, index)

            def raw(index: int, chunk=chunk) -> float:
                prompt = _rendered_with_marker(engine, text, "audio")
                return reference.first_token_seconds(prompt, _audio_bitmap(chunk.samples), sampling, index)

            app_times, raw_times = interleaved(runs, app, raw, warm_up=position == 0)
            latencies[f"{chunk.duration_s:.1f}s"] = {"app": summary(app_times), "reference": summary(raw_times),
                                                     "overhead_best_ms": (min(app_times) - min(raw_times)) * 1000}
    finally:
        engine.close()
        reference.close()
    return {
        "chunker_audio_seconds_per_second": summary(throughputs),
        "recording_seconds": seconds,
        "projector": "tiny gemma4ua (25 tokens/s, random weights)",
        "chunk_end_to_first_token_s": latencies,
    }


def synthetic_speech(seconds: float, seed: int = 11) -> np.ndarray:
    """Speech-like level changes: 0.2–3 s bursts of noise between short pauses."""
    rng = np.random.default_rng(seed)
    total = int(seconds * SAMPLE_RATE)
    samples = np.zeros(total, np.float32)
    position = 0
    while position < total:
        burst = int(rng.uniform(0.2, 3.0) * SAMPLE_RATE)
        end = min(total, position + burst)
        samples[position:end] = rng.standard_normal(end - position).astype(np.float32) * 0.1
        position = end + int(rng.uniform(0.1, 0.6) * SAMPLE_RATE)
    return samples


def _first_token_seconds(engine: ChatEngine, messages, sampling: SamplingOptions, seed: int) -> float:
    started = time.perf_counter()
    for event in engine.generate(messages, sampling=replace(sampling, max_tokens=1, seed=seed)):
        if isinstance(event, (TokenPiece, GenerationResult)):
            return time.perf_counter() - started
    return float("nan")


def _rendered_with_marker(engine: ChatEngine, text: str, kind: str) -> str:
    marker = mtmd.mtmd_default_marker().decode()
    item = MediaItem(kind, "marker", None)
    segments = engine.format.render([ChatMessage("user", text, media=(item,))])
    return render_as_text(segments).replace(f"<{kind}:marker>", marker)


def _image_bitmap(prepared):
    buffer = (ctypes.c_uint8 * len(prepared.rgb)).from_buffer_copy(prepared.rgb)
    return lambda: mtmd.mtmd_bitmap_init(prepared.width, prepared.height, buffer)


def _audio_bitmap(samples: np.ndarray):
    samples = np.ascontiguousarray(samples, dtype=np.float32)
    pointer = samples.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
    return lambda: mtmd.mtmd_bitmap_init_from_audio(len(samples), pointer)


class MediaReference:
    """libmtmd on its own: tokenize the prompt with its media marker, eval all chunks, sample."""

    def __init__(self, options: LoadOptions) -> None:
        self.runner = ReferenceRunner(options)
        params = mtmd.mtmd_context_params_default()
        params.use_gpu = options.n_gpu_layers != 0
        params.n_threads = options.n_threads
        params.print_timings = False
        params.warmup = False
        self.ctx = mtmd.mtmd_init_from_file(str(options.projector_path).encode(), self.runner.llama.model, params)

    def first_token_seconds(self, prompt: str, make_bitmap, sampling: SamplingOptions, seed: int) -> float:
        self.runner.clear()
        sampler = ReferenceSampler(self.runner.llama, sampling, seed)
        chunks = mtmd.mtmd_input_chunks_init()
        started = time.perf_counter()
        bitmap = make_bitmap()
        try:
            text = mtmd.mtmd_input_text(text=prompt.encode(), text_len=len(prompt.encode()),
                                        add_special=False, parse_special=True)
            bitmaps = (mtmd.mtmd_bitmap_p_ctypes * 1)(bitmap)
            if mtmd.mtmd_tokenize(self.ctx, chunks, ctypes.byref(text), bitmaps, 1) != 0:
                raise RuntimeError("mtmd_tokenize failed in the reference")
            new_n_past = llama_cpp.llama_pos(0)
            result = mtmd.mtmd_helper_eval_chunks(self.ctx, self.runner.ctx, chunks, 0, 0,
                                                  self.runner.n_batch, True, ctypes.byref(new_n_past))
            if result != 0:
                raise RuntimeError(f"mtmd_helper_eval_chunks failed ({result}) in the reference")
            sampler.sample(self.runner.ctx)
            return time.perf_counter() - started
        finally:
            mtmd.mtmd_bitmap_free(bitmap)
            mtmd.mtmd_input_chunks_free(chunks)
            sampler.close()

    def close(self) -> None:
        mtmd.mtmd_free(self.ctx)
        self.runner.close()

