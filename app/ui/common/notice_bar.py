"""The notice bar above the chat: where the notice in force (app/ui/common/notices.py) shows up."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from app.ui.common.notices import Notices
from app.ui.settings.appearance import surfaces


class NoticeBar(QWidget):
    """Shows `notices` above the chat; its ✕ dismisses the notice. `show_message`, `clear` and
    `dismiss` are the notices' own, for the window's callers."""

    def __init__(self, notices: Notices | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notices = Notices(self) if notices is None else notices
        self.setObjectName("notice-bar")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.hide()
        self.notices.changed.connect(self._show_notice)
        self._show_notice()  # one raised before the bar was built (the first load's)

    @property
    def key(self) -> str | None:
        return self.notices.key

    def show_message(self, text: str, kind: str = "error", key: str | None = None) -> None:
        self.notices.show_message(text, kind, key)

    def clear(self, key: str) -> None:
        self.notices.clear(key)

    def dismiss(self) -> None:
        self.notices.dismiss()

    def _show_notice(self) -> None:
        notices = self.notices
        if notices.showing:
            self.setProperty("kind", notices.kind)
            self.setStyleSheet(notice_style_sheet(notices.kind))
            self.label.setText(notices.text)
        self._place()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.ParentChange:  # put in its window: a message waiting shows now
            self._place()
        return handled

    def _place(self) -> None:
        # Without a parent, show() would make the bar a window of its own: a bar is built, with
        # a notice already up, before the window's layout takes it.
        if not self.notices.showing:
            self.hide()
        elif self.parentWidget() is not None:
            self.show()


def notice_style_sheet(kind: str) -> str:
    """The notice's colours for its kind in the current theme (see appearance.SURFACES)."""
    colors = surfaces()
    surface = colors.get(f"notice-{kind}", colors["notice-warning"])
    return (
        f"#notice-bar {{ background: {surface.background}; border: 1px solid {surface.border}; border-radius: 4px; }}"
        f" #notice-bar QLabel, #notice-bar QToolButton {{ color: {surface.text}; background: transparent; }}"
    )
