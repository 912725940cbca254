"""Layouts of the Generation, Speech and Appearance tabs. No wiring."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
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

from app.core.storage.settings_rules import MAX_SEED, SPEECH_TASKS
from app.ui.common.i18n import LANGUAGE_NAMES


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
        self.context_size_spin.setSuffix(self.tr(" tokens"))
        self.seed_edit = QLineEdit()
        self.seed_edit.setMinimumWidth(220)
        self.seed_edit.setPlaceholderText(self.tr("random for every answer"))
        self.seed_edit.setToolTip(
            self.tr("A whole number from 0 to {max}; leave empty for a new seed each time").format(
                max=QLocale().toString(MAX_SEED))
        )
        self.system_prompt_edit = QPlainTextEdit()
        self.system_prompt_edit.setPlaceholderText(self.tr("Instructions placed before your first message"))
        self.reset_button = QPushButton(self.tr("Reset to Gemma defaults"))
        self.reset_button.setToolTip(self.tr("Temperature 1.0, top-k 64, top-p 0.95, min-p 0, no repeat penalty"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        form.addRow(self.tr("Temperature:"), self.temperature_spin)
        form.addRow(self.tr("Top-k:"), self.top_k_spin)
        form.addRow(self.tr("Top-p:"), self.top_p_spin)
        form.addRow(self.tr("Min-p:"), self.min_p_spin)
        form.addRow(self.tr("Repeat penalty:"), self.repeat_penalty_spin)
        form.addRow(self.tr("Max tokens per answer:"), self.max_tokens_spin)
        form.addRow(self.tr("Context size:"), self.context_size_spin)
        form.addRow(self.tr("Seed:"), self.seed_edit)
        reset_row = QHBoxLayout()
        reset_row.addStretch(1)
        reset_row.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("System prompt:")))
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
            self.task_combo.addItem({"transcribe": self.tr("Transcribe"), "translate": self.tr("Translate")}.get(task, task), task)
        self.language_edit = QLineEdit()
        self.language_edit.setMinimumWidth(220)
        self.language_edit.setPlaceholderText(self.tr("e.g. English"))
        self.silence_spin = _double(-100.0, 0.0, 1.0, decimals=0)
        self.silence_spin.setSuffix(self.tr(" dBFS"))
        self.silence_spin.setToolTip(self.tr("Quieter than this counts as a pause between sentences"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        form.addRow(self.tr("Microphone:"), self.input_device_combo)
        form.addRow("", self.input_device_note)
        form.addRow(self.tr("Default task:"), self.task_combo)
        form.addRow(self.tr("Language:"), self.language_edit)
        form.addRow(self.tr("Silence threshold:"), self.silence_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)


class AppearanceTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme_combo = QComboBox()
        for theme, text in (("system", self.tr("Follow the system")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            self.theme_combo.addItem(text, theme)
        self.font_size_spin = _integer(6, 48)
        self.font_size_spin.setSuffix(self.tr(" pt"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        form.addRow(self.tr("Theme:"), self.theme_combo)
        form.addRow(self.tr("Font size:"), self.font_size_spin)
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("System"), "system")
        for language, name in LANGUAGE_NAMES.items():  # each in its own language
            self.language_combo.addItem(name, language)
        form.addRow(self.tr("&Language:"), self.language_combo)
        restart_note = QLabel(self.tr("A new language applies after restarting Gemma Desk."))
        restart_note.setWordWrap(True)
        form.addRow("", restart_note)
        self.prompts_in_ui_language_check = QCheckBox(self.tr("&Prompts to the model in the UI language"))
        self.prompts_in_ui_language_check.setToolTip(self.tr(
            "Off: the one-click tasks (Describe, Extract text, Transcribe, Translate) ask the model in "
            "English, the wording Gemma answers best."
        ))
        form.addRow("", self.prompts_in_ui_language_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
