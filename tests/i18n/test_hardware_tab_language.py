"""The Hardware tab's sentences built in the core (backend, free memory) reach the window in its
language; the command line keeps the English."""

from __future__ import annotations

from app.core import paths
from app.core.models.gpu_layers import backend_description
from app.core.models.system_memory import MemoryStatus
from app.core.storage.settings import Settings
from app.ui.settings.settings_dialog import SettingsDialog
from tests.i18n.test_window_languages import open_settings
from tests.model_factory import write_synthetic_model
from tests.ui.settings_support import ROOMY_GPU


def test_backend_and_free_memory_in_german(qtbot, ui_language):
    ui_language("de")
    dialog = open_settings(qtbot)
    tab = dialog.hardware_tab
    assert tab.backend_label.text().startswith("GPU-Auslagerung")
    assert "frei" in tab.memory_label.text() and "free" not in tab.memory_label.text()


def test_backend_and_free_memory_in_chinese(qtbot, ui_language):
    ui_language("zh_CN")
    dialog = open_settings(qtbot)
    tab = dialog.hardware_tab
    assert "GPU 卸载" in tab.backend_label.text()
    assert "free" not in tab.memory_label.text() and "可用" in tab.memory_label.text()


def test_the_command_line_keeps_english():
    assert "RAM free" in ROOMY_GPU.describe()
    assert backend_description(False, "") == "CPU only: this build of llama.cpp has no GPU backend."


def test_gpu_layer_reasons_in_german(qtbot, ui_language):
    ui_language("de")
    folder = paths.models_folder() / "synthetic"
    folder.mkdir(parents=True)
    settings = Settings()
    settings.model.active_model = write_synthetic_model(folder / "gemma-3n-E2B-it-Q4_K_M.gguf")
    settings.hardware.gpu_layers = "all"
    small_gpu = MemoryStatus(free_ram=16 * 10**9, gpu_offload=True, free_vram=600 * 10**6)
    dialog = SettingsDialog(settings, read_status=lambda gpu: small_gpu, input_devices=lambda: [])
    qtbot.addWidget(dialog)
    tab = dialog.hardware_tab
    assert tab.gpu_estimates["all"].text().startswith("passt nicht: ≈ ")
    tab.gpu_buttons["none"].setChecked(True)
    assert tab.gpu_reason.text() == "GPU-Schichten: keine (alles auf der CPU)."
