"""The main window: puts the view, the engine host and the controllers together."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog

from app.core.engine.options import LoadOptions
from app.core.models.projector_file import find_audio_encoder_beside, find_projector_beside
from app.core.storage.store import ConversationStore
from app.ui.chat.chat_controller import ChatController
from app.ui.engine.engine_worker import EngineHost, LoadedModel
from app.ui.chat.image_attachments import mime_has_images
from app.ui.chat.image_controller import ImageController
from app.ui.chat.image_viewer import ImageViewer
from app.ui.chat.welcome_controller import WelcomeController
from app.ui.main_window_view import MainWindowView
from app.ui.speech.dictation_controller import DictationController
from app.ui.speech.dictation_panel import DictationPanel


class MainWindow(MainWindowView):
    modelReady = Signal(object)  # LoadedModel
    modelLoadFailed = Signal(str)

    def __init__(self, store: ConversationStore, host: EngineHost | None = None, sounddevice=None) -> None:
        super().__init__()
        self.store = store
        self.host = host or EngineHost(self)
        self.chat = ChatController(self, store, self.host)
        self.images = ImageController(self, self.chat)
        self.welcome = WelcomeController(self)
        self.setAcceptDrops(True)
        self.dictation_panel = DictationPanel(self)
        self.addDockWidget(Qt.RightDockWidgetArea, self.dictation_panel)
        self.dictation_panel.hide()
        self.dictation = DictationController(self.dictation_panel, self.host, store, self.notice, sounddevice)
        self.dictation_panel.send_to_chat_button.clicked.connect(self._transcript_to_chat)
        self.dictation_panel.visibilityChanged.connect(self._dictation_shown)
        self.view_menu.addAction(self.dictation_panel.toggleViewAction())
        self.dictation_panel.toggleViewAction().setShortcut(QKeySequence("Ctrl+D"))
        self.chat_view.imageClicked.connect(lambda content, name: ImageViewer(content, name, self).exec())
        self.loaded: LoadedModel | None = None
        self._pending_label = ""
        worker = self.host.worker
        worker.loadProgress.connect(self._load_progress)
        worker.modelLoaded.connect(self._model_loaded)
        worker.modelFailed.connect(self._model_failed)
        self.open_model_action.triggered.connect(self.choose_model_file)
        self.images.modelFileOffered.connect(lambda path: self.load_model(LoadOptions(model_path=path)))
        self.open_projector_action.triggered.connect(self.choose_projector_file)
        self.quit_action.triggered.connect(self.close)

    # -- models -----------------------------------------------------------------------------
    def load_model(self, options: LoadOptions, label: str = "", find_projector: bool = True) -> None:
        if find_projector and options.model_path.exists():
            if options.projector_path is None:
                options = options.with_changes(projector_path=find_projector_beside(options.model_path))
            if options.audio_encoder_path is None:
                options = options.with_changes(audio_encoder_path=find_audio_encoder_beside(
                    options.model_path, exclude=options.projector_path))
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

    def choose_projector_file(self) -> None:
        if self.loaded is None:
            self.notice.show_message("Open a model first, then its projector.", kind="warning")
            return
        path, _ = QFileDialog.getOpenFileName(self, "Choose the model's projector (mmproj)", "", "GGUF projectors (*.gguf)")
        if path:
            self.load_model(self.loaded.options.with_changes(projector_path=Path(path)))

    def _load_progress(self, fraction: float) -> None:
        self.load_progress.setValue(int(fraction * 100))

    def _model_loaded(self, loaded: LoadedModel) -> None:
        self.loaded = loaded
        self.chat.set_loaded_model(loaded)
        self.load_progress.hide()
        self.composer.send_button.setEnabled(True)
        info = loaded.info
        label = self._pending_label if self._pending_label != loaded.options.model_path.name else info.name
        self.model_label.setText(f"{label} · {info.file_type}{_capabilities(loaded)} · {loaded.options.model_path}")
        self.context_label.clear()  # the chat's real count comes with its next answer
        self.images.set_vision_available(loaded.supports_images)
        self.dictation.set_model_hearing(loaded.speech_unavailable_reason)
        self.modelReady.emit(loaded)

    def _model_failed(self, message: str) -> None:
        self.load_progress.hide()
        self.composer.send_button.setEnabled(self.loaded is not None)
        self.model_label.setText(self._model_text() if self.loaded else "No model")
        self.notice.show_message(f"The model could not be loaded. {message}")
        self.modelLoadFailed.emit(message)

    def _model_text(self) -> str:
        info = self.loaded.info
        return f"{info.name} · {info.file_type}{_capabilities(self.loaded)} · {self.loaded.options.model_path}"

    # -- dictation --------------------------------------------------------------------------
    def _dictation_shown(self, visible: bool) -> None:
        if visible:
            self.dictation.refresh_devices()
            self.dictation.refresh_sessions()

    def _transcript_to_chat(self) -> None:
        text = self.dictation.plain_text()
        if text:
            self.composer.editor.setPlainText(text)
            self.composer.editor.setFocus()

    # -- drops ------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if mime_has_images(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.images.offer(event.mimeData()):
            event.acceptProposedAction()

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.chat.save_partial_answer()
        self.dictation.shutdown()
        self.host.shutdown()
        super().closeEvent(event)


def _capabilities(loaded: LoadedModel) -> str:
    abilities = [name for name, present in (("images", loaded.supports_images), ("audio", loaded.supports_audio)) if present]
    return f" · + {' + '.join(abilities)}" if abilities else ""
