"""One engine job seen from the event loop: the engine thread's callbacks become an async stream."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from typing import AsyncIterator, Union

from app.core.engine.engine import GenerationResult
from app.core.server.engine_port import ChatJob, EnginePort, JobTicket


@dataclass(frozen=True)
class JobFailure:
    message: str
    user_error: bool


JobEvent = Union[str, GenerationResult, JobFailure]  # token text, then one of the two endings


class AsyncJob:
    """A JobListener whose events are read with `async for` on the loop that created it.

    Callbacks arrive on the engine's thread and are handed to the loop; nothing is dropped, so a
    slow client only makes its own queue longer."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._events: asyncio.Queue[JobEvent] = asyncio.Queue()
        self._ticket: JobTicket | None = None
        self.ended = threading.Event()
        self.result: GenerationResult | None = None
        # Counted on the engine thread as tokens come out, so a test can tell how many tokens
        # the engine made after cancel() (the promise is: at most one).
        self.tokens_from_engine = 0
        self.tokens_at_cancel: int | None = None

    @classmethod
    def submit(cls, port: EnginePort, job: ChatJob) -> "AsyncJob":
        handle = cls(asyncio.get_running_loop())
        handle._ticket = port.submit(job, handle)
        return handle

    # -- JobListener (engine thread) --------------------------------------------------------
    def on_token(self, text: str) -> None:
        self.tokens_from_engine += 1
        self._deliver(text)

    def on_finished(self, result: GenerationResult) -> None:
        self.result = result
        self.ended.set()
        self._deliver(result)

    def on_failed(self, message: str, user_error: bool = True) -> None:
        self.ended.set()
        self._deliver(JobFailure(message, user_error))

    def _deliver(self, event: JobEvent) -> None:
        try:
            self._loop.call_soon_threadsafe(self._events.put_nowait, event)
        except RuntimeError:
            pass  # the loop has closed (server shut down); nobody is left to read it

    # -- the loop's side --------------------------------------------------------------------
    def cancel(self) -> None:
        if self.tokens_at_cancel is None and not self.ended.is_set():
            self.tokens_at_cancel = self.tokens_from_engine
        if self._ticket is not None:
            self._ticket.cancel()

    async def next_event(self) -> JobEvent:
        return await self._events.get()

    async def events(self) -> AsyncIterator[JobEvent]:
        """Token texts, then the GenerationResult or JobFailure, then the iteration ends."""
        while True:
            event = await self._events.get()
            yield event
            if not isinstance(event, str):
                return
