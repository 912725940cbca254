"""The dictation panel's layout: device, task, Record/Stop, level, transcript, export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.task_presets import LANGUAGES
from app.ui.common.i18n import language_label
from app.ui.settings.appearance import surfaces

class DictationPanel(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dictation"))
        self.setObjectName("dictation-panel")
        body = QWidget()

        self.device = QComboBox()
        self.device.setToolTip(self.tr("Microphone"))
        self.refresh_devices = QToolButton()
        self.refresh_devices.setText("⟳")
        self.refresh_devices.setToolTip(self.tr("Look for microphones again"))
        self.task = QComboBox()
        self.task.addItem(self.tr("Transcribe (same language)"), None)
        for language in LANGUAGES:
            self.task.addItem(self.translate_label(language), language)

        self.record_button = QPushButton()
        self.record_button.setObjectName("record-button")
        self.record_button.setToolTip(self.tr("Start or stop dictation (F9)"))
        self.push_to_talk = QCheckBox(self.tr("Push-to-talk: hold F8"))
        self.indicator = QLabel()
        self.elapsed = QLabel("0:00")
        self.level = QProgressBar()
        self.level.setRange(0, 60)
        self.level.setTextVisible(False)
        self.level.setMaximumHeight(10)
        self.level.setToolTip(self.tr("Input level"))
        self.waiting = QLabel()
        self.waiting.setObjectName("chunks-waiting")

        self.transcript = QPlainTextEdit()
        self.transcript.setReadOnly(True)
        self.transcript.setPlaceholderText(self.tr("Press Record and speak; the transcript appears here chunk by chunk."))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.send_to_chat_button = QPushButton(self.tr("Send to chat"))
        self.export_txt_button = QPushButton(self.tr("Export TXT…"))
        self.export_srt_button = QPushButton(self.tr("Export SRT…"))
        self.import_button = QPushButton(self.tr("Transcribe a file…"))
        self.cancel_button = QPushButton(self.tr("Cancel file"))
        self.cancel_button.setToolTip(self.tr("Stop transcribing the file; what is done so far is kept"))
        self.cancel_button.setEnabled(False)
        self.sessions = QComboBox()
        self.sessions.setToolTip(self.tr("Earlier dictation sessions"))

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Microphone")), 0, 0)
        device_row = QHBoxLayout()
        device_row.addWidget(self.device, 1)
        device_row.addWidget(self.refresh_devices)
        grid.addLayout(device_row, 0, 1)
        grid.addWidget(QLabel(self.tr("Task")), 1, 0)
        grid.addWidget(self.task, 1, 1)
        grid.addWidget(QLabel(self.tr("Session")), 2, 0)
        grid.addWidget(self.sessions, 2, 1)

        for combo in (self.device, self.task, self.sessions):
            # Long microphone names and session titles must not widen the window.
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        grid.setColumnStretch(1, 1)

        record_row = QHBoxLayout()
        record_row.addWidget(self.record_button)
        record_row.addWidget(self.indicator)
        record_row.addWidget(self.elapsed)
        record_row.addStretch(1)

        # Two rows of two: at 14 pt one row of four pushed the window past a laptop screen.
        export_rows = QGridLayout()
        for index, button in enumerate(
            (self.copy_button, self.send_to_chat_button, self.export_txt_button, self.export_srt_button)
        ):
            export_rows.addWidget(button, index // 2, index % 2)

        layout = QVBoxLayout(body)
        layout.addLayout(grid)
        layout.addLayout(record_row)
        layout.addWidget(self.push_to_talk)
        layout.addWidget(self.level)
        layout.addWidget(self.waiting)
        layout.addWidget(self.transcript, 1)
        layout.addLayout(export_rows)
        file_row = QHBoxLayout()
        file_row.addWidget(self.import_button, 1)
        file_row.addWidget(self.cancel_button)
        layout.addLayout(file_row)
        self.setWidget(body)
        self.setAllowedAreas(Qt.RightDockWidgetArea | Qt.LeftDockWidgetArea | Qt.BottomDockWidgetArea)
        self.set_recording(False)

    def set_recording(self, recording: bool) -> None:
        self.record_button.setText(self.tr("■ Stop") if recording else self.tr("● Record"))
        red = surfaces()["recording"].text
        mark = self.tr("● REC")
        self.indicator.setText(f"<span style='color:{red}'>{mark}</span>" if recording else "")
        self.device.setEnabled(not recording)
        self.task.setEnabled(not recording)
        if not recording:
            self.level.setValue(0)

    def translate_label(self, language: str) -> str:
        """The task combo's text for a target language (stored in English, shown in the UI's)."""
        return self.tr("Translate to {language}").format(language=language_label(language))

    def target_language(self) -> str | None:
        return self.task.currentData()

    def select_task(self, target_language: str | None) -> None:
        """Show "transcribe" (None) or "translate to" a language, adding a language not listed."""
        found = self.task.findData(target_language) if target_language else 0
        if found < 0:
            self.task.addItem(self.translate_label(target_language), target_language)
            found = self.task.count() - 1
        self.task.setCurrentIndex(found)
