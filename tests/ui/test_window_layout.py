"""The window fits a 1366×768 laptop at 14 pt, keeps the chat list usable, and its status bar
says what it means without running words together."""

import pytest
from PySide6.QtGui import QAction

from tests.ui.conftest import wait_for_answer


def test_window_with_dictation_fits_a_laptop_at_14pt(qtbot, make_window, font_size):
    font_size(14)
    window = make_window(load=False)
    window.dictation_panel.show()
    qtbot.waitUntil(window.dictation_panel.isVisible)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768, hint
    panel = window.dictation_panel
    for button in (panel.export_srt_button, panel.import_button, panel.send_to_chat_button):
        assert button.width() >= button.minimumSizeHint().width(), button.text()
    assert panel.push_to_talk.width() >= panel.push_to_talk.sizeHint().width()


@pytest.mark.parametrize("points", [11, 14])
def test_chat_list_keeps_a_usable_width_when_dictation_opens(qtbot, make_window, font_size, points):
    font_size(points)
    window = make_window(load=False)
    window.resize(1100, 760)
    window.dictation_panel.show()
    qtbot.waitUntil(window.dictation_panel.isVisible)
    qtbot.wait(10)
    sixteen_characters = window.conversation_list.fontMetrics().averageCharWidth() * 16
    assert window.conversation_list.width() >= sixteen_characters


def test_status_bar_elides_the_model_path_with_the_full_text_in_the_tooltip(qtbot, make_window):
    window = make_window(load=False)
    window.resize(900, 600)
    full = "Gemma 3n E4B (instruct) · Q4_K_M · + images + audio · " + "/home/someone/models/" * 6 + "gemma-3n-E4B-it-Q4_K_M.gguf"
    window.model_label.setText(full)
    window.speed_label.setText("41.2 tok/s · first token 130 ms")
    window.context_label.setText("context 312/4096")
    qtbot.waitUntil(lambda: window.model_label.displayed_text() != full)
    shown = window.model_label.displayed_text()
    assert window.model_label.text() == full
    assert "…" in shown and shown.endswith(".gguf")
    assert window.model_label.toolTip() == full
    assert window.model_label.fontMetrics().horizontalAdvance(shown) <= window.model_label.contentsRect().width()
    assert window.model_label.geometry().right() < window.speed_label.geometry().left()


def test_loading_progress_text_fits_on_one_line_at_14pt(qtbot, make_window, font_size):
    font_size(14)
    window = make_window(load=False)
    window.load_progress.setValue(95)
    window.load_progress.show()
    qtbot.waitUntil(window.load_progress.isVisible)
    needed = window.load_progress.fontMetrics().horizontalAdvance(window.load_progress.text())
    assert window.load_progress.width() > needed
    assert window.load_progress.height() <= window.statusBar().height()


def test_regenerate_is_off_until_there_is_an_answer(qtbot, make_window):
    window = make_window()
    assert not window.composer.regenerate_button.isEnabled()
    assert not window.regenerate_action.isEnabled()
    with wait_for_answer(qtbot, window):
        window.chat.send("Hello")
    assert window.composer.regenerate_button.isEnabled() and window.regenerate_action.isEnabled()
    window.chat.new_conversation()
    assert not window.composer.regenerate_button.isEnabled()
    assert not window.regenerate_action.isEnabled()


def test_context_figure_is_never_a_stale_or_zero_count(qtbot, make_window, tmp_path):
    window = make_window()
    assert "context 0/" not in window.context_label.text()
    with wait_for_answer(qtbot, window) as finished:
        window.chat.send("Hello")
    used = finished.args[0].context_used
    assert window.context_label.text() == f"context {used}/2048"
    first_chat = window.chat.conversation.conversation_id
    window.chat.new_conversation()
    assert window.context_label.text() == ""
    window.chat.open_conversation(first_chat)
    assert window.context_label.text() in ("", f"context {used}/2048")
    window.close()
    reopened = make_window(store_folder=tmp_path / "store")
    assert "context 0/" not in reopened.context_label.text()


def test_help_menu_lists_every_shortcut(qtbot, make_window):
    from app.ui.help_dialogs import ShortcutSheet

    window = make_window(load=False)
    assert [action.text() for action in window.help_menu.actions()] == ["Keyboard shortcuts", "About Gemma Desk"]
    sheet = ShortcutSheet(window)
    qtbot.addWidget(sheet)
    listed = {key for row in range(sheet.table.rowCount()) for key in sheet.table.item(row, 1).text().split(", ")}
    with_shortcuts = [action for action in window.findChildren(QAction) if not action.shortcut().isEmpty()]
    assert len(with_shortcuts) >= 8
    for action in with_shortcuts:
        for key in action.shortcuts():
            assert key.toString() in listed, action.text()
