"""Wires the Model tab's "Audio encoder:" row: Gemma 3n's audio encoder, which libmtmd skips, can
be a file of its own. Automatic (found beside the model), one of the files found there, or a file
the user picks; only Gemma 3n models use it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QWidget

from app.core.models.memory_estimate import format_bytes
from app.core.models.library import InstalledModel
from app.core.models.projector_file import (
    AudioEncoderFile,
    ProjectorError,
    audio_encoders_beside,
    inspect_audio_encoder,
    likeliest_audio_encoder,
    projector_for,
)
from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.common.i18n import error_text
from app.ui.settings.appearance import message_style

CHOOSE_FILE = QT_TRANSLATE_NOOP("AudioEncoderChoice", "Choose file…")
NOT_GEMMA3N = QT_TRANSLATE_NOOP(
    "AudioEncoderChoice",
    "Only Gemma 3n models use a separate audio encoder; other models hear through their projector.")
GEMMA3N_TIP = QT_TRANSLATE_NOOP(
    "AudioEncoderChoice",
    "Gemma 3n's audio encoder, which llama.cpp does not run: the app runs it from this file")

# (parent widget, folder to start in) → the picked file, or None when cancelled.
ChooseFile = Callable[[QWidget, Path], "Path | None"]


def ask_for_gguf_file(parent: QWidget, folder: Path) -> Path | None:
    file, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("AudioEncoderChoice", "Choose Gemma 3n's audio encoder"),
                                          str(folder), QCoreApplication.translate("AudioEncoderChoice", "GGUF files (*.gguf)"))
    return Path(file) if file else None


def encoder_text(encoder: AudioEncoderFile) -> str:
    also = QCoreApplication.translate("AudioEncoderChoice", " · with a vision encoder") if encoder.has_vision else ""
    return f"{encoder.path.name}{also} · {format_bytes(encoder.size_bytes)}"


class AudioEncoderChoice(QObject):
    changed = Signal()  # the user chose another audio encoder

    def __init__(self, combo: QComboBox, note: QLabel, *, chosen: Path | None, chosen_for: Path | None,
                 choose_file: ChooseFile = ask_for_gguf_file, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.combo, self.note = combo, note
        self.choose_file = choose_file
        # A choice belongs to its model: another model starts on Automatic, and going back to one
        # brings its choice back.
        self._choices: dict[Path, Path] = {Path(chosen_for): Path(chosen)} if chosen and chosen_for else {}
        self._chosen: Path | None = None
        self._model: InstalledModel | None = None
        self._projector: Path | None = None
        self._previous_index = 0
        combo.activated.connect(self._activated)

    def chosen(self) -> Path | None:
        """The file the user chose, or None for automatic (and for models that do not use one)."""
        if self._model is None or self._model.architecture != "gemma3n":
            return None
        data = self.combo.currentData()
        return Path(data) if data else None

    def show_for(self, model: InstalledModel | None, projector: Path | None) -> None:
        """Fill the row for `model`, whose projector is `projector` (None: the one found beside it)."""
        if model is not None and (self._model is None or model.path != self._model.path):
            self._chosen = self._choices.get(model.path)
            self._say("")
        self._model, self._projector = model, projector
        combo = self.combo
        combo.clear()
        if model is None or model.architecture != "gemma3n":
            combo.addItem(self.tr("Automatic (not used by this model)") if model else self.tr("Automatic"), None)
            combo.setEnabled(False)
            combo.setToolTip(self.tr(NOT_GEMMA3N))
            return
        projector = projector_for(model.path, projector)
        found = audio_encoders_beside(model.path, exclude=projector)
        combo.addItem(self._automatic_text(found, projector), None)
        for encoder in found:
            combo.addItem(encoder_text(encoder), str(encoder.path))
        chosen = self._chosen
        if chosen is not None and combo.findData(str(chosen)) < 0:
            where = self.tr(" (not there any more)") if not chosen.exists() else f" — {chosen.parent}"
            combo.addItem(chosen.name + where, str(chosen))
        combo.addItem(self.tr(CHOOSE_FILE), None)
        # Paths go into combo boxes as text: QVariant compares Python objects by identity.
        combo.setCurrentIndex(max(combo.findData(str(chosen)), 0) if chosen is not None else 0)
        self._previous_index = combo.currentIndex()
        combo.setEnabled(True)
        combo.setToolTip(self.tr(GEMMA3N_TIP))

    def _automatic_text(self, found: list[AudioEncoderFile], projector: Path | None) -> str:
        automatic = likeliest_audio_encoder(found, self._model.path)
        if automatic is not None:
            return self.tr("Automatic — {file}").format(file=automatic.name)
        if projector is not None and _holds_audio_encoder(projector):
            return self.tr("Automatic — from the projector {file}").format(file=projector.name)
        return self.tr("Automatic (none found beside the model)")

    def _activated(self, index: int) -> None:
        if index == self.combo.count() - 1 and self.combo.itemText(index) == self.tr(CHOOSE_FILE):
            self._pick_file()
            return
        self._previous_index = index
        self._remember(Path(self.combo.itemData(index)) if self.combo.itemData(index) else None)
        self._say("")
        self.changed.emit()

    def _pick_file(self) -> None:
        self.combo.setCurrentIndex(self._previous_index)  # until a usable file is picked
        picked = self.choose_file(self.combo.window(), self._model.path.parent)
        if picked is None:
            return
        try:
            encoder = inspect_audio_encoder(picked)
        except ProjectorError as error:
            self._say(self.tr("{reason} The audio encoder was not changed.").format(reason=error_text(error)), error=True)
            return
        if encoder.text_width != self._model.embedding_length:
            self._say(self.tr("{file} makes {width}-wide audio embeddings but this model needs {needed}: it "
                              "belongs to another model. The audio encoder was not changed.").format(
                file=picked.name, width=encoder.text_width, needed=self._model.embedding_length), error=True)
            return
        self._remember(encoder.path)
        self.show_for(self._model, self._projector)
        self._say(self.tr("Audio encoder: {file}.").format(file=encoder.path.name))
        self.changed.emit()

    def _remember(self, chosen: Path | None) -> None:
        self._chosen = chosen
        if chosen is None:
            self._choices.pop(self._model.path, None)
        else:
            self._choices[self._model.path] = chosen

    def _say(self, text: str, error: bool = False) -> None:
        self.note.setStyleSheet(message_style("error") if error else "")
        self.note.setText(text)
        self.note.setVisible(bool(text))


def _holds_audio_encoder(path: Path) -> bool:
    try:
        inspect_audio_encoder(path)
    except ProjectorError:
        return False
    return True
