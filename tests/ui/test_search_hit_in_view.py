"""A search hit in a long chat, opened while another long chat is on screen, ends up in view
(the chat it opens is laid out over several events after the click)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from app.core.storage.store import ConversationStore


def long_chat(store: ConversationStore, title: str, texts: dict[int, str]) -> int:
    conversation = store.create_conversation(title)
    for i in range(30):
        text = texts.get(i, f"filler line {i} " * 8)
        store.add_message(conversation, "user" if i % 2 == 0 else "model", text)
    return conversation


def test_a_hit_deep_in_another_long_chat_is_scrolled_into_view(qtbot, make_window, tmp_path):
    store = ConversationStore.in_folder(tmp_path / "chats")
    wanted = long_chat(store, "Animals", {10: "the platypus lays eggs"})
    other = long_chat(store, "Weather", {})
    store.close()
    window = make_window(load=False, store_folder=tmp_path / "chats")
    window.resize(1000, 700)
    window.chat.open_conversation(other)
    view = window.chat_view

    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "platypus")
    qtbot.keyClick(window.search_field, Qt.Key_Return)
    assert window.chat.conversation.conversation_id == wanted
    bubble = view.bubbles[10]
    assert bubble.text == "the platypus lays eggs"
    qtbot.waitUntil(lambda: not bubble.flashing, timeout=5000)  # the chat has long been laid out by then
    top = bubble.mapTo(view.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < view.viewport().height() // 2, f"the hit is at {top}px of a {view.viewport().height()}px view"
