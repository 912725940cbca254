"""When a message is sent, the engine gets the request before the GUI thread lays out the bubbles
and writes the answer's row: llama.cpp reads the prompt meanwhile instead of waiting for them."""

from PySide6.QtCore import Qt

from tests.ui.conftest import wait_for_answer


def test_the_request_leaves_before_the_bubbles_and_the_answer_row(qtbot, make_window):
    window = make_window()
    seen_at_request: list[tuple[int, list]] = []

    def request_sent(_ticket) -> None:
        conversation_id = window.chat.conversation.conversation_id
        seen_at_request.append((len(window.chat_view.bubbles), window.store.messages(conversation_id)))

    window.host.requestRun.connect(request_sent, Qt.DirectConnection)
    with wait_for_answer(qtbot, window) as answer:
        window.chat.send("Name a fruit.")
    window.host.requestRun.disconnect(request_sent)

    [(bubbles, rows)] = seen_at_request
    assert bubbles == 0, "the bubbles were laid out before the request left"
    assert [(row.role, row.text) for row in rows] == [("user", "Name a fruit.")], "only the message is saved first"
    # …and the answer still streams into its bubble and its row.
    text = answer.args[0].text
    assert [bubble.text for bubble in window.chat_view.bubbles] == ["Name a fruit.", text]
    conversation_id = window.chat.conversation.conversation_id
    assert [(row.role, row.text, row.status) for row in window.store.messages(conversation_id)] == [
        ("user", "Name a fruit.", "complete"), ("model", text, "complete")]
