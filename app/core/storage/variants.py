"""Kept variants of an answer. Regenerating hides the shown answer instead of deleting it; the
rows of one turn share `variant_group` (the first row's id) and exactly one of them is shown.

Because only the last answer can be regenerated, all of a turn's variants are older than any
later message, so "shown rows ordered by id" stays the conversation whichever variant is shown."""

from __future__ import annotations

import sqlite3


def hide_for_new_variant(db: sqlite3.Connection, message_id: int) -> int:
    (group,) = db.execute("SELECT coalesce(variant_group, id) FROM messages WHERE id = ?", (message_id,)).fetchone()
    db.execute("UPDATE messages SET variant_group = ?, hidden = 1 WHERE id = ?", (group, message_id))
    return group


def ids(db: sqlite3.Connection, group: int) -> list[int]:
    return [row[0] for row in db.execute("SELECT id FROM messages WHERE variant_group = ? ORDER BY id", (group,))]


def show(db: sqlite3.Connection, message_id: int) -> None:
    db.execute(
        "UPDATE messages SET hidden = (id != ?) WHERE variant_group = (SELECT variant_group FROM messages WHERE id = ?)",
        (message_id, message_id),
    )


def with_variants(db: sqlite3.Connection, message_ids: list[int]) -> list[int]:
    """The messages and all the variants of their turns: deleting an answer deletes the turn."""
    found = set(message_ids)
    for message_id in message_ids:
        row = db.execute("SELECT variant_group FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is not None and row[0] is not None:
            found.update(ids(db, row[0]))
    return sorted(found)


def show_orphaned(db: sqlite3.Connection) -> None:
    """A turn left with no shown variant (its new answer failed empty or was cut off) shows its newest."""
    db.execute(
        "UPDATE messages SET hidden = 0 WHERE id IN (SELECT max(id) FROM messages WHERE variant_group IS NOT NULL"
        " GROUP BY variant_group HAVING min(hidden) = 1)"
    )
