"""The keyboard in the real window: where typing lands, and the shortcuts a newcomer tries first."""

from PySide6.QtCore import Qt
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
