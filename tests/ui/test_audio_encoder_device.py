"""Settings ▸ Hardware ▸ "Audio encoder runs on": saved, reloading the real tiny Gemma 3n with it,
and a GPU that is not there told once, with the numpy encoder taking over."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.core import paths
from app.core.gemma3n_audio import write_audio_projector
from app.core.gemma3n_audio.ggml_encoder import GgmlAudioEncoder
from app.core.gemma3n_audio.ggml_api import load_ggml
from app.core.storage.settings import load_settings
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE, random_audio_weights
from tests.model_factory_gemma3n import cached_random_gemma3n
from tests.ui.conftest import WAIT_MS
from tests.ui.settings_support import MICROPHONES, restore_look, window_with_settings  # noqa: F401
from tests.ui.test_settings_audio_encoder import CPU_ONLY, choose

pytestmark = pytest.mark.usefixtures("restore_look")


def has_gpu_backend() -> bool:
    return any(kind != 0 for _, kind, _ in load_ggml().devices())  # 0: GGML_BACKEND_DEVICE_TYPE_CPU


def test_audio_encoder_device_row_reloads_and_a_missing_gpu_is_told_once(
        qtbot, make_window, tmp_path: Path, request, gemma_model_path: Path) -> None:
    if has_gpu_backend():
        pytest.skip("this llama-cpp-python has a GPU backend: the GPU choice would not fall back")
    model_file = cached_random_gemma3n(Path(request.config.cache.mkdir("models")), preset="tiny",
                                       vocab_from=gemma_model_path)
    folder = paths.models_folder() / "gemma-3n-tiny"
    folder.mkdir(parents=True)
    model = folder / "gemma-3n-tiny-it-Q4_0.gguf"
    os.symlink(model_file, model)
    write_audio_projector(folder / "gemma-3n-tiny-it-audio-encoder-F16.gguf",
                          random_audio_weights(replace(TINY_SHAPE, text_width=256)))
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"model": {"active_model": str(model)}, "generation": {"context_size": 1024},
                                "hardware": {"threads": 2}}))
    window, controller = window_with_settings(make_window, path, CPU_ONLY)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as loading:
        assert window.loader.load_saved()
    assert loading.args[0].audio_encoder_fallback is None  # Automatic on the CPU: numpy, as asked

    dialog = controller.open_settings()
    combo = dialog.hardware_tab.audio_encoder_device_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["auto", "cpu", "gpu"]
    assert combo.currentData() == "auto" and "Automatic" in combo.toolTip()
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as reloading:
        choose(combo, combo.findData("gpu"))
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    loaded = reloading.args[0]
    assert loaded.options.audio_encoder_device == "gpu" and loaded.supports_audio
    assert "no GPU backend" in str(loaded.audio_encoder_fallback)
    assert window.notice.isVisible() and "no GPU backend" in window.notice.label.text()
    assert load_settings(path)[0].hardware.audio_encoder_device == "gpu"

    window.notice.hide()
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(loaded.options)
    assert not window.notice.isVisible()  # told once

    dialog = controller.open_settings()
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as reloading:
        choose(dialog.hardware_tab.audio_encoder_device_combo, 1)  # CPU: ggml's CPU backend
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert reloading.args[0].audio_encoder_fallback is None
    assert isinstance(window.host.worker.engine.own_speech.encoder, GgmlAudioEncoder)
