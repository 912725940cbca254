"""The Model manager gets Gemma 3n's audio encoder from a (loopback) Google checkpoint: for an
installed model, and alongside a catalog download; with the user's token, progress and errors."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core import paths
from app.core.models.catalog import load_catalog
from app.core.gemma3n_audio import read_audio_encoder_shape
from app.core.models.system_memory import MemoryStatus
from app.core.models.memory_estimate import GB
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
    assert dialog.installed_list.item(0).text().endswith(f"gemma-3n-E2B-it-Q4_K_M.gguf + {target.name}")
    assert dialog.installed.models[0].capabilities == ("text", "audio")
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


def test_an_encoder_arriving_beside_the_loaded_gemma3n_is_taken_at_once(
        qtbot, hub, make_window, tmp_path, request, gemma_model_path):
    from dataclasses import replace

    from app.core.hub.audio_encoder_download import fetch_audio_encoder
    from app.core.engine.options import LoadOptions
    from tests.ui.settings_support import window_with_settings
    from tests.core.gemma3n_audio.random_weights import TINY_SHAPE
    from tests.model_factory_gemma3n import cached_random_gemma3n

    model = cached_random_gemma3n(tmp_path, preset="tiny", vocab_from=gemma_model_path)
    window, controller = window_with_settings(make_window, tmp_path / "settings.json", CPU_ONLY)
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as loaded:
        window.load_model(LoadOptions(model_path=model, n_ctx=1024, n_threads=2))
    assert not loaded.args[0].supports_audio
    manager = controller.open_model_manager()

    build_checkpoint(shape=replace(TINY_SHAPE, text_width=256)).host(hub, GOOGLE)
    encoder = fetch_audio_encoder(GOOGLE, model.parent / "gemma3n-tiny-audio-encoder-F16.gguf")
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS) as reloaded:
        manager.downloadFinished.emit([encoder])
    assert reloaded.args[0].options.audio_encoder_path == encoder and reloaded.args[0].supports_audio
    assert "so the model can hear" in window.notice.label.text()

    manager.downloadFinished.emit([tmp_path / "unrelated.gguf"])  # nothing new for this model: no reload
    assert window.host.worker is not None and window.loaded.options.audio_encoder_path == encoder


def test_pausing_the_audio_encoder_offers_resume_which_continues(qtbot, hub):
    from tests.ui.settings_support import ThrottledBytes

    checkpoint = build_checkpoint()
    checkpoint.host(hub, GOOGLE, **{name: {"served": ThrottledBytes(content, rate=400e3)}
                                    for name, content in checkpoint.shards.items()})
    model = installed_gemma3n()
    dialog = make_manager(qtbot)
    dialog.installed_list.setCurrentRow(0)

    def pause_once_bytes_arrive(_index, progress) -> None:
        if progress.stage == "downloading" and progress.downloaded > 0 and dialog.job.running:
            dialog.pause_button.click()

    dialog.downloadProgress.connect(pause_once_bytes_arrive)
    with qtbot.waitSignal(dialog.downloadStopped, timeout=WAIT_MS) as stopped:
        dialog.audio_encoder_button.click()
    assert stopped.args[1] is False and "it resumes from there" in stopped.args[0]
    assert dialog.audio_encoder_button.text() == "Resume audio encoder" and dialog.audio_encoder_button.isEnabled()
    dialog.downloadProgress.disconnect(pause_once_bytes_arrive)

    for name, content in checkpoint.shards.items():
        hub.files[(GOOGLE, name)].served = None
    with qtbot.waitSignal(dialog.downloadFinished, timeout=WAIT_MS) as finished:
        dialog.audio_encoder_button.click()
    assert finished.args == [[model.parent / "gemma-3n-E2B-it-audio-encoder-F16.gguf"]]
    wait_until_pool_done(dialog.pool)
