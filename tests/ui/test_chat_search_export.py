"""Search over every chat, Export chat and a chat's own system prompt, in the real window with the
real model (the file dialog is the OS edge and answers from the test)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import wait_for_answer

BOS = 2


def chat_with(qtbot, window, *texts: str) -> int:
    window.chat.new_conversation()
    for text in texts:
        with wait_for_answer(qtbot, window):
            window.chat.send(text)
    return window.chat.conversation.conversation_id


def search(qtbot, window, text: str) -> None:
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, text)
    qtbot.waitUntil(lambda: window.search_results.isVisible() and window.search.hits is not None
                    and window.search_field.text() == text and not window.search._pause.isActive())


def test_search_finds_a_message_in_another_chat_and_opens_it_there(qtbot, make_window):
    window = make_window()
    boats = chat_with(qtbot, window, "Tell me about sailboats", "What is a catamaran?")
    chat_with(qtbot, window, "Write a haiku about autumn")
    assert window.chat.conversation.conversation_id != boats
    window.search_action.trigger()
    assert window.search_field.hasFocus()
    search(qtbot, window, "catamar")
    assert not window.conversation_list.isVisible()
    [hit] = window.search.hits
    assert hit.conversation_id == boats and "catamaran" in hit.snippet
    label = window.search_results.itemWidget(window.search_results.item(0))
    assert "<b>catamaran</b>" in label.text() and "Tell me about sailboats" in label.text()
    rect = window.search_results.visualItemRect(window.search_results.item(0))
    qtbot.mouseClick(window.search_results.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.chat.conversation.conversation_id == boats
    bubble = window.chat_view.bubbles[2]
    assert bubble.text == "What is a catamaran?" and bubble.flashing
    qtbot.keyClick(window.search_field, Qt.Key_Escape)
    assert window.search_field.text() == ""
    qtbot.waitUntil(lambda: window.conversation_list.isVisible() and not window.search_results.isVisible())


def test_search_with_query_syntax_and_no_hits_says_so(qtbot, make_window):
    window = make_window(load=False)
    search(qtbot, window, 'say "hi AND * -')
    assert window.search.hits == [] and window.search_results.count() == 1
    assert "No chat" in window.search_results.item(0).text() and not window.notice.isVisible()


def test_export_chat_to_markdown_and_json(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window()
    chat_with(qtbot, window, "Show me `List<String>` in Java")
    answer = window.chat.conversation.messages[-1].text
    for name, chosen in (("chat", "Markdown (*.md)"), ("chat", "JSON (*.json)")):
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *_args, _n=name, _c=chosen: (str(tmp_path / _n), _c)))
        window.export_chat_action.trigger()
    markdown = (tmp_path / "chat.md").read_text(encoding="utf-8")
    assert "Show me `List<String>` in Java" in markdown and answer in markdown
    document = json.loads((tmp_path / "chat.json").read_text(encoding="utf-8"))
    assert [m["text"] for m in document["messages"]] == ["Show me `List<String>` in Java", answer]
    sent = datetime.fromisoformat(document["messages"][0]["created"])
    assert abs((datetime.now(timezone.utc) - sent).total_seconds()) < 600, "the time the message was sent"
    assert window.notice.isVisible() and "chat.json" in window.notice.label.text()

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_args: (str(tmp_path / "missing" / "chat.md"), "Markdown (*.md)")))
    window.export_chat_action.trigger()
    assert "Could not write the chat" in window.notice.label.text()


def test_a_chats_own_system_prompt_reaches_the_model_and_others_keep_the_default(qtbot, make_window):
    window = make_window()
    window.chat.system_prompt = "Answer briefly."  # the default from Settings
    requests = []
    generate = window.host.generate
    window.host.generate = lambda request: requests.append(request) or generate(request)

    window.chat.new_conversation()
    assert window.chat.set_system_prompt("Talk like a pirate.")  # before the chat's first message
    pirate = chat_with_current(qtbot, window, "Hello there")
    plain = chat_with(qtbot, window, "Hello there")
    assert [r.system_prompt for r in requests] == ["Talk like a pirate.", "Answer briefly."]
    assert window.store.conversation_system_prompt(pirate) == "Talk like a pirate."
    assert window.store.conversation_system_prompt(plain) is None

    engine = window.host.worker.engine
    plan = engine.plan(requests[0].messages, requests[0].system_prompt)
    text = engine.detokenize(plan.token_ids)
    assert plan.token_ids.count(BOS) == 1
    assert "<start_of_turn>user\nTalk like a pirate.\n\nHello there<end_of_turn>" in text

    window.chat.open_conversation(pirate)  # reopened from the store
    assert window.chat.conversation.system_prompt == "Talk like a pirate."
    with wait_for_answer(qtbot, window):
        window.chat.send("And again")
    assert requests[-1].system_prompt == "Talk like a pirate."


def chat_with_current(qtbot, window, text: str) -> int:
    with wait_for_answer(qtbot, window):
        window.chat.send(text)
    return window.chat.conversation.conversation_id
