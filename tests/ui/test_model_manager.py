"""The Model manager against a loopback stand-in for the Hugging Face Hub (HF_ENDPOINT):
progress with speed and ETA, a verified file in the installed list, a checksum error with
Retry, pause and resume, cancel, disk space, filters and the suggested fit."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from app.core import paths
from app.core.models.catalog import Catalog, CatalogModel, FamilyMemory, load_catalog
from app.core.hub.downloads import repo_folder
from app.core.models.memory_estimate import GB
from app.core.models.system_memory import MemoryStatus
from app.ui.model_manager.model_manager_dialog import ID_ROLE, SUGGESTED_ROLE, ModelManagerDialog
from app.ui.settings.appearance import message_style
from tests.model_factory import write_synthetic_model
from tests.ui.settings_support import ThrottledBytes, wait_until_pool_done, window_with_settings  # noqa: F401

WAIT_MS = 120_000
REPO = "ggml-org/gemma-3-270m-it-GGUF"
CPU_ONLY = MemoryStatus(free_ram=16 * GB, gpu_offload=False, free_vram=None)


def small_model(file: str, size: int) -> CatalogModel:
    return CatalogModel(
        id="g3-270m-q4", family="gemma3", size="270M", repo=REPO, file=file, quantization="Q4_K_M",
        size_bytes=size, size_exact=True, verified=True,
        memory=FamilyMemory(context_length=32768, n_head=4, n_vocab=262144, kv_values_per_token=9216, kv_exact=True),
    )


def with_shipped(model: CatalogModel) -> Catalog:
    shipped = load_catalog()
    return Catalog(shipped.version, shipped.updated, [model, *shipped.models], shipped.projectors)


def make_manager(qtbot, catalog: Catalog, status: MemoryStatus = CPU_ONLY, **kwargs) -> ModelManagerDialog:
    dialog = ModelManagerDialog(catalog, read_status=lambda gpu: status, token=False, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def select(dialog: ModelManagerDialog, model_id: str) -> None:
    tree = dialog.catalog_list
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    tree.setCurrentItem(next(row for row in rows if row.data(0, ID_ROLE) == model_id))


def test_download_shows_progress_and_the_verified_model_is_installed(qtbot, hub, gemma_model_path):
    content = gemma_model_path.read_bytes()
    hub.add(REPO, gemma_model_path.name, content)
    dialog = make_manager(qtbot, with_shipped(small_model(gemma_model_path.name, len(content))))
    assert dialog.installed_list.count() == 0
    seen = []
    dialog.downloadProgress.connect(
        lambda index, progress: seen.append((progress, dialog.progress_label.text(), dialog.progress_bar.value())))
    select(dialog, "g3-270m-q4")

    with qtbot.waitSignal(dialog.downloadFinished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(dialog.download_button, Qt.LeftButton)
        assert dialog.pause_button.isVisible() and not dialog.download_button.isEnabled()

    target = repo_folder(REPO) / gemma_model_path.name
    assert finished.args == [[target]]
    downloading = [entry for entry in seen if entry[0].stage == "downloading"]
    assert len(downloading) >= 3, "several progress reports arrive while the file streams"
    assert [p.downloaded for p, _, _ in downloading] == sorted(p.downloaded for p, _, _ in downloading)
    assert [bar for _, _, bar in downloading] == sorted(bar for _, _, bar in downloading)
    with_speed = [text for progress, text, _ in downloading if progress.bytes_per_second]
    assert with_speed and all(" MB/s · " in text and " left" in text for text in with_speed)
    assert any(entry[0].stage == "verifying" for entry in seen)
    assert dialog.progress_label.text() == f"Downloaded and verified: {gemma_model_path.name}"
    assert dialog.progress_bar.value() == 1000 and not dialog.pause_button.isVisible()

    assert dialog.installed_list.count() == 1
    assert dialog.installed_list.currentItem().text().startswith("Gemma 3 270M · Q4_K_M · 253 MB")
    with qtbot.waitSignal(dialog.useModel) as used:
        qtbot.mouseClick(dialog.use_button, Qt.LeftButton)
    assert used.args == [target]
    wait_until_pool_done(dialog.pool)


def test_corrupted_download_shows_the_checksum_error_and_retry_completes(qtbot, hub, tmp_path):
    content = write_synthetic_model(tmp_path / "model.gguf").read_bytes()
    damaged = bytearray(content)
    damaged[len(damaged) // 2] ^= 0xFF
    hosted = hub.add(REPO, "gemma-3n-E2B-it-Q4_K_M.gguf", content, served=bytes(damaged))
    dialog = make_manager(qtbot, with_shipped(small_model("gemma-3n-E2B-it-Q4_K_M.gguf", len(content))))
    select(dialog, "g3-270m-q4")

    with qtbot.waitSignal(dialog.downloadFailed, timeout=WAIT_MS) as failed:
        dialog.download_button.click()
    assert "arrived damaged: its checksum does not match" in failed.args[0]
    assert dialog.progress_label.text() == failed.args[0]
    assert dialog.progress_label.styleSheet() == message_style("error")
    assert dialog.retry_button.isVisible() and dialog.progress_bar.format() == "Failed"
    folder = repo_folder(REPO)
    assert sorted(p.name for p in folder.iterdir()) == [], "the damaged bytes are deleted, never installed"
    assert dialog.installed_list.count() == 0

    hosted.served = None
    with qtbot.waitSignal(dialog.downloadFinished, timeout=WAIT_MS):
        dialog.retry_button.click()
    assert (folder / "gemma-3n-E2B-it-Q4_K_M.gguf").read_bytes() == content
    assert not dialog.retry_button.isVisible()
    assert dialog.installed_list.item(0).text().startswith("Gemma 3n E2B · Q4_K_M")
    wait_until_pool_done(dialog.pool)


def pause_on_first_bytes(dialog: ModelManagerDialog, button) -> None:
    def on_progress(_index, progress) -> None:
        if progress.stage == "downloading" and progress.downloaded > 0 and dialog.job.running:
            button.click()
    dialog.downloadProgress.connect(on_progress)


def test_pause_keeps_the_bytes_and_resume_continues_with_a_range_request(qtbot, hub):
    content = os.urandom(6 * 1024 * 1024)
    hosted = hub.add(REPO, "slow.gguf", content, served=ThrottledBytes(content, rate=4e6))
    dialog = make_manager(qtbot, Catalog(1, "", [small_model("slow.gguf", len(content))]))
    select(dialog, "g3-270m-q4")
    pause_on_first_bytes(dialog, dialog.pause_button)

    with qtbot.waitSignal(dialog.downloadStopped, timeout=WAIT_MS) as stopped:
        dialog.download_button.click()
    message, discarded = stopped.args
    assert not discarded and "it resumes from there" in message
    partial = [p for p in repo_folder(REPO).iterdir() if p.name.endswith(".part")]
    assert len(partial) == 1 and 0 < partial[0].stat().st_size < len(content)
    assert dialog.download_button.text() == "Resume" and dialog.progress_bar.format() == "Paused"
    assert dialog.cancel_button.isVisible() and not dialog.retry_button.isVisible()

    dialog.downloadProgress.disconnect()
    hosted.served = None
    kept = partial[0].stat().st_size
    with qtbot.waitSignal(dialog.downloadFinished, timeout=WAIT_MS):
        dialog.download_button.click()
    assert (repo_folder(REPO) / "slow.gguf").read_bytes() == content
    assert hub.gets()[-1].range == f"bytes={kept}-"
    wait_until_pool_done(dialog.pool)


def test_cancel_deletes_the_partial_file(qtbot, hub):
    content = os.urandom(6 * 1024 * 1024)
    hub.add(REPO, "slow.gguf", content, served=ThrottledBytes(content, rate=4e6))
    dialog = make_manager(qtbot, Catalog(1, "", [small_model("slow.gguf", len(content))]))
    select(dialog, "g3-270m-q4")
    pause_on_first_bytes(dialog, dialog.cancel_button)

    with qtbot.waitSignal(dialog.downloadStopped, timeout=WAIT_MS) as stopped:
        dialog.download_button.click()
    assert stopped.args == ["Download cancelled; the partial files were deleted.", True]
    assert list(repo_folder(REPO).iterdir()) == []
    assert dialog.download_button.text() == "Download" and not dialog.cancel_button.isVisible()
    wait_until_pool_done(dialog.pool)


def test_too_little_disk_space_is_refused_before_downloading(qtbot, hub):
    hub.add(REPO, "big.gguf", b"x" * 4096)
    dialog = make_manager(qtbot, Catalog(1, "", [small_model("big.gguf", 4096)]), free_space=lambda folder: 1000)
    select(dialog, "g3-270m-q4")
    with qtbot.waitSignal(dialog.downloadFailed, timeout=WAIT_MS) as failed:
        dialog.download_button.click()
    assert failed.args[0].startswith("Not enough disk space for big.gguf")
    assert hub.gets() == [], "no byte was fetched"
    assert dialog.retry_button.isVisible()
    wait_until_pool_done(dialog.pool)


def rows(dialog: ModelManagerDialog) -> list[str]:
    tree = dialog.catalog_list
    return [tree.topLevelItem(i).data(0, ID_ROLE) for i in range(tree.topLevelItemCount())]


def suggested(dialog: ModelManagerDialog) -> list[str]:
    tree = dialog.catalog_list
    return [tree.topLevelItem(i).data(0, ID_ROLE) for i in range(tree.topLevelItemCount())
            if tree.topLevelItem(i).data(0, SUGGESTED_ROLE)]


@pytest.mark.parametrize("free_ram", [2 * GB, 16 * GB])
def test_the_fit_for_this_machine_is_highlighted(qtbot, free_ram):
    catalog = with_shipped(small_model("gemma-3-270m-it-Q4_K_M.gguf", 253_000_000))
    dialog = make_manager(qtbot, catalog, status=MemoryStatus(free_ram=free_ram, gpu_offload=False, free_vram=None))
    expected = catalog.suggest(free_ram, needs=("text",))
    assert suggested(dialog) == [expected.model.id]
    if free_ram == 2 * GB:
        assert expected.model.id == "g3-270m-q4", "only the smallest fits in 2 GB"
    item = dialog.catalog_list.topLevelItem(rows(dialog).index(expected.model.id))
    assert item.text(0).startswith("★ ") and item.font(0).bold()
    assert dialog.suggestion_label.text().startswith(f"★ Suggested for this machine: {expected.model.label}.")

    dialog.capability_combo.setCurrentIndex(dialog.capability_combo.findText("Audio"))
    with_audio = catalog.suggest(free_ram, needs=("audio",))
    assert suggested(dialog) == ([with_audio.model.id] if with_audio else [])


def test_search_and_filters_narrow_the_catalog(qtbot):
    catalog = load_catalog()
    dialog = make_manager(qtbot, catalog)
    assert len(rows(dialog)) == len(catalog.models)
    dialog.search_edit.setText("e4b q8_0")
    assert rows(dialog) and all("E4B" in catalog.get(i).label and catalog.get(i).quantization == "Q8_0"
                                for i in rows(dialog))
    dialog.search_edit.clear()
    dialog.capability_combo.setCurrentIndex(dialog.capability_combo.findText("Audio"))
    assert rows(dialog) == [m.id for m in catalog.filter(needs=("audio",))]
    assert all(catalog.get(i).family == "gemma4" for i in rows(dialog))
    dialog.capability_combo.setCurrentIndex(0)
    dialog.size_combo.setCurrentIndex(dialog.size_combo.findText("Up to 5 GB"))
    assert rows(dialog) == [m.id for m in catalog.filter(max_bytes=5 * GB)]
    assert len(rows(dialog)) < len(catalog.models)


def test_installed_models_are_listed_from_the_models_folder(qtbot):
    folder = paths.models_folder() / "a"
    folder.mkdir(parents=True)
    write_synthetic_model(folder / "m.gguf")
    dialog = make_manager(qtbot, Catalog(1, "", []))
    assert dialog.installed_list.count() == 1
    assert not dialog.use_button.isEnabled()
    dialog.installed_list.setCurrentRow(0)
    assert dialog.use_button.isEnabled()


def test_closing_the_window_pauses_a_running_download(qtbot, hub, make_window, tmp_path):
    content = os.urandom(6 * 1024 * 1024)
    hub.add(REPO, "slow.gguf", content, served=ThrottledBytes(content, rate=4e6))
    window, controller = window_with_settings(
        make_window, tmp_path / "settings.json", CPU_ONLY,
        catalog=lambda: Catalog(1, "", [small_model("slow.gguf", len(content))]), download_token=False)
    manager = controller.open_model_manager()
    select(manager, "g3-270m-q4")

    def close_window_once_bytes_arrive(_index, progress) -> None:
        if progress.downloaded > 0 and window.isVisible():
            window.close()

    manager.downloadProgress.connect(close_window_once_bytes_arrive)
    with qtbot.waitSignal(manager.downloadStopped, timeout=WAIT_MS) as stopped:
        manager.download_button.click()
        manager.close()  # closing the manager leaves the download running
    assert stopped.args[1] is False, "paused, not cancelled: the bytes stay for next time"
    assert [p for p in repo_folder(REPO).iterdir() if p.name.endswith(".part")]
    wait_until_pool_done(manager.pool)


def test_an_import_or_a_new_folder_in_settings_shows_at_once_in_the_open_model_manager(qtbot, make_window, tmp_path):
    window, controller = window_with_settings(make_window, tmp_path / "settings.json", CPU_ONLY,
                                              catalog=lambda: Catalog(1, "", []))
    manager = controller.open_model_manager()
    assert manager.installed_list.count() == 0
    dialog = controller.open_settings()
    (tmp_path / "downloads").mkdir()
    source = write_synthetic_model(tmp_path / "downloads" / "gemma-3n-E2B-it-Q4_K_M.gguf")
    with qtbot.waitSignal(dialog.picker.importer.finished, timeout=WAIT_MS):
        dialog.picker.import_files([source])
    assert manager.installed_list.count() == 1
    assert manager.installed_list.item(0).toolTip().startswith(str(paths.models_folder()))

    elsewhere = tmp_path / "more models"
    elsewhere.mkdir()
    write_synthetic_model(elsewhere / "gemma-3n-E4B-it-Q8_0.gguf", block_count=35)
    dialog.picker.add_folder(elsewhere)
    dialog.ok_button.click()
    assert manager.installed_list.count() == 2, "the folder added in Settings is listed too"
    wait_until_pool_done(manager.pool, dialog.picker.importer.pool)


def test_models_that_came_while_the_manager_was_closed_are_listed_when_it_opens_again(qtbot, make_window, tmp_path):
    window, controller = window_with_settings(make_window, tmp_path / "settings.json", CPU_ONLY,
                                              catalog=lambda: Catalog(1, "", []))
    window.model_manager_action.trigger()
    manager = controller.manager
    assert manager.isVisible() and manager.installed_list.count() == 0
    manager.close()
    folder = paths.models_folder() / "from-the-command-line"
    folder.mkdir(parents=True)
    write_synthetic_model(folder / "gemma-3n-E2B-it-Q4_K_M.gguf")  # e.g. `gemma-desk models download`
    window.model_manager_action.trigger()
    assert controller.manager is manager and manager.isVisible()
    assert manager.installed_list.count() == 1


def test_a_model_that_arrived_is_listed_even_when_its_projector_then_fails(qtbot, hub, gemma_model_path):
    from dataclasses import replace

    from app.core.models.catalog import CatalogProjector

    content = gemma_model_path.read_bytes()
    hub.add(REPO, gemma_model_path.name, content)  # the projector is not on the hub
    projector = CatalogProjector(id="p", repo=REPO, file="mmproj-F16.gguf", size_bytes=None, size_exact=False,
                                 vision=True, audio=False, verified=True)
    model = replace(small_model(gemma_model_path.name, len(content)), projectors=(projector,))
    dialog = make_manager(qtbot, Catalog(1, "", [model]))
    select(dialog, "g3-270m-q4")
    assert dialog.projector_check.isChecked()

    with qtbot.waitSignal(dialog.downloadFailed, timeout=WAIT_MS) as failed:
        dialog.download_button.click()
    assert "mmproj-F16.gguf is not in" in failed.args[0]
    assert dialog.installed_list.count() == 1, "the verified model file is usable now, not after reopening"
    assert dialog.installed_list.item(0).toolTip() == str(repo_folder(REPO) / gemma_model_path.name)
    wait_until_pool_done(dialog.pool)


def test_a_gated_repository_points_at_the_token_field_of_this_dialog(qtbot, hub):
    hub.add(REPO, "gated.gguf", b"x" * 4096)
    hub.gated.add(REPO)
    dialog = make_manager(qtbot, Catalog(1, "", [small_model("gated.gguf", 4096)]))
    select(dialog, "g3-270m-q4")
    with qtbot.waitSignal(dialog.downloadFailed, timeout=WAIT_MS) as failed:
        dialog.download_button.click()
    field = dialog.token_label.text().rstrip(":")
    assert f"{REPO} is gated" in failed.args[0] and f"“{field}”" in failed.args[0]
    assert "Settings → Model" not in failed.args[0], "Settings has no token field"
    wait_until_pool_done(dialog.pool)
