"""Edit and resend, delete one message, and kept answer variants, clicked on the real window with
the real model. Answers are greedy, so variants differ by their length (max_tokens)."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.storage.store import ConversationStore
from app.ui.chat.bubble_actions import BUSY_TIP
from tests.ui.conftest import wait_for_answer


class Questions:
    """QMessageBox.question, answered as the test says; the asked texts are kept."""

    def __init__(self, monkeypatch, answer=QMessageBox.Yes) -> None:
        self.asked: list[str] = []
        self.answer = answer
        monkeypatch.setattr(QMessageBox, "question", self._ask)

    def _ask(self, _parent, _title, text, *_buttons):
        self.asked.append(text)
        return self.answer


def answer_length(window, tokens: int) -> None:
    window.chat.sampling = replace(window.chat.sampling, max_tokens=tokens)


def ask(qtbot, window, text: str) -> str:
    with wait_for_answer(qtbot, window) as blocker:
        window.chat.send(text)
    return blocker.args[0].text


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.LeftButton)


def requests(window) -> list:
    seen = []
    window.chat.answerStarted.connect(lambda request: seen.append(request.ticket.job))
    return seen


def texts(window) -> list[str]:
    return [bubble.text for bubble in window.chat_view.bubbles]


def stored(window) -> list[tuple[str, str]]:
    return [(m.role, m.text) for m in window.store.messages(window.chat.conversation.conversation_id)]


def test_regenerated_answers_are_kept_the_shown_one_is_the_history_and_survives_a_restart(qtbot, make_window, tmp_path):
    window = make_window(store_folder=tmp_path / "store")
    answer_length(window, 4)
    first = ask(qtbot, window, "Name a fruit.")
    variants = [first]
    for tokens in (8, 12):
        answer_length(window, tokens)
        with wait_for_answer(qtbot, window) as blocker:
            click(qtbot, window.composer.regenerate_button)
        variants.append(blocker.args[0].text)
    assert len(set(variants)) == 3
    answer = window.chat_view.bubbles[-1]
    assert answer.actions.variant_label.text() == "3/3" and answer.text == variants[2]
    assert not answer.actions.next_button.isEnabled()
    click(qtbot, answer.actions.previous_button)
    click(qtbot, answer.actions.previous_button)
    assert answer.actions.variant_label.text() == "1/3" and answer.text == variants[0]
    assert not answer.actions.previous_button.isEnabled()

    sent = requests(window)
    answer_length(window, 4)
    ask(qtbot, window, "And a colour?")
    history = [(m.role, m.text) for m in sent[0].messages]
    assert history == [("user", "Name a fruit."), ("model", variants[0]), ("user", "And a colour?")]

    conversation_id = window.chat.conversation.conversation_id
    reopened = ConversationStore.in_folder(tmp_path / "store")
    try:
        again = reopened.messages(conversation_id)
        assert [m.text for m in again[:2]] == ["Name a fruit.", variants[0]]
        group = reopened.variant_ids(again[1].variant_group)
        assert [reopened.message(i).text for i in group] == variants
    finally:
        reopened.close()
    window.close()
    second = make_window(load=False, store_folder=tmp_path / "store")
    second.conversation_list.setCurrentRow(0)
    assert second.chat_view.bubbles[1].text == variants[0]
    assert second.chat_view.bubbles[1].actions.variant_label.text() == "1/3"


def test_edit_and_resend_replaces_the_message_and_answers_it_again_after_asking(qtbot, make_window, monkeypatch):
    window = make_window()
    questions = Questions(monkeypatch)
    ask(qtbot, window, "Name a fruit.")
    ask(qtbot, window, "Name a colour.")
    first = window.chat_view.bubbles[0]
    assert not window.chat_view.bubbles[1].actions.edit_button.isVisible(), "answers are not edited"

    click(qtbot, first.actions.edit_button)
    assert first.editor is not None and "Esc to cancel" in first.editor.hint.text()
    assert first.editor.text_edit.toPlainText() == "Name a fruit."
    sent = requests(window)
    first.editor.text_edit.setPlainText("Name a vegetable.")
    with wait_for_answer(qtbot, window) as blocker:
        qtbot.keyClick(first.editor.text_edit, Qt.Key_Return)
    assert "deletes the 3 messages after it" in questions.asked[-1]
    assert [(m.role, m.text) for m in sent[0].messages] == [("user", "Name a vegetable.")]
    assert texts(window) == ["Name a vegetable.", blocker.args[0].text]
    assert stored(window) == [("user", "Name a vegetable."), ("model", blocker.args[0].text)]
    assert first.editor is None


def test_editing_is_cancelled_by_esc_or_a_no_and_is_off_while_answering(qtbot, make_window, monkeypatch):
    window = make_window()
    questions = Questions(monkeypatch, QMessageBox.No)
    answer = ask(qtbot, window, "Name a fruit.")
    first = window.chat_view.bubbles[0]
    click(qtbot, first.actions.edit_button)
    first.editor.text_edit.setPlainText("Something else.")
    qtbot.keyClick(first.editor.text_edit, Qt.Key_Escape)
    assert first.editor is None and first.body.isVisible()

    click(qtbot, first.actions.edit_button)
    first.editor.text_edit.setPlainText("Something else.")
    click(qtbot, first.editor.send_button)
    assert questions.asked, "the answer after it would go: the user is asked"
    assert texts(window) == ["Name a fruit.", answer] and stored(window) == [("user", "Name a fruit."), ("model", answer)]
    first.end_edit()

    with wait_for_answer(qtbot, window):
        window.chat.send("Name a colour.")
        for bubble in window.chat_view.bubbles:
            assert not bubble.actions.edit_button.isEnabled() and not bubble.actions.delete_button.isEnabled()
            assert bubble.actions.delete_button.toolTip() == BUSY_TIP
    assert first.actions.edit_button.isEnabled()


@pytest.mark.parametrize("with_answer", [True, False])
def test_deleting_a_user_message_asks_about_its_answer_and_the_model_no_longer_sees_it(
    qtbot, make_window, monkeypatch, with_answer
):
    window = make_window()
    questions = Questions(monkeypatch, QMessageBox.Yes if with_answer else QMessageBox.No)
    fruit = ask(qtbot, window, "Remember the fruit: mango.")
    colour = ask(qtbot, window, "Name a colour.")
    click(qtbot, window.chat_view.bubbles[0].actions.delete_button)
    assert "answer to it too" in questions.asked[-1]
    left = [("model", fruit)] if not with_answer else []
    left += [("user", "Name a colour."), ("model", colour)]
    assert stored(window) == left
    assert [(b.role, b.text) for b in window.chat_view.bubbles] == left

    sent = requests(window)
    ask(qtbot, window, "Which fruit?")
    history = [(m.role, m.text) for m in sent[0].messages]
    assert history == left + [("user", "Which fruit?")]


def test_deleting_an_answer_asks_first_and_takes_its_variants(qtbot, make_window, monkeypatch):
    window = make_window()
    questions = Questions(monkeypatch, QMessageBox.No)
    ask(qtbot, window, "Name a fruit.")
    with wait_for_answer(qtbot, window):
        window.regenerate_action.trigger()
    answer = window.chat_view.bubbles[1]
    group = window.chat.conversation.messages[1].variant_group
    click(qtbot, answer.actions.delete_button)
    assert "all its versions" in questions.asked[-1]
    assert len(stored(window)) == 2, "No keeps it"
    questions.answer = QMessageBox.Yes
    click(qtbot, answer.actions.delete_button)
    assert stored(window) == [("user", "Name a fruit.")] and texts(window) == ["Name a fruit."]
    assert window.store.variant_ids(group) == []


@pytest.mark.parametrize("key", [Qt.Key_Return, Qt.Key_Escape])
def test_the_keyboard_is_back_in_the_message_box_once_an_edit_ends(qtbot, make_window, monkeypatch, key):
    window = make_window()
    Questions(monkeypatch)
    ask(qtbot, window, "Name a fruit.")
    window.activateWindow()
    first = window.chat_view.bubbles[0]
    click(qtbot, first.actions.edit_button)
    qtbot.waitUntil(first.editor.text_edit.hasFocus)
    if key == Qt.Key_Return:
        with wait_for_answer(qtbot, window):
            qtbot.keyClick(first.editor.text_edit, key)
    else:
        qtbot.keyClick(first.editor.text_edit, key)
    qtbot.wait(50)  # the editor is deleted later
    assert window.composer.editor.hasFocus()
