"""The chat engine: one llama_cpp.Llama for the life of a loaded model, KV reuse across turns,
streaming generation with cooperative cancel. Runs on one thread; knows nothing of Qt.

The chat lives in KV sequence 0; a one-off request (a dictation chunk, a self-test) runs in
sequence 1 of the same cache and is forgotten afterwards, so the chat's next turn still only
evaluates its new tokens."""

from __future__ import annotations

import codecs
import ctypes
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from llama_cpp import Llama, llama_cpp
from llama_cpp._internals import LlamaBatch

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.engine.embedding_input import EmbeddingPiece, decode_embeddings
from app.core.engine.engine_errors import ContextFullError, EngineError, MediaUnavailableError
from app.core.engine.gil_turns import short_gil_turns
from app.core.engine.hearing import CannotHear, audio_encoder_gone, audio_encoder_unreadable, why_it_cannot_hear
from app.core.errors import UserError
from app.core.engine.history_window import HistoryWindow
from app.core.engine.kv_sequence import CHAT_SEQUENCE, ONE_OFF_SEQUENCE, KvSequence, cells_of
from app.core.engine.loading import load_llama
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.plain_text import PlainTextTokenizer
from app.core.engine.prompt_format import ChatMessage, MediaSlot, format_for_architecture
from app.core.engine.prompt_plan import ControlTokenError, MediaUnit, PromptPlan, Unit, plan_prompt
from app.core.engine.sampling import samples_on_backend
from app.core.engine.token_sampler import TokenSampler
from app.core.models.gguf_file import ModelFileInfo, inspect_model

if TYPE_CHECKING:
    from app.core.engine.gemma3n_speech import Gemma3nSpeech


__all__ = ["ChatEngine", "ContextFullError", "EngineError", "GenerationResult", "TokenPiece", "stream_to"]

# What a prompt says where a stored image or clip could not be read any more.
MISSING_MEDIA_TEXT = {"image": "[image missing]", "audio": "[audio missing]"}


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
    # Names of earlier images (or clips) that could not be read; the turn went on without them.
    skipped_media: list[str] = field(default_factory=list)
    time_to_first_token: float = 0.0
    tokens_per_second: float = 0.0
    context_used: int = 0
    context_size: int = 0


ShouldStop = Callable[[], bool]


class ChatEngine:
    def __init__(self, options: LoadOptions, on_progress: Callable[[float], None] | None = None,
                 model_info: ModelFileInfo | None = None):
        """`model_info`: the file's header as just checked (containment's VettedLoad), so it is not read twice."""
        self.options = options
        self.model_info: ModelFileInfo = model_info or inspect_model(options.model_path)
        self.format = format_for_architecture(self.model_info.architecture)
        self.llama: Llama = load_llama(options, self.model_info, on_progress)
        self.n_ctx = self.llama.n_ctx()
        self._vocab = llama_cpp.llama_model_get_vocab(self.llama.model)
        self._plain_text = PlainTextTokenizer(self._vocab, self.model_info.marker_tokens)
        self._batch = LlamaBatch(n_tokens=self.llama.n_batch, embd=0, n_seq_max=1, verbose=False)
        self._control_ids: dict[str, int] = {}
        self._chat = KvSequence(self.llama.ctx, self._batch, CHAT_SEQUENCE)
        self._one_off = KvSequence(self.llama.ctx, self._batch, ONE_OFF_SEQUENCE)
        self._history = HistoryWindow()
        # llama.cpp puts the output layer on the GPU whenever any layer is offloaded (the last
        # layers go first); sampling then runs there too (see samples_on_backend).
        self.output_on_gpu = options.n_gpu_layers != 0 and bool(llama_cpp.llama_supports_gpu_offload())
        self._chat_sampler: TokenSampler | None = None  # kept across turns while attached to the graph
        self.media_encodes_own = 0
        self.projector = None
        self.own_speech = None
        if options.projector_path is not None:
            self.projector = self._load_projector(options)
        self._open_own_speech(options)

    # -- lifetime ---------------------------------------------------------------------------
    def close(self) -> None:
        if self._chat_sampler is not None:
            self._chat_sampler.close()
            self._chat_sampler = None
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
        self.audio_encoder_problem: UserError | None = None
        if self.model_info.architecture != "gemma3n" or self.supports_libmtmd_audio:
            return
        if options.audio_encoder_path is not None:
            self.own_speech, self.audio_encoder_problem = self._open_gemma3n_speech(options.audio_encoder_path, options)
        if self.own_speech is None and self.projector is not None and self.projector.info.audio_projector_type == "gemma3na":
            self.own_speech, _ = self._open_gemma3n_speech(options.projector_path, options)

    def _open_gemma3n_speech(self, path: Path, options: LoadOptions) -> tuple[Gemma3nSpeech | None, UserError | None]:
        """(the speech encoder, None), or (None, what is wrong with the file)."""
        from app.core.gemma3n_audio import AudioProjectorError
        from app.core.engine.gemma3n_speech import Gemma3nSpeech
        from app.core.models.projector_file import ProjectorError, inspect_audio_encoder

        path = Path(path)
        if not path.exists():
            return None, audio_encoder_gone(path)
        try:
            inspect_audio_encoder(path)  # the header first: a clear word on a cut or wrong file
            return Gemma3nSpeech(path, self.control_token_id, self.llama.n_embd(),
                                 options.audio_encoder_device, text_on_gpu=options.n_gpu_layers != 0), None
        except (ProjectorError, AudioProjectorError) as error:
            return None, error
        except Exception as error:  # noqa: BLE001 — numpy on a damaged file fails in many ways; text still works
            return None, audio_encoder_unreadable(path, error)

    @property
    def supports_libmtmd_audio(self) -> bool:
        return self.projector is not None and self.projector.supports_audio

    @property
    def supports_images(self) -> bool:
        return self.projector is not None and self.projector.supports_vision

    @property
    def audio_encoder_fallback(self) -> UserError | None:
        """Why Gemma 3n's audio encoder runs in numpy where ggml was asked for; None otherwise."""
        return self.own_speech.encoder_fallback if self.own_speech is not None else None

    @property
    def supports_audio(self) -> bool:
        return self.supports_libmtmd_audio or self.own_speech is not None

    @property
    def speech_unavailable(self) -> CannotHear | None:
        """Why this model cannot hear; None when it can."""
        if self.supports_audio:
            return None
        projector = self.projector.path if self.projector is not None else None
        return why_it_cannot_hear(self.model_info, projector, self.audio_encoder_problem)

    @property
    def context_used(self) -> int:
        """Positions the chat holds in the KV cache."""
        return self._chat.positions

    @property
    def cached_units(self) -> list[Unit]:
        """What the chat's KV cache holds now, in order: token ids and media pieces."""
        return list(self._chat.units)

    # -- tokens -----------------------------------------------------------------------------
    def tokenize_text(self, text: str) -> list[int]:
        """Plain text (what people typed): never a control token, never a media marker."""
        return self._plain_text.tokenize(text)

    def control_token_id(self, marker: str) -> int:
        if marker not in self._control_ids:
            ids = self.llama.tokenize(marker.encode("utf-8"), add_bos=False, special=True)
            if len(ids) != 1:
                raise ControlTokenError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "{name} has no single token for {marker!r}.",
                    ),
                    name=self.model_info.path.name, marker=marker,
                )
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
        skipped: list[str] = []
        plan = plan_prompt(
            segments, self.tokenize_text, self.control_token_id, lambda slot: self._media_units(slot, skipped)
        )
        plan.skipped_media = list(dict.fromkeys(skipped))
        return plan

    def plan_within_context(
        self, messages: Sequence[ChatMessage], system_prompt: str, reserve: int, *, one_off: bool = False
    ) -> tuple[PromptPlan, int]:
        """The prompt with `reserve` positions left for the answer, and how many old messages it
        leaves out. The chat trims in blocks (see HistoryWindow); a one-off trims just enough."""
        window = HistoryWindow(keep_after_trim=1.0) if one_off else self._history
        return window.fit(messages, lambda kept: self.plan(kept, system_prompt), self.n_ctx, reserve)

    def _media_units(self, slot: MediaSlot, skipped: list[str]) -> list[Unit]:
        try:
            return self._encoded_media_units(slot)
        except MediaUnavailableError as error:
            skipped.append(error.name)
            return list(self.tokenize_text(MISSING_MEDIA_TEXT[slot.item.kind]))

    def _encoded_media_units(self, slot: MediaSlot) -> list[Unit]:
        from app.core.engine.media_projector import EncodedPiece

        if slot.item.kind == "audio" and self.own_speech is not None:
            return self.own_speech.units(slot.item.key, slot.item.payload)
        if self.projector is None:
            raise EngineError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "This message has an {kind} but no projector is loaded.",
                ),
                kind=slot.item.kind,
            )
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
    def evaluate(
        self, units: Sequence[Unit], should_stop: ShouldStop = lambda: False, sequence: KvSequence | None = None
    ) -> tuple[int, int]:
        """Bring a sequence (the chat's by default) to hold exactly `units`, reusing the common prefix.

        Returns (units reused, units evaluated). The last unit is always evaluated, so that its
        logits are there to sample from."""
        sequence = self._chat if sequence is None else sequence
        keep = sequence.reusable_prefix(units)
        sequence.truncate(keep)
        encodes_before = (self.projector.encode_calls if self.projector else 0) + self.media_encodes_own
        index = keep
        while index < len(units):
            if should_stop():
                break
            if isinstance(units[index], MediaUnit):
                self._evaluate_media(units[index], sequence)
                index += 1
                continue
            run_end = index
            while run_end < len(units) and isinstance(units[run_end], int) and run_end - index < self.llama.n_batch:
                run_end += 1
            sequence.decode_tokens(list(units[index:run_end]), output_last=run_end == len(units))
            index = run_end
        self.last_media_encodes = (self.projector.encode_calls if self.projector else 0) + self.media_encodes_own - encodes_before
        return keep, index - keep

    def _evaluate_media(self, unit: MediaUnit, sequence: KvSequence) -> None:
        n_past = sequence.positions
        if isinstance(unit.piece, EmbeddingPiece):
            self.media_encodes_own += 1
            decode_embeddings(self.llama.ctx, unit.piece.vectors, n_past, self.llama.n_batch, sequence.seq_id)
        else:
            self.projector.evaluate(unit.piece, unit.kind, self.llama.ctx, n_past, self.llama.n_batch, sequence.seq_id)
        sequence.append_media(unit)

    def _make_room_for_one_off(self, plan: PromptPlan, reserve: int) -> None:
        """Cells for a one-off beside the chat; if the cache is too full, the chat's newest units go."""
        free = self.n_ctx - self._chat.cells
        needed = cells_of(plan.units) + reserve
        if needed <= free:
            return
        keep, cells = 0, 0
        for unit in self._chat.units:
            cells += cells_of([unit])
            if cells > self.n_ctx - needed:
                break
            keep += 1
        self._chat.truncate(keep)

    # -- generation -------------------------------------------------------------------------
    def generate(
        self,
        messages: Sequence[ChatMessage],
        system_prompt: str = "",
        sampling: SamplingOptions = SamplingOptions(),
        should_stop: ShouldStop = lambda: False,
        *,
        one_off: bool = False,
    ) -> Iterator[TokenPiece | GenerationResult]:
        """Stream the model's answer to the last user message; the last item is the result.

        `one_off=True` is for a request that is not a turn of the chat (a dictation chunk): it runs
        beside the chat's cached prompt instead of replacing it, and leaves nothing behind."""
        with short_gil_turns():  # the consumer of each token is usually Python on another thread
            yield from self._generate(messages, system_prompt, sampling, should_stop, one_off)

    def _generate(self, messages: Sequence[ChatMessage], system_prompt: str, sampling: SamplingOptions,
                  should_stop: ShouldStop, one_off: bool) -> Iterator[TokenPiece | GenerationResult]:
        started = time.perf_counter()
        reserve = max(1, min(sampling.max_tokens, self.n_ctx // 4))
        plan, dropped = self.plan_within_context(messages, system_prompt, reserve, one_off=one_off)
        result = GenerationResult(
            prompt_tokens=plan.n_positions,
            dropped_messages=dropped,
            skipped_media=plan.skipped_media,
            context_size=self.n_ctx,
        )
        sequence = self._one_off if one_off else self._chat
        # Before the prompt: a chain run in the graph samples the prompt's last output already.
        sampler = self._sampler_for(sampling, sequence)
        try:
            if one_off:
                self._one_off.clear()
                self._make_room_for_one_off(plan, reserve)
            result.reused_units, result.evaluated_units = self.evaluate(plan.units, should_stop, sequence)
            result.media_encodes = self.last_media_encodes
            complete = len(sequence.units) == len(plan.units)
            yield from self._sample_loop(sampler, sampling, should_stop, result, started, sequence, complete)
            result.context_used = sequence.positions
        finally:
            if sampler is not self._chat_sampler:
                sampler.close()
            if one_off:
                self._one_off.clear()
        yield result

    def _sampler_for(self, sampling: SamplingOptions, sequence: KvSequence) -> TokenSampler:
        if sequence is not self._chat:
            return TokenSampler(self.llama.ctx, sequence.seq_id, sampling, self.llama.n_vocab(), on_backend=False)
        if self._chat_sampler is not None:
            if self._chat_sampler.reusable_for(sampling):
                return self._chat_sampler
            self._chat_sampler.close()
            self._chat_sampler = None
        on_backend = samples_on_backend(sampling, self.output_on_gpu)
        sampler = TokenSampler(self.llama.ctx, sequence.seq_id, sampling, self.llama.n_vocab(), on_backend)
        if sampler.on_backend:
            self._chat_sampler = sampler
        return sampler

    def _sample_loop(self, sampler, sampling, should_stop, result, started, sequence, complete) -> Iterator[TokenPiece]:
        if not complete or should_stop():
            result.stop_reason = "cancelled"
            return
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        first_token_at = None
        vocab, n_ctx, max_tokens = self._vocab, self.n_ctx, sampling.max_tokens
        chat, one_off, token_ids = self._chat, self._one_off, result.token_ids
        try:
            while True:
                if should_stop():
                    result.stop_reason = "cancelled"
                    break
                if len(token_ids) >= max_tokens:
                    result.stop_reason = "max_tokens"
                    break
                if sequence.positions >= n_ctx or chat.cells + one_off.cells >= n_ctx:
                    result.stop_reason = "context_full"
                    break
                token = sampler.next_token()
                if llama_cpp.llama_vocab_is_eog(vocab, token):
                    result.stop_reason = "end_of_turn"
                    break
                if first_token_at is None:
                    first_token_at = time.perf_counter()
                    result.time_to_first_token = first_token_at - started
                token_ids.append(token)
                text = decoder.decode(self.token_piece(token))
                result.text += text
                if text:
                    yield TokenPiece(text, token)
                sequence.decode_tokens([token])
        finally:
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
