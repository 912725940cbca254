"""The main window: puts the view, the engine host, the model loader, the settings and the
controllers together, and says who subscribes to what."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QStyle

from app.core.engine.options import LoadOptions
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.models.system_memory import MemoryStatus, read_memory_status
from app.core.storage.settings import Settings
from app.core.storage.store import ConversationStore
from app.ui.common.i18n import error_text, source_text
from app.ui.chat.chat_export import export_conversation
from app.ui.chat.chat_search import ChatSearch
from app.ui.chat.system_prompt_dialog import SystemPromptDialog
from app.ui.chat.chat_controller import ChatController
from app.ui.engine.engine_worker import EngineHost, LoadedModel
from app.ui.chat.image_attachments import mime_has_images
from app.ui.chat.image_controller import ImageController
from app.ui.chat.audio_controller import AudioController
from app.ui.chat.composer_microphone import ComposerMicrophone
from app.ui.chat.image_viewer import ImageViewer
from app.ui.engine.model_loader import ModelLoader
from app.ui.chat.welcome_controller import WelcomeController
from app.ui.main_toolbar import add_main_toolbar, tooltip_with_shortcut
from app.ui.main_window_view import MainWindowView
from app.ui.server.local_server import LocalServer
from app.ui.settings.settings_model import SettingsModel
from app.ui.speech.dictation_controller import DictationController, share_speech_settings
from app.ui.speech.dictation_panel import DictationPanel
from app.ui.window_memory import keep_unsent_message, remember_window, restore_window

AUDIO_ENCODER_FALLBACK_KEY = "audio-encoder-fallback"


class MainWindow(MainWindowView):
    modelReady = Signal(object)  # LoadedModel, after the window shows it (relayed from the loader)
    modelLoadFailed = Signal(str)
    closing = Signal()

    def __init__(self, store: ConversationStore, host: EngineHost | None = None, sounddevice=None, *,
                 settings: SettingsModel | None = None,
                 read_status: Callable[[int], MemoryStatus] = read_memory_status,
                 loader: ModelLoader | None = None) -> None:
        """`loader`: one made before the window, its first load perhaps under way or done
        (app/ui/application.py:start_engine); the window then takes its host, settings and
        notices, and `host`, `settings` and `read_status` are not used."""
        super().__init__(notices=None if loader is None else loader.notices)
        self.store = store
        if loader is None:
            self.host = host or EngineHost(self)
            self.settings = settings or SettingsModel(parent=self)
            loader = ModelLoader(self.host, self.settings, self.notice.notices, read_status=read_status,
                                 parent=self)
        else:
            self.host, self.settings = loader.host, loader.settings
            self.host.setParent(self)
            loader.setParent(self)
        self.loader = loader
        self.chat = ChatController(self, store, self.host)
        self.images = ImageController(self, self.chat)
        self.search = ChatSearch(self, store, self.chat)
        self.audio = AudioController(self)
        self.images.audioFilesOffered.connect(self.audio.offer_files)
        self.welcome = WelcomeController(self)
        self.setAcceptDrops(True)
        self._audio_encoder_fallback_shown: str | None = None
        self.dictation_panel = DictationPanel(self)
        self.addDockWidget(Qt.RightDockWidgetArea, self.dictation_panel)
        self.dictation_panel.hide()
        self.dictation = DictationController(self.dictation_panel, self.host, store, self.notice, sounddevice)
        self.composer_microphone = ComposerMicrophone(self.composer, self.dictation)
        self.dictation_panel.send_to_chat_button.clicked.connect(self._transcript_to_chat)
        self.dictation_panel.visibilityChanged.connect(self._dictation_shown)
        self.view_menu.addAction(self.dictation_panel.toggleViewAction())
        self.dictation_panel.toggleViewAction().setShortcut(QKeySequence("Ctrl+D"))
        self.chat_view.imageClicked.connect(lambda content, name: ImageViewer(content, name, self).exec())
        self._subscribe()
        self.open_model_action.triggered.connect(self.choose_model_file)
        self.images.modelFileOffered.connect(self.loader.open_model)
        self.open_projector_action.triggered.connect(self.choose_projector_file)
        self.quit_action.triggered.connect(self.close)
        self._add_toolbar()
        self.local_server = LocalServer(self)
        self.export_chat_action.triggered.connect(self.export_chat)
        self.system_prompt_action.triggered.connect(self.edit_chat_system_prompt)
        self._catch_up_with_loader()
        restore_window(self)

    def export_chat(self) -> None:
        conversation = self.chat.conversation
        if conversation.conversation_id is None:
            self.notice.show_message(self.tr("This chat is empty: there is nothing to export yet."), kind="info")
            return
        export_conversation(self.store, conversation.conversation_id, conversation.title, self,
                            lambda text, kind: self.notice.show_message(text, kind=kind))

    def edit_chat_system_prompt(self) -> None:
        dialog = SystemPromptDialog(self.chat.conversation.system_prompt, self.settings.system_prompt, self)
        if dialog.exec() == SystemPromptDialog.Accepted:
            self.chat.set_system_prompt(dialog.prompt())

    def _vision_actions(self, available: bool) -> None:
        self.attach_image_action.setEnabled(available)
        self.attach_image_action.setToolTip(tooltip_with_shortcut(
            self.tr("Attach images to the message") if available else self.images.unavailable_reason,
            self.attach_image_action))

    def _add_toolbar(self) -> None:
        self.attach_image_action = QAction(self.tr("Attach image…"), self)
        self.attach_image_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.attach_image_action.triggered.connect(self.images.pick_files)
        self.file_menu.insertActions(self.model_manager_action, [self.attach_image_action, self.audio.action])
        self.file_menu.insertSeparator(self.model_manager_action)
        self.toolbar = add_main_toolbar(self, [
            (self.new_chat_action, QStyle.SP_FileIcon, self.tr("Start a new chat")),
            (self.attach_image_action, QStyle.SP_DirOpenIcon, self.tr("Attach images to the message")),
            (self.audio.action, QStyle.SP_MediaPlay, self.tr("Attach a recording (WAV, MP3, FLAC) to ask about it")),
            (self.dictation_panel.toggleViewAction(), QStyle.SP_MediaVolume, self.tr("Show or hide Dictation")),
            (self.settings_action, QStyle.SP_FileDialogDetailedView, self.tr("Settings")),
            (self.model_manager_action, QStyle.SP_DriveHDIcon, self.tr("Model manager: find, download and open models")),
        ])
        self._vision_actions(False)
        self.audio.set_hearing(self.audio.unavailable_reason)

    def _subscribe(self) -> None:
        """Who follows the settings and the loaded model. `_model_loaded` hands a new model to
        each follower, the window's own view last, so `modelReady` is relayed once everyone has it."""
        self.chat.use_generation_settings(self.settings.current)
        self.settings.changed.connect(self._settings_changed)  # a bound slot: it goes with the window
        share_speech_settings(self.dictation, self.settings)
        loader = self.loader
        loader.loadStarted.connect(self._load_started)
        loader.loadProgress.connect(lambda fraction: self.load_progress.setValue(int(fraction * 100)))
        loader.modelReady.connect(self._model_loaded)
        loader.loadFailed.connect(self._model_failed)

    def _catch_up_with_loader(self) -> None:
        """A loader made before the window may have a model already, or a load under way (whose
        progress the window shows from here on)."""
        if self.loader.loaded is not None:
            self._model_loaded(self.loader.loaded)
        if self.loader.loading is not None:
            self._load_started(self.loader.loading)

    def _settings_changed(self, _old: Settings, new: Settings) -> None:
        self.chat.use_generation_settings(new)

    # -- models -----------------------------------------------------------------------------
    @property
    def loaded(self) -> LoadedModel | None:
        return self.loader.loaded

    def load_model(self, options: LoadOptions, label: str = "") -> None:
        """Exactly these options, no plan (tests, benchmarks); the user's routes are the loader's."""
        self.loader.load_exact(options, label)

    def choose_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a Gemma GGUF model"), "", self.tr("GGUF models (*.gguf)"))
        if path:
            self.loader.open_model(Path(path))

    def choose_projector_file(self) -> None:
        if not self.loader.ready_for_projector():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the model's projector (mmproj)"), "", self.tr("GGUF projectors (*.gguf)"))
        if path:
            self.loader.open_projector(Path(path))

    def _load_started(self, label: str) -> None:
        if self.chat.generating:
            self.chat.stop()
        self.model_label.setText(self.tr("Loading {model}…").format(model=label))
        self.load_progress.setValue(0)
        self.load_progress.show()
        self.composer.send_button.setEnabled(False)

    def _model_loaded(self, loaded: LoadedModel) -> None:
        self.chat.set_loaded_model(loaded)
        self.images.set_vision_available(loaded.supports_images,
                                         error_text(loaded.image_unavailable) if loaded.image_unavailable else None)
        self._vision_actions(loaded.supports_images)
        for follower in (self.dictation.set_model_hearing, self.audio.set_hearing, self.composer_microphone.set_hearing):
            follower(error_text(loaded.speech_unavailable) if loaded.speech_unavailable else None)
        self.load_progress.hide()
        self.composer.send_button.setEnabled(True)
        self.model_label.setText(self._model_text())
        self.source_label.setText(source_text(loaded))
        self.context_label.clear()  # the chat's real count comes with its next answer
        if loaded.projector_problem:
            self.notice.show_message(error_text(loaded.projector_problem), kind="warning")
        fallback = loaded.audio_encoder_fallback
        if fallback and str(fallback) != self._audio_encoder_fallback_shown:  # once, not at every reload
            self._audio_encoder_fallback_shown = str(fallback)
            self.notice.show_message(error_text(fallback), kind="warning", key=AUDIO_ENCODER_FALLBACK_KEY)
        self.modelReady.emit(loaded)

    def _model_failed(self, message: str) -> None:
        self.load_progress.hide()
        self.composer.send_button.setEnabled(self.loaded is not None)
        self.model_label.setText(self._model_text() if self.loaded else self.tr("No model"))
        self.modelLoadFailed.emit(message)

    def _model_text(self) -> str:
        loaded = self.loaded
        where = loaded.options.shown_url if self.loader.on_server else loaded.options.model_path
        return f"{self.loader.label} · {loaded.info.file_type}{_capabilities(loaded)} · {where}"

    # -- dictation --------------------------------------------------------------------------
    def _dictation_shown(self, visible: bool) -> None:
        if visible:
            self.dictation.refresh_devices()
            self.dictation.refresh_sessions()

    def _transcript_to_chat(self) -> None:
        text = self.dictation.plain_text()
        if text:
            editor = self.composer.editor
            cursor = editor.textCursor()
            cursor.insertText(text)  # at the cursor, like a paste: the draft stays, and Undo works
            editor.setTextCursor(cursor)
            editor.setFocus()

    # -- drops ------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if mime_has_images(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.images.offer(event.mimeData()):
            event.acceptProposedAction()

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not keep_unsent_message(self):
            event.ignore()
            return
        self.closing.emit()
        self.chat.save_partial_answer()
        remember_window(self)
        self.dictation.shutdown()
        self.host.shutdown()
        super().closeEvent(event)


def _capabilities(loaded: LoadedModel) -> str:
    abilities = [QCoreApplication.translate("MainWindow", name) for name, present in (
        (QT_TRANSLATE_NOOP("MainWindow", "images"), loaded.supports_images),
        (QT_TRANSLATE_NOOP("MainWindow", "audio"), loaded.supports_audio)) if present]
    if not abilities:
        return " · " + QCoreApplication.translate("MainWindow", "text only")
    return f" · + {' + '.join(abilities)}"
