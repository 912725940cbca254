"""Saved conversations: SQLite in WAL mode behind a small repository, media stored by sha256."""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.core.paths import make_private, private_folder
from app.core.storage.schema import MIGRATIONS, SCHEMA_VERSION
from app.core.errors import UserError


class StoreError(UserError):
    pass


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
    attachments: tuple[Attachment, ...] = ()


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


@dataclass
class ConversationStore:
    database_path: Path
    media_folder: Path
    _db: sqlite3.Connection = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Conversations, pictures and recordings are the user's alone (0700 folders, 0600 files);
        # SQLite gives its -wal and -shm files the database's own mode.
        private_folder(self.database_path.parent)
        private_folder(self.media_folder)
        try:
            os.close(os.open(self.database_path, os.O_CREAT | os.O_WRONLY, 0o600))
            make_private(self.database_path)
        except OSError as error:
            raise StoreError(f"The conversation database {self.database_path} cannot be created: {error.strerror}.") from error
        try:
            self._db = sqlite3.connect(self.database_path, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"The conversation database {self.database_path} cannot be opened: {error}") from error

    @classmethod
    def in_folder(cls, folder: Path) -> "ConversationStore":
        return cls(folder / "conversations.sqlite3", folder / "media")

    def close(self) -> None:
        self._db.close()

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.database_path.name} was written by a newer Gemma Desk (schema {version}); "
                "update the app to open it."
            )
        if 0 < version < SCHEMA_VERSION:
            backup = self.database_path.with_suffix(f".v{version}.bak")
            self._db.execute("VACUUM INTO ?", (str(backup),))
            make_private(backup)
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._db:
                self._db.executescript(MIGRATIONS[target - 1])
                self._db.execute(f"PRAGMA user_version = {target}")

    # -- conversations ----------------------------------------------------------------------
    def create_conversation(self, title: str = "New chat") -> int:
        now = time.time()
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)", (title, now, now)
            )
        return int(cursor.lastrowid)

    def conversations(self) -> list[ConversationSummary]:
        rows = self._db.execute("SELECT id, title, updated_at FROM conversations ORDER BY updated_at DESC, id DESC")
        return [ConversationSummary(*row) for row in rows]

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        title = title.strip() or "Untitled"
        with self._db:
            self._db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id))

    def conversation_title(self, conversation_id: int) -> str:
        row = self._db.execute("SELECT title FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise StoreError(f"Conversation {conversation_id} does not exist.")
        return row[0]

    def delete_conversation(self, conversation_id: int) -> None:
        shas = [row[0] for row in self._db.execute(
            "SELECT a.sha256 FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = ?",
            (conversation_id,),
        )]
        with self._db:
            self._db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
        self._remove_unused_media(shas)

    # -- messages ---------------------------------------------------------------------------
    def add_message(
        self,
        conversation_id: int,
        role: str,
        text: str,
        status: str = "complete",
        model_name: str = "",
        attachments: tuple[tuple[Attachment, bytes], ...] = (),
    ) -> int:
        now = time.time()
        for attachment, content in attachments:
            self._write_media(attachment.sha256, content)
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO messages (conversation_id, role, text, status, model_name, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (conversation_id, role, text, status, model_name, now),
            )
            message_id = int(cursor.lastrowid)
            self._db.executemany(
                "INSERT INTO attachments (message_id, kind, sha256, name, position) VALUES (?, ?, ?, ?, ?)",
                [(message_id, a.kind, a.sha256, a.name, i) for i, (a, _) in enumerate(attachments)],
            )
            self._db.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id))
        return message_id

    def update_message(self, message_id: int, text: str, status: str) -> None:
        with self._db:
            self._db.execute("UPDATE messages SET text = ?, status = ? WHERE id = ?", (text, status, message_id))

    def delete_message(self, message_id: int) -> None:
        shas = [row[0] for row in self._db.execute("SELECT sha256 FROM attachments WHERE message_id = ?", (message_id,))]
        with self._db:
            self._db.execute("DELETE FROM messages WHERE id = ?", (message_id,))
        self._remove_unused_media(shas)

    def messages(self, conversation_id: int) -> list[StoredMessage]:
        rows = self._db.execute(
            "SELECT id, conversation_id, role, text, status, model_name FROM messages"
            " WHERE conversation_id = ? ORDER BY id",
            (conversation_id,),
        ).fetchall()
        attachments: dict[int, list[Attachment]] = {}
        for message_id, kind, sha, name in self._db.execute(
            "SELECT a.message_id, a.kind, a.sha256, a.name FROM attachments a JOIN messages m ON m.id = a.message_id"
            " WHERE m.conversation_id = ? ORDER BY a.message_id, a.position",
            (conversation_id,),
        ):
            attachments.setdefault(message_id, []).append(Attachment(kind, sha, name))
        return [StoredMessage(*row, attachments=tuple(attachments.get(row[0], ()))) for row in rows]

    # -- dictation sessions -----------------------------------------------------------------
    def create_transcription(self, title: str, task: str, language: str = "") -> int:
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO transcriptions (title, task, language, created_at) VALUES (?, ?, ?, ?)",
                (title, task, language, time.time()),
            )
        return int(cursor.lastrowid)

    def add_segment(
        self, transcription_id: int, position: int, start_s: float, end_s: float, text: str,
        audio_wav: bytes = b"", audio_sha256: str = "",
    ) -> None:
        if audio_wav:
            self._write_media(audio_sha256, audio_wav)
        with self._db:
            self._db.execute(
                "INSERT INTO transcription_segments (transcription_id, position, start_s, end_s, text, audio_sha256)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (transcription_id, position, start_s, end_s, text, audio_sha256),
            )

    def transcriptions(self) -> list[TranscriptionSummary]:
        rows = self._db.execute("SELECT id, title, task, language, created_at FROM transcriptions ORDER BY id DESC")
        return [TranscriptionSummary(*row) for row in rows]

    def segments(self, transcription_id: int) -> list[StoredSegment]:
        rows = self._db.execute(
            "SELECT position, start_s, end_s, text, audio_sha256 FROM transcription_segments"
            " WHERE transcription_id = ? ORDER BY position",
            (transcription_id,),
        )
        return [StoredSegment(*row) for row in rows]

    def delete_transcription(self, transcription_id: int) -> None:
        shas = [segment.audio_sha256 for segment in self.segments(transcription_id) if segment.audio_sha256]
        with self._db:
            self._db.execute("DELETE FROM transcriptions WHERE id = ?", (transcription_id,))
        self._remove_unused_media(shas)

    # -- media ------------------------------------------------------------------------------
    def media_path(self, sha256: str) -> Path:
        return self.media_folder / sha256[:2] / sha256

    def read_media(self, sha256: str) -> bytes:
        return self.media_path(sha256).read_bytes()

    def _write_media(self, sha256: str, content: bytes) -> None:
        target = self.media_path(sha256)
        if target.exists():
            return
        partial = target.with_suffix(".partial")
        try:
            private_folder(target.parent)
            with open(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600), "wb") as stream:
                stream.write(content)
            partial.replace(target)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise StoreError(f"Could not save an attachment ({error.strerror}).") from error

    def _remove_unused_media(self, shas: list[str]) -> None:
        for sha in set(shas):
            still_used = self._db.execute(
                "SELECT 1 FROM attachments WHERE sha256 = ? UNION ALL "
                "SELECT 1 FROM transcription_segments WHERE audio_sha256 = ? LIMIT 1",
                (sha, sha),
            ).fetchone()
            if still_used is None:
                self.media_path(sha).unlink(missing_ok=True)
