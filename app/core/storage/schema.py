"""SQLite schema versions. Each migration takes the database from version N to N + 1: an SQL
script, or a function of the connection where the step depends on the SQLite build."""

import sqlite3
from typing import Callable

from app.core.storage.search import create_message_index

MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: conversations and messages
    """
    CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('user', 'model')),
        text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'complete',
        model_name TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL
    );
    CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
    """,
    # 2: attachments (content-addressed files under the data folder)
    """
    CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('image', 'audio')),
        sha256 TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX attachments_by_message ON attachments(message_id, position);
    CREATE INDEX attachments_by_sha ON attachments(sha256);
    """,
    # 3: dictation sessions
    """
    CREATE TABLE transcriptions (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        task TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL
    );
    CREATE TABLE transcription_segments (
        id INTEGER PRIMARY KEY,
        transcription_id INTEGER NOT NULL REFERENCES transcriptions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        start_s REAL NOT NULL,
        end_s REAL NOT NULL,
        text TEXT NOT NULL,
        audio_sha256 TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX segments_by_transcription ON transcription_segments(transcription_id, position);
    """,
    # 4: full-text search over every message (SQLite's FTS5), kept in step by triggers
    create_message_index,
    # 5: a chat's own system prompt (NULL: the one in Settings)
    """
    ALTER TABLE conversations ADD COLUMN system_prompt TEXT;
    """,
    # 6: kept variants of an answer: rows of one turn share variant_group (the first one's id);
    # only the shown one has hidden = 0
    """
    ALTER TABLE messages ADD COLUMN variant_group INTEGER;
    ALTER TABLE messages ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX messages_by_variant_group ON messages(variant_group);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
