"""Wires the main window to the store and the engine: sending, streaming, stopping, saving.

Each answer belongs to the chat that asked for it: it streams into that chat's messages and its
database row whichever chat is on screen, and into the view only while its chat is shown. A
message leaves the composer only once it is saved."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QListWidgetItem, QMessageBox

from app.core.chat.answer_recorder import AnswerRecorder
from app.core.chat.chat_request import image_item, stored_image_item
from app.core.chat.conversation import Conversation, ConversationMessage, title_from_text
from app.core.chat.images import PreparedImage
from app.core.engine.engine import GenerationResult
from app.core.engine.options import SamplingOptions
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.load_plan import sampling_options_from_settings
from app.core.storage.settings import Settings
from app.core.storage.store import Attachment, ConversationStore, StoreError
from app.ui.common.i18n import error_text
from app.ui.chat.chat_list_delegate import TITLE_ROLE, ChatListDelegate
from app.ui.chat.message_actions import MessageActions
from app.ui.chat.stored_images import remove_image, show_stored_images
from app.ui.chat.audio_chip import audio_attachments, show_audio_in_bubble, show_stored_audio, stored_audio_of
from app.ui.engine.engine_worker import EngineHost, EngineRequest, GenerationRequest, LoadedModel
from app.ui.engine.model_loader import NOTICE_KEY as MODEL_NOTICE
from app.ui.main_window_view import MainWindowView

_CONVERSATION_ID_ROLE = Qt.UserRole
ANSWERING_MARK = QT_TRANSLATE_NOOP("ChatController", "  · answering…")  # shown through self.tr
ANSWER_NOTICE = "answer"  # a failed answer's notice: the next message sent takes it down


@dataclass(eq=False)
class _Answer:
    """An answer being written: the chat it belongs to, its engine request, its database row."""

    conversation: Conversation
    message: ConversationMessage
    request: EngineRequest | None  # None only while the answer is being set up, before it is sent
    recorder: AnswerRecorder
    unsaved: str | None = None  # why the last write failed, until one succeeds again
    slots: tuple[Callable, ...] = ()  # ours on the request's streamed, finished and failed

    def signals(self) -> tuple:
        return self.request.streamed, self.request.finished, self.request.failed


class ChatController(QObject):
    answerStarted = Signal(object)  # EngineRequest, for whoever wants to watch its streamed text
    answerFinished = Signal(object)  # GenerationResult

    def __init__(self, view: MainWindowView, store: ConversationStore, host: EngineHost) -> None:
        super().__init__(view)
        self.view = view
        self.store = store
        self.host = host
        view.conversation_list.setItemDelegate(ChatListDelegate(self.tr(ANSWERING_MARK), view.conversation_list))
        self.conversation = Conversation()  # the chat on screen
        self.loaded: LoadedModel | None = None
        self.sampling = SamplingOptions()
        self.system_prompt = ""
        self._answers: dict[int, _Answer] = {}  # by conversation id; at most one per chat
        self.message_actions = MessageActions(self)
        self._connect()
        self.refresh_conversation_list()

    def _connect(self) -> None:
        view, composer = self.view, self.view.composer
        composer.editor.submitted.connect(self.send_typed)
        composer.send_button.clicked.connect(self.send_typed)
        composer.stop_button.clicked.connect(self.stop)
        composer.regenerate_button.clicked.connect(self.regenerate)
        view.stop_action.triggered.connect(self.stop)
        view.regenerate_action.triggered.connect(self.regenerate)
        view.new_chat_action.triggered.connect(self.new_conversation)
        view.new_chat_button.clicked.connect(self.new_conversation)
        view.focus_composer_action.triggered.connect(composer.editor.setFocus)
        # Not currentItemChanged: a list that gets the focus with no current row makes its first row
        # current (QAbstractItemView.focusInEvent), which left a new chat for it. Clicks and arrow
        # keys select; that focus-in does not.
        view.conversation_list.itemSelectionChanged.connect(self._conversation_picked)
        view.rename_action.triggered.connect(self.rename_current)
        view.delete_action.triggered.connect(self.delete_current)

    # -- state ------------------------------------------------------------------------------
    @property
    def generating(self) -> bool:
        """Whether the chat on screen is answering (others may be answering in the background)."""
        return self._shown_answer() is not None

    def _shown_answer(self) -> _Answer | None:
        conversation_id = self.conversation.conversation_id
        return None if conversation_id is None else self._answers.get(conversation_id)

    def set_loaded_model(self, loaded: LoadedModel | None) -> None:
        if self.loaded is not None and loaded is not None and loaded.options != self.loaded.options:
            self.view.notice.clear(ANSWER_NOTICE)  # another engine now: the last one's failure is history
        self.loaded = loaded

    def use_generation_settings(self, settings: Settings) -> None:
        """Subscribed to the settings: their sampling (this chat's logit bias kept) and system prompt."""
        self.sampling = replace(sampling_options_from_settings(settings), logit_bias=self.sampling.logit_bias)
        self.system_prompt = settings.generation.system_prompt

    # -- conversations ----------------------------------------------------------------------
    def refresh_conversation_list(self) -> None:
        conversation_list = self.view.conversation_list
        try:
            summaries = self.store.conversations()
        except StoreError as error:
            self.view.notice.show_message(error_text(error))
            return
        conversation_list.blockSignals(True)
        conversation_list.clear()
        for summary in summaries:
            answering = summary.id in self._answers
            item = QListWidgetItem(summary.title + (self.tr(ANSWERING_MARK) if answering else ""))
            item.setData(_CONVERSATION_ID_ROLE, summary.id)
            item.setData(TITLE_ROLE, summary.title)
            if answering:
                item.setToolTip(self.tr("Gemma is still writing the answer in this chat"))
            conversation_list.addItem(item)
            if summary.id == self.conversation.conversation_id:
                conversation_list.setCurrentItem(item)
        conversation_list.blockSignals(False)

    def new_conversation(self) -> None:
        """A fresh chat on screen; an answer still being written goes on in its own chat."""
        self.conversation = Conversation()
        self._show_conversation()
        conversation_list = self.view.conversation_list
        conversation_list.blockSignals(True)
        conversation_list.setCurrentRow(-1)
        conversation_list.blockSignals(False)
        self.view.composer.editor.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        answer = self._answers.get(conversation_id)
        if answer is not None:
            self.conversation = answer.conversation  # the live one: newer than its stored copy
        else:
            try:
                self.conversation = self._load_conversation(conversation_id)
            except StoreError as error:
                self.view.notice.show_message(error_text(error))
                return
        self._show_conversation()
        self.refresh_conversation_list()

    def _load_conversation(self, conversation_id: int) -> Conversation:
        messages = []
        for stored in self.store.messages(conversation_id):
            message = ConversationMessage.from_stored(stored)
            if message.status == "generating":  # no answer of this session is writing it
                message.status = "interrupted"
            message.media = tuple(
                stored_image_item(a.sha256, a.name, lambda sha=a.sha256: self.store.read_media(sha))
                for a in message.attachments
                if a.kind == "image"
            ) + stored_audio_of(message, self.store)
            messages.append(message)
        return Conversation(conversation_id, self.store.conversation_title(conversation_id), messages,
                            system_prompt=self.store.conversation_system_prompt(conversation_id))

    def _show_conversation(self) -> None:
        chat_view = self.view.chat_view
        chat_view.clear()
        for message in self.conversation.messages:
            bubble = chat_view.add_message(message.role, message.text, message.status)
            show_stored_images(bubble, message, self.store)
            bubble.lostImageRemoveRequested.connect(partial(self._remove_lost_image, bubble, message))
            for attachment in message.attachments:
                if attachment.kind == "audio":
                    show_stored_audio(bubble, attachment, self.store)
        self.view.composer.set_generating(self.generating)

    def _remove_lost_image(self, bubble, message: ConversationMessage, sha256: str) -> None:
        try:
            remove_image(self.store, self.conversation, message, sha256)
        except StoreError as error:
            self.view.notice.show_message(self.tr("The lost attachment could not be removed: {reason}.").format(reason=error.reason))
            return
        bubble.drop_lost_image(sha256)

    def _conversation_picked(self) -> None:
        chosen = self.view.conversation_list.selectedItems()
        if chosen:
            self.open_conversation(chosen[0].data(_CONVERSATION_ID_ROLE))

    def rename_current(self) -> None:
        if self.conversation.conversation_id is None:
            return
        title, accepted = QInputDialog.getText(
            self.view, self.tr("Rename chat"), self.tr("Title:"), text=self.conversation.title)
        if accepted and title.strip():
            try:
                self.store.rename_conversation(self.conversation.conversation_id, title)
            except StoreError as error:
                self.view.notice.show_message(error_text(error))
                return
            self.conversation.title = title.strip()
            self.refresh_conversation_list()

    def delete_current(self) -> None:
        conversation_id = self.conversation.conversation_id
        if conversation_id is None:
            return
        answer = QMessageBox.question(
            self.view, self.tr("Delete chat"), self.tr("Delete “{title}” for good?").format(title=self.conversation.title))
        if answer == QMessageBox.Yes:
            self.delete_conversation(conversation_id)

    def delete_conversation(self, conversation_id: int) -> None:
        try:
            self.store.delete_conversation(conversation_id)
        except StoreError as error:
            self.view.notice.show_message(error_text(error))
            return
        answer = self._answers.pop(conversation_id, None)
        if answer is not None:
            answer.request.cancel()
            self._let_go(answer)
        if conversation_id == self.conversation.conversation_id:
            self.new_conversation()
        self.refresh_conversation_list()

    # -- sending ----------------------------------------------------------------------------
    def send_typed(self) -> bool:
        """Send what is in the composer (Enter, the Send button)."""
        return self.send()

    def send(self, text: str | None = None) -> bool:
        """Send `text` (or, when None, the composer's text) with the images in the tray. The
        composer is cleared only once the message is saved; otherwise it keeps everything."""
        composer = self.view.composer
        typed = text is None
        text = (composer.editor.toPlainText() if typed else text).strip()
        images = composer.tray.images()
        audio = composer.audio_chip.audio
        if self.generating or (not text and not images and audio is None):
            return False
        if self.loaded is None:
            self.view.notice.show_message(self.tr("No model is loaded yet. Open one with File ▸ Open model… (Ctrl+O)."),
                                          key=MODEL_NOTICE)
            return False
        message = ConversationMessage(
            role="user",
            text=text,
            attachments=tuple(Attachment("image", image.sha256, image.name) for image in images)
            + audio_attachments(audio),
            media=tuple(image_item(image) for image in images) + (audio.media() if audio else ()),
        )
        try:
            self._save_user_message(message, images + ([audio] if audio else []))
        except StoreError as error:
            self.view.notice.show_message(
                self.tr("Your message was not sent and is still in the box: {reason}.").format(reason=error.reason))
            return False
        if typed:
            composer.editor.clear()
        composer.tray.take_all()
        composer.audio_chip.take()
        self.view.notice.clear(ANSWER_NOTICE)
        answer = self._request_answer(self.conversation)
        bubble = self.view.chat_view.add_message("user", message.text)
        for image in images:
            bubble.add_thumbnail(image.original, image.name)
        if audio is not None:
            show_audio_in_bubble(bubble, audio.name, audio.duration_s)
        self._show_answer(answer)
        return True

    def _save_user_message(self, message: ConversationMessage, images: list[PreparedImage]) -> None:
        conversation = self.conversation
        if conversation.conversation_id is None:
            title = title_from_text(message.text)
            conversation.conversation_id = self.store.create_conversation(title)
            conversation.title = title
            if conversation.system_prompt is not None:
                self.store.set_conversation_system_prompt(conversation.conversation_id, conversation.system_prompt)
        message.message_id = self.store.add_message(
            conversation.conversation_id, "user", message.text,
            attachments=tuple(zip(message.attachments, (image.original for image in images))),
        )
        conversation.messages.append(message)

    def regenerate(self) -> None:
        self.message_actions.regenerate()

    def set_system_prompt(self, prompt: str | None) -> bool:
        """This chat's own system prompt (None: back to the one in Settings); False if it could not be saved."""
        conversation = self.conversation
        if conversation.conversation_id is not None:
            try:
                self.store.set_conversation_system_prompt(conversation.conversation_id, prompt)
            except StoreError as error:
                self.view.notice.show_message(
                    self.tr("The chat's system prompt was not saved: {reason}.").format(reason=error.reason))
                return False
        conversation.system_prompt = prompt
        return True

    def stop(self) -> None:
        answer = self._shown_answer()
        if answer is not None:
            answer.request.cancel()

    # -- answers ----------------------------------------------------------------------------
    def start_answer(self, conversation: Conversation, variant_group: int | None = None) -> None:
        answer = self._request_answer(conversation, variant_group)
        if answer is not None:
            self._show_answer(answer)

    def _request_answer(self, conversation: Conversation, variant_group: int | None = None) -> _Answer | None:
        """The request goes out before the answer's row and bubble are made: llama.cpp reads the
        prompt meanwhile (on a GPU that hides this thread's work; on the CPU it costs the same
        core time before or during the evaluation). Its first text waits in this thread's queue."""
        messages = conversation.engine_messages()
        if not messages or messages[-1].role != "user":
            return None
        model_name = self.loaded.info.name
        message = ConversationMessage(
            role="model", text="", status="generating", model_name=model_name, variant_group=variant_group
        )
        conversation.messages.append(message)
        system_prompt = self.system_prompt if conversation.system_prompt is None else conversation.system_prompt
        recorder = AnswerRecorder(self.store, conversation.conversation_id, model_name, variant_group=variant_group)
        answer = _Answer(conversation, message, None, recorder)
        self._answers[conversation.conversation_id] = answer
        answer.request = self.host.generate(GenerationRequest(messages, system_prompt, self.sampling))
        answer.slots = (partial(self._streamed, answer), partial(self._finished, answer), partial(self._failed, answer))
        for signal, slot in zip(answer.signals(), answer.slots):
            signal.connect(slot)
        return answer

    def _show_answer(self, answer: _Answer) -> None:
        """The answer's database row and its bubble, before its first text can arrive."""
        self._write(answer, answer.recorder.begin)
        if answer.conversation is self.conversation:
            self.view.chat_view.add_message("model", "", "generating")
            self.view.composer.set_generating(True)
        self.refresh_conversation_list()
        self.answerStarted.emit(answer.request)

    def _streamed(self, answer: _Answer, text: str) -> None:
        # Runs up to once a frame, on the core llama.cpp's threads share with it: as little as can be.
        if not self._is_live(answer):
            return
        message = answer.message
        message.text += text
        if answer.recorder.due():  # about once a second
            self._write(answer, partial(answer.recorder.grow, message.text))
        if answer.conversation is self.conversation:
            self.view.chat_view.stream_text(message.text)

    def _finished(self, answer: _Answer, result: GenerationResult) -> None:
        if not self._is_live(answer):
            return
        message = answer.message
        message.status = "stopped" if result.stop_reason == "cancelled" else "complete"
        message.text = result.text
        # A remote server sends text, not this model's ids: None makes the next prompt use the text.
        message.token_ids = tuple(result.token_ids) or None
        self._write(answer, partial(answer.recorder.finish, message.text, message.status))
        self._end(answer)
        if answer.conversation is self.conversation:
            self.view.speed_label.setText(
                self.tr("{speed:.1f} tok/s · first token {delay:.0f} ms").format(
                    speed=result.tokens_per_second, delay=result.time_to_first_token * 1000)
            )
            self.view.context_label.setText(
                self.tr("context {used}/{size}").format(used=result.context_used, size=result.context_size))
            if result.dropped_messages:
                self.view.notice.show_message(
                    self.tr("The oldest %n message(s) no longer fit in the context ({size} tokens) "
                            "and were left out of this answer.", "", result.dropped_messages)
                    .format(size=result.context_size),
                    kind="warning",
                )
            self._tell_missing_media(answer.conversation, result.skipped_media)
        self.answerFinished.emit(result)

    def _tell_missing_media(self, conversation: Conversation, names: list[str]) -> None:
        """Stored images that could no longer be read were left out of the turn: say so once."""
        new = [name for name in names if name not in conversation.missing_media_told]
        if not new:
            return
        conversation.missing_media_told.update(new)
        self.view.notice.show_message(
            self.tr("Some earlier images could not be read and were left out: {names}. "
                    "The answer was written without them.").format(names=", ".join(new)),
            kind="warning",
        )

    def _failed(self, answer: _Answer, reason: str) -> None:
        if not self._is_live(answer):
            return
        message = answer.message
        message.status = "error"
        if answer.conversation is self.conversation:
            text = self.tr("The answer failed: {reason}").format(reason=reason)
        else:
            text = self.tr("The answer in “{title}” failed: {reason}").format(title=answer.conversation.title, reason=reason)
        self.view.notice.show_message(text, key=ANSWER_NOTICE)
        if message.text:
            self._write(answer, partial(answer.recorder.finish, message.text, "error"))
        else:
            self._write(answer, answer.recorder.discard)
        self._end(answer)

    def _is_live(self, answer: _Answer) -> bool:
        return self._answers.get(answer.conversation.conversation_id) is answer

    def _end(self, answer: _Answer) -> None:
        del self._answers[answer.conversation.conversation_id]
        self._let_go(answer)
        if answer.conversation is self.conversation:
            status = answer.message.status if answer.unsaved is None else "unsaved"
            self.view.chat_view.finish_stream(answer.message.text, status)
            self.view.composer.set_generating(False)
        self.refresh_conversation_list()

    @staticmethod
    def _let_go(answer: _Answer) -> None:
        """Our slots hold the answer and the answer holds the request: cut that loop once done."""
        for signal, slot in zip(answer.signals(), answer.slots):
            signal.disconnect(slot)
        answer.slots = ()

    def _write(self, answer: _Answer, write: Callable[[], None]) -> None:
        """One write of the answer's row; the user hears once when they start failing."""
        try:
            write()
        except StoreError as error:
            if answer.unsaved is None:
                if answer.conversation is self.conversation:
                    text = self.tr("The answer is not saved: {reason}.").format(reason=error.reason)
                else:
                    text = self.tr("The answer in “{title}” is not saved: {reason}.").format(
                        title=answer.conversation.title, reason=error.reason)
                self.view.notice.show_message(text)
            answer.unsaved = error.reason
        else:
            answer.unsaved = None
            answer.message.message_id = answer.recorder.message_id

    def save_partial_answer(self) -> None:
        """On close: every answer still being written is kept as it stands, marked as stopped."""
        for answer in list(self._answers.values()):
            answer.request.cancel()
            answer.message.status = "stopped"
            self._write(answer, partial(answer.recorder.finish, answer.message.text, "stopped"))
            self._end(answer)
