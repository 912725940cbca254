"""What the user can do to one message of the chat on screen: edit and resend it, delete it,
regenerate the last answer keeping the old one, and flip between an answer's kept variants.

Bubbles and messages go together by position (bubble i shows `conversation.messages[i]`).
Nothing is dropped without asking: resending an edited message asks before the messages after
it are deleted, deleting asks first, and regenerating keeps the previous answer as a variant."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from app.core.chat.conversation import ConversationMessage
from app.core.storage.store import StoreError
from app.ui.chat.chat_view import MessageBubble

if TYPE_CHECKING:
    from app.ui.chat.chat_controller import ChatController


class MessageActions(QObject):
    def __init__(self, chat: "ChatController") -> None:
        super().__init__(chat)
        self.chat = chat
        self.chat_view = chat.view.chat_view
        self.chat_view.bubbleAdded.connect(self._bubble_added)

    @property
    def _messages(self) -> list[ConversationMessage]:
        return self.chat.conversation.messages

    def _bubble_added(self, bubble: MessageBubble) -> None:
        actions = bubble.actions
        actions.editRequested.connect(partial(self.edit, bubble))
        actions.deleteRequested.connect(partial(self.delete, bubble))
        actions.variantStepped.connect(partial(self.step_variant, bubble))
        index = len(self.chat_view.bubbles) - 1
        if index < len(self._messages):
            self._show_variant_count(bubble, self._messages[index])

    def _show_variant_count(self, bubble: MessageBubble, message: ConversationMessage) -> None:
        if message.variant_group is None:
            return
        try:
            ids = self.chat.store.variant_ids(message.variant_group)
        except StoreError:
            return
        if message.message_id in ids:
            bubble.actions.set_variants(ids.index(message.message_id), len(ids))
        else:  # the new variant being written has no row yet
            bubble.actions.set_variants(len(ids), len(ids) + 1)

    def _tell(self, sentence: str, error: StoreError) -> None:
        """`sentence`: a translated "…: {reason}." that names what was kept or not done."""
        self.chat.view.notice.show_message(sentence.format(reason=error.reason))

    # -- edit and resend --------------------------------------------------------------------
    def edit(self, bubble: MessageBubble) -> None:
        if self.chat.generating:
            return
        editor = bubble.begin_edit()
        editor.submitted.connect(partial(self.resend, bubble))
        editor.cancelled.connect(partial(self._end_edit, bubble))

    def _end_edit(self, bubble: MessageBubble) -> None:
        """The keyboard goes back to the message box: it was in the editor, which goes away."""
        bubble.end_edit()
        self.chat.view.composer.editor.setFocus()

    def resend(self, bubble: MessageBubble, text: str) -> None:
        """The edited text replaces the message and is answered again; what followed it goes."""
        if self.chat.generating or self.chat.loaded is None:
            self.chat.view.notice.show_message(
                self.tr("The message can be resent once a model is loaded and not answering."))
            return
        index = self.chat_view.bubbles.index(bubble)
        message, later = self._messages[index], self._messages[index + 1:]
        if later and QMessageBox.question(
            self.chat.view, self.tr("Resend the edited message"),
            self.tr("Resending answers this message again and deletes the %n message(s) after it. Go on?",
                    "", len(later)),
        ) != QMessageBox.Yes:
            return
        try:
            if message.message_id is not None:
                self.chat.store.update_message(message.message_id, text, "complete")
            self.chat.store.delete_messages([m.message_id for m in later if m.message_id is not None])
        except StoreError as error:
            self._tell(self.tr("The message was not changed: {reason}."), error)
            return
        message.text, message.token_ids = text, None
        del self._messages[index + 1:]
        while len(self.chat_view.bubbles) > index + 1:
            self.chat_view.remove_last()
        self._end_edit(bubble)
        bubble.set_text(text)
        self.chat.start_answer(self.chat.conversation)

    # -- delete -----------------------------------------------------------------------------
    def delete(self, bubble: MessageBubble) -> None:
        if self.chat.generating:
            return
        index = self.chat_view.bubbles.index(bubble)
        doomed = [index]
        following = index + 1 < len(self._messages) and self._messages[index + 1].role == "model"
        if self._messages[index].role == "user" and following:
            choice = QMessageBox.question(
                self.chat.view, self.tr("Delete message"), self.tr("Delete your message and Gemma's answer to it too?\n"
                                                                   "Yes: both · No: only your message"),
                QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel,
            )
            if choice == QMessageBox.Cancel:
                return
            if choice == QMessageBox.Yes:
                doomed.append(index + 1)
        elif QMessageBox.question(self.chat.view, self.tr("Delete message"), self._delete_question(index)) != QMessageBox.Yes:
            return
        try:
            self.chat.store.delete_messages([self._messages[i].message_id for i in doomed if self._messages[i].message_id])
        except StoreError as error:
            self._tell(self.tr("The message was kept: {reason}."), error)
            return
        for i in reversed(doomed):
            del self._messages[i]
            self.chat_view.remove_at(i)

    def _delete_question(self, index: int) -> str:
        message = self._messages[index]
        if message.role == "model" and message.variant_group is not None:
            return self.tr("Delete this answer and all its versions for good?")
        return self.tr("Delete this message for good?")

    # -- variants ---------------------------------------------------------------------------
    def regenerate(self) -> None:
        """A new answer to the last message; the one shown now is kept as a variant."""
        chat = self.chat
        answer = chat.conversation.last_answer
        if chat.generating or chat.loaded is None or answer is None:
            return
        group = answer.variant_group
        if answer.message_id is not None:
            try:
                group = chat.store.keep_as_variant(answer.message_id)
            except StoreError as error:
                self._tell(self.tr("The last answer was kept: {reason}."), error)
                return
        self._messages.pop()
        self.chat_view.remove_last()
        chat.start_answer(chat.conversation, variant_group=group)

    def step_variant(self, bubble: MessageBubble, step: int) -> None:
        if self.chat.generating:
            return
        index = self.chat_view.bubbles.index(bubble)
        message = self._messages[index]
        try:
            ids = self.chat.store.variant_ids(message.variant_group)
            position = ids.index(message.message_id) + step
            if not 0 <= position < len(ids):
                return
            self.chat.store.show_variant(ids[position])
            shown = ConversationMessage.from_stored(self.chat.store.message(ids[position]))
        except StoreError as error:
            self._tell(self.tr("The answer could not be switched: {reason}."), error)
            return
        self._messages[index] = shown
        bubble.set_text(shown.text)
        bubble.set_status(shown.status)
        bubble.actions.set_variants(position, len(ids))
