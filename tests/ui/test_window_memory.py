"""A restart gives back the window as it was left: its size, the Dictation panel, and the
message typed but not sent."""

from app.ui.settings.settings_model import SettingsModel


def restart(make_window, window, settings_path):
    window.close()
    window.store.close()
    return make_window(load=False, settings=SettingsModel(settings_path))


def test_window_size_and_unsent_draft_come_back_after_a_restart(qtbot, make_window, tmp_path):
    settings_path = tmp_path / "config" / "settings.json"
    window = make_window(load=False, settings=SettingsModel(settings_path))
    # The test screen is 800 × 800 (a bigger window would be cut to fit it); the width stops at
    # the window's minimum, which depends on the font an earlier test left.
    window.resize(760, 640)
    window.composer.editor.setPlainText("half a question,\nnot sent yet")
    qtbot.waitUntil(lambda: window.height() == 640)
    left = window.size()

    again = restart(make_window, window, settings_path)
    assert again.size() == left
    assert again.composer.editor.toPlainText() == "half a question,\nnot sent yet"


def test_an_open_dictation_panel_is_open_after_a_restart(qtbot, make_window, tmp_path):
    settings_path = tmp_path / "config" / "settings.json"
    window = make_window(load=False, settings=SettingsModel(settings_path))
    window.dictation_panel.show()
    qtbot.waitUntil(window.dictation_panel.isVisible)

    again = restart(make_window, window, settings_path)
    assert again.dictation_panel.isVisible()


def test_a_sent_message_leaves_no_draft_for_the_next_start(qtbot, make_window, tmp_path):
    settings_path = tmp_path / "config" / "settings.json"
    window = make_window(load=False, settings=SettingsModel(settings_path))
    window.composer.editor.setPlainText("typed")
    window.composer.editor.clear()  # as sending does

    again = restart(make_window, window, settings_path)
    assert again.composer.editor.toPlainText() == ""


def test_a_message_that_cannot_be_kept_is_asked_about_before_quitting(qtbot, make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.core.storage.draft import DRAFT_FILE_NAME

    window = make_window(load=False, settings=SettingsModel(tmp_path / "config" / "settings.json"))
    (window.store.database_path.parent / DRAFT_FILE_NAME).mkdir()  # the file system refuses the draft
    window.composer.editor.setPlainText("a long thought, not sent")
    asked = []

    def answer(choice):
        return lambda parent, title, text, *rest, **options: (asked.append(text), choice)[1]

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.Cancel))
    assert not window.close()
    assert window.isVisible() and window.composer.editor.toPlainText() == "a long thought, not sent"
    assert len(asked) == 1 and "could not be kept" in asked[0], asked
    assert window.host.thread.isRunning(), "staying keeps everything running"

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.Discard))
    assert window.close()
