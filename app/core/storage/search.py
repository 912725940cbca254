"""Searching every chat: SQLite's full-text index over the messages, and the chats' titles.

What the user types is never FTS5 syntax: each word becomes a quoted phrase (the last one a
prefix), so quotes, `*`, `AND`, `NEAR` or a lone `-` are just text to look for."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

MATCH_START, MATCH_END = "\x02", "\x03"  # around the matched words in a snippet
_SNIPPET_WORDS = 12


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    title: str
    message_id: int | None  # None: the chat's title matched
    snippet: str  # the matched words between MATCH_START and MATCH_END


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
    pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    titles = db.execute(
        "SELECT id, title FROM conversations WHERE title LIKE ? ESCAPE '\\' ORDER BY updated_at DESC LIMIT ?",
        (pattern, limit),
    ).fetchall()
    messages = db.execute(
        "SELECT m.conversation_id, c.title, m.id,"
        f" snippet(message_search, 0, ?, ?, '…', {_SNIPPET_WORDS})"
        " FROM message_search JOIN messages m ON m.id = message_search.rowid"
        " JOIN conversations c ON c.id = m.conversation_id"
        " WHERE message_search MATCH ? ORDER BY rank LIMIT ?",
        (MATCH_START, MATCH_END, expression, limit),
    ).fetchall()
    return [SearchHit(cid, title, None, title) for cid, title in titles] + [SearchHit(*row) for row in messages]
