"""A bubble's own actions: Edit (your messages), Delete, and "‹ 2/3 ›" to flip between the kept
variants of an answer; and the inline editor an edited message is written in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from app.core.i18n import QT_TRANSLATE_NOOP

BUSY_TIP = QT_TRANSLATE_NOOP("BubbleActions", "Wait until Gemma has finished answering in this chat (or stop it)")


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    return button


class BubbleActions(QWidget):
    editRequested = Signal()
    deleteRequested = Signal()
    variantStepped = Signal(int)  # -1 the previous variant, +1 the next

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.previous_button = _button("‹", self.tr("Show the previous version of this answer"))
        self.variant_label = QLabel()
        self.variant_label.setObjectName("message-status")
        self.next_button = _button("›", self.tr("Show the next version of this answer"))
        self.edit_button = _button(self.tr("Edit"), self.tr("Edit this message and send it again"))
        self.delete_button = _button(self.tr("Delete"), self.tr("Delete this message"))
        self.previous_button.clicked.connect(lambda: self.variantStepped.emit(-1))
        self.next_button.clicked.connect(lambda: self.variantStepped.emit(1))
        self.edit_button.clicked.connect(self.editRequested)
        self.delete_button.clicked.connect(self.deleteRequested)
        for widget in (self.previous_button, self.variant_label, self.next_button, self.edit_button, self.delete_button):
            row.addWidget(widget)
        self.edit_button.setVisible(role == "user")
        self._tips = {button: button.toolTip() for button in self._guarded()}
        self.set_variants(0, 1)

    def set_variants(self, index: int, count: int) -> None:
        """Showing variant `index` (from 0) of `count`; hidden when there is only one."""
        for widget in (self.previous_button, self.variant_label, self.next_button):
            widget.setVisible(count > 1)
        self.variant_label.setText(f"{index + 1}/{count}")
        self._index, self._count = index, count
        self.set_busy(getattr(self, "_busy", False))

    def set_busy(self, busy: bool) -> None:
        """While the chat is answering its messages stay as they are."""
        self._busy = busy
        for button in self._guarded():
            button.setToolTip(self.tr(BUSY_TIP) if busy else self._tips[button])
        self.edit_button.setEnabled(not busy)
        self.delete_button.setEnabled(not busy)
        self.previous_button.setEnabled(not busy and self._index > 0)
        self.next_button.setEnabled(not busy and self._index < self._count - 1)

    def _guarded(self) -> tuple[QToolButton, ...]:
        return self.edit_button, self.delete_button, self.previous_button, self.next_button


class _EditorText(QPlainTextEdit):
    submitted = Signal()
    cancelled = Signal()

    def event(self, event: QEvent) -> bool:
        # Esc belongs to the editor while it is open, not to the window's Stop shortcut.
        if event.type() == QEvent.ShortcutOverride and event.key() == Qt.Key_Escape:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key_Escape:
            self.cancelled.emit()
        elif event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ShiftModifier:
            self.submitted.emit()
        else:
            super().keyPressEvent(event)


class MessageEditor(QWidget):
    """The message being edited, in place of its bubble's text: Enter (or Send) resends it."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_edit = _EditorText()
        self.text_edit.setPlainText(text)
        self.text_edit.setFixedHeight(96)
        self.hint = QLabel(self.tr("Editing message — Esc to cancel, Enter to send"))
        self.hint.setObjectName("message-status")
        self.send_button = _button(self.tr("Send"), self.tr("Replace the message and answer it again"))
        self.cancel_button = _button(self.tr("Cancel"), self.tr("Keep the message as it was (Esc)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.send_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text_edit)
        column.addLayout(buttons)
        self.text_edit.submitted.connect(self._submit)
        self.send_button.clicked.connect(self._submit)
        self.text_edit.cancelled.connect(self.cancelled)
        self.cancel_button.clicked.connect(self.cancelled)

    def _submit(self) -> None:
        text = self.text_edit.toPlainText().strip()
        if text:
            self.submitted.emit(text)
