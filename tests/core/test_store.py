import sqlite3

import pytest

from app.core.storage.store import Attachment, ConversationStore, StoreError
from app.core.storage.schema import SCHEMA_VERSION


@pytest.fixture
def store(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    yield store
    store.close()


def test_messages_survive_reopening(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    conversation = store.create_conversation("Greetings")
    store.add_message(conversation, "user", "Hello")
    store.add_message(conversation, "model", "Hi!", status="stopped", model_name="Gemma")
    store.close()

    reopened = ConversationStore.in_folder(tmp_path)
    assert [c.title for c in reopened.conversations()] == ["Greetings"]
    messages = reopened.messages(conversation)
    assert [(m.role, m.text, m.status) for m in messages] == [("user", "Hello", "complete"), ("model", "Hi!", "stopped")]
    assert reopened.schema_version == SCHEMA_VERSION
    reopened.close()


def test_wal_mode(store):
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_rename_and_delete(store):
    first = store.create_conversation("One")
    second = store.create_conversation("Two")
    store.rename_conversation(first, "  Renamed ")
    store.delete_conversation(second)
    assert [(c.id, c.title) for c in store.conversations()] == [(first, "Renamed")]


def test_media_is_content_addressed_and_removed_when_unused(store):
    image = Attachment("image", "ab" * 32, "cat.png")
    first = store.create_conversation()
    second = store.create_conversation()
    store.add_message(first, "user", "look", attachments=((image, b"pixels"),))
    store.add_message(second, "user", "again", attachments=((image, b"pixels"),))
    path = store.media_path(image.sha256)
    assert path.read_bytes() == b"pixels"
    store.delete_conversation(first)
    assert path.exists(), "still used by the second conversation"
    assert store.messages(second)[0].attachments == (image,)
    store.delete_conversation(second)
    assert not path.exists()


def test_migration_from_version_one_keeps_data_and_backs_up(tmp_path):
    from app.core.storage.schema import MIGRATIONS

    database = tmp_path / "conversations.sqlite3"
    old = sqlite3.connect(database)
    old.executescript(MIGRATIONS[0])
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO conversations (title, created_at, updated_at) VALUES ('Old', 0, 0)")
    old.execute("INSERT INTO messages (conversation_id, role, text, created_at) VALUES (1, 'user', 'kept', 0)")
    old.commit()
    old.close()

    store = ConversationStore.in_folder(tmp_path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.messages(1)[0].text == "kept"
    assert (tmp_path / "conversations.v1.bak").exists()
    store.close()


def test_newer_schema_is_refused_with_a_message(tmp_path):
    database = tmp_path / "conversations.sqlite3"
    newer = sqlite3.connect(database)
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.close()
    with pytest.raises(StoreError, match="newer Gemma Desk"):
        ConversationStore.in_folder(tmp_path)


def test_garbage_database_is_a_clear_error(tmp_path):
    (tmp_path / "conversations.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot be opened"):
        ConversationStore.in_folder(tmp_path)


def test_dictation_sessions_keep_segments_and_audio(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    session = store.create_transcription("Meeting", "transcribe")
    store.add_segment(session, 0, 0.0, 28.2, "Hello everyone.", audio_wav=b"RIFFdata", audio_sha256="cd" * 32)
    store.add_segment(session, 1, 28.2, 40.0, "Let us begin.")
    store.close()
    again = ConversationStore.in_folder(tmp_path)
    assert [t.title for t in again.transcriptions()] == ["Meeting"]
    segments = again.segments(session)
    assert [(s.start_s, s.end_s, s.text) for s in segments] == [(0.0, 28.2, "Hello everyone."), (28.2, 40.0, "Let us begin.")]
    assert again.read_media("cd" * 32) == b"RIFFdata"
    again.delete_transcription(session)
    assert not again.media_path("cd" * 32).exists()
    again.close()
