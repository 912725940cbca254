"""Searching every chat: SQLite's full-text index over the messages, and the chats' titles.

What the user types is never FTS5 syntax: each word becomes a quoted phrase (the last one a
prefix), so quotes, `*`, `AND`, `NEAR` or a lone `-` are just text to look for. An SQLite built
without FTS5 gets no index, and the messages are searched with LIKE instead (slower, no ranking)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

MATCH_START, MATCH_END = "\x02", "\x03"  # around the matched words in a snippet
_SNIPPET_WORDS = 12
_SNIPPET_CHARS = 60  # either side of the first match, without the index

_INDEX_SCRIPT = """
    CREATE VIRTUAL TABLE message_search USING fts5(
        text, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_search(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
        INSERT INTO message_search(message_search, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER message_search_update AFTER UPDATE OF text ON messages BEGIN
        INSERT INTO message_search(message_search, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO message_search(rowid, text) VALUES (new.id, new.text);
    END;
    INSERT INTO message_search(message_search) VALUES ('rebuild');
    """


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    title: str
    message_id: int | None  # None: the chat's title matched
    snippet: str  # the matched words between MATCH_START and MATCH_END


def create_message_index(db: sqlite3.Connection) -> None:
    """Migration 4: the index and its triggers, filled from the messages already there."""
    if fts5_available(db):
        db.executescript(_INDEX_SCRIPT)


def fts5_available(db: sqlite3.Connection) -> bool:
    return ("ENABLE_FTS5",) in db.execute("PRAGMA compile_options").fetchall()


def _has_index(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'message_search'").fetchone() is not None


def _like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def match_expression(text: str) -> str | None:
    """The FTS5 query for what the user typed, or None when there is nothing to look for."""
    # FTS5 reads its query as a C string: a NUL (pasted along with text) would end it mid-quote.
    words = [word.replace('"', '""') for word in text.replace("\0", " ").split()]
    words = [word for word in words if word.strip('"')]
    if not words:
        return None
    phrases = [f'"{word}"' for word in words]
    phrases[-1] += "*"
    return " ".join(phrases)


def search_chats(db: sqlite3.Connection, text: str, limit: int = 50) -> list[SearchHit]:
    """Chats whose title contains `text`, then messages matching every word, best first."""
    expression = match_expression(text)
    if expression is None:
        return []
    titles = db.execute(
        "SELECT id, title FROM conversations WHERE title LIKE ? ESCAPE '\\' ORDER BY updated_at DESC LIMIT ?",
        (_like_pattern(text.strip()), limit),
    ).fetchall()
    title_hits = [SearchHit(cid, title, None, title) for cid, title in titles]
    if not _has_index(db):
        return title_hits + _search_without_index(db, text, limit)
    messages = db.execute(
        "SELECT m.conversation_id, c.title, m.id,"
        f" snippet(message_search, 0, ?, ?, '…', {_SNIPPET_WORDS})"
        " FROM message_search JOIN messages m ON m.id = message_search.rowid"
        " JOIN conversations c ON c.id = m.conversation_id"
        " WHERE message_search MATCH ? AND m.hidden = 0 ORDER BY rank LIMIT ?",
        (MATCH_START, MATCH_END, expression, limit),
    ).fetchall()
    return title_hits + [SearchHit(*row) for row in messages]


def _search_without_index(db: sqlite3.Connection, text: str, limit: int) -> list[SearchHit]:
    """Messages holding every word (ASCII letters in any case), newest first."""
    words = text.replace("\0", " ").split()
    rows = db.execute(
        "SELECT m.conversation_id, c.title, m.id, m.text FROM messages m"
        " JOIN conversations c ON c.id = m.conversation_id WHERE m.hidden = 0 AND "
        + " AND ".join("m.text LIKE ? ESCAPE '\\'" for _ in words)
        + " ORDER BY m.id DESC LIMIT ?",
        (*map(_like_pattern, words), limit),
    ).fetchall()
    return [SearchHit(cid, title, message_id, _snippet(body, words[0])) for cid, title, message_id, body in rows]


def _snippet(body: str, word: str) -> str:
    at = body.lower().find(word.lower())
    if at < 0:  # a non-ASCII case difference LIKE ignored: show the start
        return body[: 2 * _SNIPPET_CHARS]
    start, end = max(at - _SNIPPET_CHARS, 0), at + len(word)
    return ("…" if start else "") + body[start:at] + MATCH_START + body[at:end] + MATCH_END + \
        body[end:end + _SNIPPET_CHARS] + ("…" if end + _SNIPPET_CHARS < len(body) else "")
