"""The Model manager gets Gemma 3n's audio encoder from a (loopback) Google checkpoint: for an
installed model, and alongside a catalog download; with the user's token, progress and errors."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core import paths
from app.core.catalog import load_catalog
from app.core.gemma3n_audio import read_audio_encoder_shape
from app.core.system_memory import MemoryStatus
from app.core.memory_estimate import GB
from app.ui.model_manager.model_manager_dialog import ID_ROLE, ModelManagerDialog
from app.ui.model_manager.download_job import AudioEncoderItem
from tests.fake_checkpoint import build_checkpoint
from tests.model_factory import write_synthetic_model
from tests.ui.settings_support import wait_until_pool_done

WAIT_MS = 120_000
GOOGLE = "google/gemma-3n-E2B-it"
CPU_ONLY = MemoryStatus(free_ram=16 * GB, gpu_offload=False, free_vram=None)


def make_manager(qtbot) -> ModelManagerDialog:
    dialog = ModelManagerDialog(load_catalog(), read_status=lambda gpu: CPU_ONLY, token=False)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def installed_gemma3n():
    folder = paths.models_folder() / "unsloth__gemma-3n-E2B-it-GGUF"
    folder.mkdir(parents=True)
    return write_synthetic_model(folder / "gemma-3n-E2B-it-Q4_K_M.gguf")


def test_installed_gemma3n_gets_its_audio_encoder_with_the_users_token(qtbot, hub):
    build_checkpoint().host(hub, GOOGLE)
    hub.gated.add(GOOGLE)
    model = installed_gemma3n()
    dialog = make_manager(qtbot)
    dialog.installed_list.setCurrentRow(0)
    assert dialog.audio_encoder_button.isVisible() and dialog.audio_encoder_button.isEnabled()

    with qtbot.waitSignal(dialog.downloadFailed, timeout=WAIT_MS) as failed:
        qtbot.mouseClick(dialog.audio_encoder_button, Qt.LeftButton)
    assert "is gated" in failed.args[0] and "token" in failed.args[0]
    assert dialog.retry_button.isVisible()

    qtbot.keyClicks(dialog.token_edit, "hf_secret")
    texts = []
    dialog.downloadProgress.connect(lambda index, progress: texts.append(dialog.progress_label.text()))
    with qtbot.waitSignal(dialog.downloadFinished, timeout=WAIT_MS) as finished:
        dialog.retry_button.click()
    target = model.parent / "gemma-3n-E2B-it-audio-encoder-F16.gguf"
    assert finished.args == [[target]]
    assert any(text.startswith(f"Downloading {GOOGLE} audio encoder: ") for text in texts)
    assert any(text.startswith(f"Writing {target.name}: tensor ") for text in texts)
    assert {entry.authorization for entry in hub.requests[-5:]} == {"Bearer hf_secret"}
    assert read_audio_encoder_shape(target).block_count == 2
    dialog.installed_list.setCurrentRow(0)
    assert not dialog.audio_encoder_button.isEnabled(), "nothing left to fetch"
    wait_until_pool_done(dialog.pool)


def test_catalog_download_of_gemma3n_can_add_the_audio_encoder(qtbot):
    dialog = make_manager(qtbot)
    tree = dialog.catalog_list
    rows = {tree.topLevelItem(i).data(0, ID_ROLE): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    assert tree.currentItem() is None and not dialog.audio_encoder_check.isVisible()
    tree.setCurrentItem(rows["g3n-e2b-q4km-unsloth"])
    assert dialog.audio_encoder_check.isVisible() and not dialog.audio_encoder_check.isChecked()
    assert "google/gemma-3n-E2B-it (gated" in dialog.details_label.text()
    dialog.audio_encoder_check.setChecked(True)
    model = dialog.selected_catalog_model()
    items = dialog.download_items(model)
    assert items[-1] == AudioEncoderItem(GOOGLE, items[0].folder / "gemma-3n-E2B-it-audio-encoder-F16.gguf")

    gemma4 = next(key for key in rows if key.startswith("g4-"))
    tree.setCurrentItem(rows[gemma4])
    assert not dialog.audio_encoder_check.isVisible()
    assert not any(isinstance(item, AudioEncoderItem) for item in dialog.download_items(dialog.selected_catalog_model()))
