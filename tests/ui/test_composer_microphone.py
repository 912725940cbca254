"""The composer's microphone dictates into the message box at the cursor and sends nothing; the
microphone is a replayed file (the hardware edge), the transcript comes from the real tiny Gemma 3n."""

import pytest
from PySide6.QtCore import Qt

from app.core.storage.store import ConversationStore
from app.ui.main_window import MainWindow
from tests.core.audio.fake_sounddevice import FakeSoundDevice, ReplayDevice
from tests.ui.conftest import WAIT_MS
from tests.ui.test_audio_in_chat import hearing_model, tone_wav  # noqa: F401 (a fixture)


@pytest.fixture
def window_with_microphone(qtbot, tmp_path):
    recording = tone_wav(tmp_path / "said.wav", 4.0, rate=16_000)
    fake = FakeSoundDevice([ReplayDevice("Replayed microphone", recording)], speed=20.0)
    window = MainWindow(ConversationStore.in_folder(tmp_path / "store"), sounddevice=fake)
    qtbot.addWidget(window)
    window.show()
    yield window, 4.0
    window.close()
    window.store.close()


def test_the_microphone_types_the_transcript_at_the_cursor_and_sends_nothing(qtbot, window_with_microphone,
                                                                            hearing_model):
    window, seconds = window_with_microphone
    button = window.composer.mic_button
    assert not button.isEnabled() and button.toolTip(), "no model yet: disabled with a reason"
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(hearing_model)
    assert button.isEnabled(), button.toolTip()
    window.dictation.max_tokens_per_chunk = 3
    editor = window.composer.editor
    editor.setPlainText("Dear Ann,  Best, Bo")
    cursor = editor.textCursor()
    cursor.setPosition(len("Dear Ann, "))
    editor.setTextCursor(cursor)

    qtbot.mouseClick(button, Qt.LeftButton)
    assert window.composer_microphone.active and button.isChecked()
    qtbot.waitUntil(lambda: window.dictation.recorder.elapsed_s >= seconds - 0.05, timeout=WAIT_MS)
    with qtbot.waitSignal(window.dictation.queueDrained, timeout=4 * WAIT_MS):
        qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.composer_microphone.active, timeout=WAIT_MS)
    assert not button.isChecked()

    spoken = " ".join(segment.text for segment in window.dictation.segments if segment.text)
    assert spoken, "the tiny model wrote something for the recording"
    text = editor.toPlainText()
    assert text.startswith("Dear Ann, ") and text.endswith(" Best, Bo")
    assert spoken in text
    assert window.chat.conversation.messages == [], "dictation fills the box; it never sends"


def test_the_microphone_is_disabled_with_the_reason_for_a_model_that_cannot_hear(qtbot, make_window):
    window = make_window()
    button = window.composer.mic_button
    assert not button.isEnabled()
    assert "cannot hear" in button.toolTip()
