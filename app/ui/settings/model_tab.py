"""The Model tab's layout: installed models with their projectors (and Gemma 3n's audio encoder), the
choice, import. No wiring."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.settings.server_choice import ServerRow

MODEL_COLUMNS = (QT_TRANSLATE_NOOP("ModelList", "Model"), QT_TRANSLATE_NOOP("ModelList", "Quantization"),
                 QT_TRANSLATE_NOOP("ModelList", "Size"), QT_TRANSLATE_NOOP("ModelList", "Context"),
                 QT_TRANSLATE_NOOP("ModelList", "Projector"))


def dropped_gguf_files(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".gguf")]


class ModelList(QTreeWidget):
    """The installed models; .gguf files dropped onto it are offered for import."""

    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("installed-models")
        self.setColumnCount(len(MODEL_COLUMNS))
        self.setHeaderLabels([QCoreApplication.translate("ModelList", column) for column in MODEL_COLUMNS])
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.viewport().setAcceptDrops(True)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_gguf_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_gguf_files(event)
        if files:
            event.acceptProposedAction()
            self.filesDropped.emit(files)


class ModelTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded_label = QLabel(self.tr("Loaded now: no model"))
        self.loaded_label.setWordWrap(True)
        self.model_list = ModelList()
        hint = QLabel(self.tr("Pick the model to use. Drop .gguf files here to import them."))
        hint.setEnabled(False)

        self.quantization_combo = QComboBox()
        self.quantization_combo.setToolTip(self.tr("Other quantizations of the same model that are installed"))
        self.projector_combo = QComboBox()
        self.projector_combo.setToolTip(self.tr("The projector (mmproj) that lets the model see images or hear audio"))
        self.audio_encoder_combo = QComboBox()
        self.audio_encoder_combo.setObjectName("audio-encoder")
        self.audio_encoder_note = QLabel()
        self.audio_encoder_note.setWordWrap(True)
        self.audio_encoder_note.hide()
        self.model_facts = QLabel()
        self.model_facts.setWordWrap(True)
        self.model_facts.setTextInteractionFlags(Qt.TextSelectableByMouse)
        choice = QFormLayout()
        choice.addRow(self.tr("Quantization:"), self.quantization_combo)
        choice.addRow(self.tr("Projector:"), self.projector_combo)
        choice.addRow(self.tr("Audio encoder:"), self.audio_encoder_combo)
        choice.addRow("", self.audio_encoder_note)

        self.import_button = QPushButton(self.tr("Import…"))
        self.import_mode_combo = QComboBox()
        self.import_mode_combo.addItem(self.tr("Copy into the models folder"), True)
        self.import_mode_combo.addItem(self.tr("Link to the file where it is"), False)
        self.import_status = QLabel()
        self.import_status.setWordWrap(True)
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button)
        import_row.addWidget(self.import_mode_combo)
        import_row.addWidget(self.import_status, 1)

        self.folder_list = QListWidget()
        self.folder_list.setObjectName("model-folders")
        self.folder_list.setMaximumHeight(64)
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.remove_folder_button = QPushButton(self.tr("Remove folder"))
        folder_buttons = QVBoxLayout()
        folder_buttons.addWidget(self.add_folder_button)
        folder_buttons.addWidget(self.remove_folder_button)
        folder_buttons.addStretch(1)
        folders = QHBoxLayout()
        folders.addWidget(self.folder_list, 1)
        folders.addLayout(folder_buttons)

        self.run_on_combo = QComboBox()
        self.run_on_combo.setObjectName("run-on")
        self.run_on_combo.addItem(self.tr("This computer"), "local")
        self.run_on_combo.addItem(self.tr("A server"), "server")
        self.run_on_combo.setToolTip(self.tr("Where the model runs: here with llama.cpp, or on an "
                                             "OpenAI-compatible server"))
        run_on = QFormLayout()
        run_on.addRow(self.tr("Run on:"), self.run_on_combo)
        self.server_row = ServerRow()

        # What only applies to a model on this computer; greyed out while answers come from a server.
        self.this_computer = QWidget()
        local = QVBoxLayout(self.this_computer)
        local.setContentsMargins(0, 0, 0, 0)
        local.addWidget(self.model_list, 1)
        local.addWidget(hint)
        local.addLayout(choice)
        local.addWidget(self.model_facts)
        local.addLayout(import_row)
        local.addWidget(QLabel(self.tr("Folders searched for models:")))
        local.addLayout(folders)

        layout = QVBoxLayout(self)
        layout.addWidget(self.loaded_label)
        layout.addLayout(run_on)
        layout.addWidget(self.server_row)
        layout.addWidget(self.this_computer, 1)
