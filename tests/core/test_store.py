import sqlite3

import pytest

from app.core.chat.answer_recorder import AnswerRecorder
from app.core.storage.schema import SCHEMA_VERSION
from app.core.storage.store import (
    Attachment,
    ConversationStore,
    DamagedStoreError,
    StoreError,
    set_aside_damaged_database,
)
from tests.core.storage_faults import corrupt_a_page, read_only_file


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


# -- a database that fails under the user ----------------------------------------------------
def test_read_only_database_opens_for_reading_and_refuses_writes_with_a_sentence(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    kept = store.create_conversation("Kept")
    store.add_message(kept, "user", "Still readable")
    store.close()
    with read_only_file(tmp_path / "conversations.sqlite3"):
        store = ConversationStore.in_folder(tmp_path)
        assert [m.text for m in store.messages(kept)] == ["Still readable"]
        with pytest.raises(StoreError) as refused:
            store.add_message(kept, "user", "Cannot be written")
        store.close()
    assert str(refused.value) == f"Could not save the message: {tmp_path / 'conversations.sqlite3'} is read-only."


def test_full_disk_is_a_store_error_and_nothing_half_written(store):
    conversation = store.create_conversation()
    store._db.execute("PRAGMA max_page_count = 1")  # cannot grow past its size: a full disk
    with pytest.raises(StoreError, match="is full"):
        store.add_message(conversation, "user", "words " * 4000)
    assert store.messages(conversation) == []


def test_corrupt_page_is_found_when_opened_and_the_file_can_be_set_aside(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    for index in range(40):
        conversation = store.create_conversation(f"Chat {index}")
        store.add_message(conversation, "user", f"message {index} " * 60)
    store.close()
    database = tmp_path / "conversations.sqlite3"
    pages = database.stat().st_size // 4096
    corrupt_a_page(database, pages // 2)
    damaged_bytes = database.read_bytes()

    with pytest.raises(DamagedStoreError, match="cannot be opened") as damaged:
        ConversationStore.in_folder(tmp_path)
    assert damaged.value.database_path == database

    backup = set_aside_damaged_database(database)
    assert backup.parent == tmp_path and backup.read_bytes() == damaged_bytes
    fresh = ConversationStore.in_folder(tmp_path)
    assert fresh.conversations() == []
    fresh.close()


# -- a streaming answer ------------------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_answer_is_written_as_it_grows_at_most_once_a_second(store):
    conversation = store.create_conversation()
    store.add_message(conversation, "user", "Tell me a story.")
    clock = Clock()
    recorder = AnswerRecorder(store, conversation, "Gemma", interval_s=1.0, clock=clock)
    recorder.begin()
    assert [(m.role, m.text, m.status) for m in store.messages(conversation)][1] == ("model", "", "generating")
    clock.now = 0.5
    assert not recorder.due()
    recorder.grow("Once")
    assert store.messages(conversation)[1].text == "", "not yet a second since the last write"
    clock.now = 1.0
    assert recorder.due()
    recorder.grow("Once upon")
    assert not recorder.due()
    assert store.messages(conversation)[1].text == "Once upon"
    recorder.finish("Once upon a time.", "complete")
    assert [(m.text, m.status, m.model_name) for m in store.messages(conversation)][1] == (
        "Once upon a time.", "complete", "Gemma")
    assert recorder.saved


def test_answers_cut_off_show_as_interrupted_after_a_restart(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    conversation = store.create_conversation()
    store.add_message(conversation, "user", "First question")
    with_text = AnswerRecorder(store, conversation, interval_s=0.0)
    with_text.begin()
    with_text.grow("Half an ans")
    store.add_message(conversation, "user", "Second question")
    AnswerRecorder(store, conversation).begin()  # died before its first token
    store.close()

    again = ConversationStore.in_folder(tmp_path)
    assert [(m.role, m.text, m.status) for m in again.messages(conversation)] == [
        ("user", "First question", "complete"),
        ("model", "Half an ans", "interrupted"),
        ("user", "Second question", "complete"),
    ]
    again.close()


def test_answer_that_cannot_be_written_is_not_marked_saved_and_is_saved_once_it_can(store):
    conversation = store.create_conversation()
    recorder = AnswerRecorder(store, conversation, interval_s=0.0)
    recorder.begin()
    store._db.execute("PRAGMA max_page_count = 1")
    with pytest.raises(StoreError, match="is full"):
        recorder.grow("long answer " * 800)
    with pytest.raises(StoreError, match="is full"):
        recorder.finish("long answer " * 900, "complete")
    assert not recorder.saved and store.messages(conversation)[0].text == ""
    store._db.execute("PRAGMA max_page_count = 1073741823")
    recorder.finish("long answer " * 900, "complete")
    assert recorder.saved and store.messages(conversation)[0].text == "long answer " * 900
