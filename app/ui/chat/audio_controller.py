"""Wires recordings into chat messages: the Attach audio action, the composer's button, drops and
pastes of audio files. A model that cannot hear gets the reason instead of a file picker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from app.core.chat.audio_clips import SUPPORTED_AUDIO_SUFFIXES, AudioClipError, PreparedAudio, read_audio_file
from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.common.background import run_in_background
from app.ui.common.i18n import error_text

AUDIO_NOTICE = "attach-audio"  # taken down when a recording lands in the composer
CANNOT_HEAR_NOTICE = "attach-audio-cannot-hear"  # taken down when a model that hears is loaded
NOT_LOADED_REASON = QT_TRANSLATE_NOOP(
    "AudioController", "Load a model that can hear (Gemma 3n with its audio encoder) to attach a recording.")


class AudioController(QObject):
    prepared = Signal(object)  # PreparedAudio, from the background decode
    failed = Signal(str)

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        self.unavailable_reason: str | None = self.tr(NOT_LOADED_REASON)
        self._preparing = 0
        self.action = QAction(self.tr("Attach audio…"), view)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.action.triggered.connect(self.pick_file)
        composer = view.composer
        composer.add_audio_button.clicked.connect(self.pick_file)
        self.prepared.connect(self._prepared)
        self.failed.connect(self._failed)
        self.set_hearing(self.tr(NOT_LOADED_REASON))

    def set_hearing(self, unavailable_reason: str | None) -> None:
        """None when the loaded model can hear; otherwise the sentence that says why not."""
        self.unavailable_reason = unavailable_reason
        available = unavailable_reason is None
        shortcut = self.action.shortcut().toString(QKeySequence.NativeText)
        tip = self.tr("Attach a recording (WAV, MP3, FLAC) to ask about it") if available else unavailable_reason
        for widget in (self.action, self.view.composer.add_audio_button):
            widget.setEnabled(available)
        self.action.setToolTip(f"{tip} ({shortcut})")
        self.view.composer.add_audio_button.setToolTip(tip)
        if not available and self.view.composer.audio_chip.audio is not None:
            self.view.composer.audio_chip.take()
        if available:
            self.view.notice.clear(CANNOT_HEAR_NOTICE)

    def pick_file(self) -> None:
        if not self._hearing_ready(None):
            return
        patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_AUDIO_SUFFIXES))
        path, _ = QFileDialog.getOpenFileName(
            self.view, self.tr("Attach a recording"), "", self.tr("Recordings ({patterns})").format(patterns=patterns))
        if path:
            self.attach_file(Path(path))

    def offer_files(self, paths: list[Path]) -> None:
        """Audio files from a drop or a paste: the first is attached, the others are named."""
        if not paths or not self._hearing_ready(paths[0]):
            return
        if len(paths) > 1:
            self.view.notice.show_message(
                self.tr("A message can carry one recording; not added: {names}.")
                .format(names=", ".join(p.name for p in paths[1:])), kind="warning")
        self.attach_file(paths[0])

    def attach_file(self, path: Path) -> None:
        self._preparing += 1

        def work() -> None:
            try:
                self.prepared.emit(read_audio_file(path))
            except AudioClipError as error:
                self.failed.emit(error_text(error))

        run_in_background(work)

    @property
    def busy(self) -> bool:
        return self._preparing > 0

    def _hearing_ready(self, path: Path | None) -> bool:
        if self.unavailable_reason is None:
            return True
        reason = self.unavailable_reason
        text = self.tr("{name} is a recording: it can go into a message, or into text with Dictation (Ctrl+D) ▸ "
                       "Transcribe a file…, once a model that hears is loaded. {reason}").format(
            name=path.name, reason=reason) if path else reason
        self.view.notice.show_message(text, kind="warning", key=CANNOT_HEAR_NOTICE)
        return False

    def _prepared(self, audio: PreparedAudio) -> None:
        self._preparing -= 1
        chip = self.view.composer.audio_chip
        if self.unavailable_reason is not None:
            return  # the model changed while the file was decoding
        if chip.audio is not None and chip.audio.sha256 != audio.sha256:
            self.view.notice.show_message(
                self.tr("{old} was replaced by {new}.").format(old=chip.audio.name, new=audio.name), kind="info")
        chip.set_audio(audio)
        self.view.notice.clear(AUDIO_NOTICE)

    def _failed(self, message: str) -> None:
        self._preparing -= 1
        self.view.notice.show_message(message, kind="warning", key=AUDIO_NOTICE)
