"""Wires the Model tab: lists what scan_models finds, keeps the quantization and projector
choices in step with the selected model, imports dropped or chosen files."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog, QTreeWidgetItem

from app.core import paths
from app.core.models.gguf_file import ModelFileError
from app.core.models.memory_estimate import format_bytes
from app.core.models.importing import ImportResult
from app.core.models.library import (
    BrokenFile, InstalledModel, InstalledProjector, ModelLibrary, describe_model, scan_models, unreadable_file,
)
from app.ui.settings.audio_encoder_choice import AudioEncoderChoice
from app.ui.settings.model_importer import ModelImporter
from app.ui.common.i18n import error_text
from app.ui.settings.model_tab import ModelTab
from app.ui.settings.appearance import message_style

PATH_ROLE = Qt.UserRole


def model_name(model: InstalledModel) -> str:
    """'Gemma 3n E4B': the label without the quantization, which the status bar adds."""
    return f"{model.family} {model.size_label}" if model.size_label else model.family


def projector_text(projector: InstalledProjector) -> str:
    translate = QCoreApplication.translate
    can = [name for name, present in ((translate("ModelPicker", "image"), projector.has_vision),
                                      (translate("ModelPicker", "audio"), projector.has_audio)) if present]
    if projector.has_audio and not projector.audio_in_libmtmd:
        can[-1] = translate("ModelPicker", "audio (not run by llama.cpp)")
    media = " + ".join(can) or translate("ModelPicker", "no media")
    return f"{projector.path.name} · {media} · {format_bytes(projector.size_bytes)}"


class ModelPicker(QObject):
    changed = Signal()  # the chosen model, projector or audio encoder changed

    def __init__(self, tab: ModelTab, *, active_model: Path | None, projector: Path | None,
                 extra_folders: Iterable[Path], loaded_model: Path | None = None,
                 audio_encoder: Path | None = None,
                 scan: Callable[[list[Path]], ModelLibrary] = scan_models,
                 models_folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.scan = scan
        self.models_folder = models_folder or paths.models_folder()
        self.extra_folders = [Path(f) for f in extra_folders if Path(f) != self.models_folder]
        self.loaded_model = loaded_model
        self.library = ModelLibrary()
        self._chosen_projector = projector
        self._syncing = False
        self.audio_encoder_choice = AudioEncoderChoice(
            tab.audio_encoder_combo, tab.audio_encoder_note, chosen=audio_encoder, chosen_for=active_model, parent=self)
        self.audio_encoder_choice.changed.connect(self.changed)
        self.importer = ModelImporter(self, models_folder=self.models_folder)
        self.importer.started.connect(lambda name: self._say(self.tr("Importing {name}…").format(name=name)))
        self.importer.imported.connect(self._imported)
        self.importer.failed.connect(lambda message: self._say(message, error=True))
        tab.model_list.currentItemChanged.connect(lambda *_: self._model_selected())
        tab.model_list.filesDropped.connect(self.import_files)
        tab.quantization_combo.activated.connect(self._quantization_chosen)
        tab.projector_combo.activated.connect(self._projector_chosen)
        tab.import_button.clicked.connect(self.choose_files_to_import)
        tab.add_folder_button.clicked.connect(self.choose_folder)
        tab.remove_folder_button.clicked.connect(self.remove_folder)
        tab.folder_list.currentRowChanged.connect(
            lambda row: tab.remove_folder_button.setEnabled(row > 0))
        self.rescan(select=active_model)

    # -- what the dialog reads --------------------------------------------------------------
    def selected_model(self) -> InstalledModel | None:
        item = self.tab.model_list.currentItem()
        return self.library.find(item.data(0, PATH_ROLE)) if item is not None else None

    def active_model(self) -> Path | None:
        item = self.tab.model_list.currentItem()
        return item.data(0, PATH_ROLE) if item is not None else None

    def projector(self) -> Path | None:
        data = self.tab.projector_combo.currentData()
        return Path(data) if data else None

    def audio_encoder(self) -> Path | None:
        """The Gemma 3n audio-encoder file chosen; None for automatic (or a model that uses none)."""
        return self.audio_encoder_choice.chosen()

    # -- listing ----------------------------------------------------------------------------
    def folders(self) -> list[Path]:
        return [self.models_folder] + [f for f in self.extra_folders if f != self.models_folder]

    def rescan(self, select: Path | None = None) -> None:
        select = select if select is not None else self.active_model()
        self.library = self.scan(self.folders())
        if select is not None and self.library.find(select) is None:
            self._add_outside_file(select)
        tree = self.tab.model_list
        self._syncing = True
        tree.clear()
        for model in self.library.models:
            tree.addTopLevelItem(self._model_row(model))
        for broken in self.library.broken:
            tree.addTopLevelItem(self._broken_row(broken))
        self._syncing = False
        self._show_folders()
        self._show_loaded()
        self.select(select)

    def _add_outside_file(self, path: Path) -> None:
        # The saved model may live outside every folder (opened by path): list it all the same.
        try:
            self.library.models.append(describe_model(path))
        except ModelFileError as error:
            self.library.broken.append(BrokenFile(Path(path), error))
        except OSError as error:
            self.library.broken.append(BrokenFile(Path(path), unreadable_file(path, error)))

    def _model_row(self, model: InstalledModel) -> QTreeWidgetItem:
        projector = projector_text(model.projector) if model.projector else (error_text(model.projector_problem) if model.projector_problem else "—")
        name = model_name(model) + (self.tr("  (loaded)") if model.path == self.loaded_model else "")
        item = QTreeWidgetItem([name, model.quantization, format_bytes(model.size_bytes),
                                f"{model.context_length:,}", projector])
        item.setData(0, PATH_ROLE, model.path)
        item.setToolTip(0, str(model.path))
        item.setToolTip(4, str(model.projector.path) if model.projector else projector)
        if model.path == self.loaded_model:
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
        return item

    def _broken_row(self, broken: BrokenFile) -> QTreeWidgetItem:
        reason = error_text(broken.error)
        item = QTreeWidgetItem([broken.path.name, self.tr("cannot be used"), "", "", reason])
        item.setData(0, PATH_ROLE, broken.path)
        item.setToolTip(0, str(broken.path))
        item.setToolTip(4, reason)
        item.setFlags(item.flags() & ~Qt.ItemIsSelectable & ~Qt.ItemIsEnabled)
        return item

    def _show_folders(self) -> None:
        self.tab.folder_list.clear()
        for folder in self.folders():
            self.tab.folder_list.addItem(str(folder))
        self.tab.remove_folder_button.setEnabled(False)

    def _show_loaded(self) -> None:
        model = self.library.find(self.loaded_model) if self.loaded_model else None
        text = f"{model.label} — {model.path}" if model else (str(self.loaded_model) if self.loaded_model else self.tr("no model"))
        self.tab.loaded_label.setText(self.tr("Loaded now: {model}").format(model=text))

    def select(self, path: Path | None) -> None:
        tree = self.tab.model_list
        target = None
        for index in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(index)
            if path is not None and item.data(0, PATH_ROLE) == Path(path) and item.flags() & Qt.ItemIsEnabled:
                target = item
        self._syncing = True
        tree.setCurrentItem(target)
        if target is None:
            tree.clearSelection()
        self._syncing = False
        self._model_selected()

    # -- keeping the choices in step ---------------------------------------------------------
    def _model_selected(self) -> None:
        if self._syncing:
            return
        model = self.selected_model()
        self._fill_quantizations(model)
        self._fill_projectors(model)
        self.audio_encoder_choice.show_for(model, self.projector())
        self.tab.model_facts.setText(self._facts(model))
        self.changed.emit()

    def _facts(self, model: InstalledModel | None) -> str:
        if model is None:
            return self.tr("No model chosen: pick one above, import one, or download one (File ▸ Model manager…).")
        arguments = dict(name=model.name, architecture=model.architecture, quantization=model.quantization,
                         weights=model.main_tensor_type, capabilities=" + ".join(model.capabilities))
        if model.main_tensor_type != model.quantization:
            return self.tr("{name}: {architecture}, %n layer(s), {quantization} (weights mostly {weights}), "
                           "can do {capabilities}.", "", model.block_count).format(**arguments)
        return self.tr("{name}: {architecture}, %n layer(s), {quantization}, can do {capabilities}.", "",
                       model.block_count).format(**arguments)

    def _fill_quantizations(self, model: InstalledModel | None) -> None:
        combo = self.tab.quantization_combo
        combo.clear()
        if model is None:
            combo.setEnabled(False)
            return
        siblings = [m for m in self.library.models if (m.family, m.size_label) == (model.family, model.size_label)]
        for sibling in siblings:
            where = "" if sibling.path.parent == model.path.parent else f" — {sibling.path.parent.name}"
            combo.addItem(f"{sibling.quantization} · {format_bytes(sibling.size_bytes)}{where}", str(sibling.path))
            if sibling.path == model.path:
                combo.setCurrentIndex(combo.count() - 1)
        combo.setEnabled(len(siblings) > 1)

    def _fill_projectors(self, model: InstalledModel | None) -> None:
        combo = self.tab.projector_combo
        combo.clear()
        paired = model.projector if model else None
        combo.addItem(self.tr("Automatic: {file}").format(file=paired.path.name) if paired
                      else self.tr("Automatic (none found beside the model)"), None)
        if model is not None:
            for projector in self.library.projectors:
                # An audio-only Gemma 3n file is no projector for libmtmd: it goes under Audio encoder.
                usable = projector.has_vision or projector.audio_in_libmtmd
                if usable and projector.projection_dim in (None, model.embedding_length):
                    combo.addItem(projector_text(projector), str(projector.path))
        # Paths go into combo boxes as text: QVariant compares Python objects by identity.
        index = combo.findData(str(self._chosen_projector)) if self._chosen_projector is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.setEnabled(model is not None)

    def _quantization_chosen(self, index: int) -> None:
        data = self.tab.quantization_combo.itemData(index)
        if data and Path(data) != self.active_model():
            self.select(Path(data))

    def _projector_chosen(self, index: int) -> None:
        data = self.tab.projector_combo.itemData(index)
        self._chosen_projector = Path(data) if data else None
        self.audio_encoder_choice.show_for(self.selected_model(), self.projector())
        self.changed.emit()

    # -- importing and folders --------------------------------------------------------------
    def choose_files_to_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.tab, self.tr("Import Gemma GGUF models"), "",
                                                self.tr("GGUF models (*.gguf)"))
        if files:
            self.import_files([Path(file) for file in files])

    def import_files(self, files: list[Path]) -> None:
        copy = bool(self.tab.import_mode_combo.currentData())
        if not self.importer.start(files, copy=copy):
            self._say(self.tr("An import is still running; wait for it to finish."), error=True)

    def _imported(self, result: ImportResult) -> None:
        self.rescan(select=result.model_path)
        if result.projector_path:
            self._say(self.tr("Imported {model} with {projector}.").format(
                model=result.model_path.name, projector=result.projector_path.name))
        else:
            self._say(self.tr("Imported {model}.").format(model=result.model_path.name))

    def _say(self, text: str, error: bool = False) -> None:
        self.tab.import_status.setStyleSheet(message_style("error") if error else "")
        self.tab.import_status.setText(text)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.tab, "Add a folder with GGUF models")
        if folder:
            self.add_folder(Path(folder))

    def add_folder(self, folder: Path) -> None:
        if folder not in self.folders():
            self.extra_folders.append(folder)
            self.rescan()

    def remove_folder(self) -> None:
        row = self.tab.folder_list.currentRow()
        if row > 0:
            del self.extra_folders[row - 1]
            self.rescan()
