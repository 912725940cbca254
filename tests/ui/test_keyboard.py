"""The keyboard in the real window: where typing lands, and the shortcuts a newcomer tries first."""

from PySide6.QtWidgets import QApplication


def test_typing_right_after_start_goes_into_the_message_box(qtbot, make_window):
    window = make_window(load=False)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is window.composer.editor
