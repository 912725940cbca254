"""A first run explains itself: a welcome, one example per modality, and a plain word on the demo model."""

import pytest

from tests.i18n.conftest import ui_language  # noqa: F401 - the fixture, used by name
from tests.ui.conftest import wait_for_answer


def cards_by_kind(window):
    return {card.example.kind: card for card in window.chat_view.welcome.cards}


def test_empty_chat_welcomes_with_three_examples_and_the_demo_note(qtbot, make_window):
    window = make_window(load=False)
    welcome = window.chat_view.welcome
    assert welcome.isVisible()
    assert set(cards_by_kind(window)) == {"chat", "image", "dictation"}
    assert "tiny" in welcome.demo_note.text() and "only proves" in welcome.demo_note.text()
    with qtbot.waitSignal(window.modelManagerRequested, timeout=1000):
        welcome.model_manager_button.click()


def test_chat_example_fills_the_message_box(qtbot, make_window):
    window = make_window(load=False)
    card = cards_by_kind(window)["chat"]
    card.click()
    assert window.composer.editor.toPlainText() == card.example.prompt


def test_dictation_example_opens_dictation(qtbot, make_window):
    window = make_window(load=False)
    cards_by_kind(window)["dictation"].click()
    qtbot.waitUntil(window.dictation_panel.isVisible)


def test_image_example_without_a_projector_says_why(qtbot, make_window):
    window = make_window(load=False)
    cards_by_kind(window)["image"].click()
    assert window.notice.isVisible() and "vision projector" in window.notice.label.text()


def test_welcome_gives_way_to_the_conversation_and_returns_for_a_new_chat(qtbot, make_window):
    window = make_window()
    with wait_for_answer(qtbot, window):
        window.chat.send("Hello")
    assert not window.chat_view.welcome.isVisible()
    window.chat.new_conversation()
    assert window.chat_view.welcome.isVisible()







@pytest.mark.parametrize("language", ["en", "de"])
def test_no_card_clips_its_text_in_a_narrow_window(qtbot, make_window, ui_language, language):
    ui_language(language)
    window = make_window(load=False)
    window.resize(window.minimumSizeHint().width(), 700)
    qtbot.wait(100)  # the layouts settle
    for card in cards_by_kind(window).values():
        assert card.height() >= text_height(card), card.example.kind


def text_height(card) -> int:
    """What the card's title and wrapped text need at its width."""
    from PySide6.QtWidgets import QLabel

    title, body = card.findChildren(QLabel)
    margins = card.layout().contentsMargins()
    return (margins.top() + title.sizeHint().height() + card.layout().spacing()
            + body.heightForWidth(card.width() - margins.left() - margins.right()) + margins.bottom())
