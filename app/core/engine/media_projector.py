"""The projector (mmproj) through libmtmd: turns an image or audio clip into chunks to evaluate.

We drive `llama_cpp.mtmd_cpp` ourselves: the stock chat handler needs a template inside the GGUF
and passes images only.
"""

from __future__ import annotations

import ctypes
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from llama_cpp import llama_cpp
from llama_cpp import mtmd_cpp as mtmd

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.audio.resample import resample
from app.core.models.projector_file import check_projector_pairs_with, inspect_projector
from app.core.errors import UserError

SPEECH_SAMPLE_RATE = 16_000  # what our capture and chunker produce
MIN_AUDIO_SAMPLES = 1_600  # shorter clips are padded with silence to 0.1 s
# Tokenized media kept for reuse (least recently used goes first): a Gemma 3n image holds its
# preprocessed pixels, megabytes each, so a long chat full of pictures must not keep them all.
MEDIA_CACHE_ITEMS = 8


class MediaError(UserError):
    """An image or audio clip the projector cannot take; the message is meant for the user."""


class OwnedChunks:
    """An mtmd_input_chunks * freed once nothing refers to it: a piece of an item that left the
    cache stays valid for the plan (or KV record) still holding it."""

    def __init__(self, handle: int) -> None:
        self.handle = handle
        self.free = weakref.finalize(self, mtmd.mtmd_input_chunks_free, handle)


@dataclass
class EncodedPiece:
    """One media chunk inside libmtmd's output: what must be encoded and how many positions it fills."""

    chunk: int  # mtmd_input_chunk *, borrowed from `owner`
    n_tokens: int
    n_positions: int
    owner: OwnedChunks | None = None


@dataclass
class MediaChunks:
    """The tokenized form of one media item: text tokens and media pieces, in order."""

    owner: OwnedChunks
    pieces: list  # of list[int] (text tokens) or EncodedPiece
    kind: str

    @property
    def handle(self) -> int:
        return self.owner.handle

    @property
    def media_tokens(self) -> int:
        return sum(piece.n_tokens for piece in self.pieces if isinstance(piece, EncodedPiece))


class MediaProjector:
    def __init__(self, projector_path: Path, model: llama_cpp.llama_model_p, n_embd: int, n_threads: int, use_gpu: bool):
        info = inspect_projector(projector_path)
        check_projector_pairs_with(info, n_embd)
        params = mtmd.mtmd_context_params_default()
        params.use_gpu = use_gpu
        params.n_threads = n_threads
        params.print_timings = False
        params.warmup = False
        self._ctx = mtmd.mtmd_init_from_file(str(projector_path).encode(), model, params)
        if not self._ctx:
            raise MediaError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "libmtmd could not load the projector {name}.",
                ),
                name=projector_path.name,
            )
        self.path = projector_path
        self.info = info
        self.supports_vision = bool(mtmd.mtmd_support_vision(self._ctx))
        self.supports_audio = bool(mtmd.mtmd_support_audio(self._ctx))
        self.audio_sample_rate = int(mtmd.mtmd_get_audio_sample_rate(self._ctx)) if self.supports_audio else 0
        self._cache: OrderedDict[str, MediaChunks] = OrderedDict()
        self.encode_calls = 0

    def close(self) -> None:
        for chunks in self._cache.values():
            chunks.owner.free()
        self._cache.clear()
        if self._ctx:
            mtmd.mtmd_free(self._ctx)
            self._ctx = None

    def tokenize(self, kind: str, key: str, payload) -> MediaChunks:
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        bitmap = self._make_bitmap(kind, payload)
        try:
            mtmd.mtmd_bitmap_set_id(bitmap, key.encode())
            chunks = self._tokenize_bitmap(bitmap)
        finally:
            mtmd.mtmd_bitmap_free(bitmap)
        chunks.kind = kind
        self._cache[key] = chunks
        while len(self._cache) > MEDIA_CACHE_ITEMS:
            self._cache.popitem(last=False)  # freed by OwnedChunks once no plan holds its pieces
        return chunks

    def evaluate(self, piece: EncodedPiece, kind: str, llama_ctx, n_past: int, n_batch: int, seq_id: int = 0) -> int:
        """Encode one media piece and decode its embeddings at `n_past` of `seq_id`; returns the new n_past."""
        new_n_past = llama_cpp.llama_pos(0)
        self.encode_calls += 1
        result = mtmd.mtmd_helper_eval_chunk_single(
            self._ctx, llama_ctx, piece.chunk, n_past, seq_id, n_batch, False, ctypes.byref(new_n_past)
        )
        if result != 0:
            raise MediaError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The projector failed to encode this {kind} (error {result}).",
                ),
                kind=kind, result=result,
            )
        return int(new_n_past.value)

    def _make_bitmap(self, kind: str, payload):
        if kind == "image":
            if not self.supports_vision:
                raise MediaError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The projector {name} has no vision encoder.",
                    ),
                    name=self.path.name,
                )
            width, height, rgb = payload.width, payload.height, payload.rgb
            buffer = (ctypes.c_uint8 * len(rgb)).from_buffer_copy(rgb)
            bitmap = mtmd.mtmd_bitmap_init(width, height, buffer)
        else:
            if not self.supports_audio:
                raise MediaError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The projector {name} cannot hear audio.",
                    ),
                    name=self.path.name,
                )
            samples = np.ascontiguousarray(payload, dtype=np.float32)
            if self.audio_sample_rate and self.audio_sample_rate != SPEECH_SAMPLE_RATE:
                samples = resample(samples, SPEECH_SAMPLE_RATE, self.audio_sample_rate)
            if len(samples) < MIN_AUDIO_SAMPLES:  # libmtmd aborts on a clip of one sample
                samples = np.pad(samples, (0, MIN_AUDIO_SAMPLES - len(samples)))
            pointer = samples.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
            bitmap = mtmd.mtmd_bitmap_init_from_audio(len(samples), pointer)
        if not bitmap:
            raise MediaError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "libmtmd refused this {kind}.",
                ),
                kind=kind,
            )
        return bitmap

    def _tokenize_bitmap(self, bitmap) -> MediaChunks:
        part = mtmd.mtmd_input_part(text=None, bitmap=bitmap)
        parts = (ctypes.POINTER(mtmd.mtmd_input_part) * 1)(ctypes.pointer(part))
        handle = mtmd.mtmd_input_chunks_init()
        result = mtmd.mtmd_tokenize_from_parts(self._ctx, handle, parts, 1, False)
        if result != 0:
            mtmd.mtmd_input_chunks_free(handle)
            raise MediaError(
                QT_TRANSLATE_NOOP("UserError", "libmtmd could not prepare this media (error {result})."), result=result)
        if not any(
            mtmd.mtmd_input_chunk_get_type(mtmd.mtmd_input_chunks_get(handle, index)) != mtmd.MTMD_INPUT_CHUNK_TYPE_TEXT
            for index in range(mtmd.mtmd_input_chunks_size(handle))
        ):
            mtmd.mtmd_input_chunks_free(handle)
            raise MediaError(QT_TRANSLATE_NOOP("UserError", "libmtmd produced no media chunk."))
        owner = OwnedChunks(handle)
        pieces: list = []
        for index in range(mtmd.mtmd_input_chunks_size(handle)):
            chunk = mtmd.mtmd_input_chunks_get(handle, index)
            if mtmd.mtmd_input_chunk_get_type(chunk) == mtmd.MTMD_INPUT_CHUNK_TYPE_TEXT:
                pieces.append(_text_tokens(chunk))
            else:
                n_tokens = int(mtmd.mtmd_input_chunk_get_n_tokens(chunk))
                n_positions = int(mtmd.mtmd_input_chunk_get_n_pos(chunk))
                pieces.append(EncodedPiece(chunk, n_tokens, n_positions, owner))
        return MediaChunks(owner=owner, pieces=pieces, kind="")


def _text_tokens(chunk) -> list[int]:
    count = ctypes.c_size_t(0)
    pointer = mtmd.mtmd_input_chunk_get_tokens_text(chunk, ctypes.byref(count))
    return [pointer[i] for i in range(count.value)]
