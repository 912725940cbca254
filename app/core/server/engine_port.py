"""The door between the HTTP side and the engine: submit a job, get tokens and one ending, cancel.

The HTTP side only knows this protocol. Behind it sits whatever owns the model: the headless
`EngineThread`, or later the window's `EngineHost`, whose per-request handle has the same shape
(token text, finished(GenerationResult), failed(message), cancel())."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from app.core.engine.engine import GenerationResult
from app.core.engine.options import SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.errors import UserError


@dataclass(frozen=True)
class ChatJob:
    """One turn for the model: exactly what `ChatEngine.generate` takes."""

    messages: Sequence[ChatMessage]
    system_prompt: str = ""
    sampling: SamplingOptions = SamplingOptions()


@dataclass(frozen=True)
class ServedModel:
    """What the server tells clients about the loaded model, and what it checks requests against."""

    model_id: str
    architecture: str
    created: int  # the file's modification time, seconds since the epoch
    context_size: int
    vocab_size: int
    supports_images: bool
    supports_audio: bool
    speech_unavailable_reason: str | None


class ModelLoading(UserError):
    """The model is still loading; requests are refused (503) until it is ready."""


class ModelUnavailable(UserError):
    """The model failed to load (or was closed); the message says why."""


class JobListener(Protocol):
    """Called from the engine's thread, in this order: on_token* then on_finished or on_failed."""

    def on_token(self, text: str) -> None: ...

    def on_finished(self, result: GenerationResult) -> None: ...

    def on_failed(self, message: str, user_error: bool = True) -> None: ...


class JobTicket(Protocol):
    def cancel(self) -> None:
        """Stop the job: before it starts it is skipped, while it runs it stops within one token."""


class EnginePort(Protocol):
    def model(self) -> ServedModel:
        """The model in service; raises ModelLoading or ModelUnavailable when there is none."""

    def submit(self, job: ChatJob, listener: JobListener) -> JobTicket:
        """Queue a job behind the others; the listener hears its tokens and its end."""
