"""Keyboard for dictation: F9 starts and stops, F8 held is push-to-talk.

Both are QActions on the window. A QAction only sees the press, so while F8 is held a filter
on the focused window's QWindow (every key event of that window passes it before reaching the
focused widget, and no other window's do) watches for the release. X11 key auto-repeat turns one long
hold into release/press pairs, not always flagged as auto-repeat, so a release only counts once
no press followed it within RELEASE_DEBOUNCE_MS.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

# X11 repeats every 25–40 ms and sends each release/press pair at the same instant; a person
# cannot let go and press again this fast.
RELEASE_DEBOUNCE_MS = 120


class DictationKeys(QObject):
    toggle = Signal()
    talkPressed = Signal()
    talkReleased = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.record_action = _action(window, self.tr("Record or stop dictation"), Qt.Key_F9)
        self.record_action.triggered.connect(self.toggle)
        self.talk_action = _action(window, self.tr("Push-to-talk (hold)"), Qt.Key_F8)
        self.talk_action.setEnabled(False)
        self.talk_action.triggered.connect(self._pressed)
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(RELEASE_DEBOUNCE_MS)
        self._release.timeout.connect(self._let_go)
        self.held = False
        self._watched: QObject | None = None

    def set_push_to_talk(self, enabled: bool) -> None:
        self.talk_action.setEnabled(enabled)
        if not enabled and self.held:
            self._let_go()

    def _pressed(self) -> None:
        if self._release.isActive():
            self._release.stop()  # auto-repeat: the key never went up
            return
        if self.held:
            return
        self.held = True
        # The window that has the keyboard: the main window, or the dictation panel floating on its own.
        focused = QApplication.activeWindow() or self.window
        self._watched = focused.windowHandle() or focused
        self._watched.installEventFilter(self)
        self.talkPressed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.KeyPress, QEvent.KeyRelease) or event.key() != Qt.Key_F8:
            return False
        if kind == QEvent.KeyRelease and not event.isAutoRepeat():
            self._release.start()
        elif kind == QEvent.KeyPress:
            self._release.stop()
        return False

    def _let_go(self) -> None:
        self._stop_watching()
        self.held = False
        self.talkReleased.emit()

    def _stop_watching(self) -> None:
        self._release.stop()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None

    def shutdown(self) -> None:
        self._stop_watching()


def _action(window: QWidget, text: str, key: Qt.Key) -> QAction:
    action = QAction(text, window)
    action.setShortcut(QKeySequence(key))
    action.setShortcutContext(Qt.WindowShortcut)
    action.setAutoRepeat(False)
    window.addAction(action)
    return action
