"""Settings ▸ Hardware ▸ "Audio encoder runs on": saved, and the model is loaded again with it
through the one load route (the real Gemma 3 270M in real llama.cpp)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.storage.settings import load_settings
from tests.ui.conftest import WAIT_MS
from tests.ui.settings_support import restore_look  # noqa: F401
from tests.ui.test_model_switch import window_for

pytestmark = pytest.mark.usefixtures("restore_look")


def test_audio_encoder_device_is_saved_and_reloads_the_model_with_it(qtbot, make_window, tmp_path, gemma_model_path):
    window, controller = window_for(make_window, tmp_path, gemma_model_path)
    assert window.loaded.options.audio_encoder_device == "auto"

    dialog = controller.open_settings()
    combo = dialog.hardware_tab.audio_encoder_device_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Automatic", "CPU", "GPU"]
    assert combo.currentData() == "auto"
    assert "Automatic: on the GPU when the model's layers are on the GPU" in combo.toolTip()
    combo.setCurrentIndex(combo.findData("cpu"))
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)

    assert ready.args[0].options.audio_encoder_device == "cpu"
    assert load_settings(window.settings.path)[0].hardware.audio_encoder_device == "cpu"
    again = controller.open_settings()
    assert again.hardware_tab.audio_encoder_device_combo.currentData() == "cpu"
    again.reject()
