"""Audio in chat: a recording attached to a message goes to a model that hears as ≤ 30-s chunks
of audio embeddings, is kept with the message, and comes back after a restart. Real window, real
llama.cpp (a tiny random Gemma 3n) and our own audio encoder."""

import math
import os
import stat
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from app.core.audio.audio_file import save_wav
from app.core.chat.audio_clips import MAX_AUDIO_BYTES
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_plan import MediaUnit
from app.core.gemma3n_audio import write_audio_projector
from app.core.storage.store import ConversationStore
from app.ui.main_window import MainWindow
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE, random_audio_weights
from tests.model_factory_gemma3n import cached_random_gemma3n
from tests.projector_factory import write_audio_projector as write_gemma4_audio_projector
from tests.ui.conftest import WAIT_MS
from tests.ui.test_drops import drop


@pytest.fixture(scope="module")
def hearing_model(gemma_model_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gemma3n-hears")
    model = cached_random_gemma3n(folder, preset="tiny", vocab_from=gemma_model_path)
    encoder = write_audio_projector(folder / "gemma3n-audio-encoder.gguf",
                                    random_audio_weights(replace(TINY_SHAPE, text_width=256)))
    return LoadOptions(model_path=model, audio_encoder_path=encoder, n_ctx=4096, n_threads=2)


def tone_wav(path, seconds: float, rate: int = 22_050):
    """A wobbling tone with short pauses, written at 22.05 kHz so the app must resample it."""
    t = np.arange(int(seconds * rate)) / rate
    samples = 0.3 * np.sin(2 * np.pi * (220 + 40 * np.sin(t)) * t) * (np.sin(2 * np.pi * 0.5 * t) > -0.9)
    save_wav(path, samples.astype(np.float32), rate)
    return path


def open_window(qtbot, store_folder, options=None):
    window = MainWindow(ConversationStore.in_folder(store_folder))
    qtbot.addWidget(window)
    # Four tokens of answer, whatever the random model prefers: end-of-turn and end-of-text are banned.
    window.chat.sampling = SamplingOptions(temperature=0.0, max_tokens=4, logit_bias={106: -100.0, 1: -100.0})
    window.show()
    if options is not None:
        with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
            window.load_model(options)
    return window


def attach_with_button(qtbot, window, path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kw: (str(path), ""))
    with qtbot.waitSignal(window.composer.audio_chip.changed, timeout=WAIT_MS):
        qtbot.mouseClick(window.composer.add_audio_button, Qt.LeftButton)


def audio_units(window) -> list[MediaUnit]:
    engine = window.host.worker.engine
    return [unit for unit in engine.cached_units if isinstance(unit, MediaUnit) and unit.kind == "audio"]


def test_a_recording_is_heard_in_chunks_kept_and_back_after_a_restart(qtbot, tmp_path, hearing_model, monkeypatch):
    recording = tone_wav(tmp_path / "meeting.wav", 41.0)
    window = open_window(qtbot, tmp_path / "store", hearing_model)
    try:
        assert window.composer.add_audio_button.isEnabled(), window.composer.add_audio_button.toolTip()
        assert window.audio.action.isEnabled()
        attach_with_button(qtbot, window, recording, monkeypatch)
        chip = window.composer.audio_chip
        assert chip.isVisible() and "meeting.wav" in chip.label.text() and "0:41" in chip.label.text()

        window.composer.editor.setPlainText("Summarise this recording")
        with qtbot.waitSignal(window.chat.answerFinished, timeout=4 * WAIT_MS) as finished:
            qtbot.mouseClick(window.composer.send_button, Qt.LeftButton)
        result = finished.args[0]
        assert len(result.token_ids) == 4 and result.text
        assert result.media_encodes == 2 and not result.skipped_media
        assert not chip.isVisible() and chip.audio is None and window.composer.editor.toPlainText() == ""
        assert len(audio_units(window)) == math.ceil(41.0 / 30) == 2
        assert window.host.worker.engine.own_speech.encode_calls == 2

        bubble_text = " ".join(label.text() for label in window.chat_view.findChildren(type(chip.label))
                               if label.objectName() == "audio-attachment")
        assert "meeting.wav" in bubble_text and "0:41" in bubble_text
        conversation_id = window.chat.conversation.conversation_id
        stored = window.store.messages(conversation_id)[0]
        assert [(a.kind, a.name) for a in stored.attachments] == [("audio", "meeting.wav")]
        kept = window.store.read_media(stored.attachments[0].sha256)
        assert kept == recording.read_bytes()
        media_files = [p for p in (tmp_path / "store").rglob("*") if p.is_file() and p.read_bytes() == kept]
        assert media_files and all(stat.S_IMODE(os.stat(p).st_mode) == 0o600 for p in media_files)
    finally:
        window.close()
        window.store.close()

    again = open_window(qtbot, tmp_path / "store", hearing_model)
    try:
        again.chat.open_conversation(conversation_id)
        message = again.chat.conversation.messages[0]
        assert [item.kind for item in message.media] == ["audio", "audio"]
        labels = [label.text() for label in again.chat_view.findChildren(type(chip.label))
                  if label.objectName() == "audio-attachment"]
        assert labels and "meeting.wav" in labels[0] and "0:41" in labels[0]
        with qtbot.waitSignal(again.chat.answerFinished, timeout=4 * WAIT_MS):
            again.chat.send("And who spoke?")
        assert len(audio_units(again)) == 2, "the kept recording goes to the model again"
    finally:
        again.close()
        again.store.close()


def test_bad_recordings_get_a_sentence_and_keep_what_was_typed(qtbot, tmp_path, hearing_model, monkeypatch):
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really audio")
    silent = tmp_path / "silent.wav"
    save_wav(silent, np.zeros(16_000 * 3, dtype=np.float32))
    huge = tmp_path / "huge.flac"
    with open(huge, "wb") as stream:
        stream.truncate(MAX_AUDIO_BYTES + 1)
    window = open_window(qtbot, tmp_path / "store", hearing_model)
    try:
        window.composer.editor.setPlainText("keep me")
        for path, words in ((broken, "not a recording this app can read"), (silent, "is silent"),
                            (huge, "at most 64 MB")):
            monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, p=path, **kw: (str(p), ""))
            with qtbot.waitSignal(window.audio.failed, timeout=WAIT_MS):
                window.composer.add_audio_button.click()
            assert path.name in window.notice.label.text() and words in window.notice.label.text()
            assert window.composer.audio_chip.audio is None
            assert window.composer.editor.toPlainText() == "keep me"
    finally:
        window.close()
        window.store.close()


def test_a_model_that_cannot_hear_says_so(qtbot, make_window, tmp_path):
    window = make_window()  # Gemma 3 270M: no projector, no audio encoder
    button, action = window.composer.add_audio_button, window.audio.action
    assert not button.isEnabled() and not action.isEnabled()
    assert "cannot hear" in button.toolTip() and "cannot hear" in action.toolTip()
    recording = tone_wav(tmp_path / "voice-note.wav", 2.0)
    drop(window, recording)
    text = window.notice.label.text()
    assert window.notice.isVisible() and "voice-note.wav" in text and "cannot hear" in text
    assert "not an image" not in text
    assert window.composer.audio_chip.audio is None


def test_the_cannot_hear_notice_goes_when_a_model_that_hears_is_loaded(qtbot, make_window, tmp_path,
                                                                       gemma_model_path):
    window = make_window()
    drop(window, tone_wav(tmp_path / "voice-note.wav", 2.0))
    assert "cannot hear" in window.notice.label.text()
    projector = write_gemma4_audio_projector(tmp_path / "mmproj-audio.gguf")
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=2048, n_threads=2))
    assert window.composer.add_audio_button.isEnabled()
    assert not window.notice.notices.showing, window.notice.label.text()


def test_a_dropped_recording_is_not_called_an_image(qtbot, make_window, tmp_path):
    window = make_window()
    drop(window, tone_wav(tmp_path / "interview.mp3.wav", 1.0))
    text = window.notice.label.text()
    assert "interview.mp3.wav" in text and "cannot hear" in text and "not an image" not in text


def test_a_lost_recording_shows_as_missing_and_can_be_removed(qtbot, tmp_path, hearing_model, monkeypatch):
    recording = tone_wav(tmp_path / "lecture.wav", 5.0)
    window = open_window(qtbot, tmp_path / "store", hearing_model)
    try:
        attach_with_button(qtbot, window, recording, monkeypatch)
        with qtbot.waitSignal(window.chat.answerFinished, timeout=4 * WAIT_MS):
            window.chat.send("What is this?")
        conversation_id = window.chat.conversation.conversation_id
        sha = window.store.messages(conversation_id)[0].attachments[0].sha256
        window.store.media_path(sha).unlink()
        window.chat.new_conversation()
        window.chat.open_conversation(conversation_id)
        bubble = window.chat_view.bubbles[0]
        [lost] = bubble.lost_images()
        assert "lecture.wav" in lost.findChild(QLabel).text() and "recording missing" in lost.findChild(QLabel).text()
        qtbot.mouseClick(lost.remove_button, Qt.LeftButton)
        assert bubble.lost_images() == [] and window.store.messages(conversation_id)[0].attachments == ()
        with qtbot.waitSignal(window.chat.answerFinished, timeout=4 * WAIT_MS) as finished:
            window.chat.send("And now?")
        assert finished.args[0].token_ids
    finally:
        window.close()
        window.store.close()
