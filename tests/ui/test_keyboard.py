"""The keyboard in the real window: where typing lands, and the shortcuts a newcomer tries first."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def test_typing_right_after_start_goes_into_the_message_box(qtbot, make_window):
    window = make_window(load=False)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is window.composer.editor


def test_ctrl_f_goes_to_the_search_and_the_sheet_says_so(qtbot, make_window):
    from app.ui.help_dialogs import ShortcutSheet

    window = make_window(load=False)
    window.activateWindow()
    qtbot.waitUntil(window.composer.editor.hasFocus)
    QTest.keyClick(window.windowHandle(), Qt.Key_F, Qt.ControlModifier)  # as the platform delivers it
    assert window.search_field.hasFocus()
    sheet = ShortcutSheet(window)
    qtbot.addWidget(sheet)
    listed = " ".join(sheet.table.item(row, 1).text() for row in range(sheet.table.rowCount()))
    assert "Ctrl+F" in listed.replace("Ctrl+Shift+F", "")


def test_only_choosing_a_chat_in_the_list_leaves_a_new_chat(qtbot, make_window, tmp_path):
    from app.core.storage.store import ConversationStore

    store = ConversationStore.in_folder(tmp_path / "store")
    for title in ("Rivers", "Lighthouses"):
        store.add_message(store.create_conversation(title), "user", f"Tell me about {title.lower()}.")
    store.close()
    window = make_window(load=False)
    chats = window.conversation_list

    def click_row(row: int) -> None:
        qtbot.mouseClick(chats.viewport(), Qt.LeftButton, pos=chats.visualItemRect(chats.item(row)).center())

    window.activateWindow()
    click_row(0)
    first = window.chat.conversation.title
    assert first == chats.item(0).text()
    QTest.keyClick(window.windowHandle(), Qt.Key_N, Qt.ControlModifier)
    assert window.chat.conversation.conversation_id is None

    chats.setFocus(Qt.TabFocusReason)  # as tabbing into the list gives it
    assert window.chat.conversation.conversation_id is None, "the new chat stays when the list gets the focus"
    qtbot.mouseClick(chats.viewport(), Qt.LeftButton, pos=chats.viewport().rect().bottomLeft() + QPoint(20, -10))
    assert window.chat.conversation.conversation_id is None, "and when an empty spot is clicked"
    assert window.chat_view.bubbles == []

    click_row(0)
    assert window.chat.conversation.title == first, "the chat open before the new one can be chosen again"
    QTest.keyClick(chats, Qt.Key_Down)  # the keyboard chooses too
    assert window.chat.conversation.title == chats.item(1).text() != first
