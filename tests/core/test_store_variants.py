"""Kept answer variants in the store: hidden rows, the shown one, and a turn never left empty."""

import sqlite3

from app.core.chat.answer_recorder import AnswerRecorder
from app.core.storage.schema import MIGRATIONS
from app.core.storage.store import ConversationStore


def test_a_regeneration_cut_off_before_its_first_token_shows_the_previous_answer_again(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    chat = store.create_conversation()
    store.add_message(chat, "user", "Hi")
    first = store.add_message(chat, "model", "Hello!")
    group = store.keep_as_variant(first)
    AnswerRecorder(store, chat, variant_group=group).begin()  # then the app dies
    store.close()
    store = ConversationStore.in_folder(tmp_path)
    assert [(m.text, m.status) for m in store.messages(chat)] == [("Hi", "complete"), ("Hello!", "complete")]
    assert store.variant_ids(group) == [first]
    store.close()


def test_a_failed_empty_regeneration_discarded_shows_the_previous_answer(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    chat = store.create_conversation()
    store.add_message(chat, "user", "Hi")
    first = store.add_message(chat, "model", "Hello!")
    recorder = AnswerRecorder(store, chat, variant_group=store.keep_as_variant(first))
    recorder.begin()
    recorder.discard()
    assert [m.text for m in store.messages(chat)] == ["Hi", "Hello!"]
    store.close()


def test_a_database_of_the_previous_schema_keeps_its_messages_shown(tmp_path):
    path = tmp_path / "conversations.sqlite3"
    db = sqlite3.connect(path)
    for version, script in enumerate(MIGRATIONS[:-1], start=1):
        script(db) if callable(script) else db.executescript(script)
        db.execute(f"PRAGMA user_version = {version}")
    db.execute("INSERT INTO conversations (id, title, created_at, updated_at) VALUES (1, 'Old', 0, 0)")
    db.execute("INSERT INTO messages (conversation_id, role, text, created_at) VALUES (1, 'user', 'Hi', 0)")
    db.commit()
    db.close()
    store = ConversationStore.in_folder(tmp_path)
    assert [(m.text, m.variant_group) for m in store.messages(1)] == [("Hi", None)]
    store.close()


def test_search_finds_only_the_answer_version_on_screen(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    chat = store.create_conversation()
    store.add_message(chat, "user", "Name a bird")
    first = store.add_message(chat, "model", "A heron.")
    group = store.keep_as_variant(first)
    second = store.add_message(chat, "model", "A kestrel.")
    store._db.execute("UPDATE messages SET variant_group = ? WHERE id = ?", (group, second))
    assert store.search("heron") == [] and [h.message_id for h in store.search("kestrel")] == [second]
    store.show_variant(first)
    assert [h.message_id for h in store.search("heron")] == [first] and store.search("kestrel") == []
    store.close()
