"""Saved conversations: SQLite in WAL mode behind a small repository, media stored by sha256.

Every SQLite failure the user can meet (read-only file, full disk, damaged file, locked file)
leaves this module as a `StoreError` whose sentence says what happened; a damaged file is found
when the store opens (`DamagedStoreError`), and `set_aside_damaged_database` gives a way out."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.errors import UserError
from app.core.paths import make_private, private_folder
from app.core.storage.schema import MIGRATIONS, SCHEMA_VERSION
from app.core.storage.search import SearchHit, search_chats
from app.core.storage import variants
from app.core.storage.records import (  # noqa: F401 - re-exported: callers import them from here
    Attachment,
    ConversationSummary,
    StoredMessage,
    StoredSegment,
    TranscriptionSummary,
)

log = logging.getLogger(__name__)

# SQLite faults that come from the file or the disk, not from our code (primary result codes).
_FILE_FAULTS = {
    sqlite3.SQLITE_READONLY: "{path} is read-only",
    sqlite3.SQLITE_PERM: "{path} may not be written (check its permissions)",
    sqlite3.SQLITE_FULL: "the disk holding {path} is full",
    sqlite3.SQLITE_CORRUPT: "{path} is damaged",
    sqlite3.SQLITE_NOTADB: "{path} is damaged (it is not a database file)",
    sqlite3.SQLITE_IOERR: "{path} could not be read or written (a disk error)",
    sqlite3.SQLITE_BUSY: "{path} is locked by another program",
    sqlite3.SQLITE_LOCKED: "{path} is locked by another program",
    sqlite3.SQLITE_CANTOPEN: "{path} cannot be opened (check the folder's permissions)",
}
_DAMAGE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_OPENING = "open the conversation database"


class StoreError(UserError):
    """The database could not do what was asked; `reason` is the why, as a clause."""

    def __init__(self, message: str, reason: str = "", /, **arguments: object) -> None:
        super().__init__(message, **arguments)
        self.reason = reason or str(self)


class DamagedStoreError(StoreError):
    """The database file is damaged; `set_aside_damaged_database` keeps it and makes room for a new one."""

    def __init__(self, database_path: Path) -> None:
        reason = f"{database_path} is damaged"
        super().__init__(
            QT_TRANSLATE_NOOP("UserError", "The conversation database cannot be opened: {reason}."),
            reason,
            reason=reason,
        )
        self.database_path = database_path


def _primary_code(error: sqlite3.Error) -> int:
    return getattr(error, "sqlite_errorcode", -1) & 0xFF


def _is_bug(error: sqlite3.Error) -> bool:
    """Misuse of SQLite by our own code: it stays an exception with a stack, not a sentence."""
    return isinstance(error, (sqlite3.ProgrammingError, sqlite3.IntegrityError, sqlite3.InterfaceError))


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
        if not self.database_path.exists():
            try:
                os.close(os.open(self.database_path, os.O_CREAT | os.O_WRONLY, 0o600))
            except OSError as error:
                raise StoreError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "The conversation database {database_path} cannot be created: "
                        "{strerror}.",
                    ),
                    database_path=self.database_path, strerror=error.strerror,
                ) from error
        try:
            make_private(self.database_path)
        except OSError as error:  # a file we may not change (read-only, immutable) still opens for reading
            log.warning("could not make %s private: %s", self.database_path, error.strerror)
        try:
            self._db = sqlite3.connect(self.database_path, check_same_thread=False)
        except sqlite3.Error as error:
            raise self._error(_OPENING, error) from error
        try:
            with self._sql(_OPENING):
                self._check_intact()
                self._db.execute("PRAGMA journal_mode=WAL")
                # WAL with NORMAL sync: a crash of the app loses nothing committed; only a power
                # cut can lose the last second. Keeps each write of a streaming answer cheap.
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                self._migrate()
                self._mark_interrupted_answers()
        except StoreError:
            self._db.close()
            raise

    @classmethod
    def in_folder(cls, folder: Path) -> "ConversationStore":
        return cls(folder / "conversations.sqlite3", folder / "media")

    def close(self) -> None:
        self._db.close()

    @contextlib.contextmanager
    def _sql(self, action: str) -> Iterator[None]:
        """Turn the file and disk faults of SQLite into a StoreError saying what could not be done."""
        try:
            yield
        except sqlite3.Error as error:
            if _is_bug(error):
                raise
            raise self._error(action, error) from error

    def _error(self, action: str, error: sqlite3.Error) -> StoreError:
        code = _primary_code(error)
        if code in _DAMAGE and action == _OPENING:
            return DamagedStoreError(self.database_path)
        template = _FILE_FAULTS.get(code)
        if template is None:
            log.warning("unexpected SQLite error while trying to %s", action, exc_info=error)
            reason = f"{self.database_path} reported “{error}”"
        else:
            reason = template.format(path=self.database_path)
        if code in _DAMAGE:
            reason += "; restart Gemma Desk to keep a copy of it and start a fresh one"
        return StoreError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Could not {action}: {reason}.",
            ), reason,
            action=action, reason=reason,
        )

    def _check_intact(self) -> None:
        rows = self._db.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            log.warning("%s failed its quick check: %s", self.database_path, rows[:5])
            raise DamagedStoreError(self.database_path)

    def _mark_interrupted_answers(self) -> None:
        """Answers still marked as being written were cut off when the app last stopped."""
        left = self._db.execute("SELECT 1 FROM messages WHERE status = 'generating' LIMIT 1").fetchone()
        if left is None:
            return
        try:
            with self._db:
                self._db.execute("DELETE FROM messages WHERE status = 'generating' AND text = ''")
                self._db.execute("UPDATE messages SET status = 'interrupted' WHERE status = 'generating'")
                variants.show_orphaned(self._db)
        except sqlite3.OperationalError as error:  # read-only: they keep their old mark, nothing lost
            log.warning("could not mark interrupted answers: %s", error)

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} was written by a newer Gemma Desk (schema {version}); update the "
                    "app to open it.",
                ),
                name=self.database_path.name, version=version,
            )
        if 0 < version < SCHEMA_VERSION:
            backup = self.database_path.with_suffix(f".v{version}.bak")
            self._db.execute("VACUUM INTO ?", (str(backup),))
            make_private(backup)
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._db:
                step = MIGRATIONS[target - 1]
                step(self._db) if callable(step) else self._db.executescript(step)
                self._db.execute(f"PRAGMA user_version = {target}")

    # -- conversations ----------------------------------------------------------------------
    def create_conversation(self, title: str = "New chat") -> int:
        now = time.time()
        with self._sql("start the conversation"), self._db:
            cursor = self._db.execute(
                "INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)", (title, now, now)
            )
        return int(cursor.lastrowid)

    def conversations(self) -> list[ConversationSummary]:
        with self._sql("read the list of chats"):
            rows = self._db.execute(
                "SELECT id, title, updated_at FROM conversations ORDER BY updated_at DESC, id DESC"
            ).fetchall()
        return [ConversationSummary(*row) for row in rows]

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        title = title.strip() or "Untitled"
        with self._sql("rename the chat"), self._db:
            self._db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id))

    def search(self, text: str) -> list[SearchHit]:
        with self._sql("search the chats"):
            return search_chats(self._db, text)

    def conversation_system_prompt(self, conversation_id: int) -> str | None:
        """The chat's own system prompt; None where it uses the one in Settings."""
        with self._sql("read the chat"):
            row = self._db.execute("SELECT system_prompt FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        return None if row is None else row[0]

    def set_conversation_system_prompt(self, conversation_id: int, prompt: str | None) -> None:
        with self._sql("save the chat's system prompt"), self._db:
            self._db.execute("UPDATE conversations SET system_prompt = ? WHERE id = ?", (prompt, conversation_id))

    def conversation_title(self, conversation_id: int) -> str:
        with self._sql("read the chat"):
            row = self._db.execute("SELECT title FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Conversation {conversation_id} does not exist.",
                ),
                conversation_id=conversation_id,
            )
        return row[0]

    def delete_conversation(self, conversation_id: int) -> None:
        with self._sql("delete the chat"):
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
        variant_group: int | None = None,
    ) -> int:
        now = time.time()
        for attachment, content in attachments:
            self._write_media(attachment.sha256, content)
        with self._sql("save the message"), self._db:
            cursor = self._db.execute(
                "INSERT INTO messages (conversation_id, role, text, status, model_name, created_at, variant_group)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, role, text, status, model_name, now, variant_group),
            )
            message_id = int(cursor.lastrowid)
            self._db.executemany(
                "INSERT INTO attachments (message_id, kind, sha256, name, position) VALUES (?, ?, ?, ?, ?)",
                [(message_id, a.kind, a.sha256, a.name, i) for i, (a, _) in enumerate(attachments)],
            )
            self._db.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id))
        return message_id

    def update_message(self, message_id: int, text: str, status: str) -> None:
        with self._sql("save the answer"), self._db:
            self._db.execute("UPDATE messages SET text = ?, status = ? WHERE id = ?", (text, status, message_id))

    def delete_message(self, message_id: int) -> None:
        """This one row; a turn left without a shown answer shows its newest kept variant."""
        self._delete([message_id])

    def delete_messages(self, message_ids: list[int]) -> None:
        """These messages, with every kept variant of theirs, in one transaction."""
        with self._sql("delete the message"):
            ids = variants.with_variants(self._db, message_ids)
        self._delete(ids)

    def _delete(self, ids: list[int]) -> None:
        with self._sql("delete the message"):
            marks = ",".join("?" * len(ids))
            shas = [row[0] for row in self._db.execute(f"SELECT sha256 FROM attachments WHERE message_id IN ({marks})", ids)]
            with self._db:
                self._db.execute(f"DELETE FROM messages WHERE id IN ({marks})", ids)
                variants.show_orphaned(self._db)
            self._remove_unused_media(shas)

    def keep_as_variant(self, message_id: int) -> int:
        """Hide this answer as a kept variant of its turn; returns the turn's group for the next one."""
        with self._sql("keep the previous answer"), self._db:
            return variants.hide_for_new_variant(self._db, message_id)

    def show_variant(self, message_id: int) -> None:
        with self._sql("switch the answer"), self._db:
            variants.show(self._db, message_id)

    def variant_ids(self, variant_group: int) -> list[int]:
        with self._sql("read the answer's versions"):
            return variants.ids(self._db, variant_group)

    def message(self, message_id: int) -> StoredMessage:
        """One message, shown or a hidden variant (without its attachments: answers have none)."""
        with self._sql("read the message"):
            row = self._db.execute(
                "SELECT id, conversation_id, role, text, status, model_name, variant_group, created_at FROM messages"
                " WHERE id = ?",
                (message_id,),
            ).fetchone()
        if row is None:
            raise StoreError(f"Message {message_id} does not exist.")
        return StoredMessage(*row[:7], created_at=row[7])

    def remove_attachment(self, message_id: int, sha256: str) -> None:
        with self._sql("remove the attachment"):
            with self._db:
                self._db.execute("DELETE FROM attachments WHERE message_id = ? AND sha256 = ?", (message_id, sha256))
            self._remove_unused_media([sha256])

    def messages(self, conversation_id: int) -> list[StoredMessage]:
        with self._sql("read the chat"):
            rows = self._db.execute(
                "SELECT id, conversation_id, role, text, status, model_name, created_at, variant_group FROM messages"
                " WHERE conversation_id = ? AND hidden = 0 ORDER BY id",
                (conversation_id,),
            ).fetchall()
            attachments: dict[int, list[Attachment]] = {}
            for message_id, kind, sha, name in self._db.execute(
                "SELECT a.message_id, a.kind, a.sha256, a.name FROM attachments a JOIN messages m ON m.id = a.message_id"
                " WHERE m.conversation_id = ? ORDER BY a.message_id, a.position",
                (conversation_id,),
            ):
                attachments.setdefault(message_id, []).append(Attachment(kind, sha, name))
        return [
            StoredMessage(*row[:6], attachments=tuple(attachments.get(row[0], ())), created_at=row[6], variant_group=row[7])
            for row in rows
        ]

    # -- dictation sessions -----------------------------------------------------------------
    def create_transcription(self, title: str, task: str, language: str = "") -> int:
        with self._sql("start the transcript"), self._db:
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
        with self._sql("save the transcript"), self._db:
            self._db.execute(
                "INSERT INTO transcription_segments (transcription_id, position, start_s, end_s, text, audio_sha256)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (transcription_id, position, start_s, end_s, text, audio_sha256),
            )

    def transcriptions(self) -> list[TranscriptionSummary]:
        with self._sql("read the list of transcripts"):
            rows = self._db.execute(
                "SELECT id, title, task, language, created_at FROM transcriptions ORDER BY id DESC"
            ).fetchall()
        return [TranscriptionSummary(*row) for row in rows]

    def segments(self, transcription_id: int) -> list[StoredSegment]:
        with self._sql("read the transcript"):
            rows = self._db.execute(
                "SELECT position, start_s, end_s, text, audio_sha256 FROM transcription_segments"
                " WHERE transcription_id = ? ORDER BY position",
                (transcription_id,),
            ).fetchall()
        return [StoredSegment(*row) for row in rows]

    def delete_transcription(self, transcription_id: int) -> None:
        shas = [segment.audio_sha256 for segment in self.segments(transcription_id) if segment.audio_sha256]
        with self._sql("delete the transcript"):
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
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Could not save an attachment ({strerror}).",
                ), error.strerror or str(error),
                strerror=error.strerror,
            ) from error

    def _remove_unused_media(self, shas: list[str]) -> None:
        for sha in set(shas):
            still_used = self._db.execute(
                "SELECT 1 FROM attachments WHERE sha256 = ? UNION ALL "
                "SELECT 1 FROM transcription_segments WHERE audio_sha256 = ? LIMIT 1",
                (sha, sha),
            ).fetchone()
            if still_used is None:
                self.media_path(sha).unlink(missing_ok=True)


def set_aside_damaged_database(database_path: Path) -> Path:
    """Move a damaged database (with its WAL files) to a dated name beside it; returns the new path.

    The copy is kept as it is, so nothing in it is lost for good; a new store can then be opened
    at `database_path`."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = database_path.with_name(f"{database_path.stem}.damaged-{stamp}{database_path.suffix}")
    try:
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{database_path}{suffix}")
            if source.exists():
                source.replace(Path(f"{backup}{suffix}"))
    except OSError as error:
        reason = f"it could not be moved to {backup} ({error.strerror})"
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The damaged conversation database was left where it is: {reason}.",
            ), reason,
            reason=reason,
        ) from error
    return backup
