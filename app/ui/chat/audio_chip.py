"""The composer's audio chip (a recording waiting to be sent) and the line a bubble shows for one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

from app.core.chat.audio_clips import PreparedAudio, duration_text, recorded_duration, stored_audio_media
from app.core.storage.store import Attachment


def audio_caption(name: str, duration_s: float | None) -> str:
    return f"♪ {name}" + (f" · {duration_text(duration_s)}" if duration_s is not None else "")


class AudioChip(QWidget):
    """Holds at most one recording for the next message; ✕ takes it off."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audio-chip")
        self._audio: PreparedAudio | None = None
        self.label = QLabel()
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(self.tr("Remove this recording from the message"))
        self.remove_button.clicked.connect(self.take)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.hide()

    @property
    def audio(self) -> PreparedAudio | None:
        return self._audio

    def set_audio(self, audio: PreparedAudio) -> None:
        self._audio = audio
        self.label.setText(audio_caption(audio.name, audio.duration_s))
        self.label.setToolTip(self.tr("{name} goes with your next message").format(name=audio.name))
        self.show()
        self.changed.emit()

    def take(self) -> PreparedAudio | None:
        audio, self._audio = self._audio, None
        self.label.clear()
        self.hide()
        self.changed.emit()
        return audio


def show_audio_in_bubble(bubble, name: str, duration_s: float | None) -> QLabel:
    """A line under the message text naming the recording it carried."""
    label = QLabel(audio_caption(name, duration_s))
    label.setObjectName("audio-attachment")
    label.setToolTip(QCoreApplication.translate("AudioChip", "The recording sent with this message"))
    bubble.thumbnails.insertWidget(bubble.thumbnails.count() - 1, label)
    return label


def audio_attachments(audio: PreparedAudio | None) -> tuple[Attachment, ...]:
    return () if audio is None else (Attachment("audio", audio.sha256, audio.name),)


def stored_audio_of(message, store) -> tuple:
    """The engine's audio items for a stored message's recording (its ≤ 30-s chunks)."""
    items: tuple = ()
    for attachment in message.attachments:
        if attachment.kind == "audio":
            items += stored_audio_media(lambda sha=attachment.sha256: store.read_media(sha), attachment.name)
    return items


def show_stored_audio(bubble, attachment: Attachment, store) -> None:
    """The recording's line on its bubble; one deleted or damaged in the data folder shows as
    missing, with a way to remove it (the model's turn already goes on without it)."""
    try:
        duration = recorded_duration(store.read_media(attachment.sha256))
    except OSError:
        duration = None
    if duration is None:
        bubble.add_lost_image(attachment.sha256, attachment.name, recording=True)
        return
    show_audio_in_bubble(bubble, attachment.name, duration)
