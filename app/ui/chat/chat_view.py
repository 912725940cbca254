"""The conversation as a column of message bubbles, rendering Markdown as tokens stream in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPixmap
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

from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.chat.bubble_actions import BubbleActions, MessageEditor
from app.ui.chat.code_block import CodeBlock
from app.ui.chat.markdown_render import MarkdownRenderer, Segment, quote_bars, split_fenced_code
from app.ui.chat.render_pace import RenderPace
from app.ui.chat.welcome import WelcomePanel
from app.ui.settings.appearance import SURFACES, Surface, surfaces, theme_of

_REVEAL_SETTLE_MS = 1600  # as long as the outline of a search hit stays
_REVEAL_MARGIN = 24
_ROLE_NAMES = {"user": QT_TRANSLATE_NOOP("MessageBubble", "You"), "model": "Gemma"}
_STATUS_NOTES = {  # shown through self.tr (context MessageBubble)
    "stopped": QT_TRANSLATE_NOOP("MessageBubble", "stopped"),
    "error": QT_TRANSLATE_NOOP("MessageBubble", "failed"),
    "generating": "…",
    "interrupted": QT_TRANSLATE_NOOP("MessageBubble", "interrupted"),
    "unsaved": QT_TRANSLATE_NOOP("MessageBubble", "not saved"),
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
        # Nobody edits it; a streamed answer is rewritten in place, and each rewrite would be kept.
        self.document().setUndoRedoEnabled(False)
        self.document().documentLayout().documentSizeChanged.connect(lambda _: self.updateGeometry())
        self.markdown: MarkdownRenderer | None = None  # made on the first show_markdown
        self._background: QColor | None = None  # None: transparent

    def show_markdown(self, text: str, colors: dict[str, Surface], whole: bool = False) -> None:
        """`text` rendered; only the blocks that changed since the last call are rewritten,
        unless `whole`."""
        if self.markdown is None:
            self.markdown = MarkdownRenderer(self.document())
        self.markdown.render(text, colors, whole)

    def set_background(self, color: str) -> None:
        """Paint the text on `color`, the bubble's own, instead of letting the bubble show through.

        The text sits well inside the bubble's rounded border, so it looks the same; but an opaque
        text spares Qt painting the bubble (and the chat) under it first, which made each repaint
        of a chat about twice as expensive."""
        self._background = QColor(color)
        self.viewport().setAttribute(Qt.WA_OpaquePaintEvent)
        self.viewport().update()

    def sizeHint(self) -> QSize:
        document = self.document()
        width = self.viewport().width()
        if document.textWidth() != width:  # setting it, even unchanged, lays the whole text out again
            document.setTextWidth(width)
        return QSize(200, int(document.size().height()) + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.updateGeometry()

    def paintEvent(self, event) -> None:
        if self._background is not None:
            painter = QPainter(self.viewport())
            painter.fillRect(event.rect(), self._background)
            painter.end()
        super().paintEvent(event)
        if self.markdown is None or not self.markdown.has_quotes:
            return
        bars = quote_bars(self.document())
        if bars:
            painter = QPainter(self.viewport())
            for bar in bars:
                painter.fillRect(bar, QColor(surfaces()["quote"].border))


class AnswerBody(QWidget):
    """An answer's content: Markdown prose and code blocks, one widget per segment.

    Streaming re-renders reuse the widgets whose kind is unchanged, so a growing answer does not
    rebuild (and flicker) every block on each pass."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(6)
        self.parts: list[tuple[Segment, QWidget]] = []
        self.background: str | None = None  # the bubble's colour, for each Markdown text

    def set_background(self, color: str) -> None:
        self.background = color
        for _, widget in self.parts:
            if isinstance(widget, MarkdownText):
                widget.set_background(color)

    def set_markdown(self, text: str, force: bool = False) -> None:
        """`force`: each Markdown segment rendered whole again, even if its text is unchanged (a code
        block is coloured again whenever its style changes, see `highlight`)."""
        theme = theme_of()
        colors = SURFACES[theme]
        segments = split_fenced_code(text)
        for index, segment in enumerate(segments):
            if index < len(self.parts) and self.parts[index][0].kind == segment.kind:
                previous, widget = self.parts[index]
                if previous == segment and not force:
                    continue
            else:
                self._drop_from(index)
                widget = CodeBlock() if segment.kind == "code" else MarkdownText()
                if self.background is not None and isinstance(widget, MarkdownText):
                    widget.set_background(self.background)
                self.column.addWidget(widget)
                self.parts.append((segment, widget))
            if segment.kind == "code":
                widget.set_code(segment.text, segment.language, theme, colors["code"])
            else:
                widget.show_markdown(segment.text, colors, whole=force)
            self.parts[index] = (segment, widget)
        self._drop_from(len(segments))

    def _drop_from(self, index: int) -> None:
        for _, widget in self.parts[index:]:
            widget.deleteLater()
        del self.parts[index:]

    def toPlainText(self) -> str:
        texts = [widget.visible_text() if isinstance(widget, CodeBlock) else widget.toPlainText() for _, widget in self.parts]
        return "\n".join(texts)

    def code_blocks(self) -> list[CodeBlock]:
        return [widget for _, widget in self.parts if isinstance(widget, CodeBlock)]


class LostImage(QFrame):
    """Where a stored image that can no longer be read used to be, with a way to remove it."""

    removeRequested = Signal(str)  # the image's sha256

    def __init__(self, sha256: str, name: str, recording: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lost-image")
        self.sha256 = sha256
        missing = self.tr("{name}\nrecording missing") if recording else self.tr("{name}\nimage missing")
        label = QLabel(missing.format(name=name))
        label.setObjectName("message-status")
        label.setToolTip(self.tr(
            "{name} can no longer be read from the data folder; answers are written without it.").format(name=name))
        self.remove_button = QToolButton()
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(
            self.tr("Remove this lost recording from the message") if recording
            else self.tr("Remove this lost image from the message"))
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self.sha256))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(label)
        layout.addWidget(self.remove_button, 0, Qt.AlignLeft)


class MessageBubble(QFrame):
    copyRequested = Signal(str)
    imageClicked = Signal(bytes, str)
    lostImageRemoveRequested = Signal(str)  # sha256

    def __init__(self, role: str, text: str = "", status: str = "complete", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.setObjectName(f"bubble-{role}")
        self._text = text
        self.flashing = False
        header = QHBoxLayout()
        self.author = QLabel("<b>{}</b>".format(self.tr(_ROLE_NAMES.get(role, role))))
        self.status_label = QLabel()
        self.status_label.setObjectName("message-status")
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy this message"))
        self.copy_button.clicked.connect(lambda: self.copyRequested.emit(self._text))
        header.addWidget(self.author)
        header.addWidget(self.status_label)
        header.addStretch(1)
        self.actions = BubbleActions(role)
        header.addWidget(self.actions)
        header.addWidget(self.copy_button)
        self.editor: MessageEditor | None = None
        self.thumbnails = QHBoxLayout()
        self.thumbnails.addStretch(1)
        self.body = AnswerBody() if role == "model" else MarkdownText()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addLayout(header)
        layout.addLayout(self.thumbnails)
        layout.addWidget(self.body)
        self.apply_colors()
        self.set_text(text)
        self.set_status(status)

    @property
    def text(self) -> str:
        return self._text

    def visible_text(self) -> str:
        """What the reader sees in the bubble's body, as plain text."""
        return self.body.toPlainText()

    def set_text(self, text: str, whole: bool = False) -> None:
        """`whole`: an answer's Markdown rendered afresh, not only where it changed since the last call."""
        self._text = text
        if self.role == "model":
            self.body.set_markdown(text, force=whole)
        else:
            self.body.setPlainText(text)

    def apply_colors(self) -> None:
        """The bubble's own colours for the current palette (light or dark table)."""
        colors = surfaces()
        own = colors["bubble-user" if self.role == "user" else "bubble-model"]
        code = colors["code"]
        self.setStyleSheet(
            f"#bubble-{self.role} {{ background: {own.background}; border: 1px solid {own.border};"
            f" border-radius: 10px; }}"
            f" #bubble-{self.role} QLabel, #bubble-{self.role} QTextBrowser {{ color: {own.text};"
            f" background: transparent; }}"
            f" #bubble-{self.role} #message-status {{ color: {own.muted}; }}"
            f" #lost-image {{ border: 1px dashed {own.muted}; border-radius: 6px; }}"
            f" #code-block {{ background: {code.background}; border: 1px solid {code.border}; border-radius: 6px; }}"
            f" #code-block QTextBrowser {{ color: {code.text}; background: transparent; }}"
            f" #code-block #code-language {{ color: {code.muted}; }}"
        )
        self.body.set_background(own.background)
        if self.role == "model":
            self.body.set_markdown(self._text, force=True)

    def begin_edit(self) -> MessageEditor:
        """The message's text in an editor in place of its body, until `end_edit`."""
        self.end_edit()
        self.editor = MessageEditor(self._text)
        self.layout().addWidget(self.editor)
        self.editor.show()
        self.body.hide()
        self.editor.text_edit.setFocus()
        return self.editor

    def end_edit(self) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
            self.editor = None
        self.body.show()

    def flash(self, milliseconds: int = 1600) -> None:
        """An outline in the palette's highlight colour that goes away by itself."""
        colour = self.palette().color(QPalette.Highlight).name()
        self.setStyleSheet(self.styleSheet() + f" #bubble-{self.role} {{ border: 2px solid {colour}; }}")
        self.flashing = True
        QTimer.singleShot(milliseconds, self._end_flash)

    def _end_flash(self) -> None:
        self.flashing = False
        self.apply_colors()

    def set_status(self, status: str) -> None:
        self.status = status
        self.status_label.setText(self.tr(_STATUS_NOTES.get(status, "")) if status in _STATUS_NOTES else "")

    def add_thumbnail(self, content: bytes, name: str, size: int = 96) -> bool:
        """Shows the image; False when `content` is not an image Qt can read."""
        pixmap = QPixmap()
        if not content or not pixmap.loadFromData(content):
            return False
        label = QLabel()
        label.setPixmap(pixmap.scaled(size, size, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        label.setToolTip(self.tr("{name} — click to view full size").format(name=name))
        label.setCursor(Qt.PointingHandCursor)
        label.mousePressEvent = lambda _event: self.imageClicked.emit(content, name)
        self.thumbnails.insertWidget(self.thumbnails.count() - 1, label)
        return True

    def add_lost_image(self, sha256: str, name: str, recording: bool = False) -> LostImage:
        lost = LostImage(sha256, name, recording)
        lost.removeRequested.connect(self.lostImageRemoveRequested)
        self.thumbnails.insertWidget(self.thumbnails.count() - 1, lost)
        return lost

    def lost_images(self) -> list[LostImage]:
        return self.findChildren(LostImage)

    def drop_lost_image(self, sha256: str) -> None:
        for lost in self.lost_images():
            if lost.sha256 == sha256:
                self.thumbnails.removeWidget(lost)
                lost.setParent(None)
                lost.deleteLater()


class ChatView(QScrollArea):
    """Bubbles top to bottom; streaming text is re-rendered at most every 50 ms, less often when
    rendering costs more (see RenderPace), and only where it changed.

    With no messages it shows the welcome panel instead."""

    imageClicked = Signal(bytes, str)
    answerAvailable = Signal(bool)  # whether the last message is an answer (something to regenerate)
    cleared = Signal()
    bubbleAdded = Signal(object)  # MessageBubble

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setObjectName("chat-view")
        self.setFrameShape(QFrame.NoFrame)
        container = QWidget()
        container.setBackgroundRole(QPalette.Base)
        container.setAutoFillBackground(True)
        self.column = QVBoxLayout(container)
        self.column.setContentsMargins(16, 12, 16, 12)
        self.column.setSpacing(12)
        self.welcome = WelcomePanel()
        self.column.addWidget(self.welcome, 0, Qt.AlignHCenter)
        self.column.addStretch(1)
        self.setWidget(container)
        self.bubbles: list[MessageBubble] = []
        self._pending_text: str | None = None
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self._render_pending)
        self.pace = RenderPace()
        self.verticalScrollBar().rangeChanged.connect(self._follow_bottom)
        self._stick_to_bottom = True
        self._revealed: MessageBubble | None = None  # a search hit kept in view while the layout settles

    def clear(self) -> None:
        self._render_timer.stop()
        self.pace.stream_ends()
        self._revealed = None
        self._pending_text = None
        for bubble in self.bubbles:
            bubble.deleteLater()
        self.bubbles.clear()
        self._bubbles_changed()
        self.cleared.emit()

    def add_message(self, role: str, text: str = "", status: str = "complete") -> MessageBubble:
        bubble = MessageBubble(role, text, status)
        bubble.copyRequested.connect(lambda value: QGuiApplication.clipboard().setText(value))
        bubble.imageClicked.connect(self.imageClicked)
        self.column.insertWidget(self.column.count() - 1, bubble)
        self.bubbles.append(bubble)
        self._stick_to_bottom = True
        self._revealed = None
        self._bubbles_changed()
        self.bubbleAdded.emit(bubble)
        return bubble

    def add_notice(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("chat-notice")
        label.setWordWrap(True)
        self.column.insertWidget(self.column.count() - 1, label)
        return label

    def stream_text(self, text: str) -> None:
        """Show `text` as the last answer's content soon, without re-rendering on every token."""
        self.pace.token_arrives()
        self._pending_text = text
        if not self._render_timer.isActive():
            self._render_timer.start(self.pace.interval_ms())

    def finish_stream(self, text: str, status: str) -> None:
        """The answer's final text. Its Markdown is rendered whole once more: while streaming, only the
        blocks that changed were rewritten (to the same result, see MarkdownRenderer); the last
        render does not depend on that."""
        self._render_timer.stop()
        self.pace.stream_ends()
        self._pending_text = None
        if self.bubbles:
            self.bubbles[-1].set_text(text, whole=True)
            self.bubbles[-1].set_status(status)
        self._bubbles_changed()

    def reveal(self, index: int) -> None:
        """Scroll to the `index`th bubble and outline it for a moment (a search hit)."""
        if not 0 <= index < len(self.bubbles):
            return
        bubble = self.bubbles[index]
        self._stick_to_bottom = False
        # A chat just opened is laid out over the next few events (wrapped text finds its height,
        # the old chat's bubbles go): until the outline fades, each new scroll range re-aims.
        self._revealed = bubble
        self.widget().layout().activate()
        self._aim_at(bubble)
        bubble.flash()
        QTimer.singleShot(_REVEAL_SETTLE_MS, lambda: self._stop_revealing(bubble))

    def _aim_at(self, bubble: "MessageBubble") -> None:
        """The bubble's top a little below the top of the view (or as far as the chat scrolls)."""
        self.verticalScrollBar().setValue(bubble.mapTo(self.widget(), QPoint(0, 0)).y() - _REVEAL_MARGIN)

    def _stop_revealing(self, bubble: "MessageBubble") -> None:
        if self._revealed is bubble:
            self._revealed = None

    def remove_last(self) -> None:
        if self.bubbles:
            self.remove_at(len(self.bubbles) - 1)

    def remove_at(self, index: int) -> None:
        self.bubbles.pop(index).deleteLater()
        self._bubbles_changed()

    def has_answer(self) -> bool:
        return bool(self.bubbles) and self.bubbles[-1].role == "model"

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange):
            for bubble in self.bubbles:
                bubble.apply_colors()
            self.welcome.apply_colors()

    def _bubbles_changed(self) -> None:
        self.welcome.setVisible(not self.bubbles)
        answering = any(bubble.status == "generating" for bubble in self.bubbles)
        for bubble in self.bubbles:
            bubble.actions.set_busy(answering)
        self.answerAvailable.emit(self.has_answer())

    def _render_pending(self) -> None:
        if self._pending_text is not None and self.bubbles:
            self.pace.render_starts()
            self.bubbles[-1].set_text(self._pending_text)
        self._pending_text = None

    def _follow_bottom(self, _minimum: int, maximum: int) -> None:
        if self._revealed is not None:
            self._aim_at(self._revealed)
        elif self._stick_to_bottom:
            self.verticalScrollBar().setValue(maximum)
