"""The Settings dialog and its controller: round-trip, validation, a corrupt file, GPU estimates,
the model list with its projector, import by drop."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtWidgets import QApplication

from app.core import paths
from app.core.models.memory_estimate import GB, MB, estimate_memory
from app.core.storage.settings import Settings, load_settings
from app.core.models.system_memory import MemoryStatus, auto_gpu_layers
from app.ui.settings.settings_dialog import SettingsDialog
from tests.model_factory import write_synthetic_model
from tests.projector_factory import write_gemma3_projector
from tests.ui.settings_support import MICROPHONES, ROOMY_GPU, restore_look, wait_until_pool_done, window_with_settings  # noqa: F401

pytestmark = pytest.mark.usefixtures("restore_look")


def make_controller(make_window, path: Path, status: MemoryStatus = ROOMY_GPU):
    return window_with_settings(make_window, path, status)


def make_dialog(qtbot, settings: Settings, status: MemoryStatus = ROOMY_GPU, **kwargs) -> SettingsDialog:
    dialog = SettingsDialog(settings, read_status=lambda gpu: status, input_devices=lambda: MICROPHONES, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_settings_round_trip_through_the_dialog(qtbot, make_window, tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"generation": {"temperature": 0.7}, "from_a_newer_version": {"kept": [1, 2]}}))
    window, controller = make_controller(make_window, path)
    assert window.chat.sampling.temperature == 0.7, "saved sampling applies at start"

    dialog = controller.open_settings()
    generation, speech = dialog.generation_tab, dialog.speech_tab
    assert generation.temperature_spin.value() == 0.7
    assert [speech.input_device_combo.itemData(i) for i in range(3)] == [None, "USB microphone", "Laptop microphone"]
    generation.temperature_spin.setValue(0.3)
    generation.top_k_spin.setValue(20)
    generation.max_tokens_spin.setValue(256)
    qtbot.keyClicks(generation.seed_edit, "42")
    generation.system_prompt_edit.setPlainText("Answer in one sentence.")
    speech.input_device_combo.setCurrentIndex(2)
    speech.task_combo.setCurrentIndex(speech.task_combo.findData("translate"))
    speech.language_edit.setText("French")
    speech.silence_spin.setValue(-35)
    dialog.hardware_tab.kv_cache_combo.setCurrentIndex(dialog.hardware_tab.kv_cache_combo.findData("q8_0"))
    dialog.appearance_tab.theme_combo.setCurrentIndex(dialog.appearance_tab.theme_combo.findData("dark"))
    dialog.appearance_tab.font_size_spin.setValue(13)
    with qtbot.waitSignal(window.settings.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)

    saved, warnings = load_settings(path)
    assert warnings == []
    assert (saved.generation.temperature, saved.generation.top_k, saved.generation.max_tokens) == (0.3, 20, 256)
    assert saved.generation.seed == 42 and saved.generation.system_prompt == "Answer in one sentence."
    assert (saved.speech.input_device, saved.speech.default_task, saved.speech.target_language,
            saved.speech.silence_threshold_db) == ("Laptop microphone", "translate", "French", -35.0)
    assert saved.hardware.kv_cache_type == "q8_0"
    assert (saved.appearance.theme, saved.appearance.font_size) == ("dark", 13)
    assert json.loads(path.read_text())["from_a_newer_version"] == {"kept": [1, 2]}, "unknown keys survive"

    sampling = window.chat.sampling
    assert (sampling.temperature, sampling.top_k, sampling.max_tokens, sampling.seed) == (0.3, 20, 256, 42)
    assert window.chat.system_prompt == "Answer in one sentence."
    app = QApplication.instance()
    assert app.palette().color(QPalette.Window).lightness() < 80, "dark palette applied"
    assert app.font().pointSize() == 13

    again = controller.open_settings()
    assert again is not dialog
    assert again.generation_tab.seed_edit.text() == "42"
    assert again.speech_tab.input_device_combo.currentData() == "Laptop microphone"
    assert again.appearance_tab.theme_combo.currentData() == "dark"
    again.reject()


def test_flash_attention_is_a_choice_of_three_and_round_trips(qtbot, make_window, tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"hardware": {"flash_attention": True}}))  # the old checkbox, ticked
    window, controller = make_controller(make_window, path)
    dialog = controller.open_settings()
    combo = dialog.hardware_tab.flash_attention_combo
    assert [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] == [
        ("auto", "Automatic"), ("on", "On"), ("off", "Off")]
    assert combo.currentData() == "on"
    assert "Automatic" in combo.toolTip() and "llama.cpp" in combo.toolTip()
    combo.setCurrentIndex(combo.findData("off"))
    with qtbot.waitSignal(window.settings.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    saved, warnings = load_settings(path)
    assert (saved.hardware.flash_attention, warnings) == ("off", [])
    assert json.loads(path.read_text())["hardware"]["flash_attention"] == "off"

    again = controller.open_settings()
    assert again.hardware_tab.flash_attention_combo.currentData() == "off"
    again.reject()
    assert make_dialog(qtbot, Settings()).hardware_tab.flash_attention_combo.currentData() == "auto"


def test_invalid_value_disables_ok_and_says_why(qtbot):
    dialog = make_dialog(qtbot, Settings())
    dialog.show()
    assert dialog.ok_button.isEnabled() and not dialog.message.isVisible()

    qtbot.keyClicks(dialog.generation_tab.seed_edit, "abc")
    assert not dialog.ok_button.isEnabled()
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Generation ▸ Seed must be a number, got 'abc'."

    dialog.speech_tab.language_edit.clear()
    assert dialog.message.text().splitlines()[1] == "Speech ▸ Language must not be empty."
    dialog.accept()
    assert dialog.isVisible(), "OK does nothing while a value is invalid"

    dialog.generation_tab.seed_edit.setText("-5")
    assert "Seed must be between 0 and 4294967295, got -5" in dialog.message.text()
    dialog.generation_tab.seed_edit.setText("7")
    dialog.speech_tab.language_edit.setText("German")
    assert dialog.ok_button.isEnabled() and not dialog.message.isVisible()
    assert dialog.edited_settings().generation.seed == 7


def test_reset_to_gemma_defaults_keeps_length_seed_and_prompt(qtbot):
    settings = Settings()
    settings.generation.temperature, settings.generation.top_k, settings.generation.repeat_penalty = 0.2, 5, 1.3
    settings.generation.max_tokens, settings.generation.seed, settings.generation.system_prompt = 99, 3, "Be brief."
    dialog = make_dialog(qtbot, settings)
    dialog.generation_tab.reset_button.click()
    generation = dialog.edited_settings().generation
    assert (generation.temperature, generation.top_k, generation.top_p, generation.min_p,
            generation.repeat_penalty) == (1.0, 64, 0.95, 0.0, 1.0)
    assert (generation.max_tokens, generation.seed, generation.system_prompt) == (99, 3, "Be brief.")


def test_corrupt_settings_file_gives_defaults_and_a_visible_warning(qtbot, make_window, tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"generation": {"temperature": 0.5,')
    window, controller = make_controller(make_window, path)
    assert window.settings.current == Settings()
    assert window.notice.isVisible()
    assert "settings.json is not valid JSON" in window.notice.label.text()
    assert "Using the defaults" in window.notice.label.text()
    assert path.read_text() == '{"generation": {"temperature": 0.5,', "the bad file is left for the user to look at"
    assert controller.open_settings().generation_tab.temperature_spin.value() == 1.0


def test_out_of_range_value_in_the_file_is_named_and_replaced(qtbot, make_window, tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"generation": {"top_p": 3}}))
    window, controller = make_controller(make_window, path)
    assert window.settings.current.generation.top_p == 0.95
    assert "generation.top_p must be between 0 and 1, got 3" in window.notice.label.text()


def test_settings_action_is_in_the_file_menu_with_ctrl_comma(make_window, tmp_path):
    window, controller = make_controller(make_window, tmp_path / "settings.json")
    texts = [action.text() for action in window.file_menu.actions()]
    assert texts.index("Settings…") < texts.index("Quit")
    assert texts.index("Model manager…") < texts.index("Quit")
    assert window.settings_action.shortcut().toString() == "Ctrl+,"


@pytest.fixture
def synthetic_e2b() -> Path:
    folder = paths.models_folder() / "synthetic"
    folder.mkdir(parents=True)
    return write_synthetic_model(folder / "gemma-3n-E2B-it-Q4_K_M.gguf")


def test_gpu_layer_choices_show_their_estimates(qtbot, synthetic_e2b):
    settings = Settings()
    settings.model.active_model = synthetic_e2b
    dialog = make_dialog(qtbot, settings, system_info="CPU : AVX2 = 1 | CUDA : ARCHS = 900 | ")
    tab = dialog.hardware_tab
    assert tab.backend_label.text() == "GPU offload: CUDA (llama.cpp)"
    assert tab.memory_label.text() == "Free now: 16.0 GB RAM free · GPU: 8.0 GB free"

    estimate = estimate_memory(synthetic_e2b, n_ctx=8192)
    auto = auto_gpu_layers(estimate, ROOMY_GPU).n_gpu_layers
    shown = {choice: label.text() for choice, label in tab.gpu_estimates.items()}
    assert shown["none"] == estimate.describe(0) and "VRAM" not in shown["none"]
    assert shown["all"] == estimate.describe(estimate.max_gpu_layers) and "VRAM" in shown["all"]
    assert shown["auto"] == estimate.describe(auto)
    assert shown["none"].startswith("≈ ") and shown["none"].endswith(" RAM")

    tab.gpu_layers_spin.setValue(10)
    assert tab.gpu_estimates["number"].text() == estimate.describe(10)
    dialog.generation_tab.context_size_spin.setValue(32768)
    longer = estimate_memory(synthetic_e2b, n_ctx=32768)
    assert tab.gpu_estimates["none"].text() == longer.describe(0) != shown["none"]
    tab.kv_cache_combo.setCurrentIndex(tab.kv_cache_combo.findData("q8_0"))
    smaller = estimate_memory(synthetic_e2b, n_ctx=32768, kv_cache_type="q8_0")
    assert tab.gpu_estimates["none"].text() == smaller.describe(0)
    assert smaller.split(0).ram_bytes < longer.split(0).ram_bytes


def test_a_choice_that_does_not_fit_is_marked_with_the_numbers(qtbot, synthetic_e2b):
    settings = Settings()
    settings.model.active_model = synthetic_e2b
    settings.hardware.gpu_layers = "all"
    small_gpu = MemoryStatus(free_ram=16 * GB, gpu_offload=True, free_vram=600 * MB)
    dialog = make_dialog(qtbot, settings, status=small_gpu)
    needed = estimate_memory(synthetic_e2b, n_ctx=8192).split(31).vram_bytes
    text = dialog.hardware_tab.gpu_estimates["all"].text()
    assert text.startswith("does not fit: ≈ ") and text.endswith("GPU memory needed, 600 MB free")
    assert f"{needed / GB:.1f} GB" in text or f"{needed / MB:.0f} MB" in text
    assert "needs ≈" in dialog.message.text() and dialog.ok_button.isEnabled(), "a warning, not an error"
    dialog.hardware_tab.gpu_buttons["auto"].setChecked(True)
    assert not dialog.message.isVisible()


def test_model_tab_lists_models_quantizations_and_projector(qtbot, gemma_model_path, synthetic_e2b):
    folder = paths.models_folder() / "gemma-3-270m"
    folder.mkdir(parents=True)
    model = folder / gemma_model_path.name
    os.symlink(gemma_model_path, model)
    projector = write_gemma3_projector(folder / "mmproj-gemma-3-270m-F16.gguf")
    settings = Settings()
    settings.model.active_model = model
    dialog = make_dialog(qtbot, settings, loaded_model=model)
    tab = dialog.model_tab
    rows = [[tab.model_list.topLevelItem(i).text(c) for c in range(5)] for i in range(tab.model_list.topLevelItemCount())]
    assert rows[0][:4] == ["Gemma 3 270M  (loaded)", "Q4_K_M", "253 MB", "32,768"]
    assert rows[0][4].startswith("mmproj-gemma-3-270m-F16.gguf · image")
    assert rows[1][:2] == ["Gemma 3n E2B", "Q4_K_M"]
    assert tab.projector_combo.itemText(0) == "Automatic: mmproj-gemma-3-270m-F16.gguf"
    assert [tab.projector_combo.itemData(i) for i in range(tab.projector_combo.count())] == [None, str(projector)]
    assert tab.loaded_label.text().startswith("Loaded now: Gemma 3 270M · Q4_K_M")

    tab.model_list.setCurrentItem(tab.model_list.topLevelItem(1))
    assert dialog.edited_settings().model.active_model == synthetic_e2b
    assert tab.projector_combo.count() == 1, "the 640-wide projector does not pair with a 2048-wide model"


def drop_files(widget, files: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(file)) for file in files])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    widget.dropEvent(event)
    return event


def test_dropping_a_gguf_imports_it_as_a_link(qtbot, tmp_path):
    outside = write_synthetic_model(tmp_path / "gemma-3n-E4B-it-Q8_0.gguf", block_count=35, file_type=7)
    dialog = make_dialog(qtbot, Settings())
    tab = dialog.model_tab
    assert tab.model_list.topLevelItemCount() == 0
    tab.import_mode_combo.setCurrentIndex(1)  # link
    with qtbot.waitSignal(dialog.picker.importer.finished, timeout=30_000):
        event = drop_files(tab.model_list, [outside, tmp_path / "notes.txt"])
    assert event.isAccepted()
    imported = paths.models_folder() / outside.stem / outside.name
    assert imported.is_symlink() and imported.resolve() == outside
    assert tab.model_list.topLevelItemCount() == 1
    assert tab.model_list.currentItem().text(0) == "Gemma 3n E4B"
    assert tab.import_status.text() == f"Imported {outside.name}."
    assert dialog.edited_settings().model.active_model == imported
    wait_until_pool_done(dialog.picker.importer.pool)


def test_dropping_a_broken_file_says_why(qtbot, tmp_path):
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"not a gguf at all")
    dialog = make_dialog(qtbot, Settings())
    with qtbot.waitSignal(dialog.picker.importer.finished, timeout=30_000):
        drop_files(dialog.model_tab.model_list, [bad])
    assert "broken.gguf is not a GGUF file" in dialog.model_tab.import_status.text()
    assert dialog.model_tab.model_list.topLevelItemCount() == 0
    wait_until_pool_done(dialog.picker.importer.pool)


def test_no_microphones_listed_is_a_note_not_a_crash(qtbot):
    from app.core.audio.capture import CaptureError, CaptureProblem

    def failing():
        raise CaptureError(CaptureProblem.AUDIO_SYSTEM_UNAVAILABLE, "PortAudio is not installed.")

    dialog = SettingsDialog(Settings(), read_status=lambda gpu: ROOMY_GPU, input_devices=failing)
    qtbot.addWidget(dialog)
    assert dialog.speech_tab.input_device_combo.count() == 1
    assert "PortAudio is not installed." in dialog.speech_tab.input_device_note.text()
    assert dialog.ok_button.isEnabled()
