"""A damaged chat history at start: found when opened, kept as a copy, and the app starts fresh."""

import pytest
from PySide6.QtWidgets import QMessageBox

from app.core.storage.store import ConversationStore
from app.ui.storage import damaged_database
from tests.core.storage_faults import corrupt_a_page


@pytest.fixture
def damaged_history(tmp_path):
    store = ConversationStore.in_folder(tmp_path)
    for index in range(40):
        conversation = store.create_conversation(f"Chat {index}")
        store.add_message(conversation, "user", f"message {index} " * 60)
    store.close()
    database = tmp_path / "conversations.sqlite3"
    corrupt_a_page(database, database.stat().st_size // 4096 // 2)
    return database


class Dialogs:
    """The message boxes, answered as a user would; what they said is kept."""

    def __init__(self, monkeypatch, answer):
        self.shown: list[tuple[str, str]] = []
        monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *_: self._show("question", text, answer))
        monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_: self._show("information", text))
        monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *_: self._show("critical", text))

    def _show(self, kind, text, answer=QMessageBox.Ok):
        self.shown.append((kind, text))
        return answer


def test_damaged_history_is_kept_as_a_copy_and_a_fresh_one_started(qapp, monkeypatch, damaged_history):
    damaged_bytes = damaged_history.read_bytes()
    dialogs = Dialogs(monkeypatch, QMessageBox.Yes)

    store = damaged_database.open_conversation_store(damaged_history.parent)

    assert store is not None and store.conversations() == []
    store.close()
    (kind, question), (_, told) = dialogs.shown
    assert kind == "question" and f"{damaged_history} is damaged" in question
    copies = sorted(damaged_history.parent.glob("conversations.damaged-*.sqlite3"))
    assert len(copies) == 1 and copies[0].read_bytes() == damaged_bytes
    assert f"kept at {copies[0]}" in told


def test_declining_leaves_the_damaged_file_alone(qapp, monkeypatch, damaged_history):
    damaged_bytes = damaged_history.read_bytes()
    Dialogs(monkeypatch, QMessageBox.No)

    assert damaged_database.open_conversation_store(damaged_history.parent) is None
    assert damaged_history.read_bytes() == damaged_bytes
    assert not list(damaged_history.parent.glob("*.damaged-*"))
