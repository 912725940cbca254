"""The conversation as a column of message bubbles, rendering Markdown as tokens stream in."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

_ROLE_NAMES = {"user": "You", "model": "Gemma"}
_STATUS_NOTES = {
    "stopped": "stopped", "error": "failed", "generating": "…", "interrupted": "interrupted", "unsaved": "not saved",
}


class MarkdownText(QTextBrowser):
    """A read-only text that grows to fit its content (no inner scroll bar)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(lambda _: self.updateGeometry())

    def sizeHint(self) -> QSize:
        self.document().setTextWidth(self.viewport().width())
        return QSize(200, int(self.document().size().height()) + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.updateGeometry()


class MessageBubble(QFrame):
    copyRequested = Signal(str)
    imageClicked = Signal(bytes, str)

    def __init__(self, role: str, text: str = "", status: str = "complete", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.setObjectName(f"bubble-{role}")
        self.setFrameShape(QFrame.StyledPanel)
        tint = "rgba(70, 110, 220, 28)" if role == "user" else "rgba(120, 120, 120, 14)"
        self.setStyleSheet(f"#bubble-{role} {{ background: {tint}; border-radius: 8px; }}")
        self._text = text
        header = QHBoxLayout()
        self.author = QLabel(f"<b>{_ROLE_NAMES.get(role, role)}</b>")
        self.status_label = QLabel()
        self.status_label.setObjectName("message-status")
        self.copy_button = QToolButton()
        self.copy_button.setText("Copy")
        self.copy_button.setToolTip("Copy this message")
        self.copy_button.clicked.connect(lambda: self.copyRequested.emit(self._text))
        header.addWidget(self.author)
        header.addWidget(self.status_label)
        header.addStretch(1)
        header.addWidget(self.copy_button)
        self.thumbnails = QHBoxLayout()
        self.thumbnails.addStretch(1)
        self.body = MarkdownText()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(header)
        layout.addLayout(self.thumbnails)
        layout.addWidget(self.body)
        self.set_text(text)
        self.set_status(status)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        if self.role == "model":
            self.body.setMarkdown(text)
        else:
            self.body.setPlainText(text)

    def set_status(self, status: str) -> None:
        self.status_label.setText(_STATUS_NOTES.get(status, ""))

    def add_thumbnail(self, content: bytes, name: str, size: int = 96) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(content):
            return
        label = QLabel()
        label.setPixmap(pixmap.scaled(size, size, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        label.setToolTip(f"{name} — click to view full size")
        label.setCursor(Qt.PointingHandCursor)
        label.mousePressEvent = lambda _event: self.imageClicked.emit(content, name)
        self.thumbnails.insertWidget(self.thumbnails.count() - 1, label)


class ChatView(QScrollArea):
    """Bubbles top to bottom; streaming text is re-rendered at most every 50 ms."""

    imageClicked = Signal(bytes, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setObjectName("chat-view")
        container = QWidget()
        self.column = QVBoxLayout(container)
        self.column.setSpacing(8)
        self.column.addStretch(1)
        self.setWidget(container)
        self.bubbles: list[MessageBubble] = []
        self._pending_text: str | None = None
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(50)
        self._render_timer.timeout.connect(self._render_pending)
        self.verticalScrollBar().rangeChanged.connect(self._follow_bottom)
        self._stick_to_bottom = True

    def clear(self) -> None:
        self._render_timer.stop()
        self._pending_text = None
        for bubble in self.bubbles:
            bubble.deleteLater()
        self.bubbles.clear()

    def add_message(self, role: str, text: str = "", status: str = "complete") -> MessageBubble:
        bubble = MessageBubble(role, text, status)
        bubble.copyRequested.connect(lambda value: QGuiApplication.clipboard().setText(value))
        bubble.imageClicked.connect(self.imageClicked)
        self.column.insertWidget(self.column.count() - 1, bubble)
        self.bubbles.append(bubble)
        self._stick_to_bottom = True
        return bubble

    def add_notice(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("chat-notice")
        label.setWordWrap(True)
        self.column.insertWidget(self.column.count() - 1, label)
        return label

    def stream_text(self, text: str) -> None:
        """Show `text` as the last answer's content soon, without re-rendering on every token."""
        self._pending_text = text
        if not self._render_timer.isActive():
            self._render_timer.start()

    def finish_stream(self, text: str, status: str) -> None:
        self._render_timer.stop()
        self._pending_text = None
        if self.bubbles:
            self.bubbles[-1].set_text(text)
            self.bubbles[-1].set_status(status)

    def remove_last(self) -> None:
        if self.bubbles:
            self.bubbles.pop().deleteLater()

    def _render_pending(self) -> None:
        if self._pending_text is not None and self.bubbles:
            self.bubbles[-1].set_text(self._pending_text)
        self._pending_text = None

    def _follow_bottom(self, _minimum: int, maximum: int) -> None:
        if self._stick_to_bottom:
            self.verticalScrollBar().setValue(maximum)
