"""The chat engine: one llama_cpp.Llama for the life of a loaded model, KV reuse across turns,
streaming generation with cooperative cancel. Runs on one thread; knows nothing of Qt."""

from __future__ import annotations

import codecs
import ctypes
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from llama_cpp import Llama, llama_cpp
from llama_cpp._internals import LlamaBatch

from app.core.engine.embedding_input import EmbeddingPiece, decode_embeddings
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.models.gguf_file import ModelFileInfo, inspect_model
from app.core.engine.loading import load_llama
from app.core.engine.prompt_format import ChatMessage, MediaSlot, format_for_architecture
from app.core.engine.prompt_plan import (
    ControlTokenError,
    MediaUnit,
    PromptPlan,
    Unit,
    common_prefix_length,
    plan_prompt,
    positions_of,
)
from app.core.engine.sampling import build_sampler
from app.core.errors import UserError

if TYPE_CHECKING:
    from app.core.engine.gemma3n_speech import Gemma3nSpeech


class EngineError(UserError):
    """A failure the user should see as a message (not a bug)."""


class ContextFullError(EngineError):
    pass


@dataclass(frozen=True)
class TokenPiece:
    text: str
    token_id: int


@dataclass
class GenerationResult:
    text: str = ""
    token_ids: list[int] = field(default_factory=list)
    stop_reason: str = ""  # end_of_turn | max_tokens | cancelled | context_full
    prompt_tokens: int = 0
    reused_units: int = 0
    evaluated_units: int = 0
    media_encodes: int = 0
    dropped_messages: int = 0
    time_to_first_token: float = 0.0
    tokens_per_second: float = 0.0
    context_used: int = 0
    context_size: int = 0


ShouldStop = Callable[[], bool]


class ChatEngine:
    def __init__(self, options: LoadOptions, on_progress: Callable[[float], None] | None = None):
        self.options = options
        self.model_info: ModelFileInfo = inspect_model(options.model_path)
        self.format = format_for_architecture(self.model_info.architecture)
        self.llama: Llama = load_llama(options, self.model_info, on_progress)
        self.n_ctx = self.llama.n_ctx()
        self._vocab = llama_cpp.llama_model_get_vocab(self.llama.model)
        self._batch = LlamaBatch(n_tokens=self.llama.n_batch, embd=0, n_seq_max=1, verbose=False)
        self._control_ids: dict[str, int] = {}
        self._evaluated: list[Unit] = []
        self.media_encodes_own = 0
        self.projector = None
        self.own_speech = None
        if options.projector_path is not None:
            self.projector = self._load_projector(options)
        self._open_own_speech(options)

    # -- lifetime ---------------------------------------------------------------------------
    def close(self) -> None:
        if self.own_speech is not None:
            self.own_speech.close()
            self.own_speech = None
        if self.projector is not None:
            self.projector.close()
            self.projector = None
        self._batch.close()
        self.llama.close()

    def _load_projector(self, options: LoadOptions):
        from app.core.engine.media_projector import MediaProjector

        return MediaProjector(
            options.projector_path,
            self.llama.model,
            self.llama.n_embd(),
            options.n_threads,
            use_gpu=options.n_gpu_layers != 0,
        )

    def _open_own_speech(self, options: LoadOptions) -> None:
        """Gemma 3n's audio encoder, which libmtmd skips, from a separate file or the projector.

        A bad audio-encoder file never stops the model loading: the reason is kept for the user."""
        self.audio_encoder_problem: str | None = None
        if self.model_info.architecture != "gemma3n" or self.supports_libmtmd_audio:
            return
        if options.audio_encoder_path is not None:
            self.own_speech, self.audio_encoder_problem = self._open_gemma3n_speech(options.audio_encoder_path, options)
        if self.own_speech is None and self.projector is not None and self.projector.info.audio_projector_type == "gemma3na":
            self.own_speech, _ = self._open_gemma3n_speech(options.projector_path, options)

    def _open_gemma3n_speech(self, path: Path, options: LoadOptions) -> tuple[Gemma3nSpeech | None, str | None]:
        """(the speech encoder, None), or (None, what is wrong with the file, in a sentence)."""
        from app.core.gemma3n_audio import AudioProjectorError
        from app.core.engine.gemma3n_speech import Gemma3nSpeech
        from app.core.models.projector_file import ProjectorError, inspect_audio_encoder

        path = Path(path)
        if not path.exists():
            return None, f"the audio-encoder file {path} is not there any more."
        try:
            inspect_audio_encoder(path)  # the header first: a clear word on a cut or wrong file
            return Gemma3nSpeech(path, self.control_token_id, self.llama.n_embd(),
                                 options.audio_encoder_device, text_on_gpu=options.n_gpu_layers != 0), None
        except (ProjectorError, AudioProjectorError) as error:
            return None, str(error)
        except Exception as error:  # noqa: BLE001 — numpy on a damaged file fails in many ways; text still works
            return None, f"{path.name} could not be read as Gemma 3n's audio encoder ({error})."

    @property
    def supports_libmtmd_audio(self) -> bool:
        return self.projector is not None and self.projector.supports_audio

    @property
    def supports_images(self) -> bool:
        return self.projector is not None and self.projector.supports_vision

    @property
    def supports_audio(self) -> bool:
        return self.supports_libmtmd_audio or self.own_speech is not None

    @property
    def speech_unavailable_reason(self) -> str | None:
        """Why this model cannot hear, in words for the user; None when it can."""
        if self.supports_audio:
            return None
        if self.audio_encoder_problem is not None:
            return (
                f"This Gemma 3n model cannot hear: {self.audio_encoder_problem} Choose its audio-encoder "
                "file in Settings ▸ Model ▸ Audio encoder, or set that to Automatic."
            )
        if self.model_info.architecture == "gemma3n":
            found = "" if self.projector is None else f" (the projector {self.projector.path.name} lacks its tensors)"
            return (
                f"{self.model_info.path.name} has no audio encoder{found}. Gemma Desk runs Gemma 3n's "
                "audio encoder itself: get it with File ▸ Model manager ▸ Get audio encoder (it is "
                "cut out of Google's checkpoint), or choose the file in Settings ▸ Model ▸ Audio encoder."
            )
        if self.projector is None:
            return (
                f"{self.model_info.path.name} has no projector, so it cannot hear audio. Add an "
                "audio-capable projector (e.g. Gemma 4's mmproj) in Settings ▸ Model."
            )
        return f"The projector {self.projector.path.name} has no audio encoder, so it cannot hear audio."

    @property
    def context_used(self) -> int:
        return positions_of(self._evaluated)

    # -- tokens -----------------------------------------------------------------------------
    def tokenize_text(self, text: str) -> list[int]:
        if not text:
            return []
        return self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def control_token_id(self, marker: str) -> int:
        if marker not in self._control_ids:
            ids = self.llama.tokenize(marker.encode("utf-8"), add_bos=False, special=True)
            if len(ids) != 1:
                raise ControlTokenError(f"{self.model_info.path.name} has no single token for {marker!r}.")
            self._control_ids[marker] = ids[0]
        return self._control_ids[marker]

    def detokenize(self, token_ids: Sequence[int], special: bool = True) -> str:
        return self.llama.detokenize(list(token_ids), special=special).decode("utf-8", errors="replace")

    def token_piece(self, token_id: int, special: bool = False) -> bytes:
        # llama-cpp-python's LlamaModel.token_to_piece returns its whole 32-byte buffer, NULs and
        # all, so we ask llama.cpp for the piece's real length ourselves.
        size = 64
        while True:
            buffer = ctypes.create_string_buffer(size)
            length = llama_cpp.llama_token_to_piece(self._vocab, token_id, buffer, size, 0, special)
            if length >= 0:
                return buffer.raw[:length]
            size = -length

    # -- prompts ----------------------------------------------------------------------------
    def plan(self, messages: Sequence[ChatMessage], system_prompt: str = "") -> PromptPlan:
        segments = self.format.render(messages, system_prompt)
        return plan_prompt(segments, self.tokenize_text, self.control_token_id, self._media_units)

    def plan_within_context(
        self, messages: Sequence[ChatMessage], system_prompt: str, reserve: int
    ) -> tuple[PromptPlan, int]:
        """The prompt, with the oldest turns dropped until it and `reserve` new tokens fit."""
        messages = list(messages)
        dropped = 0
        while True:
            plan = self.plan(messages, system_prompt)
            if plan.n_positions + reserve <= self.n_ctx:
                return plan, dropped
            droppable = _oldest_exchange_length(messages)
            if droppable == 0:
                raise ContextFullError(
                    f"This message needs {plan.n_positions} tokens but the context holds {self.n_ctx} "
                    f"(with {reserve} kept for the answer). Shorten it or raise the context size."
                )
            messages = messages[droppable:]
            dropped += droppable

    def _media_units(self, slot: MediaSlot) -> list[Unit]:
        from app.core.engine.media_projector import EncodedPiece

        if slot.item.kind == "audio" and self.own_speech is not None:
            return self.own_speech.units(slot.item.key, slot.item.payload)
        if self.projector is None:
            raise EngineError(f"This message has an {slot.item.kind} but no projector is loaded.")
        chunks = self.projector.tokenize(slot.item.kind, slot.item.key, slot.item.payload)
        units: list[Unit] = []
        for index, piece in enumerate(chunks.pieces):
            if isinstance(piece, EncodedPiece):
                key = f"{slot.item.key}#{index}"
                units.append(MediaUnit(key, slot.item.kind, piece.n_tokens, piece.n_positions, piece))
            else:
                units.extend(piece)
        return units

    # -- evaluation -------------------------------------------------------------------------
    def evaluate(self, units: Sequence[Unit], should_stop: ShouldStop = lambda: False) -> tuple[int, int]:
        """Bring the KV cache to hold exactly `units`, reusing the common prefix.

        Returns (units reused, units evaluated). The last unit is always evaluated, so that its
        logits are there to sample from."""
        keep = min(common_prefix_length(self._evaluated, units), len(units) - 1)
        self._truncate(keep)
        encodes_before = (self.projector.encode_calls if self.projector else 0) + self.media_encodes_own
        index = keep
        while index < len(units):
            if should_stop():
                break
            if isinstance(units[index], MediaUnit):
                self._evaluate_media(units[index])
                index += 1
                continue
            run_end = index
            while run_end < len(units) and isinstance(units[run_end], int) and run_end - index < self.llama.n_batch:
                run_end += 1
            self._decode_tokens(list(units[index:run_end]))
            index = run_end
        self.last_media_encodes = (self.projector.encode_calls if self.projector else 0) + self.media_encodes_own - encodes_before
        return keep, index - keep

    def _truncate(self, keep: int) -> None:
        memory = llama_cpp.llama_get_memory(self.llama.ctx)
        if not llama_cpp.llama_memory_seq_rm(memory, 0, positions_of(self._evaluated[:keep]), -1):
            llama_cpp.llama_memory_clear(memory, True)
            keep = 0
        del self._evaluated[keep:]

    def _decode_tokens(self, tokens: list[int]) -> None:
        self._batch.set_batch(tokens, positions_of(self._evaluated), logits_all=False)
        result = llama_cpp.llama_decode(self.llama.ctx, self._batch.batch)
        if result != 0:
            raise EngineError(f"llama.cpp could not evaluate the prompt (llama_decode returned {result}).")
        self._evaluated.extend(tokens)

    def _evaluate_media(self, unit: MediaUnit) -> None:
        n_past = positions_of(self._evaluated)
        if isinstance(unit.piece, EmbeddingPiece):
            self.media_encodes_own += 1
            decode_embeddings(self.llama.ctx, unit.piece.vectors, n_past, self.llama.n_batch)
        else:
            self.projector.evaluate(unit.piece, unit.kind, self.llama.ctx, n_past, self.llama.n_batch)
        self._evaluated.append(unit)

    # -- generation -------------------------------------------------------------------------
    def generate(
        self,
        messages: Sequence[ChatMessage],
        system_prompt: str = "",
        sampling: SamplingOptions = SamplingOptions(),
        should_stop: ShouldStop = lambda: False,
    ) -> Iterator[TokenPiece | GenerationResult]:
        """Stream the model's answer to the last user message; the last item is the result."""
        started = time.perf_counter()
        reserve = max(1, min(sampling.max_tokens, self.n_ctx // 4))
        plan, dropped = self.plan_within_context(messages, system_prompt, reserve)
        result = GenerationResult(prompt_tokens=plan.n_positions, dropped_messages=dropped, context_size=self.n_ctx)
        result.reused_units, result.evaluated_units = self.evaluate(plan.units, should_stop)
        result.media_encodes = self.last_media_encodes
        yield from self._sample_loop(sampling, should_stop, result, started)
        result.context_used = self.context_used
        yield result

    def _sample_loop(self, sampling, should_stop, result, started) -> Iterator[TokenPiece]:
        if len(self._evaluated) < result.reused_units + result.evaluated_units or should_stop():
            result.stop_reason = "cancelled"
            return
        sampler = build_sampler(sampling, self.llama.n_vocab())
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        first_token_at = None
        try:
            while True:
                if should_stop():
                    result.stop_reason = "cancelled"
                    break
                if len(result.token_ids) >= sampling.max_tokens:
                    result.stop_reason = "max_tokens"
                    break
                if self.context_used >= self.n_ctx:
                    result.stop_reason = "context_full"
                    break
                token = sampler.sample(self.llama._ctx, -1)
                if llama_cpp.llama_vocab_is_eog(self._vocab, token):
                    result.stop_reason = "end_of_turn"
                    break
                if first_token_at is None:
                    first_token_at = time.perf_counter()
                    result.time_to_first_token = first_token_at - started
                result.token_ids.append(token)
                text = decoder.decode(self.token_piece(token))
                result.text += text
                if text:
                    yield TokenPiece(text, token)
                self._decode_tokens([token])
        finally:
            sampler.close()
            result.text += decoder.decode(b"", final=True)
            if first_token_at is not None and len(result.token_ids) > 1:
                elapsed = time.perf_counter() - first_token_at
                result.tokens_per_second = (len(result.token_ids) - 1) / elapsed if elapsed > 0 else 0.0


def stream_to(out, events: Iterator[TokenPiece | GenerationResult]) -> GenerationResult:
    """Write streamed pieces to a text stream as they come; returns the final result."""
    result = GenerationResult()
    for event in events:
        if isinstance(event, TokenPiece):
            out.write(event.text)
            out.flush()
        else:
            result = event
    return result


def _oldest_exchange_length(messages: list[ChatMessage]) -> int:
    """How many messages make the oldest user→model exchange, never touching the last user turn."""
    if len(messages) <= 1:
        return 0
    length = 1
    while length < len(messages) - 1 and messages[length].role != "user":
        length += 1
    return length if length < len(messages) else 0
