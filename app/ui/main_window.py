"""The main window: puts the view, the engine host and the controllers together."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFileDialog

from app.core.engine_options import LoadOptions
from app.core.store import ConversationStore
from app.ui.chat_controller import ChatController
from app.ui.engine_worker import EngineHost, LoadedModel
from app.ui.main_window_view import MainWindowView


class MainWindow(MainWindowView):
    modelReady = Signal(object)  # LoadedModel
    modelLoadFailed = Signal(str)

    def __init__(self, store: ConversationStore, host: EngineHost | None = None) -> None:
        super().__init__()
        self.store = store
        self.host = host or EngineHost(self)
        self.chat = ChatController(self, store, self.host)
        self.loaded: LoadedModel | None = None
        self._pending_label = ""
        worker = self.host.worker
        worker.loadProgress.connect(self._load_progress)
        worker.modelLoaded.connect(self._model_loaded)
        worker.modelFailed.connect(self._model_failed)
        self.open_model_action.triggered.connect(self.choose_model_file)
        self.quit_action.triggered.connect(self.close)

    # -- models -----------------------------------------------------------------------------
    def load_model(self, options: LoadOptions, label: str = "") -> None:
        self._pending_label = label or options.model_path.name
        self.model_label.setText(f"Loading {self._pending_label}…")
        self.load_progress.setValue(0)
        self.load_progress.show()
        self.composer.send_button.setEnabled(False)
        self.host.load(options)

    def choose_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a Gemma GGUF model", "", "GGUF models (*.gguf)")
        if path:
            self.load_model(LoadOptions(model_path=Path(path)))

    def _load_progress(self, fraction: float) -> None:
        self.load_progress.setValue(int(fraction * 100))

    def _model_loaded(self, loaded: LoadedModel) -> None:
        self.loaded = loaded
        self.chat.set_loaded_model(loaded)
        self.load_progress.hide()
        self.composer.send_button.setEnabled(True)
        info = loaded.info
        label = self._pending_label if self._pending_label != loaded.options.model_path.name else info.name
        self.model_label.setText(f"{label} · {info.file_type} · {loaded.options.model_path}")
        self.context_label.setText(f"context 0/{loaded.n_ctx}")
        self.modelReady.emit(loaded)

    def _model_failed(self, message: str) -> None:
        self.load_progress.hide()
        self.composer.send_button.setEnabled(self.loaded is not None)
        self.model_label.setText(self._model_text() if self.loaded else "No model")
        self.notice.show_message(f"The model could not be loaded. {message}")
        self.modelLoadFailed.emit(message)

    def _model_text(self) -> str:
        info = self.loaded.info
        return f"{info.name} · {info.file_type} · {self.loaded.options.model_path}"

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.chat.save_partial_answer()
        self.host.shutdown()
        super().closeEvent(event)
