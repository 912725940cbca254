"""The notice bar above the chat: the one place errors and notices show up.

Its own module, light to import: the model loader holds one from the start, before the window
that shows it is built (the first load starts first, see app/ui/application.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from app.ui.settings.appearance import surfaces


class NoticeBar(QWidget):
    """The one place errors and notices show up, above the chat, until dismissed or until the
    state that raised them is fixed: a notice shown with a `key` is taken down by `clear(key)`
    from whoever owns that state (a good model load clears a failed one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-bar")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.dismiss)
        self.key: str | None = None
        self.showing = False  # a message is up (on screen once the bar is in a window)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, kind: str = "error", key: str | None = None) -> None:
        self.key = key
        self.setProperty("kind", kind)
        self.setStyleSheet(notice_style_sheet(kind))
        self.label.setText(text)
        self.showing = True
        self._place()

    def clear(self, key: str) -> None:
        """What raised the notice `key` is fixed: take it down. Another notice shown since stays."""
        if self.key == key:
            self.dismiss()

    def dismiss(self) -> None:
        self.key = None
        self.showing = False
        self.hide()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.ParentChange:  # put in its window: a message waiting shows now
            self._place()
        return handled

    def _place(self) -> None:
        # Without a parent, show() would make the bar a window of its own: the model loader shows
        # notices from start-up on, before the window that holds the bar is built.
        if self.showing and self.parentWidget() is not None:
            self.show()


def notice_style_sheet(kind: str) -> str:
    """The notice's colours for its kind in the current theme (see appearance.SURFACES)."""
    colors = surfaces()
    surface = colors.get(f"notice-{kind}", colors["notice-warning"])
    return (
        f"#notice-bar {{ background: {surface.background}; border: 1px solid {surface.border}; border-radius: 4px; }}"
        f" #notice-bar QLabel, #notice-bar QToolButton {{ color: {surface.text}; background: transparent; }}"
    )
