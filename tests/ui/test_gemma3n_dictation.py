"""Done means, for Gemma 3n speech: the audio encoder cut out of a (loopback) Google checkpoint,
found beside the model by the settings, then Record → chunks → transcript in the real window,
through our numpy encoder and a real llama.cpp gemma3n graph."""

from dataclasses import replace

import pytest

from app.core.hub.audio_encoder_download import audio_encoder_file_name, fetch_audio_encoder
from app.core.models.memory_estimate import GB
from app.core.storage.settings import Settings
from app.core.load_plan import load_options_from_settings
from app.core.storage.store import ConversationStore
from app.core.models.system_memory import MemoryStatus
from app.ui.main_window import MainWindow
from tests.core.audio.fake_sounddevice import FakeSoundDevice, ReplayDevice
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE
from tests.fake_checkpoint import build_checkpoint
from tests.model_factory_gemma3n import cached_random_gemma3n
from tests.ui.conftest import WAIT_MS

GOOGLE = "google/gemma-3n-E2B-it"
CPU_ONLY = MemoryStatus(free_ram=16 * GB, gpu_offload=False, free_vram=None)


def test_gemma3n_dictates_with_the_audio_encoder_fetched_from_google(qtbot, hub, tmp_path, gemma_model_path,
                                                                    spoken_recording):
    (tmp_path / "models").mkdir()
    model = cached_random_gemma3n(tmp_path / "models", preset="tiny", vocab_from=gemma_model_path)
    build_checkpoint(shape=replace(TINY_SHAPE, text_width=256)).host(hub, GOOGLE)
    encoder = fetch_audio_encoder(GOOGLE, model.parent / audio_encoder_file_name(model))

    settings = Settings()
    settings.model.active_model = model
    settings.generation.context_size = 4096
    settings.hardware.threads = 2
    options = load_options_from_settings(settings, status=CPU_ONLY)
    assert options.audio_encoder_path == encoder and options.projector_path is None

    fake = FakeSoundDevice([ReplayDevice("Replayed microphone", spoken_recording.path)], speed=50.0)
    window = MainWindow(ConversationStore.in_folder(tmp_path / "store"), sounddevice=fake)
    qtbot.addWidget(window)
    window.show()
    try:
        with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
            window.load_model(options)
        dictation, panel = window.dictation, window.dictation_panel
        dictation.max_tokens_per_chunk = 4
        panel.show()
        assert panel.record_button.isEnabled(), panel.record_button.toolTip()

        panel.record_button.click()
        assert dictation.recording
        qtbot.waitUntil(lambda: dictation.recorder.elapsed_s >= spoken_recording.duration_s - 0.02, timeout=WAIT_MS)
        with qtbot.waitSignal(dictation.queueDrained, timeout=4 * WAIT_MS):
            panel.record_button.click()
        segments = dictation.segments
        assert len(segments) == 3, "70 s of speech → three chunks of at most 30 s"
        assert segments[-1].end_s == pytest.approx(spoken_recording.duration_s, abs=0.2)
        lines = panel.transcript.toPlainText().splitlines()
        assert len(lines) == 3 and all(line.startswith("[") for line in lines)
        assert all(segment.text.strip() for segment in segments), "every chunk got tokens from the model"
    finally:
        window.close()
        window.store.close()
