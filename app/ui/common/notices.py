"""The notice in force: the one place errors and notices are kept, shown by the window's NoticeBar.

No widget here, only QtCore: the model loader holds the notices from start-up on, before the window
that shows them is built, and its first load starts before the widget modules are imported (see
app/ui/application.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Notices(QObject):
    """One notice at a time, until dismissed or until the state that raised it is fixed: a notice
    shown with a `key` is taken down by `clear(key)` from whoever owns that state (a good model
    load clears a failed one)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.kind = "error"
        self.key: str | None = None
        self.showing = False

    def show_message(self, text: str, kind: str = "error", key: str | None = None) -> None:
        self.text, self.kind, self.key, self.showing = text, kind, key, True
        self.changed.emit()

    def clear(self, key: str) -> None:
        """What raised the notice `key` is fixed: take it down. Another notice shown since stays."""
        if self.key == key:
            self.dismiss()

    def dismiss(self) -> None:
        self.key = None
        self.showing = False
        self.changed.emit()
