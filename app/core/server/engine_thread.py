"""The headless engine owner: one plain thread loads the ChatEngine and runs jobs one at a time.

`gemma-desk serve` has no window, so it needs no Qt event loop: a queue and one thread give the
same guarantee as the window's EngineHost (one owner of the model, jobs in arrival order, cancel
between tokens) in a few lines, and uvicorn keeps the main thread. The window's server will put
an adapter over EngineHost behind the same EnginePort instead."""

from __future__ import annotations

import logging
import queue
import threading
from typing import Callable

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.engine.engine import ChatEngine, GenerationResult, TokenPiece
from app.core.engine.options import LoadOptions
from app.core.errors import UserError
from app.core.server.engine_port import ChatJob, JobListener, ModelLoading, ModelUnavailable, ServedModel

log = logging.getLogger(__name__)


class _Ticket:
    def __init__(self, job: ChatJob, listener: JobListener) -> None:
        self.job = job
        self.listener = listener
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()


class EngineThread:
    """Implements EnginePort. `start()` begins loading; `close()` cancels, joins and frees."""

    def __init__(self, options: LoadOptions, engine_factory: Callable[[LoadOptions], ChatEngine] = ChatEngine) -> None:
        self.options = options
        self._engine_factory = engine_factory
        self._jobs: queue.SimpleQueue[_Ticket | None] = queue.SimpleQueue()
        self._pending: set[_Ticket] = set()
        self._lock = threading.Lock()
        self._served: ServedModel | None = None
        self._failure: str | None = None
        self._closing = False
        self.settled = threading.Event()  # set once the model is loaded or has failed
        self.engine: ChatEngine | None = None  # touched only by the engine thread
        self._thread = threading.Thread(target=self._run, name="engine", daemon=True)

    # -- EnginePort -------------------------------------------------------------------------
    def model(self) -> ServedModel:
        with self._lock:
            if self._served is not None:
                return self._served
            if self._failure is not None:
                raise ModelUnavailable(self._failure)
        raise ModelLoading(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is still loading; try again in a moment.",
            ),
            name=self.options.model_path.name,
        )

    def submit(self, job: ChatJob, listener: JobListener) -> _Ticket:
        ticket = _Ticket(job, listener)
        with self._lock:
            closing = self._closing
            if not closing:
                self._pending.add(ticket)
                self._jobs.put(ticket)
        if closing:
            listener.on_failed("The server is shutting down.")
        return ticket

    # -- lifetime ---------------------------------------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def close(self, timeout: float = 30.0) -> bool:
        """Cancel every job, end the thread (it frees the model itself). True when it ended."""
        with self._lock:
            self._closing = True
            for ticket in self._pending:
                ticket.cancel()
            if self._served is not None:
                self._failure, self._served = "The server is shutting down.", None
        self._jobs.put(None)
        if self._thread.ident is None:  # never started: no model was loaded
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # -- the engine thread ------------------------------------------------------------------
    def _run(self) -> None:
        try:
            self._load()
            while (ticket := self._jobs.get()) is not None:
                self._serve(ticket)
        finally:
            if self.engine is not None:
                self.engine.close()
                self.engine = None

    def _load(self) -> None:
        try:
            engine = self._engine_factory(self.options)
        except Exception as error:  # noqa: BLE001 - every load failure becomes the served answer
            log.warning("model load failed: %s", error, exc_info=not isinstance(error, UserError))
            with self._lock:
                self._failure = f"The model could not be loaded: {error or error.__class__.__name__}"
            self.settled.set()
            return
        self.engine = engine
        with self._lock:
            self._served = _describe(engine)
        self.settled.set()

    def _serve(self, ticket: _Ticket) -> None:
        with self._lock:
            self._pending.discard(ticket)
        listener = ticket.listener
        if self.engine is None:
            listener.on_failed(self._failure or "No model is loaded.")
            return
        if ticket.is_cancelled():
            listener.on_finished(GenerationResult(stop_reason="cancelled"))
            return
        job = ticket.job
        result = GenerationResult(stop_reason="cancelled")
        try:
            for event in self.engine.generate(job.messages, job.system_prompt, job.sampling, ticket.is_cancelled):
                if isinstance(event, TokenPiece):
                    listener.on_token(event.text)
                else:
                    result = event
        except UserError as error:
            listener.on_failed(str(error))
            return
        except Exception as error:  # noqa: BLE001 - a bug; the client gets a 500, the log the trace
            log.exception("generation failed")
            listener.on_failed(str(error) or error.__class__.__name__, user_error=False)
            return
        listener.on_finished(result)


def _describe(engine: ChatEngine) -> ServedModel:
    path = engine.options.model_path
    return ServedModel(
        model_id=path.stem,
        architecture=engine.model_info.architecture,
        created=int(path.stat().st_mtime),
        context_size=engine.n_ctx,
        vocab_size=engine.llama.n_vocab(),
        supports_images=engine.supports_images,
        supports_audio=engine.supports_audio,
        speech_unavailable_reason=str(engine.speech_unavailable) if engine.speech_unavailable else None,
    )
