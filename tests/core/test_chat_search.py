"""Search over every chat: SQLite's FTS5 index, kept in step with the messages, safe for any input."""

from __future__ import annotations

import sqlite3

import pytest

from app.core.storage.schema import MIGRATIONS
from app.core.storage.search import MATCH_END, MATCH_START, match_expression
from app.core.storage.store import ConversationStore


@pytest.fixture
def store(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    yield store
    store.close()


def chat(store: ConversationStore, title: str, *texts: str) -> tuple[int, list[int]]:
    conversation = store.create_conversation(title)
    ids = [store.add_message(conversation, "user" if i % 2 == 0 else "model", text) for i, text in enumerate(texts)]
    return conversation, ids


def test_words_are_found_in_any_chat_with_a_snippet(store):
    recipes, (ask, answer) = chat(store, "Cooking", "How long do I boil an egg?", "Boil it for nine minutes.")
    trips, _ = chat(store, "Travel", "Trains from Munich to Vienna", "The Railjet takes four hours.")
    hits = store.search("nine minutes")
    assert [(h.conversation_id, h.message_id) for h in hits] == [(recipes, answer)]
    assert f"{MATCH_START}nine{MATCH_END}" in hits[0].snippet and hits[0].title == "Cooking"
    assert [h.conversation_id for h in store.search("railj")] == [trips]  # the last word is a prefix
    assert [h.message_id for h in store.search("Travel")] == [None]  # the title


def test_the_index_follows_edits_and_deletes(store):
    conversation, (first, second) = chat(store, "Notes", "alpha", "beta")
    store.update_message(second, "gamma", "complete")
    assert store.search("beta") == [] and [h.message_id for h in store.search("gamma")] == [second]
    store.delete_message(first)
    assert store.search("alpha") == []
    store.delete_conversation(conversation)
    assert store.search("gamma") == []


@pytest.mark.parametrize("typed", ['"', 'say "hi', "*", "AND", "a AND", "-", "NEAR(", "x OR", "'", "^", "col:"
                                   , "()", "%", "_", "\\"])
def test_nothing_typed_is_taken_as_query_syntax(store, typed):
    chat(store, "Odd", f"the text {typed} inside")
    store.search(typed)  # never raises
    expression = match_expression(typed)
    assert expression is None or expression.startswith('"')


def test_a_pasted_nul_is_a_space(store):
    conversation, (message,) = chat(store, "Drinks", "a tea cup")
    assert [h.message_id for h in store.search("tea\0cup")] == [message]
    assert store.search("\0") == [] and store.search('say "hi\0') == []


def test_blank_search_finds_nothing(store):
    chat(store, "Any", "words")
    assert store.search("   ") == [] and match_expression("") is None


def test_an_older_database_gets_its_messages_indexed(tmp_path):
    database = tmp_path / "conversations.sqlite3"
    old = sqlite3.connect(database)
    for script in MIGRATIONS[:3]:
        old.executescript(script)
    old.execute("PRAGMA user_version = 3")
    old.execute("INSERT INTO conversations (title, created_at, updated_at) VALUES ('Old', 0, 0)")
    old.execute("INSERT INTO messages (conversation_id, role, text, created_at) VALUES (1, 'user', 'platypus', 0)")
    old.commit()
    old.close()
    store = ConversationStore.in_folder(tmp_path)
    assert [h.message_id for h in store.search("platypus")] == [1]
    assert store.conversation_system_prompt(1) is None
    store.close()


def test_a_chat_keeps_its_own_system_prompt(store):
    first, _ = chat(store, "Pirate", "hello")
    second, _ = chat(store, "Plain", "hello")
    store.set_conversation_system_prompt(first, "Talk like a pirate.")
    assert store.conversation_system_prompt(first) == "Talk like a pirate."
    assert store.conversation_system_prompt(second) is None
    store.set_conversation_system_prompt(first, None)
    assert store.conversation_system_prompt(first) is None


def test_without_fts5_the_messages_are_searched_with_like(tmp_path, monkeypatch):
    monkeypatch.setattr("app.core.storage.search.fts5_available", lambda db: False)  # an SQLite built without it
    store = ConversationStore.in_folder(tmp_path)
    conversation, (ask, answer) = chat(store, "Cooking", "How long do I boil an EGG?", "Boil it for nine_minutes, 100% sure.")
    assert store._db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'message_search%'").fetchall() == []
    [hit] = store.search("egg boil")
    assert (hit.conversation_id, hit.message_id, hit.title) == (conversation, ask, "Cooking")
    assert f"{MATCH_START}EGG{MATCH_END}" in hit.snippet
    assert [h.message_id for h in store.search("100%")] == [answer]
    assert [h.message_id for h in store.search("nine_m")] == [answer] and store.search("nine%") == []
    for typed in ['"', 'say "hi', "*", "AND", "-", "NEAR(", "\\", "\0"]:
        store.search(typed)  # never raises
    store.close()
