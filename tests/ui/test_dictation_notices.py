"""What the Dictation panel says about the microphone and the model stays only while it is true:
a microphone that failed and then records, a model that could not hear and then can."""

import numpy as np
import pytest
import soundfile

from app.core.engine.options import LoadOptions
from app.core.storage.store import ConversationStore
from app.ui.main_window import MainWindow
from tests.core.audio.fake_sounddevice import FakeSoundDevice, ReplayDevice
from tests.projector_factory import write_audio_projector
from tests.ui.conftest import WAIT_MS


@pytest.fixture
def window_with_microphones(qtbot, tmp_path, spoken_recording):
    """A window whose microphones are `devices` (replayed files), with no model loaded yet."""
    windows = []

    def make(devices: list[ReplayDevice]) -> MainWindow:
        fake = FakeSoundDevice(devices, speed=50.0)
        window = MainWindow(ConversationStore.in_folder(tmp_path / "store"), sounddevice=fake)
        qtbot.addWidget(window)
        window.show()
        window.dictation_panel.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.store.close()


def _load(qtbot, window, model_path, projector=None) -> None:
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=model_path, projector_path=projector, n_ctx=2048, n_threads=2))
    window.dictation.max_tokens_per_chunk = 4


def _notice(window) -> str | None:
    return window.notice.label.text() if window.notice.notices.showing else None


def _choose_microphone(window, name: str) -> None:
    combo = window.dictation_panel.device
    combo.setCurrentIndex(combo.findData(name))


def test_a_microphone_notice_goes_once_a_microphone_records(qtbot, tmp_path, gemma_model_path,
                                                            spoken_recording, window_with_microphones):
    window = window_with_microphones([
        ReplayDevice("Busy mic", spoken_recording.path, open_error="Device unavailable [PaErrorCode -9985]"),
        ReplayDevice("USB mic", spoken_recording.path, vanish_after_s=6.0),
        ReplayDevice("Desk mic", spoken_recording.path),
    ])
    _load(qtbot, window, gemma_model_path, write_audio_projector(tmp_path / "mmproj-audio.gguf"))
    dictation = window.dictation
    _choose_microphone(window, "Busy mic")
    assert not dictation.start_recording()
    assert "Could not open the microphone 'Busy mic'" in _notice(window)

    _choose_microphone(window, "USB mic")
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        assert dictation.start_recording()
        assert _notice(window) is None, "the busy microphone's notice went when the USB one recorded"
    lost = _notice(window)
    assert "'USB mic' stopped delivering audio after 6.0 s" in lost
    assert lost.count("kept") == 1, lost

    _choose_microphone(window, "Desk mic")
    assert dictation.start_recording()
    assert _notice(window) is None
    dictation.stop_recording()


def test_the_cannot_hear_notice_goes_when_a_model_that_hears_is_loaded(qtbot, tmp_path, gemma_model_path,
                                                                       spoken_recording, window_with_microphones):
    window = window_with_microphones([ReplayDevice("Desk mic", spoken_recording.path)])
    _load(qtbot, window, gemma_model_path)
    assert not window.dictation.start_recording()
    assert "cannot hear" in _notice(window)
    _load(qtbot, window, gemma_model_path, write_audio_projector(tmp_path / "mmproj-audio.gguf"))
    assert _notice(window) is None


def _quiet_wav(path, seconds: float, amplitude: float):
    """A muted microphone: zeros, or noise far under the chunker's silence level (-46 dBFS)."""
    noise = np.random.default_rng(7).standard_normal(int(16_000 * seconds)) * amplitude
    soundfile.write(str(path), noise.astype(np.float32), 16_000, subtype="FLOAT")
    return path


def test_a_microphone_that_hears_nothing_says_so_until_one_records_sound(
        qtbot, tmp_path, gemma_model_path, spoken_recording, window_with_microphones):
    window = window_with_microphones([
        ReplayDevice("Muted mic", _quiet_wav(tmp_path / "hiss.wav", 2.0, 1e-4)),
        ReplayDevice("Dead mic", _quiet_wav(tmp_path / "zeros.wav", 8.0, 0.0)),
        ReplayDevice("Desk mic", spoken_recording.path),
    ])
    _load(qtbot, window, gemma_model_path, write_audio_projector(tmp_path / "mmproj-audio.gguf"))
    dictation = window.dictation

    _choose_microphone(window, "Muted mic")
    assert dictation.start_recording()
    qtbot.waitUntil(lambda: dictation.recorder.elapsed_s >= 2.0, timeout=WAIT_MS)
    assert _notice(window) is None, "2 s of quiet while recording is no reason to warn yet"
    with qtbot.waitSignal(dictation.queueDrained, timeout=WAIT_MS):
        dictation.stop_recording()
    assert "Nothing was heard from 'Muted mic'" in _notice(window)

    _choose_microphone(window, "Dead mic")
    assert dictation.start_recording()
    qtbot.waitUntil(lambda: "Nothing was heard from 'Dead mic'" in (_notice(window) or ""), timeout=WAIT_MS)
    assert dictation.recording, "the warning comes while recording, after seconds of silence"
    dictation.stop_recording()

    _choose_microphone(window, "Desk mic")
    with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
        assert dictation.start_recording()
        assert _notice(window) is not None, "a microphone that has not recorded yet has not shown it works"
        qtbot.waitUntil(lambda: _notice(window) is None, timeout=WAIT_MS)
        dictation.stop_recording()
    assert _notice(window) is None
