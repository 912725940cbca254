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
from app.ui.settings.appearance import surfaces

TRANSCRIBE_LABEL = "Transcribe (same language)"


class DictationPanel(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Dictation", parent)
        self.setObjectName("dictation-panel")
        body = QWidget()

        self.device = QComboBox()
        self.device.setToolTip("Microphone")
        self.refresh_devices = QToolButton()
        self.refresh_devices.setText("⟳")
        self.refresh_devices.setToolTip("Look for microphones again")
        self.task = QComboBox()
        self.task.addItem(TRANSCRIBE_LABEL, None)
        for language in LANGUAGES:
            self.task.addItem(f"Translate to {language}", language)

        self.record_button = QPushButton("● Record")
        self.record_button.setObjectName("record-button")
        self.record_button.setToolTip("Start or stop dictation (F9)")
        self.push_to_talk = QCheckBox("Push-to-talk: hold F8")
        self.indicator = QLabel()
        self.elapsed = QLabel("0:00")
        self.level = QProgressBar()
        self.level.setRange(0, 60)
        self.level.setTextVisible(False)
        self.level.setMaximumHeight(10)
        self.level.setToolTip("Input level")
        self.waiting = QLabel()
        self.waiting.setObjectName("chunks-waiting")

        self.transcript = QPlainTextEdit()
        self.transcript.setReadOnly(True)
        self.transcript.setPlaceholderText("Press Record and speak; the transcript appears here chunk by chunk.")
        self.copy_button = QPushButton("Copy")
        self.send_to_chat_button = QPushButton("Send to chat")
        self.export_txt_button = QPushButton("Export TXT…")
        self.export_srt_button = QPushButton("Export SRT…")
        self.import_button = QPushButton("Transcribe a file…")
        self.cancel_button = QPushButton("Cancel file")
        self.cancel_button.setToolTip("Stop transcribing the file; what is done so far is kept")
        self.cancel_button.setEnabled(False)
        self.sessions = QComboBox()
        self.sessions.setToolTip("Earlier dictation sessions")

        grid = QGridLayout()
        grid.addWidget(QLabel("Microphone"), 0, 0)
        device_row = QHBoxLayout()
        device_row.addWidget(self.device, 1)
        device_row.addWidget(self.refresh_devices)
        grid.addLayout(device_row, 0, 1)
        grid.addWidget(QLabel("Task"), 1, 0)
        grid.addWidget(self.task, 1, 1)
        grid.addWidget(QLabel("Session"), 2, 0)
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
        self.record_button.setText("■ Stop" if recording else "● Record")
        red = surfaces()["recording"].text
        self.indicator.setText(f"<span style='color:{red}'>● REC</span>" if recording else "")
        self.device.setEnabled(not recording)
        self.task.setEnabled(not recording)
        if not recording:
            self.level.setValue(0)

    def target_language(self) -> str | None:
        return self.task.currentData()

    def select_task(self, target_language: str | None) -> None:
        """Show "transcribe" (None) or "translate to" a language, adding a language not listed."""
        found = self.task.findData(target_language) if target_language else 0
        if found < 0:
            self.task.addItem(f"Translate to {target_language}", target_language)
            found = self.task.count() - 1
        self.task.setCurrentIndex(found)
