"""Who an answer belongs to, on the real window and model: it streams into the chat that asked,
is kept in the database as it grows, and a message is never lost when the database fails."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

import time

from app.core.chat.answer_recorder import SAVE_INTERVAL_S
from app.core.storage.store import ConversationStore
from tests.core.storage_faults import read_only_file
from tests.ui.conftest import WAIT_MS, wait_for_answer

LONG_ANSWER_TOKENS = 64
LONG_WAIT_MS = 4 * WAIT_MS  # a long answer on two busy cores


def wait_for_streaming(qtbot, window) -> None:
    """Until the shown chat's answer has some text on screen."""
    def streaming() -> bool:
        bubbles = window.chat_view.bubbles
        return bool(bubbles) and bubbles[-1].role == "model" and bool(bubbles[-1].text)

    qtbot.waitUntil(streaming, timeout=LONG_WAIT_MS)


def list_item(window, conversation_id):
    conversation_list = window.conversation_list
    for row in range(conversation_list.count()):
        item = conversation_list.item(row)
        if item.data(Qt.UserRole) == conversation_id:
            return item
    raise AssertionError(f"conversation {conversation_id} is not in the list")


def click_conversation(qtbot, window, conversation_id) -> None:
    conversation_list = window.conversation_list
    rect = conversation_list.visualItemRect(list_item(window, conversation_id))
    qtbot.mouseClick(conversation_list.viewport(), Qt.LeftButton, pos=rect.center())


def stored(window, conversation_id):
    return [(m.role, m.text, m.status) for m in window.store.messages(conversation_id)]


def bubble_texts(window):
    return [bubble.text for bubble in window.chat_view.bubbles]


def long_answers(window) -> None:
    window.chat.sampling = replace(window.chat.sampling, max_tokens=LONG_ANSWER_TOKENS)


def test_answer_keeps_streaming_into_its_own_chat_when_another_is_opened(qtbot, make_window):
    window = make_window()
    with wait_for_answer(qtbot, window, LONG_WAIT_MS) as first:
        window.chat.send("Name a fruit.")
    chat_a, a_answer = window.chat.conversation.conversation_id, first.args[0].text
    window.new_chat_action.trigger()
    long_answers(window)
    with wait_for_answer(qtbot, window, LONG_WAIT_MS) as second:
        window.chat.send("Tell me a long story about a lighthouse keeper.")
        wait_for_streaming(qtbot, window)
        chat_b = window.chat.conversation.conversation_id
        click_conversation(qtbot, window, chat_a)
        assert bubble_texts(window) == ["Name a fruit.", a_answer]
        assert "answering" in list_item(window, chat_b).text()
        assert window.composer.send_button.isVisible(), "chat A is not answering"
    result = second.args[0]
    assert result.stop_reason == "max_tokens", "leaving chat B did not stop its answer"
    assert bubble_texts(window) == ["Name a fruit.", a_answer], "chat A's bubbles are untouched"
    assert stored(window, chat_a) == [("user", "Name a fruit.", "complete"), ("model", a_answer, "complete")]
    assert stored(window, chat_b) == [
        ("user", "Tell me a long story about a lighthouse keeper.", "complete"),
        ("model", result.text, "complete"),
    ]
    assert "answering" not in list_item(window, chat_b).text()
    click_conversation(qtbot, window, chat_b)
    assert bubble_texts(window) == ["Tell me a long story about a lighthouse keeper.", result.text]


def test_going_back_to_an_answering_chat_shows_it_streaming(qtbot, make_window):
    window = make_window()
    with wait_for_answer(qtbot, window, LONG_WAIT_MS):
        window.chat.send("Name a colour.")
    chat_a = window.chat.conversation.conversation_id
    window.new_chat_action.trigger()
    long_answers(window)
    with wait_for_answer(qtbot, window, LONG_WAIT_MS) as finished:
        window.chat.send("Write a long poem about winter.")
        wait_for_streaming(qtbot, window)
        chat_b = window.chat.conversation.conversation_id
        click_conversation(qtbot, window, chat_a)
        click_conversation(qtbot, window, chat_b)
        assert window.composer.stop_button.isVisible(), "chat B is still answering"
        shown_while_answering = window.chat_view.bubbles[-1].text
    assert finished.args[0].text.startswith(shown_while_answering)
    assert bubble_texts(window)[-1] == finished.args[0].text, "the rest streamed into the bubble"


def test_new_chat_while_answering_keeps_the_answer_in_its_chat(qtbot, make_window):
    window = make_window()
    long_answers(window)
    with wait_for_answer(qtbot, window, LONG_WAIT_MS) as finished:
        window.chat.send("Write a poem about the sea.")
        wait_for_streaming(qtbot, window)
        chat_b = window.chat.conversation.conversation_id
        window.new_chat_action.trigger()  # Ctrl+N
        assert window.chat_view.bubbles == []
        assert window.composer.send_button.isVisible()
    result = finished.args[0]
    assert result.stop_reason == "max_tokens" and result.text
    assert stored(window, chat_b) == [
        ("user", "Write a poem about the sea.", "complete"),
        ("model", result.text, "complete"),
    ]
    assert window.chat_view.bubbles == [], "the new chat stays empty"


def test_streaming_answer_is_in_the_database_before_it_ends_in_few_writes(qtbot, make_window):
    window = make_window()
    long_answers(window)
    writes = []
    # SQLite reports a statement again as each trigger it fires (the search index's) runs: count it once.
    window.store._db.set_trace_callback(
        lambda sql: sql.startswith("UPDATE messages") and writes[-1:] != [sql] and writes.append(sql))
    tokens = []
    window.chat.answerStarted.connect(lambda request: request.streamed.connect(tokens.append))
    started = time.monotonic()
    with wait_for_answer(qtbot, window, LONG_WAIT_MS) as finished:
        window.chat.send("Describe a long journey across a desert.")
        conversation_id = window.chat.conversation.conversation_id

        def partial_saved() -> bool:
            rows = stored(window, conversation_id)
            return len(rows) == 2 and bool(rows[1][1])

        qtbot.waitUntil(partial_saved, timeout=LONG_WAIT_MS)
        _, partial_text, status = stored(window, conversation_id)[1]
        assert status == "generating"
        assert window.chat.conversation.messages[-1].text.startswith(partial_text)
    seconds = time.monotonic() - started
    window.store._db.set_trace_callback(None)
    result = finished.args[0]
    assert stored(window, conversation_id)[1] == ("model", result.text, "complete")
    print(f"\n{len(tokens)} tokens in {seconds:.1f} s, {len(writes)} writes of the growing answer")
    assert len(writes) <= seconds / SAVE_INTERVAL_S + 2, "written about once a second, not on every token"


def test_send_button_sends_the_typed_message(qtbot, make_window):
    window = make_window()
    window.composer.editor.setPlainText("Hello from the button.")
    with wait_for_answer(qtbot, window, LONG_WAIT_MS):
        qtbot.mouseClick(window.composer.send_button, Qt.LeftButton)
    assert [(b.role, b.text) for b in window.chat_view.bubbles][0] == ("user", "Hello from the button.")
    assert window.composer.editor.toPlainText() == ""


@pytest.fixture
def read_only_store(tmp_path):
    folder = tmp_path / "read-only"
    ConversationStore.in_folder(folder).close()
    with read_only_file(folder / "conversations.sqlite3"):
        yield folder


def test_typed_message_stays_in_the_box_when_the_database_is_read_only(qtbot, make_window, read_only_store):
    window = make_window(store_folder=read_only_store)
    window.composer.editor.setPlainText("Keep me, please.")
    qtbot.keyClick(window.composer.editor, Qt.Key_Return)
    assert window.composer.editor.toPlainText() == "Keep me, please."
    assert window.chat_view.bubbles == []
    assert window.notice.isVisible() and "read-only" in window.notice.label.text()
    assert window.composer.send_button.isVisible()


def test_typed_message_stays_in_the_box_when_the_disk_is_full_and_goes_once_there_is_room(qtbot, make_window):
    window = make_window()
    window.store._db.execute("PRAGMA max_page_count = 1")  # the database cannot grow: a full disk
    text = "Summarise this. " + "The quick brown fox jumps over the lazy dog. " * 110
    window.composer.editor.setPlainText(text)
    qtbot.keyClick(window.composer.editor, Qt.Key_Return)
    assert window.composer.editor.toPlainText() == text
    assert window.chat_view.bubbles == []
    assert window.notice.isVisible() and "full" in window.notice.label.text()

    window.store._db.execute("PRAGMA max_page_count = 1073741823")
    window.chat.sampling = replace(window.chat.sampling, max_tokens=2)
    with wait_for_answer(qtbot, window, LONG_WAIT_MS):
        qtbot.keyClick(window.composer.editor, Qt.Key_Return)
    assert window.composer.editor.toPlainText() == ""
    assert [c.title for c in window.store.conversations()] == ["Summarise this. The quick brown fox jumps over…"]
    assert [role for role, *_ in stored(window, window.chat.conversation.conversation_id)] == ["user", "model"]


def test_answer_that_cannot_be_saved_is_not_shown_as_saved(qtbot, make_window):
    window = make_window()
    long_answers(window)
    with wait_for_answer(qtbot, window, LONG_WAIT_MS) as finished:
        window.chat.send("Tell me about the moon.")
        wait_for_streaming(qtbot, window)
        window.store._db.execute("PRAGMA query_only = ON")  # from here on every write fails
    window.store._db.execute("PRAGMA query_only = OFF")
    assert finished.args[0].text
    answer = window.chat_view.bubbles[-1]
    assert answer.text == finished.args[0].text
    assert answer.status_label.text() == "not saved"
    assert window.notice.isVisible() and "not saved" in window.notice.label.text()
    rows = stored(window, window.chat.conversation.conversation_id)
    assert rows[-1][1] != finished.args[0].text, "the database really does not hold the full answer"


def test_a_long_title_is_cut_short_and_the_answering_mark_stays_visible(qtbot, make_window):
    from PySide6.QtWidgets import QStyleOptionViewItem

    from app.ui.chat.chat_controller import ANSWERING_MARK

    window = make_window()
    long_answers(window)
    title = "Please explain in great detail how lighthouses were kept running in the nineteenth century"
    with wait_for_answer(qtbot, window, LONG_WAIT_MS):
        window.chat.send(title)
        wait_for_streaming(qtbot, window)
        conversation_list = window.conversation_list
        item = list_item(window, window.chat.conversation.conversation_id)
        index = conversation_list.indexFromItem(item)
        option = QStyleOptionViewItem()
        option.initFrom(conversation_list)
        option.rect = conversation_list.visualRect(index)
        conversation_list.itemDelegate().initStyleOption(option, index)
        shown = option.text
        assert shown.endswith(ANSWERING_MARK) and "…" in shown[: -len(ANSWERING_MARK)]
        assert option.fontMetrics.horizontalAdvance(shown) <= conversation_list.viewport().width()
        window.chat.stop()
