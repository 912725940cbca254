"""What the store hands out: plain records of stored chats, messages and dictation sessions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attachment:
    kind: str
    sha256: str
    name: str


@dataclass(frozen=True)
class StoredMessage:
    id: int
    conversation_id: int
    role: str
    text: str
    status: str
    model_name: str
    variant_group: int | None = None  # an answer regenerated at least once: its turn's variants
    attachments: tuple[Attachment, ...] = ()
    created_at: float | None = None  # seconds since the epoch


@dataclass(frozen=True)
class ConversationSummary:
    id: int
    title: str
    updated_at: float


@dataclass(frozen=True)
class TranscriptionSummary:
    id: int
    title: str
    task: str
    language: str
    created_at: float


@dataclass(frozen=True)
class StoredSegment:
    position: int
    start_s: float
    end_s: float
    text: str
    audio_sha256: str
