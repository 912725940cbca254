"""The Model manager's layout: the catalog with filters, the download row, installed models."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
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

from app.core.i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate

# Marked here, translated when shown: the view is subclassed, so self.tr would look in the
# subclass's context; QCoreApplication.translate names this one.
CATALOG_COLUMNS = (QT_TRANSLATE_NOOP("ModelManagerView", "Model"), QT_TRANSLATE_NOOP("ModelManagerView", "Quantization"),
                   QT_TRANSLATE_NOOP("ModelManagerView", "Download"), QT_TRANSLATE_NOOP("ModelManagerView", "RAM needed"),
                   QT_TRANSLATE_NOOP("ModelManagerView", "Can do"), QT_TRANSLATE_NOOP("ModelManagerView", "From"))
GB = 1_000_000_000
SIZE_FILTERS = ((QT_TRANSLATE_NOOP("ModelManagerView", "Any size"), None),
                (QT_TRANSLATE_NOOP("ModelManagerView", "Up to 3 GB"), 3 * GB),
                (QT_TRANSLATE_NOOP("ModelManagerView", "Up to 5 GB"), 5 * GB),
                (QT_TRANSLATE_NOOP("ModelManagerView", "Up to 8 GB"), 8 * GB))
CAPABILITY_FILTERS = ((QT_TRANSLATE_NOOP("ModelManagerView", "Any"), ()),
                      (QT_TRANSLATE_NOOP("ModelManagerView", "Images"), ("image",)),
                      (QT_TRANSLATE_NOOP("ModelManagerView", "Audio"), ("audio",)),
                      (QT_TRANSLATE_NOOP("ModelManagerView", "Images and audio"), ("image", "audio")))


class ModelManagerView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ModelManagerView", "Model manager"))
        self.resize(900, 640)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(translate("ModelManagerView", "Search: E4B, Q8_0, unsloth…"))
        self.search_edit.setClearButtonEnabled(True)
        self.size_combo = QComboBox()
        for text, limit in SIZE_FILTERS:
            self.size_combo.addItem(translate("ModelManagerView", text), limit)
        self.capability_combo = QComboBox()
        for text, needs in CAPABILITY_FILTERS:
            self.capability_combo.addItem(translate("ModelManagerView", text), needs)
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(QLabel(translate("ModelManagerView", "Size:")))
        filters.addWidget(self.size_combo)
        filters.addWidget(QLabel(translate("ModelManagerView", "Can do:")))
        filters.addWidget(self.capability_combo)

        self.catalog_list = QTreeWidget()
        self.catalog_list.setObjectName("catalog")
        self.catalog_list.setHeaderLabels([translate("ModelManagerView", text) for text in CATALOG_COLUMNS])
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

        self.projector_check = QCheckBox(translate("ModelManagerView", "Also download the projector (images / audio)"))
        self.projector_check.setChecked(True)
        self.audio_encoder_check = QCheckBox(translate("ModelManagerView", "Also get the audio encoder from Google's checkpoint"))
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("hf-token")
        self.token_edit.setEchoMode(QLineEdit.Password)
        self.token_edit.setPlaceholderText(translate("ModelManagerView", "hf_…  (empty: the token saved by `hf auth login`)"))
        self.token_edit.setToolTip(translate("ModelManagerView", "A Hugging Face access token, for gated repositories "
                                             "such as Google's. Kept only while Gemma Desk runs."))
        self.download_button = QPushButton(translate("ModelManagerView", "Download"))
        self.download_button.setDefault(True)
        self.pause_button = QPushButton(translate("ModelManagerView", "Pause"))
        self.cancel_button = QPushButton(translate("ModelManagerView", "Cancel download"))
        self.retry_button = QPushButton(translate("ModelManagerView", "Retry"))
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
        self.token_label = QLabel(translate("ModelManagerView", "Hugging Face token:"))
        token_row.addWidget(self.token_label)
        token_row.addWidget(self.token_edit, 1)
        download_box = QGroupBox(translate("ModelManagerView", "Download"))
        download_layout = QVBoxLayout(download_box)
        download_layout.addLayout(buttons)
        download_layout.addLayout(token_row)
        download_layout.addWidget(self.progress_bar)
        download_layout.addWidget(self.progress_label)

        self.installed_list = QListWidget()
        self.installed_list.setObjectName("installed")
        self.use_button = QPushButton(translate("ModelManagerView", "Use this model"))
        self.audio_encoder_button = QPushButton(translate("ModelManagerView", "Get audio encoder"))
        self.audio_encoder_button.setToolTip(
            translate("ModelManagerView", "Gemma 3n only: fetch the audio encoder from Google's checkpoint so the model can hear"))
        installed_box = QGroupBox(translate("ModelManagerView", "Installed"))
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
