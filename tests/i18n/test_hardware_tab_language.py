"""The Hardware tab's sentences built in the core (backend, free memory) reach the window in its
language; the command line keeps the English."""

from __future__ import annotations

from app.core.models.gpu_layers import backend_description
from tests.i18n.test_window_languages import open_settings
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
