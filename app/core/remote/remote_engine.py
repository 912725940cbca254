"""An OpenAI-compatible server as the app's engine: the same `generate` stream as ChatEngine.

The engine thread holds a RemoteEngine exactly as it holds a ChatEngine: `generate(messages,
system_prompt, sampling, should_stop)` yields TokenPiece then one GenerationResult; `close()`
ends it. A cancel frees the engine thread at once (even before the first chunk) and closes the
connection, which tells the server to stop. Conversations stay on this computer: only the turns of one request travel."""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Iterator, Sequence

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.engine.engine import GenerationResult, ShouldStop, TokenPiece
from app.core.engine.hearing import CannotHear
from app.core.errors import same_message
from app.core.engine.options import SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.remote.answer_stream import stream_until_stopped
from app.core.remote.openai_messages import chat_body, wav_bytes
from app.core.remote.server_address import RemoteError, RemoteServer
from app.core.remote.server_client import READ_TIMEOUT_S, ServerClient, ServerRefused
from app.core.remote.server_model import RemoteModelInfo, describe_model
from app.core.task_presets import speech_prompt

log = logging.getLogger(__name__)

NO_TOKEN_ID = -1  # a server streams text, not our vocabulary's ids
TRANSCRIPTION_UNSUPPORTED = (400, 404, 405, 422, 501)
_STOP_REASONS = {"stop": "end_of_turn", "length": "max_tokens", "eos": "end_of_turn"}


class RemoteEngine:
    def __init__(self, server: RemoteServer, read_timeout_s: float = READ_TIMEOUT_S, transport=None) -> None:
        self.options = server
        self._client = ServerClient(server, read_timeout_s, transport)
        try:
            self.model_info: RemoteModelInfo = describe_model(self._client)
        except BaseException:
            self._client.close()
            raise
        self.n_ctx = self.model_info.context_length
        # Unknown until the first dictation chunk: then we know whether the server has the route.
        self.has_transcriptions: bool | None = None
        log.info("using the server at %s, model %s", server.shown_url, self.model_info.name)

    # -- what the model can take ------------------------------------------------------------
    @property
    def supports_images(self) -> bool:
        return self.model_info.supports_images is not False

    @property
    def supports_audio(self) -> bool:
        return self.model_info.supports_audio is not False

    @property
    def speech_unavailable(self) -> CannotHear | None:
        if self.supports_audio:
            return None
        return CannotHear(
            QT_TRANSLATE_NOOP("UserError", "{model} on the server at {url} cannot hear audio (the server says so)."),
            model=self.model_info.name, url=self.model_info.server_url,
        )

    @property
    def image_unavailable(self) -> RemoteError | None:
        if self.supports_images:
            return None
        return RemoteError(
            QT_TRANSLATE_NOOP("UserError", "{model} on the server at {url} cannot see images (the server says so)."),
            model=self.model_info.name, url=self.model_info.server_url,
        )

    def close(self) -> None:
        self._client.close()

    # -- generation -------------------------------------------------------------------------
    def generate(
        self,
        messages: Sequence[ChatMessage],
        system_prompt: str = "",
        sampling: SamplingOptions = SamplingOptions(),
        should_stop: ShouldStop = lambda: False,
        *,
        one_off: bool = False,  # the server keeps its own cache: nothing to keep apart here
    ) -> Iterator[TokenPiece | GenerationResult]:
        """Stream the server's answer to the last user message; the last item is the result."""
        self._refuse_what_the_model_lacks(messages)
        started = time.perf_counter()
        if should_stop():
            yield GenerationResult(stop_reason="cancelled", context_size=self.n_ctx)
            return
        if self.has_transcriptions is not False and is_transcription_turn(messages, system_prompt):
            try:
                yield from self._transcribe(messages[0], should_stop, started)
                self.has_transcriptions = True
                return
            except ServerRefused as refusal:
                # No such route, or (vLLM) a route only for speech models: chat with input_audio carries it.
                if refusal.status not in TRANSCRIPTION_UNSUPPORTED:
                    raise
                log.info("%s does not transcribe (HTTP %d); dictation goes through chat", self.model_info.server_url, refusal.status)
                self.has_transcriptions = False
        yield from self._chat(messages, system_prompt, sampling, should_stop, started)

    def _chat(self, messages, system_prompt, sampling, should_stop, started) -> Iterator[TokenPiece | GenerationResult]:
        result = GenerationResult(context_size=self.n_ctx)
        body = chat_body(self.model_info.name, messages, system_prompt, sampling)
        first_at: float | None = None
        pieces = 0
        completion_tokens = 0
        with contextlib.closing(stream_until_stopped(self._client, "chat/completions", body, should_stop)) as payloads:
            for payload in payloads:
                if payload is None:
                    result.stop_reason = "cancelled"
                    break
                usage = payload.get("usage")
                if isinstance(usage, dict):
                    result.prompt_tokens = int(usage.get("prompt_tokens") or 0)
                    completion_tokens = int(usage.get("completion_tokens") or 0)
                for choice in payload.get("choices") or ():
                    text = (choice.get("delta") or {}).get("content")
                    if text:
                        if first_at is None:
                            first_at = time.perf_counter()
                            result.time_to_first_token = first_at - started
                        pieces += 1
                        result.text += text
                        yield TokenPiece(text, NO_TOKEN_ID)
                    if choice.get("finish_reason"):
                        result.stop_reason = _STOP_REASONS.get(choice["finish_reason"], choice["finish_reason"])
        result.stop_reason = result.stop_reason or "end_of_turn"
        if first_at is not None:
            elapsed = time.perf_counter() - first_at
            produced = (completion_tokens or pieces) - 1
            result.tokens_per_second = produced / elapsed if elapsed > 0 and produced > 0 else 0.0
        if result.prompt_tokens:
            result.context_used = result.prompt_tokens + (completion_tokens or pieces)
        yield result

    def _transcribe(self, message: ChatMessage, should_stop: ShouldStop, started: float) -> Iterator[TokenPiece | GenerationResult]:
        """One dictation chunk through the server's speech-to-text route (not streamed)."""
        samples = message.media[0].payload
        answer = self._client.post_form(
            "audio/transcriptions",
            data={"model": self.model_info.name, "response_format": "json"},
            files={"file": ("dictation.wav", wav_bytes(samples), "audio/wav")},
        )
        if not isinstance(answer, dict) or not isinstance(answer.get("text"), str):
            raise RemoteError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The server at {server_url} gave a transcript without text.",
                ),
                server_url=self.model_info.server_url,
            )
        result = GenerationResult(context_size=self.n_ctx, time_to_first_token=time.perf_counter() - started)
        if should_stop():
            result.stop_reason = "cancelled"
            yield result
            return
        result.text = answer["text"].strip()
        result.stop_reason = "end_of_turn"
        if result.text:
            yield TokenPiece(result.text, NO_TOKEN_ID)
        yield result

    def _refuse_what_the_model_lacks(self, messages: Sequence[ChatMessage]) -> None:
        kinds = {item.kind for message in messages for item in message.media}
        if "image" in kinds and not self.supports_images:
            raise self.image_unavailable
        if "audio" in kinds and not self.supports_audio:
            raise same_message(RemoteError, self.speech_unavailable)


def is_transcription_turn(messages: Sequence[ChatMessage], system_prompt: str) -> bool:
    """A dictation chunk asking for a plain transcript: one user turn, one audio clip, the preset prompt.

    Only that job maps onto /v1/audio/transcriptions; translation and anything the user wrote
    go through chat, which carries the words."""
    if len(messages) != 1 or system_prompt.strip():
        return False
    message = messages[0]
    return (
        message.role == "user"
        and len(message.media) == 1
        and message.media[0].kind == "audio"
        and message.text == speech_prompt(None)
    )
