"""A reopened chat's stored images on its bubbles. One that can no longer be read (deleted or
damaged in the data folder) shows as lost, and the user can remove it from the message."""

from __future__ import annotations

from app.core.chat.conversation import Conversation, ConversationMessage
from app.core.storage.store import ConversationStore
from app.ui.chat.chat_view import MessageBubble


def show_stored_images(bubble: MessageBubble, message: ConversationMessage, store: ConversationStore) -> None:
    for attachment in message.attachments:
        if attachment.kind != "image":
            continue
        try:
            content = store.read_media(attachment.sha256)
        except OSError:
            content = b""
        if not bubble.add_thumbnail(content, attachment.name):
            bubble.add_lost_image(attachment.sha256, attachment.name)


def remove_image(store: ConversationStore, conversation: Conversation, message: ConversationMessage, sha256: str) -> None:
    """Takes the image out of the stored message and of what the model is shown; raises StoreError."""
    if message.message_id is not None:
        store.remove_attachment(message.message_id, sha256)
    names = [a.name for a in message.attachments if a.sha256 == sha256]
    message.attachments = tuple(a for a in message.attachments if a.sha256 != sha256)
    message.media = tuple(item for item in message.media if item.key != sha256)
    conversation.missing_media_told.difference_update(names)
