"""The one long-lived engine worker: a QObject on its own QThread that owns the ChatEngine.

Requests come in through queued signals; tokens, progress, results and errors go back as signals.
The GUI thread never calls llama.cpp."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Sequence

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.core.engine.engine import ChatEngine, GenerationResult, TokenPiece
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.errors import UserError
from app.core.models.containment import vet_for_loading
from app.core.models.gguf_file import ModelFileInfo
from app.core.engine.prompt_format import ChatMessage

log = logging.getLogger(__name__)


@dataclass
class GenerationRequest:
    messages: Sequence[ChatMessage]
    system_prompt: str = ""
    sampling: SamplingOptions = SamplingOptions()
    cancel: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class LoadedModel:
    options: LoadOptions
    info: ModelFileInfo
    n_ctx: int
    supports_images: bool
    supports_audio: bool
    speech_unavailable_reason: str | None
    load_seconds: float
    projector_problem: str | None = None  # why the projector beside the model was left out


class EngineWorker(QObject):
    loadProgress = Signal(float)
    modelLoaded = Signal(object)  # LoadedModel
    modelFailed = Signal(str)
    tokenStreamed = Signal(int, str)
    generationFinished = Signal(int, object)  # GenerationResult
    generationFailed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.engine: ChatEngine | None = None
        self._projector_problem: str | None = None

    @Slot(object)
    def load(self, options: LoadOptions) -> None:
        started = time.perf_counter()
        try:
            # Check the new files (in a child process the first time) before letting go of the
            # model in use: a bad file keeps it. A bad projector for a new model is left out.
            same_model = self.engine is not None and self.engine.options.model_path == options.model_path
            vetted = vet_for_loading(options, projector_optional=not same_model)
            options, self._projector_problem = vetted.options, vetted.projector_problem
        except UserError as error:
            log.warning("model load refused: %s", error)
            self.modelFailed.emit(str(error))
            return
        previous = self.engine.options if self.engine is not None else None
        self._close_engine()
        try:
            self.engine = ChatEngine(options, on_progress=self.loadProgress.emit)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message at this edge
            log.warning("model load failed: %s", error, exc_info=not isinstance(error, UserError))
            message = str(error) or error.__class__.__name__
            if previous is not None:
                self._restore(previous)
                message += " The previous model is still loaded."
            self.modelFailed.emit(message)
            return
        self.modelLoaded.emit(self._describe(time.perf_counter() - started))

    def _restore(self, options: LoadOptions) -> None:
        try:
            self.engine = ChatEngine(options)
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
            speech_unavailable_reason=engine.speech_unavailable_reason,
            load_seconds=load_seconds,
            projector_problem=self._projector_problem if engine.projector is None else None,
        )

    @Slot(int, object)
    def generate(self, request_id: int, request: GenerationRequest) -> None:
        if self.engine is None:
            self.generationFailed.emit(request_id, "No model is loaded yet.")
            return
        result = GenerationResult(stop_reason="cancelled")
        try:
            stream = self.engine.generate(
                request.messages, request.system_prompt, request.sampling, request.cancel.is_set
            )
            for event in stream:
                if isinstance(event, TokenPiece):
                    self.tokenStreamed.emit(request_id, event.text)
                else:
                    result = event
        except UserError as error:
            self.generationFailed.emit(request_id, str(error))
            return
        except Exception as error:  # noqa: BLE001
            log.exception("generation failed")
            self.generationFailed.emit(request_id, str(error) or error.__class__.__name__)
            return
        self.generationFinished.emit(request_id, result)

    @Slot()
    def unload(self) -> None:
        self._close_engine()

    def _close_engine(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None


class EngineHost(QObject):
    """Lives in the GUI thread: owns the worker thread and sends it requests."""

    requestLoad = Signal(object)
    requestGenerate = Signal(int, object)
    requestUnload = Signal()
    instances: "weakref.WeakSet[EngineHost]" = weakref.WeakSet()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        EngineHost.instances.add(self)
        self.thread = QThread()
        self.thread.setObjectName("engine-worker")
        self.worker = EngineWorker()
        self.worker.moveToThread(self.thread)
        self.requestLoad.connect(self.worker.load)
        self.requestGenerate.connect(self.worker.generate)
        self.requestUnload.connect(self.worker.unload)
        self._next_request_id = 0
        self.active: dict[int, GenerationRequest] = {}
        self.worker.generationFinished.connect(lambda request_id, _: self.active.pop(request_id, None))
        self.worker.generationFailed.connect(lambda request_id, _: self.active.pop(request_id, None))
        self.thread.start()

    def load(self, options: LoadOptions) -> None:
        self.requestLoad.emit(options)

    def generate(self, request: GenerationRequest) -> int:
        self._next_request_id += 1
        self.active[self._next_request_id] = request
        self.requestGenerate.emit(self._next_request_id, request)
        return self._next_request_id

    def cancel(self, request_id: int | None = None) -> None:
        for key, request in self.active.items():
            if request_id is None or key == request_id:
                request.cancel.set()

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop generation, end the thread, free the model. Cancel acts within one token."""
        self.cancel()
        self.thread.quit()
        finished = self.thread.wait(timeout_ms)
        if finished:
            self.worker._close_engine()
        return finished
