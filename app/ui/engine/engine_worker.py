"""The one long-lived engine worker: a QObject on its own QThread that owns the ChatEngine.

Every use of the engine is a request: `EngineHost.generate()` (or `submit()`) queues it on the
engine thread and returns an `EngineRequest`, a handle in the GUI thread with its own `streamed`,
`finished` and `failed` signals and a `cancel()`. The GUI thread never calls llama.cpp."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from app.core.engine.engine import ChatEngine, GenerationResult, TokenPiece
from app.core.engine.gil_turns import short_gil_turns
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.errors import UserError
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.models.containment import vet_for_loading
from app.core.models.gguf_file import ModelFileInfo
from app.core.remote.open_engine import answer_source, answer_source_parts, open_engine
from app.core.remote.server_address import RemoteServer
from app.ui.common.i18n import error_text
from app.ui.engine.text_outbox import TextOutbox

log = logging.getLogger(__name__)

# Streamed text reaches a request's listeners at most this often (a frame at 60 Hz), the first
# piece at once. Faster than the screen can show it, each delivery only cost the engine thread time.
DELIVERY_INTERVAL_MS = 16

# A job runs on the engine thread with the engine, a way to stream text back, and a cancel check.
EngineJob = Callable[[ChatEngine, Callable[[str], None], Callable[[], bool]], object]


@dataclass(frozen=True)
class GenerationRequest:
    messages: Sequence[ChatMessage]
    system_prompt: str = ""
    sampling: SamplingOptions = SamplingOptions()
    one_off: bool = False  # not a turn of the chat: runs beside its KV cache instead of replacing it

    def __call__(self, engine: ChatEngine, send_token: Callable[[str], None], should_stop: Callable[[], bool]) -> GenerationResult:
        result = GenerationResult(stop_reason="cancelled")
        events = engine.generate(self.messages, self.system_prompt, self.sampling, should_stop, one_off=self.one_off)
        for event in events:
            if isinstance(event, TokenPiece):
                send_token(event.text)
            else:
                result = event
        return result


@dataclass(frozen=True)
class LoadedModel:
    options: LoadOptions
    info: ModelFileInfo
    n_ctx: int
    supports_images: bool
    supports_audio: bool
    speech_unavailable: UserError | None  # why it cannot hear; the window translates it
    load_seconds: float
    projector_problem: UserError | None = None  # why the projector beside the model was left out
    audio_encoder_fallback: UserError | None = None  # why Gemma 3n's audio encoder is not where the setting asked
    source: str = ""  # where answers come from, for the status bar (core answer_source)
    source_parts: tuple[str, dict] = ("", {})  # the same as a sentence to translate and its values
    image_unavailable: UserError | None = None  # a server's own reason; None: the local projector hint


@dataclass(eq=False)
class _Ticket:
    """What the engine thread sees of a request: plain Python, so that the request's QObject is
    only ever touched, and freed, in the GUI thread."""

    job: EngineJob
    cancelled: threading.Event = field(default_factory=threading.Event)
    outbox: TextOutbox = field(default_factory=TextOutbox)


class EngineRequest(QObject):
    """One queued use of the engine, as its caller sees it. Signals arrive in the GUI thread;
    exactly one of `finished` and `failed` ends it, after the last `streamed` text. `cancel()`
    acts within one token."""

    streamed = Signal(str)  # the text streamed since the last delivery: one token's or several
    finished = Signal(object)  # GenerationResult for generate(); the job's return value for submit()
    failed = Signal(str)  # a sentence for the user

    def __init__(self, job: EngineJob) -> None:
        super().__init__()
        self.ticket = _Ticket(job)
        self.done = False
        self._last_delivery = -DELIVERY_INTERVAL_MS
        self._delivery = QTimer(self)
        self._delivery.setSingleShot(True)
        self._delivery.timeout.connect(self.deliver)

    def text_waiting(self) -> None:
        """The outbox has text: delivered now, or when a frame has passed since the last delivery."""
        if self._delivery.isActive():
            return
        wait_ms = self._last_delivery + DELIVERY_INTERVAL_MS - _now_ms()
        if wait_ms <= 0:
            self.deliver()
        else:
            self._delivery.start(wait_ms)

    @Slot()
    def deliver(self) -> None:
        self._delivery.stop()
        text = self.ticket.outbox.take()
        if text:
            self._last_delivery = _now_ms()
            self.streamed.emit(text)

    def cancel(self) -> None:
        self.ticket.cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self.ticket.cancelled.is_set()


PREVIOUS_MODEL_KEPT = QT_TRANSLATE_NOOP("EngineWorker", "{reason} The previous model is still loaded.")


def previous_model_kept(reason: str) -> str:
    """`reason`, and that the model in use before stays: a refused file never unloads it."""
    return QCoreApplication.translate("EngineWorker", PREVIOUS_MODEL_KEPT).format(reason=reason)


class EngineWorker(QObject):
    loadProgress = Signal(float)
    modelLoaded = Signal(object)  # LoadedModel
    modelFailed = Signal(str)
    # Results go back to the host only, carrying their ticket; the host hands them to its request.
    requestTextWaiting = Signal(object)  # the ticket's outbox was empty and has text now
    requestFinished = Signal(object, object)
    requestFailed = Signal(object, str)

    def __init__(self) -> None:
        super().__init__()
        self.engine: ChatEngine | None = None
        self._projector_problem: UserError | None = None

    @Slot(object)
    def load(self, options: LoadOptions | RemoteServer) -> None:
        if isinstance(options, RemoteServer):
            self._connect(options)
            return
        # The file checks and the engine's set-up before llama.cpp starts reading are Python, and
        # at start-up they run beside the window's imports on the GUI thread: with the default
        # 5 ms GIL turns, the checks' 2-3 ms took 11-14.
        with short_gil_turns():
            self._load_file(options)

    def _load_file(self, options: LoadOptions) -> None:
        started = time.perf_counter()
        try:
            # Check the new files (in a child process the first time) before letting go of the
            # model in use: a bad file keeps it. A bad projector for a new model is left out.
            same_model = self.engine is not None and getattr(self.engine.options, "model_path", None) == options.model_path
            vetted = vet_for_loading(options, projector_optional=not same_model)
            options, self._projector_problem = vetted.options, vetted.projector_problem
        except UserError as error:
            log.warning("model load refused: %s", error)
            reason = error_text(error)
            self.modelFailed.emit(previous_model_kept(reason) if self.engine is not None else reason)
            return
        previous = self.engine.options if self.engine is not None else None
        self.unload()
        try:
            self.engine = ChatEngine(options, on_progress=self.loadProgress.emit, model_info=vetted.model)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message at this edge
            log.warning("model load failed: %s", error, exc_info=not isinstance(error, UserError))
            message = error_text(error) or error.__class__.__name__
            if previous is not None:
                self._restore(previous)
                message = previous_model_kept(message)
            self.modelFailed.emit(message)
            return
        self.modelLoaded.emit(self._describe(time.perf_counter() - started))

    def _connect(self, server: RemoteServer) -> None:
        """A server as the engine: connected before the model in use is let go, so an unreachable
        server or a refused key keeps it."""
        started = time.perf_counter()
        try:
            engine = open_engine(server)
        except UserError as error:
            log.warning("server refused: %s", error)
            reason = error_text(error)
            self.modelFailed.emit(previous_model_kept(reason) if self.engine else reason)
            return
        self.unload()
        self.engine, self._projector_problem = engine, None
        self.modelLoaded.emit(self._describe(time.perf_counter() - started))

    def _restore(self, options: LoadOptions | RemoteServer) -> None:
        try:
            self.engine = open_engine(options)  # the model, or the server, in use before
        except Exception:  # noqa: BLE001
            log.exception("could not reload the previous model")
            return
        self.modelLoaded.emit(self._describe(0.0))

    def _describe(self, load_seconds: float) -> LoadedModel:
        engine = self.engine
        return LoadedModel(
            options=engine.options,
            info=engine.model_info,
            n_ctx=engine.n_ctx,
            supports_images=engine.supports_images,
            supports_audio=engine.supports_audio,
            speech_unavailable=engine.speech_unavailable,
            load_seconds=load_seconds,
            projector_problem=self._projector_problem if getattr(engine, "projector", None) is None else None,
            audio_encoder_fallback=getattr(engine, "audio_encoder_fallback", None),  # a RemoteEngine has none
            source=answer_source(engine),
            source_parts=answer_source_parts(engine),
            image_unavailable=getattr(engine, "image_unavailable", None),  # only a RemoteEngine says
        )

    @Slot(object)
    def run(self, ticket: _Ticket) -> None:
        if self.engine is None:
            self.requestFailed.emit(ticket, self.tr("No model is loaded yet."))
            return
        try:
            result = ticket.job(self.engine, lambda text: self._send(ticket, text), ticket.cancelled.is_set)
        except UserError as error:
            log.warning("engine request refused: %s", error)
            self.requestFailed.emit(ticket, error_text(error))
        except Exception as error:  # noqa: BLE001 - a bug: logged with its stack, the caller told
            log.exception("engine request failed")
            self.requestFailed.emit(ticket, self.tr("Something went wrong inside the app ({error}); it was logged.")
                                   .format(error=error.__class__.__name__))
        else:
            self.requestFinished.emit(ticket, result)

    def _send(self, ticket: _Ticket, text: str) -> None:
        if ticket.outbox.put(text):
            self.requestTextWaiting.emit(ticket)

    @Slot()
    def unload(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None


class EngineHost(QObject):
    """Lives in the GUI thread: owns the worker thread, queues requests, hands results back."""

    requestLoad = Signal(object)
    requestRun = Signal(object)
    requestUnload = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("engine-worker")
        self.worker = EngineWorker()
        self.worker.moveToThread(self.thread)
        self.requestLoad.connect(self.worker.load)
        self.requestRun.connect(self.worker.run)
        self.requestUnload.connect(self.worker.unload)
        # The model is freed on the engine thread itself, as that thread ends: `finished` is emitted
        # from the engine thread, where the worker lives, so the automatic connection calls it
        # there, directly. (Qt.DirectConnection would say the same, but the first touch of the
        # `Qt` namespace builds its ~95 Python enums, 20-30 ms, before the first load could start.)
        self.thread.finished.connect(self.worker.unload)
        self.worker.requestTextWaiting.connect(self._text_waiting)
        self.worker.requestFinished.connect(self._finished)
        self.worker.requestFailed.connect(self._failed)
        self._open: dict[_Ticket, EngineRequest] = {}  # queued or running; also keeps them alive
        self.thread.start()

    def load(self, options: LoadOptions) -> None:
        self.requestLoad.emit(options)

    def generate(self, request: GenerationRequest) -> EngineRequest:
        """Queue a generation; tokens, the GenerationResult or a failure come from the handle."""
        return self.submit(request)

    def submit(self, job: EngineJob) -> EngineRequest:
        """Queue `job(engine, send_token, should_stop)` to run on the engine thread, in turn."""
        request = EngineRequest(job)
        self._open[request.ticket] = request
        self.requestRun.emit(request.ticket)
        return request

    def cancel_all(self) -> None:
        for request in self._open.values():
            request.cancel()

    @Slot(object)
    def _text_waiting(self, ticket: _Ticket) -> None:
        request = self._open.get(ticket)
        if request is not None:
            request.text_waiting()

    @Slot(object, object)
    def _finished(self, ticket: _Ticket, result: object) -> None:
        request = self._close(ticket)
        request.finished.emit(result)

    @Slot(object, str)
    def _failed(self, ticket: _Ticket, message: str) -> None:
        request = self._close(ticket)
        request.failed.emit(message)

    def _close(self, ticket: _Ticket) -> EngineRequest:
        request = self._open.pop(ticket)
        request.deliver()  # the last text, before the end
        request.done = True
        return request

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop generation, end the thread (which frees the model). Cancel acts within one token."""
        self.cancel_all()
        self.thread.quit()
        return self.thread.wait(timeout_ms)


def _now_ms() -> int:
    return time.monotonic_ns() // 1_000_000
