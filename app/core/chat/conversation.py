"""The open conversation as the app holds it in memory, and how it becomes engine messages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.core.engine.prompt_format import ChatMessage, MediaItem
from app.core.storage.store import Attachment, StoredMessage


@dataclass
class ConversationMessage:
    role: str
    text: str
    message_id: int | None = None
    status: str = "complete"  # complete | stopped | generating | error | interrupted (cut off by a crash)
    attachments: tuple[Attachment, ...] = ()
    media: tuple[MediaItem, ...] = ()
    token_ids: tuple[int, ...] | None = None
    model_name: str = ""
    variant_group: int | None = None  # kept variants of this answer share it (see storage/variants)

    @classmethod
    def from_stored(cls, stored: StoredMessage) -> "ConversationMessage":
        return cls(
            role=stored.role,
            text=stored.text,
            message_id=stored.id,
            status=stored.status,
            attachments=stored.attachments,
            model_name=stored.model_name,
            variant_group=stored.variant_group,
        )


@dataclass
class Conversation:
    conversation_id: int | None = None
    title: str = "New chat"
    messages: list[ConversationMessage] = field(default_factory=list)
    missing_media_told: set[str] = field(default_factory=set)  # lost images the user was told of
    system_prompt: str | None = None  # this chat's own; None: the one in Settings

    def engine_messages(self) -> list[ChatMessage]:
        """What the model sees: finished turns only; an empty or failed answer is left out."""
        result: list[ChatMessage] = []
        for message in self.messages:
            if message.role == "model" and (message.status in ("generating", "error") or not message.text.strip()):
                continue
            if message.role == "user" and result and result[-1].role == "user":
                # Two user turns in a row (the answer between them failed): join them.
                previous = result.pop()
                message_text = f"{previous.text}\n\n{message.text}"
                result.append(replace(previous, text=message_text, media=previous.media + message.media))
                continue
            result.append(
                ChatMessage(role=message.role, text=message.text, media=message.media, token_ids=message.token_ids)
            )
        return result

    @property
    def last_answer(self) -> ConversationMessage | None:
        if self.messages and self.messages[-1].role == "model":
            return self.messages[-1]
        return None


def title_from_text(text: str, limit: int = 48) -> str:
    words = " ".join(text.split())
    if len(words) <= limit:
        return words or "New chat"
    return words[: limit - 1].rsplit(" ", 1)[0] + "…"
