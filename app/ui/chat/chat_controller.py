"""Wires the main window to the store and the engine: sending, streaming, stopping, saving."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QListWidgetItem, QMessageBox

from app.core.chat.conversation import Conversation, ConversationMessage, title_from_text
from app.core.engine.engine import GenerationResult
from app.core.engine.options import SamplingOptions
from app.core.chat.chat_request import image_item, stored_image_item
from app.core.load_plan import sampling_options_from_settings
from app.core.storage.settings import Settings
from app.core.storage.store import Attachment, ConversationStore, StoreError
from app.ui.engine.engine_worker import EngineHost, GenerationRequest, LoadedModel
from app.ui.engine.model_loader import NOTICE_KEY as MODEL_NOTICE
from app.ui.main_window_view import MainWindowView

_CONVERSATION_ID_ROLE = 0x0100
ANSWER_NOTICE = "answer"  # a failed answer's notice: the next message sent takes it down


class ChatController(QObject):
    answerFinished = Signal(object)  # GenerationResult

    def __init__(self, view: MainWindowView, store: ConversationStore, host: EngineHost) -> None:
        super().__init__(view)
        self.view = view
        self.store = store
        self.host = host
        self.conversation = Conversation()
        self.loaded: LoadedModel | None = None
        self.sampling = SamplingOptions()
        self.system_prompt = ""
        self._request_id: int | None = None
        self._pending_images: list = []
        self._answer: ConversationMessage | None = None
        self._connect()
        self.refresh_conversation_list()

    def _connect(self) -> None:
        view, composer = self.view, self.view.composer
        composer.editor.submitted.connect(self.send)
        composer.send_button.clicked.connect(self.send)
        composer.stop_button.clicked.connect(self.stop)
        composer.regenerate_button.clicked.connect(self.regenerate)
        view.stop_action.triggered.connect(self.stop)
        view.regenerate_action.triggered.connect(self.regenerate)
        view.new_chat_action.triggered.connect(self.new_conversation)
        view.new_chat_button.clicked.connect(self.new_conversation)
        view.focus_composer_action.triggered.connect(composer.editor.setFocus)
        view.conversation_list.currentItemChanged.connect(self._conversation_picked)
        view.rename_action.triggered.connect(self.rename_current)
        view.delete_action.triggered.connect(self.delete_current)
        worker = self.host.worker
        worker.tokenStreamed.connect(self._token_streamed)
        worker.generationFinished.connect(self._generation_finished)
        worker.generationFailed.connect(self._generation_failed)

    # -- state ------------------------------------------------------------------------------
    @property
    def generating(self) -> bool:
        return self._request_id is not None

    def set_loaded_model(self, loaded: LoadedModel | None) -> None:
        self.loaded = loaded

    def use_generation_settings(self, settings: Settings) -> None:
        """Subscribed to the settings: their sampling (this chat's logit bias kept) and system prompt."""
        self.sampling = replace(sampling_options_from_settings(settings), logit_bias=self.sampling.logit_bias)
        self.system_prompt = settings.generation.system_prompt

    # -- conversations ----------------------------------------------------------------------
    def refresh_conversation_list(self) -> None:
        conversation_list = self.view.conversation_list
        conversation_list.blockSignals(True)
        conversation_list.clear()
        for summary in self.store.conversations():
            item = QListWidgetItem(summary.title)
            item.setData(_CONVERSATION_ID_ROLE, summary.id)
            conversation_list.addItem(item)
            if summary.id == self.conversation.conversation_id:
                conversation_list.setCurrentItem(item)
        conversation_list.blockSignals(False)

    def new_conversation(self) -> None:
        if self.generating:
            self.stop()
        self.conversation = Conversation()
        self.view.chat_view.clear()
        self.view.conversation_list.clearSelection()
        self.view.composer.editor.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        if self.generating:
            self.stop()
        stored = self.store.messages(conversation_id)
        messages = [ConversationMessage.from_stored(m) for m in stored]
        for message in messages:
            message.media = tuple(
                stored_image_item(a.sha256, a.name, lambda sha=a.sha256: self.store.read_media(sha))
                for a in message.attachments
                if a.kind == "image"
            )
        self.conversation = Conversation(conversation_id, self.store.conversation_title(conversation_id), messages)
        self.view.chat_view.clear()
        for message in self.conversation.messages:
            bubble = self.view.chat_view.add_message(message.role, message.text, message.status)
            for attachment in message.attachments:
                if attachment.kind == "image":
                    try:
                        bubble.add_thumbnail(self.store.read_media(attachment.sha256), attachment.name)
                    except OSError:
                        pass
        self.refresh_conversation_list()

    def _conversation_picked(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.open_conversation(current.data(_CONVERSATION_ID_ROLE))

    def rename_current(self) -> None:
        if self.conversation.conversation_id is None:
            return
        title, accepted = QInputDialog.getText(self.view, "Rename chat", "Title:", text=self.conversation.title)
        if accepted and title.strip():
            self.store.rename_conversation(self.conversation.conversation_id, title)
            self.conversation.title = title.strip()
            self.refresh_conversation_list()

    def delete_current(self) -> None:
        conversation_id = self.conversation.conversation_id
        if conversation_id is None:
            return
        answer = QMessageBox.question(self.view, "Delete chat", f"Delete “{self.conversation.title}” for good?")
        if answer == QMessageBox.Yes:
            self.delete_conversation(conversation_id)

    def delete_conversation(self, conversation_id: int) -> None:
        if conversation_id == self.conversation.conversation_id:
            self.new_conversation()
        self.store.delete_conversation(conversation_id)
        self.refresh_conversation_list()

    # -- sending ----------------------------------------------------------------------------
    def send(self, text: str | None = None) -> bool:
        if self.generating:
            return False
        text = self.view.composer.take_text() if text is None else text
        message = self.prepare_user_message(text)
        if message is None:
            return False
        if self.loaded is None:
            self.view.notice.show_message("No model is loaded yet. Open one with File ▸ Open model… (Ctrl+O).",
                                          key=MODEL_NOTICE)
            self._give_back(text)
            return False
        try:
            self._save_user_message(message)
        except StoreError as error:
            self.view.notice.show_message(str(error))
            self._give_back(text)
            return False
        self.view.notice.clear(ANSWER_NOTICE)
        self.view.chat_view.add_message("user", message.text)
        self.after_user_message_shown(message)
        self._pending_images = []
        self._start_answer()
        return True

    def prepare_user_message(self, text: str) -> ConversationMessage | None:
        images = self.view.composer.tray.images()
        if not text.strip() and not images:
            return None
        self.view.composer.tray.take_all()
        self._pending_images = images
        return ConversationMessage(
            role="user",
            text=text.strip(),
            attachments=tuple(Attachment("image", image.sha256, image.name) for image in images),
            media=tuple(image_item(image) for image in images),
        )

    def after_user_message_shown(self, message: ConversationMessage) -> None:
        bubble = self.view.chat_view.bubbles[-1]
        for image in self._pending_images:
            bubble.add_thumbnail(image.original, image.name)

    def attachments_for_store(self, message: ConversationMessage) -> tuple:
        return tuple(
            (Attachment("image", image.sha256, image.name), image.original) for image in self._pending_images
        )

    def _save_user_message(self, message: ConversationMessage) -> None:
        if self.conversation.conversation_id is None:
            self.conversation.title = title_from_text(message.text)
            self.conversation.conversation_id = self.store.create_conversation(self.conversation.title)
        message.message_id = self.store.add_message(
            self.conversation.conversation_id, "user", message.text, attachments=self.attachments_for_store(message)
        )
        self.conversation.messages.append(message)
        self.refresh_conversation_list()

    def _give_back(self, text: str) -> None:
        """Nothing the user wrote is lost when a send cannot go ahead."""
        self.view.composer.editor.setPlainText(text)
        for image in self._pending_images:
            self.view.composer.tray.add(image)
        self._pending_images = []

    def regenerate(self) -> None:
        if self.generating or self.loaded is None:
            return
        answer = self.conversation.last_answer
        if answer is None:
            return
        self.conversation.messages.pop()
        if answer.message_id is not None:
            self.store.delete_message(answer.message_id)
        self.view.chat_view.remove_last()
        self._start_answer()

    def _start_answer(self) -> None:
        messages = self.conversation.engine_messages()
        if not messages or messages[-1].role != "user":
            return
        self._answer = ConversationMessage(role="model", text="", status="generating", model_name=self.loaded.info.name)
        self.conversation.messages.append(self._answer)
        self.view.chat_view.add_message("model", "", "generating")
        self.view.composer.set_generating(True)
        request = GenerationRequest(messages, self.system_prompt, self.sampling)
        self._request_id = self.host.generate(request)

    def stop(self) -> None:
        if self._request_id is not None:
            self.host.cancel(self._request_id)

    # -- results ----------------------------------------------------------------------------
    def _token_streamed(self, request_id: int, text: str) -> None:
        if request_id != self._request_id or self._answer is None:
            return
        self._answer.text += text
        self.view.chat_view.stream_text(self._answer.text)

    def _generation_finished(self, request_id: int, result: GenerationResult) -> None:
        if request_id != self._request_id or self._answer is None:
            return
        status = "stopped" if result.stop_reason == "cancelled" else "complete"
        self._answer.text = result.text
        self._answer.token_ids = tuple(result.token_ids)
        self._finish_answer(status)
        self.view.speed_label.setText(
            f"{result.tokens_per_second:.1f} tok/s · first token {result.time_to_first_token * 1000:.0f} ms"
        )
        self.view.context_label.setText(f"context {result.context_used}/{result.context_size}")
        if result.dropped_messages:
            self.view.notice.show_message(
                f"The oldest {result.dropped_messages} messages no longer fit in the context "
                f"({result.context_size} tokens) and were left out of this answer.",
                kind="warning",
            )
        self.answerFinished.emit(result)

    def _generation_failed(self, request_id: int, message: str) -> None:
        if request_id != self._request_id or self._answer is None:
            return
        self.view.notice.show_message(f"The answer failed: {message}", key=ANSWER_NOTICE)
        self._finish_answer("error")

    def _finish_answer(self, status: str) -> None:
        answer, self._answer, self._request_id = self._answer, None, None
        answer.status = status
        self.view.chat_view.finish_stream(answer.text, status)
        self.view.composer.set_generating(False)
        if status != "error" or answer.text:
            self._save_answer(answer)

    def _save_answer(self, answer: ConversationMessage) -> None:
        try:
            answer.message_id = self.store.add_message(
                self.conversation.conversation_id, "model", answer.text, answer.status, answer.model_name
            )
        except StoreError as error:
            self.view.notice.show_message(f"The answer could not be saved: {error}")

    def save_partial_answer(self) -> None:
        """On close during generation: keep what has streamed so far, marked as stopped."""
        if self._answer is not None:
            self._answer.status = "stopped"
            self._save_answer(self._answer)
            self._answer, self._request_id = None, None
