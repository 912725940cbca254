"""The composer's microphone: press to dictate, press again to stop; each chunk's transcript is
typed in at the cursor where dictation started, and nothing is sent on its own.

It drives the Dictation panel's own pipeline (same microphone, chunker, model and saved
session), so a composer dictation is also kept in the panel's history."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.speech.transcript_export import TranscriptSegment

IDLE_TIP = QT_TRANSLATE_NOOP(
    "ComposerMicrophone", "Dictate into the message box: press to start, press again to stop (the text is not sent)")


class ComposerMicrophone(QObject):
    def __init__(self, composer, dictation) -> None:
        super().__init__(composer)
        self.composer, self.dictation = composer, dictation
        self.button = composer.mic_button
        self.unavailable_reason: str | None = dictation.speech_unavailable
        self._cursor: QTextCursor | None = None  # where the transcript goes; it follows edits
        self._listening = False  # from start until the queue has answered every chunk
        self.button.clicked.connect(self.toggle)
        dictation.segmentFinished.connect(self._segment)
        dictation.queueDrained.connect(self._drained)
        self.set_hearing(self.unavailable_reason)

    @property
    def active(self) -> bool:
        return self._listening

    def set_hearing(self, unavailable_reason: str | None) -> None:
        self.unavailable_reason = unavailable_reason
        self.button.setEnabled(unavailable_reason is None)
        self._show_state()

    def toggle(self) -> None:
        if self.dictation.recording and self._listening:
            self.dictation.stop_recording()
        elif not self.dictation.recording and not self._listening:
            self._start()
        self._show_state()

    def _start(self) -> None:
        editor = self.composer.editor
        self._cursor = QTextCursor(editor.textCursor())
        self._cursor.clearSelection()
        self._listening = self.dictation.start_recording()

    def _segment(self, segment: TranscriptSegment) -> None:
        if not self._listening or self._cursor is None or not segment.text:
            return
        before = self._character_before()
        self._cursor.insertText(("" if before in ("", " ", "\n") else " ") + segment.text)
        self.composer.editor.setTextCursor(self._cursor)

    def _character_before(self) -> str:
        position = self._cursor.position()
        if position == 0:
            return ""
        return self.composer.editor.document().characterAt(position - 1)

    def _drained(self) -> None:
        if self._listening and not self.dictation.recording:
            self._listening = False
            self._cursor = None
            self._show_state()
            self.composer.editor.setFocus()

    def _show_state(self) -> None:
        recording = self._listening and self.dictation.recording
        self.button.setChecked(recording)
        if self.unavailable_reason is not None:
            self.button.setToolTip(self.unavailable_reason)
        elif recording:
            self.button.setToolTip(self.tr("Listening… press again to stop"))
        elif self._listening:
            self.button.setToolTip(self.tr("Writing down what was said…"))
        else:
            self.button.setToolTip(self.tr(IDLE_TIP))
