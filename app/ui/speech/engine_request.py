"""A stand-in for the engine's per-request handle until EngineHost returns one itself.

It has the handle's surface (``token``, ``finished``, ``failed``, ``cancel()``) and filters the
host's broadcast signals down to its own request id. When ``host.generate`` returns an
``EngineRequest``, DictationController._generate returns that and this file goes away.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.ui.engine.engine_worker import EngineHost, GenerationRequest


class EngineRequestShim(QObject):
    token = Signal(str)
    finished = Signal(object)  # GenerationResult
    failed = Signal(str)

    def __init__(self, host: EngineHost, request: GenerationRequest) -> None:
        super().__init__(host)
        self.host = host
        self.request_id = -1
        worker = host.worker
        worker.tokenStreamed.connect(self._token)
        worker.generationFinished.connect(self._finished)
        worker.generationFailed.connect(self._failed)
        self.request_id = host.generate(request)

    def cancel(self) -> None:
        self.host.cancel(self.request_id)

    def _token(self, request_id: int, text: str) -> None:
        if request_id == self.request_id:
            self.token.emit(text)

    def _finished(self, request_id: int, result) -> None:
        if request_id == self.request_id:
            self._done()
            self.finished.emit(result)

    def _failed(self, request_id: int, message: str) -> None:
        if request_id == self.request_id:
            self._done()
            self.failed.emit(message)

    def _done(self) -> None:
        worker = self.host.worker
        worker.tokenStreamed.disconnect(self._token)
        worker.generationFinished.disconnect(self._finished)
        worker.generationFailed.disconnect(self._failed)
        self.deleteLater()
