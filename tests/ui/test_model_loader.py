"""Every road to a model load goes through the saved settings and is remembered: File ▸ Open
model / Open projector in a real window on the real 270M model, then a restart."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.core.engine.options import LoadOptions
from app.core.models.memory_estimate import GB, MB
from app.core.models.system_memory import MemoryStatus
from app.core.storage.settings import load_settings
from app.ui.application import load_first_model
from app.ui.settings.settings_model import SettingsModel
from tests.projector_factory import write_audio_projector, write_gemma3nv_projector
from tests.ui.conftest import WAIT_MS

ROOMY_GPU = MemoryStatus(free_ram=16 * GB, gpu_offload=True, free_vram=8 * GB)
NO_ROOM = MemoryStatus(free_ram=100 * MB, gpu_offload=False, free_vram=None)
NO_ARGUMENTS = argparse.Namespace(model=None, mmproj=None)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    """Saved settings that differ from every default a bare LoadOptions would use."""
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({
        "generation": {"context_size": 1024},
        "hardware": {"gpu_layers": 6, "threads": 1, "per_layer_embeddings_on_cpu": False},
    }))
    return path


@pytest.fixture
def model_copy(tmp_path: Path, gemma_model_path: Path) -> Path:
    """The 270M model in a folder of its own, so what sits beside it is up to the test."""
    folder = tmp_path / "models"
    folder.mkdir()
    link = folder / "gemma-3-270m-it-Q4_K_M.gguf"
    link.symlink_to(gemma_model_path)
    return link


def open_window(make_window, settings_path: Path, status: MemoryStatus = ROOMY_GPU, **options):
    return make_window(load=False, settings=SettingsModel(settings_path), read_status=lambda gpu: status, **options)


def pick_in_file_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))


def restart(qtbot, make_window, window, settings_path: Path, tmp_path: Path):
    """Close the window and start the app's way again: a new window on the same settings file."""
    window.close()
    again = open_window(make_window, settings_path, store_folder=tmp_path / "store-again")
    with qtbot.waitSignal(again.modelReady, timeout=WAIT_MS) as ready:
        assert load_first_model(NO_ARGUMENTS, again.loader)
    return again, ready.args[0]


def test_open_model_keeps_the_saved_gpu_layers_context_and_threads(qtbot, make_window, settings_path,
                                                                   model_copy, monkeypatch):
    window = open_window(make_window, settings_path)
    pick_in_file_dialog(monkeypatch, model_copy)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
        window.open_model_action.trigger()
        assert window.model_label.text() == "Loading Gemma 3 270M…"
    options = ready.args[0].options
    assert (options.model_path, options.n_ctx, options.n_threads, options.n_gpu_layers) == (model_copy, 1024, 1, 6)
    assert options.per_layer_embeddings_on_cpu is False
    assert window.host.worker.engine.n_ctx == 1024
    assert "Gemma 3 270M · Q4_K_M" in window.model_label.text()


def test_open_model_then_restart_brings_the_same_model_back(qtbot, make_window, settings_path, model_copy,
                                                            gemma_model_path, monkeypatch, tmp_path):
    window = open_window(make_window, settings_path)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.loader.open_model(gemma_model_path)  # some other model in use first
    pick_in_file_dialog(monkeypatch, model_copy)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.open_model_action.trigger()
    assert load_settings(settings_path)[0].model.active_model == model_copy

    again, loaded = restart(qtbot, make_window, window, settings_path, tmp_path)
    assert loaded.options.model_path == model_copy
    assert (loaded.options.n_ctx, loaded.options.n_threads) == (1024, 1)


def test_open_projector_then_restart_keeps_the_projector(qtbot, make_window, settings_path, model_copy,
                                                         monkeypatch, tmp_path):
    window = open_window(make_window, settings_path)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.loader.open_model(model_copy)
    assert window.loaded.options.projector_path is None and not window.loaded.supports_images
    (tmp_path / "elsewhere").mkdir()
    projector = write_gemma3nv_projector(tmp_path / "elsewhere" / "vision-mmproj.gguf")  # not beside the model
    pick_in_file_dialog(monkeypatch, projector)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
        window.open_projector_action.trigger()
    assert ready.args[0].options.projector_path == projector and ready.args[0].supports_images
    assert ready.args[0].options.n_ctx == 1024, "the projector's reload keeps the saved settings too"
    saved = load_settings(settings_path)[0].model
    assert (saved.active_model, saved.projector) == (model_copy, projector)

    again, loaded = restart(qtbot, make_window, window, settings_path, tmp_path)
    assert (loaded.options.model_path, loaded.options.projector_path) == (model_copy, projector)
    assert again.composer.presets.add_image_button.isEnabled()


def test_a_refused_plan_says_why_and_keeps_the_model_in_use(qtbot, make_window, settings_path, model_copy,
                                                            gemma_model_path, monkeypatch):
    window = open_window(make_window, settings_path, status=NO_ROOM)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=gemma_model_path, n_ctx=1024, n_threads=1))
    label_before = window.model_label.text()
    pick_in_file_dialog(monkeypatch, model_copy)
    with qtbot.waitSignal(window.loader.loadFailed, timeout=WAIT_MS) as failed:
        window.open_model_action.trigger()
    sentence = window.notice.label.text()
    assert window.notice.isVisible() and sentence == failed.args[0]
    assert sentence.startswith(f"{model_copy.name} was not loaded. ")
    assert "but only 100 MB is free" in sentence
    assert window.loaded.options.model_path == gemma_model_path
    assert window.host.worker.engine.options.model_path == gemma_model_path
    assert window.model_label.text() == label_before and window.composer.send_button.isEnabled()
    assert load_settings(settings_path)[0].model.active_model is None, "a refused choice is not remembered"


def test_settings_ok_reloads_only_for_a_loading_setting(qtbot, make_window, settings_path, model_copy):
    from tests.ui.settings_support import window_with_settings

    window, controller = window_with_settings(make_window, settings_path, ROOMY_GPU)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.loader.open_model(model_copy, label="the demo", remember=False)  # nothing saved yet, like the demo
    dialog = controller.open_settings()
    dialog.generation_tab.temperature_spin.setValue(0.3)
    with qtbot.assertNotEmitted(window.loader.loadStarted):
        dialog.ok_button.click()
    assert window.chat.sampling.temperature == 0.3

    dialog = controller.open_settings()
    dialog.generation_tab.context_size_spin.setValue(2048)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
        dialog.ok_button.click()
    assert ready.args[0].options.model_path == model_copy and ready.args[0].options.n_ctx == 2048
    assert load_settings(settings_path)[0].model.active_model == model_copy


def test_the_demo_with_an_audio_projector_is_no_longer_called_text_only(qtbot, make_window, settings_path, model_copy,
                                                                        monkeypatch, tmp_path):
    monkeypatch.setattr("app.ui.application.demo_model_path", lambda: model_copy)
    window = open_window(make_window, settings_path)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        assert load_first_model(NO_ARGUMENTS, window.loader)
    assert window.model_label.text().startswith("Gemma 3 270M (demo) · Q4_K_M · text only · ")
    (tmp_path / "elsewhere").mkdir()
    pick_in_file_dialog(monkeypatch, write_audio_projector(tmp_path / "elsewhere" / "audio-mmproj.gguf"))
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as ready:
        window.open_projector_action.trigger()
    assert ready.args[0].supports_audio
    assert window.model_label.text().startswith("Gemma 3 270M (demo) · Q4_K_M · + audio · ")
