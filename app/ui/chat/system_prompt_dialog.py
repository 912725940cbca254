"""Chat ▸ System prompt for this chat…: the chat's own instructions, or the default from Settings."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class SystemPromptDialog(QDialog):
    def __init__(self, own: str | None, default: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("System prompt for this chat"))
        explanation = QLabel(self.tr("Instructions Gemma reads before your first message in this chat only."))
        explanation.setWordWrap(True)
        self.use_default_check = QCheckBox(self.tr("Use the default from Settings"))
        self.editor = QPlainTextEdit(own if own is not None else default)
        self.editor.setPlaceholderText(default or self.tr("No system prompt"))
        self.use_default_check.toggled.connect(lambda checked: self.editor.setEnabled(not checked))
        self.use_default_check.setChecked(own is None)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.use_default_check)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 320)

    def prompt(self) -> str | None:
        """What the chat should use: its own text, or None for the default."""
        return None if self.use_default_check.isChecked() else self.editor.toPlainText().strip()
