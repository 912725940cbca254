"""The Session list of the Dictation panel: the session it names is the transcript the panel shows
(and the one Copy, Send to chat and Export take), after a restart and while recording."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from app.core.storage.store import ConversationStore
from app.ui.main_window import MainWindow
from tests.core.audio.fake_sounddevice import FakeSoundDevice, ReplayDevice
from tests.ui.conftest import WAIT_MS
from tests.ui.test_dictation import dictation_window  # noqa: F401 (a fixture)


def _earlier_session(store: ConversationStore, title: str, text: str) -> int:
    session_id = store.create_transcription(title, "Transcribe")
    store.add_segment(session_id, 0, 0.0, 4.0, text)
    return session_id


def _choose(combo: QComboBox, index: int) -> None:
    """What a click on a row of the open list does."""
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


@pytest.fixture
def reopened_window(qtbot, tmp_path, spoken_recording):
    """The window started again over a store with two dictation sessions, its panel shown."""
    folder = tmp_path / "store"
    store = ConversationStore.in_folder(folder)
    _earlier_session(store, "Monday notes", "buy milk")
    _earlier_session(store, "Tuesday notes", "call the plumber")
    store.close()
    fake = FakeSoundDevice([ReplayDevice("Replayed microphone", spoken_recording.path)])
    window = MainWindow(ConversationStore.in_folder(folder), sounddevice=fake)
    qtbot.addWidget(window)
    window.show()
    window.dictation_panel.show()
    yield window
    window.close()
    window.store.close()


def test_after_a_restart_the_last_session_is_shown_with_its_transcript(reopened_window):
    panel = reopened_window.dictation_panel
    assert panel.sessions.currentText().startswith("Tuesday notes")
    assert "call the plumber" in panel.transcript.toPlainText()
    panel.copy_button.click()
    assert QApplication.clipboard().text().strip() == "call the plumber"


def test_send_to_chat_keeps_the_draft_in_the_message_box(qtbot, reopened_window):
    window = reopened_window
    editor = window.composer.editor
    qtbot.keyClicks(editor, "Summarise this: ")
    window.dictation_panel.send_to_chat_button.click()
    assert editor.toPlainText().strip() == "Summarise this: call the plumber"
    editor.undo()
    assert editor.toPlainText() == "Summarise this: ", "the transcript's insertion can be undone"


def test_an_earlier_session_chosen_while_recording_is_shown_and_the_live_one_comes_back(
        qtbot, dictation_window):  # noqa: F811 (the imported fixture)
    window = dictation_window
    dictation, panel = window.dictation, window.dictation_panel
    _earlier_session(window.store, "Monday notes", "buy milk")
    panel.hide()
    panel.show()
    panel.record_button.click()
    assert dictation.recording
    assert panel.sessions.currentIndex() == -1, "the recording has no saved session yet: none is named"

    _choose(panel.sessions, panel.sessions.findText("Monday notes", Qt.MatchStartsWith))
    assert panel.sessions.currentText().startswith("Monday notes")
    assert panel.transcript.toPlainText().endswith("buy milk")
    assert dictation.plain_text().strip() == "buy milk"

    with qtbot.waitSignal(dictation.segmentFinished, timeout=4 * WAIT_MS):
        pass
    assert dictation.recording
    assert panel.sessions.currentText().startswith("Monday notes"), "a new segment does not take the view away"
    _choose(panel.sessions, panel.sessions.findData(dictation.session.jobs[0].transcription_id))
    assert "buy milk" not in panel.transcript.toPlainText()
    assert panel.transcript.toPlainText().startswith("[00:00 – ")
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        panel.record_button.click()
    assert len(panel.transcript.toPlainText().splitlines()) == len(dictation.segments) >= 2
