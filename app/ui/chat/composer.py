"""Where the user writes: Enter sends, Shift+Enter starts a new line."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.core.task_presets import LANGUAGES
from app.ui.chat.audio_chip import AudioChip
from app.ui.common.i18n import language_label
from app.ui.chat.image_attachments import AttachmentTray, mime_has_images


class MessageEditor(QPlainTextEdit):
    submitted = Signal()
    imagesOffered = Signal(QMimeData)  # pasted or dropped images go to the attachments, not the text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Message Gemma…  (Enter sends, Shift+Enter for a new line)"))
        self.setTabChangesFocus(True)
        self.setMaximumHeight(140)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return mime_has_images(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasImage() or (source.hasUrls() and all(url.isLocalFile() for url in source.urls())):
            self.imagesOffered.emit(source)
            return
        super().insertFromMimeData(source)


class ImagePresetBar(QWidget):
    """Describe / Extract text / Translate to …; a click sends, Shift+click only fills the box."""

    presetChosen = Signal(str, str, bool)  # preset name, target language, send now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_image_button = QPushButton(self.tr("Add image…"))
        self.add_image_button.setToolTip(self.tr("Attach images (or drag them here, or paste with Ctrl+V)"))
        self.describe_button = QPushButton(self.tr("Describe"))
        self.ocr_button = QPushButton(self.tr("Extract text"))
        self.translate_button = QPushButton(self.tr("Translate text to"))
        self.language = QComboBox()
        for name in LANGUAGES:  # shown in the UI's language, the English name goes to the prompt
            self.language.addItem(language_label(name), name)
        for button in (self.describe_button, self.ocr_button, self.translate_button):
            button.setToolTip(button.toolTip() or self.tr(
                "Click to ask about the attached image; Shift+click to edit the prompt first"))
        self.describe_button.clicked.connect(lambda: self._chosen("describe"))
        self.ocr_button.clicked.connect(lambda: self._chosen("ocr"))
        self.translate_button.clicked.connect(lambda: self._chosen("translate"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_image_button)
        row.addWidget(QLabel(self.tr("Image:")))
        for widget in (self.describe_button, self.ocr_button, self.translate_button, self.language):
            row.addWidget(widget)
        row.addStretch(1)

    def _chosen(self, preset: str) -> None:
        from PySide6.QtWidgets import QApplication

        send_now = not QApplication.keyboardModifiers() & Qt.ShiftModifier
        self.presetChosen.emit(preset, self.language.currentData(), send_now)

    def set_vision_available(self, available: bool, reason: str = "") -> None:
        for widget in (self.add_image_button, self.describe_button, self.ocr_button, self.translate_button, self.language):
            widget.setEnabled(available)
        self.add_image_button.setToolTip(
            self.tr("Attach images (or drag them here, or paste with Ctrl+V)") if available else reason
        )


class Composer(QWidget):
    """The editor with its Send/Stop and Regenerate buttons; attachments join in later."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generating = False
        self._answer_available = False
        self.editor = MessageEditor()
        self.tray = AttachmentTray()
        self.presets = ImagePresetBar()
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send (Enter)"))
        self.send_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop generating (Esc)"))
        self.stop_button.hide()
        self.regenerate_button = QPushButton(self.tr("Regenerate"))
        self.regenerate_button.setToolTip(self.tr("Write the last answer again (Ctrl+R)"))
        self.audio_chip = AudioChip()
        self.add_audio_button = QPushButton(self.tr("Add audio…"))
        self.mic_button = QPushButton(self.tr("Dictate"))  # words, not an emoji: not every desktop has an emoji font
        self.mic_button.setObjectName("composer-microphone")
        self.mic_button.setCheckable(True)
        self.mic_button.setAccessibleName(self.tr("Dictate into the message box"))
        self.extra_row = QHBoxLayout()
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.regenerate_button)
        buttons.addWidget(self.mic_button)
        buttons.addWidget(self.add_audio_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.editor, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.presets)
        layout.addWidget(self.tray)
        layout.addWidget(self.audio_chip)
        layout.addLayout(self.extra_row)
        layout.addLayout(row)

    def set_generating(self, generating: bool) -> None:
        self._generating = generating
        self.send_button.setVisible(not generating)
        self.stop_button.setVisible(generating)
        self._update_regenerate()

    def set_answer_available(self, available: bool) -> None:
        """Whether the chat on screen ends with an answer that could be written again."""
        self._answer_available = available
        self._update_regenerate()

    def _update_regenerate(self) -> None:
        self.regenerate_button.setEnabled(self._answer_available and not self._generating)

    def take_text(self) -> str:
        text = self.editor.toPlainText()
        self.editor.clear()
        return text
