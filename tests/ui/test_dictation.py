"""Dictation in the real window: a replayed microphone, real chunker, real libmtmd audio path."""

import numpy as np
import soundfile
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.speech.transcript_export import parse_srt
from app.core.engine.options import LoadOptions
from app.core.storage.settings import Settings, load_settings, save_settings
from app.core.storage.store import ConversationStore
from app.ui.main_window import MainWindow
from app.ui.settings.settings_model import SettingsModel
from tests.core.audio.fake_sounddevice import FakeSoundDevice, ReplayDevice
from tests.model_factory_gemma3n import cached_random_gemma3n
from tests.projector_factory import write_audio_projector, write_gemma3nv_projector
from tests.ui.conftest import WAIT_MS


@pytest.fixture
def dictation_window(qtbot, tmp_path, gemma_model_path, spoken_recording):
    fake = FakeSoundDevice([ReplayDevice("Replayed microphone", spoken_recording.path)], speed=50.0)
    window = MainWindow(ConversationStore.in_folder(tmp_path / "store"), sounddevice=fake)
    qtbot.addWidget(window)
    window.show()
    projector = write_audio_projector(tmp_path / "mmproj-audio.gguf", kind="gemma4ua")
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=4096, n_threads=2))
    window.dictation.max_tokens_per_chunk = 4
    window.dictation_panel.show()
    yield window
    window.close()
    window.store.close()


def test_record_stop_fills_the_transcript_and_exports(qtbot, dictation_window, spoken_recording, tmp_path):
    window = dictation_window
    panel, dictation = window.dictation_panel, window.dictation
    assert panel.device.currentText().startswith("Replayed microphone")
    qtbot.keyClick(panel, Qt.Key_F9)
    assert dictation.recording and "REC" in panel.indicator.text()
    duration = spoken_recording.duration_s
    qtbot.waitUntil(lambda: dictation.recorder.elapsed_s >= duration - 0.02, timeout=WAIT_MS)
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        panel.record_button.click()
    assert not dictation.recording
    segments = dictation.segments
    assert len(segments) == 3
    assert segments[0].start_s == 0.0
    assert segments[-1].end_s == pytest.approx(duration, abs=0.2)
    assert all(a.end_s == pytest.approx(b.start_s) for a, b in zip(segments, segments[1:]))
    lines = panel.transcript.toPlainText().splitlines()
    assert len(lines) == 3 and lines[0].startswith("[00:00 – 00:")
    latencies = dictation.first_token_latencies
    print(f"\nchunk end → first transcript token: {', '.join(f'{s * 1000:.0f} ms' for s in latencies)}")

    srt, txt = tmp_path / "out.srt", tmp_path / "out.txt"
    dictation.export(srt, "srt")
    dictation.export(txt, "txt")
    parsed = parse_srt(srt.read_text(encoding="utf-8"))
    cues = [s for s in segments if s.text.strip()]  # SRT has no empty cues: a chunk heard as nothing is left out
    assert cues and [(s.start_s, s.end_s) for s in parsed] == [
        (pytest.approx(s.start_s, abs=0.001), pytest.approx(s.end_s, abs=0.001)) for s in cues
    ]
    assert txt.read_text(encoding="utf-8").strip() == dictation.plain_text().strip()

    stored = window.store.segments(dictation.session_id)
    assert len(stored) == 3 and all(s.audio_sha256 for s in stored)
    total = sum(len(np.frombuffer(window.store.read_media(s.audio_sha256), dtype=np.uint8)) > 44 for s in stored)
    assert total == 3

    panel.send_to_chat_button.click()
    assert window.composer.editor.toPlainText() == dictation.plain_text()


def test_a_vanishing_microphone_keeps_what_was_recorded(qtbot, tmp_path, gemma_model_path, spoken_recording):
    device = ReplayDevice("USB mic", spoken_recording.path, vanish_after_s=12.0)
    window = MainWindow(ConversationStore.in_folder(tmp_path / "store"), sounddevice=FakeSoundDevice([device], speed=50.0))
    qtbot.addWidget(window)
    projector = write_audio_projector(tmp_path / "mmproj-audio.gguf", kind="gemma4ua")
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=2048, n_threads=2))
    window.dictation.max_tokens_per_chunk = 4
    window.dictation.refresh_devices()
    with qtbot.waitSignal(window.dictation.queueDrained, timeout=4 * WAIT_MS):
        window.dictation.start_recording()
    assert "kept" in window.notice.label.text()
    assert window.dictation.segments[-1].end_s == pytest.approx(12.0, abs=0.2)
    window.close()
    window.store.close()


def test_gemma3n_projector_without_audio_tensors_says_how_to_get_them(qtbot, make_window, tmp_path,
                                                                        gemma_model_path):
    window = make_window(load=False)
    model = cached_random_gemma3n(tmp_path, preset="tiny", vocab_from=gemma_model_path)
    projector = write_gemma3nv_projector(tmp_path / "mmproj-gemma3n.gguf", n_embd=256, with_gemma3na_header=True)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=model, projector_path=projector, n_ctx=1024, n_threads=2))
    assert window.dictation.start_recording() is False
    message = window.notice.label.text()
    assert "(the projector mmproj-gemma3n.gguf lacks its tensors)" in message
    assert "Model manager ▸ Get audio encoder" in message and "Settings ▸ Model ▸ Audio encoder" in message


def test_no_microphone_is_a_clear_message(qtbot, tmp_path, gemma_model_path):
    window = MainWindow(ConversationStore.in_folder(tmp_path / "store"), sounddevice=FakeSoundDevice([], default_input=None))
    qtbot.addWidget(window)
    projector = write_audio_projector(tmp_path / "mmproj-audio.gguf", kind="gemma4ua")
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=1024, n_threads=2))
    window.dictation.refresh_devices()
    assert window.dictation_panel.device.currentText() == "No microphone"
    assert window.dictation.start_recording() is False
    assert "microphone" in window.notice.label.text().lower()
    window.close()
    window.store.close()


def test_a_second_file_queues_behind_the_first_with_its_own_chunks_and_clock(qtbot, dictation_window,
                                                                             spoken_recording, tmp_path):
    window = dictation_window
    dictation, panel = window.dictation, window.dictation_panel
    second = tmp_path / "second.wav"
    soundfile.write(str(second), spoken_recording.samples[: 16_000 * 20], 16_000)
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        assert dictation.transcribe_file(spoken_recording.path)
        assert dictation.transcribe_file(second)
        qtbot.waitUntil(lambda: "speech_16k.wav: chunk 1 of 3" in panel.waiting.text(), timeout=WAIT_MS)
        assert "second.wav: queued" in panel.waiting.text()
    first_id, second_id = sorted(session.id for session in window.store.transcriptions())
    first, later = window.store.segments(first_id), window.store.segments(second_id)
    assert len(first) == 3
    assert first[0].start_s == 0.0 and first[-1].end_s == pytest.approx(spoken_recording.duration_s, abs=0.2)
    assert len(later) == 1
    assert later[0].start_s == 0.0 and later[0].end_s == pytest.approx(20.0, abs=0.01)


def test_record_again_before_the_queue_drains_keeps_two_sessions_apart(qtbot, dictation_window):
    window = dictation_window
    dictation, panel = window.dictation, window.dictation_panel
    panel.record_button.click()
    qtbot.waitUntil(lambda: dictation.recorder.elapsed_s >= 40.0, timeout=WAIT_MS)
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        panel.record_button.click()
        first_length = dictation.recorder.elapsed_s
        panel.record_button.click()
        assert dictation.recording
        qtbot.waitUntil(lambda: dictation.recorder.elapsed_s >= 10.0, timeout=WAIT_MS)
        panel.record_button.click()
    first_id, second_id = sorted(session.id for session in window.store.transcriptions())
    first, later = window.store.segments(first_id), window.store.segments(second_id)
    assert len(first) == 2 and first[0].start_s == 0.0
    assert first[-1].end_s == pytest.approx(first_length, abs=0.3)
    assert later[0].start_s == 0.0 and all(a.end_s == pytest.approx(b.start_s) for a, b in zip(later, later[1:]))


def _key(kind, auto_repeat: bool) -> QKeyEvent:
    return QKeyEvent(kind, Qt.Key_F8, Qt.NoModifier, "", auto_repeat)


def test_push_to_talk_held_through_key_auto_repeat_is_one_recording(qtbot, dictation_window):
    window = dictation_window
    dictation, panel = window.dictation, window.dictation_panel
    panel.push_to_talk.setChecked(True)
    window.composer.editor.setFocus()
    keyboard = window.windowHandle()  # the way the platform delivers keys: shortcuts, then the focused widget
    QTest.keyPress(keyboard, Qt.Key_F8)
    assert dictation.recording
    for repeat in range(16):  # about half a second of holding F8: X11 sends release/press pairs
        qtbot.wait(30)
        if repeat % 2:
            QApplication.sendEvent(keyboard, _key(QEvent.KeyRelease, True))
            QApplication.sendEvent(keyboard, _key(QEvent.KeyPress, True))
        else:  # the pairs Qt could not tell from real ones
            QTest.keyRelease(keyboard, Qt.Key_F8)
            QTest.keyPress(keyboard, Qt.Key_F8)
        assert dictation.recording and len(window.store.transcriptions()) <= 1
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        QTest.keyRelease(keyboard, Qt.Key_F8)
    assert not dictation.recording
    sessions = window.store.transcriptions()
    assert len(sessions) == 1
    assert len(window.store.segments(sessions[0].id)) == 1


def test_the_silence_threshold_setting_decides_which_chunks_reach_the_model(qtbot, dictation_window,
                                                                            spoken_recording, tmp_path):
    window = dictation_window
    dictation = window.dictation
    samples = spoken_recording.samples
    quiet = tmp_path / "quiet.wav"  # speech at about -30 dBFS
    soundfile.write(str(quiet), samples * (10 ** (-30 / 20) / np.sqrt(np.mean(samples ** 2))), 16_000)
    settings = Settings()
    settings.speech.silence_threshold_db = -20.0
    dictation.apply_settings(settings)
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        assert dictation.transcribe_file(quiet)
    assert dictation.segments == [] and window.store.transcriptions() == []
    settings.speech.silence_threshold_db = -45.0
    dictation.apply_settings(settings)
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        assert dictation.transcribe_file(quiet)
    assert len(dictation.segments) == 3


def test_the_panel_starts_from_the_speech_settings_and_edits_them(qtbot, tmp_path, spoken_recording):
    devices = [ReplayDevice("Desk microphone", spoken_recording.path), ReplayDevice("Headset", spoken_recording.path)]
    settings_path = tmp_path / "settings.json"
    saved = Settings()
    saved.speech.input_device, saved.speech.default_task, saved.speech.target_language = "Headset", "translate", "French"
    save_settings(saved, settings_path)
    owner = SettingsModel(settings_path)
    window = MainWindow(ConversationStore.in_folder(tmp_path / "store"), sounddevice=FakeSoundDevice(devices),
                        settings=owner)
    qtbot.addWidget(window)
    panel = window.dictation_panel
    try:
        window.dictation.refresh_devices()
        assert panel.device.currentText() == "Headset"
        assert panel.target_language() == "French"
        with qtbot.waitSignal(owner.changed, timeout=WAIT_MS):
            panel.device.setCurrentIndex(panel.device.findText("Desk microphone", Qt.MatchStartsWith))
        with qtbot.waitSignal(owner.changed, timeout=WAIT_MS):
            panel.task.setCurrentIndex(0)
        stored, _ = load_settings(settings_path)
        assert stored.speech.input_device == "Desk microphone" and stored.speech.default_task == "transcribe"
        assert owner.current.speech == stored.speech
    finally:
        window.close()
        window.store.close()


def test_a_file_job_can_be_cancelled_and_keeps_what_was_done(qtbot, dictation_window, spoken_recording, tmp_path):
    window = dictation_window
    dictation, panel = window.dictation, window.dictation_panel
    assert not panel.cancel_button.isEnabled()
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        assert dictation.transcribe_file(spoken_recording.path)
        qtbot.waitUntil(lambda: "chunk 2 of 3" in panel.waiting.text(), timeout=WAIT_MS)
        assert panel.cancel_button.isEnabled()
        panel.cancel_button.click()
    assert panel.waiting.text() == "speech_16k.wav: cancelled after 1 chunk" and not panel.cancel_button.isEnabled()
    job = dictation.session.finished[-1]
    assert job.status == "cancelled after 1 chunk"
    assert [s.start_s for s in window.store.segments(job.transcription_id)] == [0.0]
    short = tmp_path / "short.wav"  # the next job runs as usual, once the engine lets go of the cancelled chunk
    soundfile.write(str(short), spoken_recording.samples[: 16_000 * 5], 16_000)
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        assert dictation.transcribe_file(short)
    assert [(s.start_s, s.end_s) for s in dictation.segments] == [(0.0, pytest.approx(5.0))]


def test_a_silent_file_says_it_was_silent_once_done(qtbot, dictation_window, tmp_path):
    window = dictation_window
    panel, dictation = window.dictation_panel, window.dictation
    silent = tmp_path / "silent.wav"
    soundfile.write(str(silent), np.zeros(16_000 * 20, np.float32), 16_000)
    with qtbot.waitSignal(dictation.queueDrained, timeout=WAIT_MS):
        assert dictation.transcribe_file(silent)
    assert panel.transcript.toPlainText() == ""  # nothing to transcribe: the status has to say why
    assert panel.waiting.text() == "silent.wav: done, 0 chunks, 1 silent skipped"
