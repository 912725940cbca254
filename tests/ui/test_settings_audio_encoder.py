"""The Model tab's "Audio encoder:" row for Gemma 3n: what it lists, picking a file (the file
dialog is the OS edge, faked), and a change reloading the real model in a real window."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.core import paths
from app.core.gemma3n_audio import write_audio_projector
from app.core.models.memory_estimate import GB
from app.core.models.projector_file import inspect_audio_encoder
from app.core.storage.settings import Settings, load_settings
from app.core.models.system_memory import MemoryStatus
from app.ui.settings.audio_encoder_choice import CHOOSE_FILE, NOT_GEMMA3N, encoder_text
from app.core.load_plan import needs_reload
from app.ui.settings.settings_dialog import SettingsDialog
from tests.core.gemma3n_audio.random_weights import TINY_SHAPE, random_audio_weights
from tests.model_factory import write_synthetic_model
from tests.model_factory_gemma3n import cached_random_gemma3n
from tests.projector_factory import write_gemma3nv_projector
from tests.ui.conftest import WAIT_MS
from tests.ui.settings_support import MICROPHONES, ROOMY_GPU, restore_look, window_with_settings  # noqa: F401

pytestmark = pytest.mark.usefixtures("restore_look")
CPU_ONLY = MemoryStatus(free_ram=16 * GB, gpu_offload=False, free_vram=None)
OWN, GENERIC = "gemma-3n-E2B-it-audio-encoder-F16.gguf", "audio-encoder-F16.gguf"


@pytest.fixture(scope="module")
def wide_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An audio encoder for a 2048-wide model (Gemma 3n E2B/E4B), tiny otherwise."""
    weights = random_audio_weights(replace(TINY_SHAPE, text_width=2048))
    return write_audio_projector(tmp_path_factory.mktemp("wide") / "encoder.gguf", weights)


@pytest.fixture
def e2b_folder(wide_encoder: Path) -> Path:
    """A synthetic Gemma 3n E2B in the models folder with two audio encoders beside it."""
    folder = paths.models_folder() / "gemma-3n-E2B"
    folder.mkdir(parents=True)
    write_synthetic_model(folder / "gemma-3n-E2B-it-Q4_K_M.gguf")
    for name in (OWN, GENERIC):
        shutil.copyfile(wide_encoder, folder / name)
    return folder


class FakeFileDialog:
    """Stands in for QFileDialog: answers with the given file and records where it started."""

    def __init__(self, answer: Path | None) -> None:
        self.answer, self.asked_in = answer, []

    def __call__(self, parent, folder: Path) -> Path | None:
        self.asked_in.append(folder)
        return self.answer


def make_dialog(qtbot, model: Path, audio_encoder: Path | None = None) -> SettingsDialog:
    settings = Settings()
    settings.model.active_model, settings.model.audio_encoder = model, audio_encoder
    dialog = SettingsDialog(settings, read_status=lambda gpu: ROOMY_GPU, input_devices=lambda: MICROPHONES)
    qtbot.addWidget(dialog)
    return dialog


def items(combo) -> list[tuple[str, object]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def choose(combo, index: int) -> None:
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_row_offers_automatic_the_files_beside_the_model_and_a_file_picker(qtbot, e2b_folder: Path) -> None:
    write_gemma3nv_projector(e2b_folder / "mmproj-F16.gguf", n_embd=2048, with_gemma3na_header=True)
    dialog = make_dialog(qtbot, e2b_folder / "gemma-3n-E2B-it-Q4_K_M.gguf")
    combo = dialog.model_tab.audio_encoder_combo
    own, generic = inspect_audio_encoder(e2b_folder / OWN), inspect_audio_encoder(e2b_folder / GENERIC)
    assert combo.isEnabled()
    assert items(combo) == [
        (f"Automatic — {OWN}", None),
        (encoder_text(own), str(own.path)),
        (encoder_text(generic), str(generic.path)),
        (CHOOSE_FILE, None),
    ], "the declared-only mmproj is not offered: it has no audio tensors"
    projectors = [dialog.model_tab.projector_combo.itemData(i) for i in range(dialog.model_tab.projector_combo.count())]
    assert str(own.path) not in projectors, "an audio-only encoder is no projector for llama.cpp"
    assert dialog.edited_settings().model.audio_encoder is None, "automatic is saved as none"

    choose(combo, 2)
    assert dialog.edited_settings().model.audio_encoder == generic.path


def test_the_saved_choice_is_shown_and_follows_its_model(qtbot, e2b_folder: Path, gemma_model_path: Path) -> None:
    gemma3 = e2b_folder / gemma_model_path.name
    os.symlink(gemma_model_path, gemma3)
    e2b = e2b_folder / "gemma-3n-E2B-it-Q4_K_M.gguf"
    dialog = make_dialog(qtbot, e2b, audio_encoder=e2b_folder / GENERIC)
    combo, models = dialog.model_tab.audio_encoder_combo, dialog.model_tab.model_list
    assert combo.currentData() == str(e2b_folder / GENERIC)

    dialog.picker.select(gemma3)
    assert not combo.isEnabled() and combo.toolTip() == NOT_GEMMA3N
    assert dialog.edited_settings().model.audio_encoder is None
    dialog.picker.select(e2b)
    assert models.currentItem().text(0).startswith("Gemma 3n E2B")
    assert dialog.edited_settings().model.audio_encoder == e2b_folder / GENERIC, "going back brings the choice back"


def test_a_saved_file_that_is_gone_is_still_shown(qtbot, e2b_folder: Path, tmp_path: Path) -> None:
    gone = tmp_path / "moved-audio-encoder.gguf"
    dialog = make_dialog(qtbot, e2b_folder / "gemma-3n-E2B-it-Q4_K_M.gguf", audio_encoder=gone)
    combo = dialog.model_tab.audio_encoder_combo
    assert combo.currentText() == "moved-audio-encoder.gguf (not there any more)"
    assert dialog.edited_settings().model.audio_encoder == gone


def test_choose_file_takes_an_encoder_from_elsewhere(
        qtbot, e2b_folder: Path, wide_encoder: Path, tmp_path: Path) -> None:
    elsewhere = Path(shutil.copyfile(wide_encoder, tmp_path / "my-audio-encoder.gguf"))
    dialog = make_dialog(qtbot, e2b_folder / "gemma-3n-E2B-it-Q4_K_M.gguf")
    choice, combo = dialog.picker.audio_encoder_choice, dialog.model_tab.audio_encoder_combo
    choice.choose_file = picker = FakeFileDialog(elsewhere)
    with qtbot.waitSignal(dialog.picker.changed):
        choose(combo, combo.count() - 1)
    assert picker.asked_in == [e2b_folder]
    assert combo.currentText() == f"my-audio-encoder.gguf — {tmp_path}"
    assert combo.itemText(combo.count() - 1) == CHOOSE_FILE
    assert dialog.edited_settings().model.audio_encoder == elsewhere
    assert dialog.model_tab.audio_encoder_note.text() == "Audio encoder: my-audio-encoder.gguf."


@pytest.mark.parametrize(("make", "message"), [
    (lambda folder: write_gemma3nv_projector(folder / "mmproj-vision.gguf", n_embd=2048),
     "mmproj-vision.gguf is not Gemma 3n's audio encoder: it has no audio encoder. The audio encoder was not changed."),
    (lambda folder: write_audio_projector(folder / "narrow.gguf", random_audio_weights()),
     "narrow.gguf makes 48-wide audio embeddings but this model needs 2048: it belongs to another model. "
     "The audio encoder was not changed."),
    (lambda folder: write_synthetic_model(folder / "gemma-3n-E4B-it-Q8_0.gguf"),
     "gemma-3n-E4B-it-Q8_0.gguf is a gemma3n language model, not Gemma 3n's audio encoder."),
], ids=["vision-projector", "other-width", "language-model"])
def test_a_picked_file_that_is_no_encoder_for_this_model_keeps_the_choice(
        qtbot, e2b_folder: Path, tmp_path: Path, make, message: str) -> None:
    dialog = make_dialog(qtbot, e2b_folder / "gemma-3n-E2B-it-Q4_K_M.gguf")
    combo, note = dialog.model_tab.audio_encoder_combo, dialog.model_tab.audio_encoder_note
    choose(combo, 2)
    before = items(combo)
    dialog.picker.audio_encoder_choice.choose_file = FakeFileDialog(make(tmp_path))
    with qtbot.assertNotEmitted(dialog.picker.changed):
        choose(combo, combo.count() - 1)
    assert message in note.text() and not note.isHidden()
    assert items(combo) == before and combo.currentIndex() == 2, "the previous choice stays"
    assert dialog.edited_settings().model.audio_encoder == e2b_folder / GENERIC


def test_cancelling_the_file_dialog_changes_nothing(qtbot, e2b_folder: Path) -> None:
    dialog = make_dialog(qtbot, e2b_folder / "gemma-3n-E2B-it-Q4_K_M.gguf")
    combo = dialog.model_tab.audio_encoder_combo
    dialog.picker.audio_encoder_choice.choose_file = FakeFileDialog(None)
    with qtbot.assertNotEmitted(dialog.picker.changed):
        choose(combo, combo.count() - 1)
    assert combo.currentIndex() == 0 and dialog.model_tab.audio_encoder_note.isHidden()


def test_a_changed_audio_encoder_reloads_the_model() -> None:
    old, new = Settings(), Settings()
    new.model.audio_encoder = Path("/models/gemma-3n-E2B-it-audio-encoder-F16.gguf")
    assert needs_reload(old, new) and not needs_reload(old, Settings())


def test_choosing_another_encoder_reloads_the_real_model_with_it(
        qtbot, make_window, tmp_path: Path, request, gemma_model_path: Path) -> None:
    model_file = cached_random_gemma3n(Path(request.config.cache.mkdir("models")), preset="tiny",
                                       vocab_from=gemma_model_path)
    folder = paths.models_folder() / "gemma-3n-tiny"
    folder.mkdir(parents=True)
    model = folder / "gemma-3n-tiny-it-Q4_0.gguf"
    os.symlink(model_file, model)
    weights = random_audio_weights(replace(TINY_SHAPE, text_width=256))
    automatic = write_audio_projector(folder / "gemma-3n-tiny-it-audio-encoder-F16.gguf", weights)
    spare = write_audio_projector(folder / "spare-audio-encoder-F16.gguf", weights)
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"model": {"active_model": str(model)}, "generation": {"context_size": 1024},
                                "hardware": {"threads": 2}}))
    window, controller = window_with_settings(make_window, path, CPU_ONLY)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as loading:
        assert window.loader.load_saved()
    assert loading.args[0].options.audio_encoder_path == automatic
    assert loading.args[0].supports_audio and loading.args[0].speech_unavailable is None

    dialog = controller.open_settings()
    combo = dialog.model_tab.audio_encoder_combo
    assert combo.itemText(0) == f"Automatic — {automatic.name}"
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as reloading:
        choose(combo, combo.findData(str(spare)))
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert reloading.args[0].options.audio_encoder_path == spare and reloading.args[0].supports_audio
    assert load_settings(path)[0].model.audio_encoder == spare
