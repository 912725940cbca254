"""The server's door (EnginePort) into the window's engine: server jobs queue on the same engine
thread as the window's own requests, through EngineRequest handles made in the GUI thread.

`model()` and `submit()` are called from the server's thread. `submit` only records the job and
hops to the GUI thread with a queued signal; there the request is made, and its signals (which
arrive in the GUI thread) feed the server's listener. Server jobs are one-offs: they run beside
the chat's cached history instead of replacing it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal

from app.core.engine.engine import GenerationResult
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.server.engine_port import ChatJob, JobListener, ModelLoading, ServedModel
from app.ui.engine.engine_worker import EngineHost, EngineRequest, GenerationRequest, LoadedModel


class WindowTicket:
    def __init__(self, job: ChatJob, listener: JobListener) -> None:
        self.job, self.listener = job, listener
        self.request: EngineRequest | None = None
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()
        request = self.request
        if request is not None:
            request.cancel()  # sets a threading.Event: safe from the server's thread

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class WindowEnginePort(QObject):
    """Implements EnginePort over the window's EngineHost."""

    busyChanged = Signal(int)  # server requests queued or running
    _arrived = Signal(object)  # WindowTicket, hopping to the GUI thread

    def __init__(self, host: EngineHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self._lock = threading.Lock()
        self._served: ServedModel | None = None
        self._open: set[WindowTicket] = set()
        self._arrived.connect(self._start, Qt.QueuedConnection)

    # -- GUI thread ---------------------------------------------------------------------------
    def set_loaded(self, loaded: LoadedModel) -> None:
        engine = self.host.worker.engine
        vocab = engine.llama.n_vocab() if hasattr(engine, "llama") else 0
        path = getattr(loaded.info, "path", None)  # a server's model has no file here
        served = ServedModel(
            model_id=path.stem if path is not None else getattr(loaded.info, "name", "") or loaded.source,
            architecture=getattr(loaded.info, "architecture", ""),
            created=int(path.stat().st_mtime) if path is not None else 0,
            context_size=loaded.n_ctx,
            vocab_size=vocab,
            supports_images=loaded.supports_images,
            supports_audio=loaded.supports_audio,
            speech_unavailable_reason=str(loaded.speech_unavailable) if loaded.speech_unavailable else None,
        )
        with self._lock:
            self._served = served

    @property
    def busy(self) -> int:
        return len(self._open)

    def _start(self, ticket: WindowTicket) -> None:
        if ticket.cancelled:
            ticket.listener.on_finished(GenerationResult(stop_reason="cancelled"))
            return
        job = ticket.job
        request = self.host.generate(GenerationRequest(job.messages, job.system_prompt, job.sampling, one_off=True))
        ticket.request = request
        if ticket.cancelled:
            request.cancel()
        self._open.add(ticket)
        self.busyChanged.emit(self.busy)
        request.streamed.connect(ticket.listener.on_token)
        request.finished.connect(lambda result: self._end(ticket, lambda: ticket.listener.on_finished(result)))
        request.failed.connect(lambda message: self._end(ticket, lambda: ticket.listener.on_failed(message)))

    def _end(self, ticket: WindowTicket, tell) -> None:
        self._open.discard(ticket)
        ticket.request = None
        tell()
        self.busyChanged.emit(self.busy)

    # -- the server's thread --------------------------------------------------------------------
    def model(self) -> ServedModel:
        with self._lock:
            served = self._served
        if served is None:
            raise ModelLoading(QT_TRANSLATE_NOOP("UserError", "The window has no model loaded yet; try again in a moment."))
        return served

    def submit(self, job: ChatJob, listener: JobListener) -> WindowTicket:
        ticket = WindowTicket(job, listener)
        self._arrived.emit(ticket)
        return ticket
