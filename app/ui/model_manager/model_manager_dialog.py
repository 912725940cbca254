"""Wires the Model manager: filters the catalog, suggests what fits, downloads with progress,
pause, cancel and retry, lists what is installed, and gets Gemma 3n's audio encoder from Google."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QListWidgetItem, QTreeWidgetItem, QWidget

from app.core import paths
from app.core.hub.audio_encoder_download import audio_encoder_file_name
from app.core.models.catalog import Catalog, CatalogModel, Suggestion
from app.core.hub.downloads import DownloadProgress, repo_folder
from app.core.models.memory_estimate import format_bytes
from app.core.models.library import InstalledModel, ModelLibrary, scan_models
from app.core.models.system_memory import MemoryStatus, read_memory_status
from app.ui.model_manager.download_job import (
    AudioEncoderItem,
    DownloadItem,
    DownloadJob,
    format_eta,
    format_speed,
)
from app.ui.model_manager.model_manager_view import ModelManagerView
from app.ui.settings.appearance import message_style

ID_ROLE = Qt.UserRole
SUGGESTED_ROLE = Qt.UserRole + 1
PATH_ROLE = Qt.UserRole
SUGGESTED_BACKGROUND = QColor(255, 196, 0, 70)  # readable on light and dark palettes


class ModelManagerDialog(ModelManagerView):
    useModel = Signal(object)  # Path of an installed model
    downloadProgress = Signal(int, object)  # file index, DownloadProgress (after the view shows it)
    downloadFinished = Signal(list)  # the verified files
    downloadFailed = Signal(str)
    downloadStopped = Signal(str, bool)  # message, partial files deleted

    def __init__(
        self,
        catalog: Catalog,
        *,
        read_status: Callable[[int], MemoryStatus] = read_memory_status,
        models_folder: Path | None = None,
        extra_folders: Iterable[Path] = (),
        scan: Callable[[list[Path]], ModelLibrary] = scan_models,
        token: str | bool | None = None,
        free_space: Callable[[Path], int] = lambda folder: shutil.disk_usage(folder).free,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.status = read_status(0)
        self.models_folder = models_folder or paths.models_folder()
        self.extra_folders = list(extra_folders)
        self.scan = scan
        self.token = token
        self.free_space = free_space
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: DownloadJob | None = None
        self.job_model: CatalogModel | None = None
        self.job_label = ""
        self.suggestion: Suggestion | None = None
        self.installed = ModelLibrary()
        self.failed_message = ""

        self.search_edit.textChanged.connect(self.refresh_catalog)
        self.size_combo.currentIndexChanged.connect(self.refresh_catalog)
        self.capability_combo.currentIndexChanged.connect(self.refresh_catalog)
        self.catalog_list.currentItemChanged.connect(lambda *_: self._catalog_selected())
        self.download_button.clicked.connect(self.download_selected)
        self.pause_button.clicked.connect(self.pause)
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button.clicked.connect(self.retry)
        self.installed_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.installed_list.itemDoubleClicked.connect(lambda *_: self.use_selected())
        self.use_button.clicked.connect(self.use_selected)
        self.audio_encoder_button.clicked.connect(self.get_audio_encoder)
        self.close_buttons.rejected.connect(self.reject)
        self.refresh_catalog()
        self.refresh_installed()
        self._set_progress_text("")
        self._update_buttons()

    # -- catalog ------------------------------------------------------------------------------
    def needs(self) -> tuple[str, ...]:
        return tuple(self.capability_combo.currentData() or ())

    def visible_models(self) -> list[CatalogModel]:
        words = self.search_edit.text().lower().split()
        found = self.catalog.filter(needs=self.needs(), max_bytes=self.size_combo.currentData())
        return [m for m in found if all(w in f"{m.label} {m.file} {m.repo}".lower() for w in words)]

    def refresh_catalog(self) -> None:
        selected = self.selected_catalog_model()
        self.suggestion = self._suggest()
        tree = self.catalog_list
        tree.clear()
        for model in self.visible_models():
            tree.addTopLevelItem(self._catalog_row(model))
            if selected is not None and model.id == selected.id:
                tree.setCurrentItem(tree.topLevelItem(tree.topLevelItemCount() - 1))
        if self.suggestion is not None:
            reason = self.suggestion.reason
            self.suggestion_label.setText(self.tr("★ Suggested for this machine: {model}. {reason}").format(
                model=self.suggestion.model.label, reason=reason))
        elif self.status.free_ram is None:
            self.suggestion_label.setText(self.tr("The free memory of this machine could not be read, so nothing is suggested."))
        else:
            self.suggestion_label.setText(
                self.tr("Nothing in the catalog fits the {memory} of RAM that is free now.").format(
                    memory=format_bytes(self.status.free_ram)))
        self._catalog_selected()

    def _suggest(self) -> Suggestion | None:
        if self.status.free_ram is None:
            return None
        free_vram = self.status.free_vram if self.status.gpu_offload else None
        return self.catalog.suggest(self.status.free_ram, free_vram=free_vram, needs=self.needs() or ("text",),
                                    max_bytes=self.size_combo.currentData())

    def _catalog_row(self, model: CatalogModel) -> QTreeWidgetItem:
        size = model.download_bytes()
        size_text = ("" if model.size_exact else "≈ ") + format_bytes(size) if size else self.tr("unknown")
        ram = model.ram_estimate()
        suggested = self.suggestion is not None and self.suggestion.model.id == model.id
        name = model.label.rsplit(" · ", 2)[0]
        item = QTreeWidgetItem([("★ " if suggested else "") + name, model.quantization, size_text,
                                f"≈ {format_bytes(ram)}" if ram else self.tr("unknown"), " + ".join(model.capabilities),
                                model.publisher])
        item.setData(0, ID_ROLE, model.id)
        item.setData(0, SUGGESTED_ROLE, suggested)
        item.setToolTip(0, f"{model.repo} / {model.file}")
        if suggested:
            font = QFont(item.font(0))
            font.setBold(True)
            for column in range(item.columnCount()):
                item.setFont(column, font)
                item.setBackground(column, QBrush(SUGGESTED_BACKGROUND))
                item.setToolTip(column, self.suggestion.reason)
        return item

    def selected_catalog_model(self) -> CatalogModel | None:
        item = self.catalog_list.currentItem()
        return self.catalog.get(item.data(0, ID_ROLE)) if item is not None else None

    def _catalog_selected(self) -> None:
        model = self.selected_catalog_model()
        if model is None:
            self.details_label.setText(self.tr("Pick a model to download."))
            self.audio_encoder_check.setVisible(False)
        else:
            projector = model.projector_for(self.needs())
            lines = [f"{model.repo} / {model.file}"]
            if projector is not None:
                size = format_bytes(projector.size_bytes) if projector.size_bytes else self.tr("size unknown")
                lines.append(self.tr("Projector: {file} ({capabilities}, {size})").format(
                    file=projector.file, capabilities=" + ".join(projector.capabilities), size=size))
            lines += [text for text in (model.note, projector.note if projector else "") if text]
            source = model.audio_encoder_repo
            if source is not None:
                lines.append(self.tr("Audio: llama.cpp does not run Gemma 3n's audio encoder and GGUF projectors "
                                     "often lack it; Gemma Desk runs it itself and can cut it out of {source} (gated: "
                                     "accept Google's licence on the hub and give your token; about 1.4 GB is "
                                     "fetched).").format(source=source))
            self.audio_encoder_check.setVisible(source is not None)
            if not model.verified:
                lines.append(self.tr("The file name follows the repository's naming; the hub confirms it before downloading."))
            self.details_label.setText("\n".join(lines))
            self.projector_check.setEnabled(projector is not None)
        self._update_buttons()

    # -- downloading --------------------------------------------------------------------------
    def download_items(self, model: CatalogModel) -> list[DownloadItem]:
        folder = repo_folder(model.repo, self.models_folder)
        items = [DownloadItem(model.repo, model.file, folder)]
        projector = model.projector_for(self.needs())
        if projector is not None and self.projector_check.isChecked():
            # Beside the model, whatever repository it comes from, so that it pairs by folder.
            items.append(DownloadItem(projector.repo, projector.file, folder))
        if model.audio_encoder_repo is not None and self.audio_encoder_check.isChecked():
            items.append(AudioEncoderItem(model.audio_encoder_repo, folder / audio_encoder_file_name(Path(model.file))))
        return items

    def download_selected(self) -> None:
        model = self.selected_catalog_model()
        if model is None or (self.job is not None and self.job.running):
            return
        if self.job is not None and self.job_model is not None and self.job_model.id == model.id:
            return self.retry()  # "Resume" after a pause
        self.job_model = model
        self._begin(self.download_items(model), model.file)

    def get_audio_encoder(self) -> None:
        """For the selected installed Gemma 3n model: its audio encoder from Google's checkpoint."""
        model = self.selected_installed_model()
        target = self.audio_encoder_target(model) if model is not None else None
        if target is None or (self.job is not None and self.job.running):
            return
        if self._paused_audio_encoder(target):
            return self.retry()  # "Resume": the same job, from the parts already fetched
        self.job_model = None
        self._begin([AudioEncoderItem(model.audio_encoder_repo, target)], target.name)

    def _paused_audio_encoder(self, target: Path) -> bool:
        return (self.job is not None and not self.job.running
                and any(isinstance(item, AudioEncoderItem) and item.target == target for item in self.job.items))

    def audio_encoder_target(self, model: InstalledModel) -> Path | None:
        """Where the audio encoder of an installed Gemma 3n model goes; None when it cannot or need not."""
        if model.audio_encoder_repo is None or model.audio_encoder is not None:
            return None
        return model.path.parent / audio_encoder_file_name(model.path)

    def current_token(self) -> str | bool | None:
        return self.token_edit.text().strip() or self.token

    def _begin(self, items: list, label: str) -> None:
        self.job_label = label
        self.job = DownloadJob(items, pool=self.pool, token=self.current_token(), free_space=self.free_space,
                               parent=self)
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.job.stopped.connect(self._stopped)
        self._start()

    def _start(self) -> None:
        self.job.token = self.current_token()
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("%p%")
        self._set_progress_text(self.tr("Asking the hub about {name}…").format(name=self.job_label))
        self.job.start()
        self._update_buttons()

    def pause(self) -> None:
        if self.job is not None and self.job.running:
            self.job.pause()
            self._set_progress_text(self.tr("Pausing…"))

    def cancel(self) -> None:
        if self.job is None:
            return
        running = self.job.running
        self.job.cancel()
        if not running:
            self._set_progress_text(self.tr("Download cancelled; the partial files were deleted."))
            self._forget_job()

    def retry(self) -> None:
        if self.job is not None and not self.job.running:
            self._start()

    def _progressed(self, index: int, progress: DownloadProgress) -> None:
        count = len(self.job.items) if self.job else 1
        step = self.tr(" ({number} of %n)", "", count).format(number=index + 1) if count > 1 else ""
        if progress.fraction is not None:
            self.progress_bar.setValue(int(progress.fraction * 1000))
        total = format_bytes(progress.total) if progress.total else "?"
        if progress.stage == "verifying":
            self.progress_bar.setFormat(self.tr("Checking %p%"))
            text = self.tr("Checking the SHA-256 of {file}{step}…").format(file=progress.filename, step=step)
        elif progress.stage == "converting":
            self.progress_bar.setFormat(self.tr("Writing %p%"))
            text = self.tr("Writing {file}{step}: tensor {number} of {total}…").format(
                file=progress.filename, step=step, number=progress.downloaded, total=progress.total or "?")
        elif progress.stage == "done":
            text = self.tr("{file}{step} verified.").format(file=progress.filename, step=step)
        else:
            self.progress_bar.setFormat("%p%")
            text = self.tr("Downloading {file}{step}: {done} of {total} · {speed} · {eta}").format(
                file=progress.filename, step=step, done=format_bytes(progress.downloaded), total=total,
                speed=format_speed(progress.bytes_per_second), eta=format_eta(progress.eta_seconds))
        self._set_progress_text(text)
        self.downloadProgress.emit(index, progress)

    def _finished(self, files: list[Path]) -> None:
        self.progress_bar.setValue(1000)
        self.progress_bar.setFormat(self.tr("Done"))
        self._set_progress_text(self.tr("Downloaded and verified: {files}").format(
            files=", ".join(path.name for path in files)))
        self._forget_job()
        self.refresh_installed(select=files[0] if files else None)
        self.downloadFinished.emit(files)

    def _failed(self, message: str) -> None:
        self.progress_bar.setFormat(self.tr("Failed"))
        self._set_progress_text(message, error=True)
        self.refresh_installed()  # a model that arrived before its projector failed is usable now
        self.downloadFailed.emit(message)

    def _stopped(self, message: str, discarded: bool) -> None:
        self.progress_bar.setFormat(self.tr("Cancelled") if discarded else self.tr("Paused"))
        self._set_progress_text(message)
        if discarded:
            self._forget_job()
        self.refresh_installed()  # files finished before the pause are usable now
        self.downloadStopped.emit(message, discarded)

    def _forget_job(self) -> None:
        self.job, self.job_model, self.job_label = None, None, ""
        self._update_buttons()

    def _set_progress_text(self, text: str, error: bool = False) -> None:
        self.progress_label.setStyleSheet(message_style("error") if error else "")
        self.progress_label.setText(text)
        self.failed_message = text if error else ""

    def _update_buttons(self) -> None:
        running = self.job is not None and self.job.running
        stopped_job = self.job is not None and not running
        selected = self.selected_catalog_model()
        same = stopped_job and selected is not None and self.job_model is not None and selected.id == self.job_model.id
        self.download_button.setText(self.tr("Resume") if same and not self.failed_message else self.tr("Download"))
        self.download_button.setEnabled(selected is not None and not running and (not stopped_job or same))
        self.pause_button.setVisible(running)
        self.cancel_button.setVisible(self.job is not None)
        self.retry_button.setVisible(stopped_job and bool(self.failed_message))
        self.progress_bar.setVisible(self.job is not None or self.progress_bar.value() > 0)
        self.use_button.setEnabled(self.installed_list.currentItem() is not None)
        installed = self.selected_installed_model()
        target = self.audio_encoder_target(installed) if installed is not None else None
        self.audio_encoder_button.setVisible(installed is not None and installed.architecture == "gemma3n")
        self.audio_encoder_button.setEnabled(not running and target is not None)
        paused = target is not None and self._paused_audio_encoder(target) and not self.failed_message
        self.audio_encoder_button.setText(self.tr("Resume audio encoder") if paused else self.tr("Get audio encoder"))

    # -- installed ----------------------------------------------------------------------------
    def refresh_installed(self, select: Path | None = None) -> None:
        """List what is installed now; `select` (else the model selected before) is selected."""
        current = self.installed_list.currentItem()
        folders = [self.models_folder] + [f for f in self.extra_folders if f != self.models_folder]
        self.installed = self.scan(folders)
        if select is None or self.installed.find(select) is None:  # e.g. an audio encoder just fetched
            select = current.data(PATH_ROLE) if current is not None else None
        self.installed_list.clear()
        for model in self.installed.models:
            projector = f" + {model.projector.path.name}" if model.projector else ""
            if model.audio_encoder is not None and (model.projector is None or model.projector.path != model.audio_encoder):
                projector += f" + {model.audio_encoder.name}"
            item = QListWidgetItem(f"{model.label} · {format_bytes(model.size_bytes)} · {model.path.name}{projector}")
            item.setData(PATH_ROLE, model.path)
            item.setToolTip(str(model.path))
            self.installed_list.addItem(item)
            if select is not None and model.path == select:
                self.installed_list.setCurrentItem(item)
        self._update_buttons()

    def selected_installed_model(self) -> InstalledModel | None:
        item = self.installed_list.currentItem()
        return self.installed.find(item.data(PATH_ROLE)) if item is not None else None

    def use_selected(self) -> None:
        item = self.installed_list.currentItem()
        if item is not None:
            self.useModel.emit(item.data(PATH_ROLE))
