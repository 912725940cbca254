"""Layouts of the Generation, Speech and Appearance tabs. No wiring."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.storage.settings import MAX_SEED, SPEECH_TASKS


def _double(low: float, high: float, step: float, decimals: int = 2) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(decimals)
    return box


def _integer(low: int, high: int, step: int = 1) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setGroupSeparatorShown(True)
    return box


class GenerationTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.temperature_spin = _double(0.0, 2.0, 0.05)
        self.top_k_spin = _integer(0, 1000)
        self.top_p_spin = _double(0.0, 1.0, 0.01)
        self.min_p_spin = _double(0.0, 1.0, 0.01)
        self.repeat_penalty_spin = _double(0.5, 2.0, 0.05)
        self.max_tokens_spin = _integer(1, 131072, 64)
        self.context_size_spin = _integer(512, 131072, 512)
        self.context_size_spin.setSuffix(" tokens")
        self.seed_edit = QLineEdit()
        self.seed_edit.setMinimumWidth(220)
        self.seed_edit.setPlaceholderText("random for every answer")
        self.seed_edit.setToolTip(f"A whole number from 0 to {MAX_SEED:,}; leave empty for a new seed each time")
        self.system_prompt_edit = QPlainTextEdit()
        self.system_prompt_edit.setPlaceholderText("Instructions placed before your first message")
        self.reset_button = QPushButton("Reset to Gemma defaults")
        self.reset_button.setToolTip("Temperature 1.0, top-k 64, top-p 0.95, min-p 0, no repeat penalty")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        form.addRow("Temperature:", self.temperature_spin)
        form.addRow("Top-k:", self.top_k_spin)
        form.addRow("Top-p:", self.top_p_spin)
        form.addRow("Min-p:", self.min_p_spin)
        form.addRow("Repeat penalty:", self.repeat_penalty_spin)
        form.addRow("Max tokens per answer:", self.max_tokens_spin)
        form.addRow("Context size:", self.context_size_spin)
        form.addRow("Seed:", self.seed_edit)
        reset_row = QHBoxLayout()
        reset_row.addStretch(1)
        reset_row.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("System prompt:"))
        layout.addWidget(self.system_prompt_edit, 1)
        layout.addLayout(reset_row)


class SpeechTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input_device_combo = QComboBox()
        self.input_device_note = QLabel()
        self.input_device_note.setWordWrap(True)
        self.input_device_note.hide()
        self.task_combo = QComboBox()
        for task in SPEECH_TASKS:
            self.task_combo.addItem({"transcribe": "Transcribe", "translate": "Translate"}.get(task, task), task)
        self.language_edit = QLineEdit()
        self.language_edit.setMinimumWidth(220)
        self.language_edit.setPlaceholderText("e.g. English")
        self.silence_spin = _double(-100.0, 0.0, 1.0, decimals=0)
        self.silence_spin.setSuffix(" dBFS")
        self.silence_spin.setToolTip("Quieter than this counts as a pause between sentences")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        form.addRow("Microphone:", self.input_device_combo)
        form.addRow("", self.input_device_note)
        form.addRow("Default task:", self.task_combo)
        form.addRow("Language:", self.language_edit)
        form.addRow("Silence threshold:", self.silence_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)


class AppearanceTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme_combo = QComboBox()
        for theme, text in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            self.theme_combo.addItem(text, theme)
        self.font_size_spin = _integer(6, 48)
        self.font_size_spin.setSuffix(" pt")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        form.addRow("Theme:", self.theme_combo)
        form.addRow("Font size:", self.font_size_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
