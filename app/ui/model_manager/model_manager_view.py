"""The Model manager's layout: the catalog with filters, the download row, installed models."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

CATALOG_COLUMNS = ("Model", "Quantization", "Download", "RAM needed", "Can do", "From")
GB = 1_000_000_000
SIZE_FILTERS = (("Any size", None), ("Up to 3 GB", 3 * GB), ("Up to 5 GB", 5 * GB), ("Up to 8 GB", 8 * GB))
CAPABILITY_FILTERS = (("Any", ()), ("Images", ("image",)), ("Audio", ("audio",)), ("Images and audio", ("image", "audio")))


class ModelManagerView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Model manager")
        self.resize(900, 640)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search: E4B, Q8_0, unsloth…")
        self.search_edit.setClearButtonEnabled(True)
        self.size_combo = QComboBox()
        for text, limit in SIZE_FILTERS:
            self.size_combo.addItem(text, limit)
        self.capability_combo = QComboBox()
        for text, needs in CAPABILITY_FILTERS:
            self.capability_combo.addItem(text, needs)
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(QLabel("Size:"))
        filters.addWidget(self.size_combo)
        filters.addWidget(QLabel("Can do:"))
        filters.addWidget(self.capability_combo)

        self.catalog_list = QTreeWidget()
        self.catalog_list.setObjectName("catalog")
        self.catalog_list.setHeaderLabels(list(CATALOG_COLUMNS))
        self.catalog_list.setRootIsDecorated(False)
        self.catalog_list.setSelectionMode(QAbstractItemView.SingleSelection)
        header = self.catalog_list.header()
        for column in range(len(CATALOG_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.suggestion_label = QLabel()
        self.suggestion_label.setWordWrap(True)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.projector_check = QCheckBox("Also download the projector (images / audio)")
        self.projector_check.setChecked(True)
        self.audio_encoder_check = QCheckBox("Also get the audio encoder from Google's checkpoint")
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("hf-token")
        self.token_edit.setEchoMode(QLineEdit.Password)
        self.token_edit.setPlaceholderText("hf_…  (empty: the token saved by `hf auth login`)")
        self.token_edit.setToolTip("A Hugging Face access token, for gated repositories such as Google's. "
                                   "Kept only while Gemma Desk runs.")
        self.download_button = QPushButton("Download")
        self.download_button.setDefault(True)
        self.pause_button = QPushButton("Pause")
        self.cancel_button = QPushButton("Cancel download")
        self.retry_button = QPushButton("Retry")
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(True)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("download-status")
        self.progress_label.setWordWrap(True)
        self.progress_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        checks = QVBoxLayout()
        checks.addWidget(self.projector_check)
        checks.addWidget(self.audio_encoder_check)
        buttons = QHBoxLayout()
        buttons.addLayout(checks, 1)
        for button in (self.download_button, self.pause_button, self.cancel_button, self.retry_button):
            buttons.addWidget(button)
        token_row = QHBoxLayout()
        token_row.addWidget(QLabel("Hugging Face token:"))
        token_row.addWidget(self.token_edit, 1)
        download_box = QGroupBox("Download")
        download_layout = QVBoxLayout(download_box)
        download_layout.addLayout(buttons)
        download_layout.addLayout(token_row)
        download_layout.addWidget(self.progress_bar)
        download_layout.addWidget(self.progress_label)

        self.installed_list = QListWidget()
        self.installed_list.setObjectName("installed")
        self.use_button = QPushButton("Use this model")
        self.audio_encoder_button = QPushButton("Get audio encoder")
        self.audio_encoder_button.setToolTip(
            "Gemma 3n only: fetch the audio encoder from Google's checkpoint so the model can hear")
        installed_box = QGroupBox("Installed")
        installed_layout = QHBoxLayout(installed_box)
        installed_layout.addWidget(self.installed_list, 1)
        use_column = QVBoxLayout()
        use_column.addWidget(self.use_button)
        use_column.addWidget(self.audio_encoder_button)
        use_column.addStretch(1)
        installed_layout.addLayout(use_column)

        self.close_buttons = QDialogButtonBox(QDialogButtonBox.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.catalog_list, 3)
        layout.addWidget(self.suggestion_label)
        layout.addWidget(self.details_label)
        layout.addWidget(download_box)
        layout.addWidget(installed_box, 2)
        layout.addWidget(self.close_buttons)
