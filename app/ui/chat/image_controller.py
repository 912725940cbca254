"""Wires images in: drops, pastes and the file dialog fill the tray; presets ask about them.

Whatever is dropped gets a plain answer: a model file is offered to open as the model, a
recording goes to the audio controller, pictures beyond the free slots are named, not silently lost.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.chat.images import SUPPORTED_IMAGE_SUFFIXES, PreparedImage
from app.core.task_presets import DESCRIBE_IMAGE, EXTRACT_TEXT, TRANSLATE_IMAGE_TEXT
from app.ui.common.i18n import preset_prompt
from app.ui.chat.image_attachments import ImageLoader, local_paths, pasted_image
from app.ui.main_window_view import MainWindowView

# Notices about images, each taken down by the state that answers it.
VISION_NOTICE = "no-vision"  # cleared when a model that can see is loaded
ATTACH_NOTICE = "attach-image"  # cleared when an image lands in the tray
# "This image was not added" (unreadable, no room, already there): cleared by the next attempt at
# attaching, not by a good image of the same attempt, which must not hide its sibling's refusal.
NOT_ADDED_NOTICE = "image-not-added"


def no_projector_hint() -> str:
    return QCoreApplication.translate(
        "ImageController",
        "This model has no vision projector. Put its mmproj-….gguf next to the model file, "
        "or choose it with File ▸ Open projector…",
    )


AUDIO_SUFFIXES = frozenset({".wav", ".mp3", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".webm"})


def _names(paths: list[Path]) -> str:
    return ", ".join(path.name for path in paths)


class ImageController(QObject):
    modelFileOffered = Signal(Path)  # a dropped .gguf the user agreed to open as the model
    audioFilesOffered = Signal(list)  # dropped or pasted recordings, for the audio controller

    def __init__(self, view: MainWindowView, chat, max_images: int = 4) -> None:
        super().__init__(view)
        self.view = view
        self.chat = chat
        self.max_images = max_images
        self.vision_available = False
        self._preparing = 0  # images started but not yet back: they hold their slots
        self.loader = ImageLoader(self)
        self.loader.prepared.connect(self._prepared)
        self.loader.failed.connect(lambda message: self.view.notice.show_message(message, key=NOT_ADDED_NOTICE))
        self.loader.finishedOne.connect(self._finished_one)
        # Once a message goes, the user has moved on: a refused image is no longer news.
        chat.answerStarted.connect(lambda _request: self.view.notice.clear(NOT_ADDED_NOTICE))
        composer = view.composer
        composer.editor.imagesOffered.connect(self.offer)
        composer.presets.add_image_button.clicked.connect(self.pick_files)
        composer.presets.presetChosen.connect(self.use_preset)
        self.set_vision_available(False)

    def set_vision_available(self, available: bool, reason: str | None = None) -> None:
        self.vision_available = available
        self.unavailable_reason = reason or no_projector_hint()  # a server's reason, else the projector hint
        self.view.composer.presets.set_vision_available(available, self.unavailable_reason)
        if available:
            self.view.notice.clear(VISION_NOTICE)
        else:
            self.view.composer.tray.take_all()

    def offer(self, mime: QMimeData) -> bool:
        """Take what a drop or a paste carries. Returns whether anything was accepted."""
        paths = local_paths(mime)
        content = None if paths else pasted_image(mime)
        if not paths and content is None:
            return False
        self.view.notice.clear(NOT_ADDED_NOTICE)
        if paths:
            images = self._route_other_files(paths)
            return self.attach_files(images) or len(images) < len(paths)
        if not self._vision_ready() or not self._reserve_slots([self.tr("the pasted image")]):
            return False
        self._preparing += 1
        self.loader.load_bytes(content)
        return True

    def pick_files(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_IMAGE_SUFFIXES))
        paths, _ = QFileDialog.getOpenFileNames(
            self.view, self.tr("Attach images"), "", self.tr("Images ({patterns})").format(patterns=patterns))
        if paths:
            self.view.notice.clear(NOT_ADDED_NOTICE)
            self.attach_files([Path(path) for path in paths])

    def attach_files(self, paths: list[Path]) -> bool:
        """Prepare the images that fit in the free slots, first come first; name the rest."""
        if not paths or not self._vision_ready():
            return False
        taken = paths[: self._reserve_slots(paths)]
        for path in taken:
            self._preparing += 1
            self.loader.load_file(path)
        return bool(taken)

    def _route_other_files(self, paths: list[Path]) -> list[Path]:
        """Deal with the model files in a drop, hand the recordings on; return the rest (the images)."""
        images, recordings = [], []
        for path in paths:
            suffix = path.suffix.lower()
            if suffix == ".gguf" and "mmproj" in path.name.lower():
                self.view.notice.show_message(
                    self.tr("{name} is a vision projector, not an image: choose it with File ▸ Open projector…")
                    .format(name=path.name),
                    kind="warning", key=NOT_ADDED_NOTICE,
                )
            elif suffix == ".gguf":
                self._offer_model(path)
            elif suffix in AUDIO_SUFFIXES:
                recordings.append(path)
            else:
                images.append(path)
        if recordings:
            self.audioFilesOffered.emit(recordings)
        return images

    def _offer_model(self, path: Path) -> None:
        answer = QMessageBox.question(
            self.view, self.tr("Open model"),
            self.tr("{name} is a model file, not an image.\n\nOpen it as the chat model?").format(name=path.name),
        )
        if answer == QMessageBox.Yes:
            self.modelFileOffered.emit(path)

    def _vision_ready(self) -> bool:
        if not self.vision_available:
            self.view.notice.show_message(self.unavailable_reason, kind="warning", key=VISION_NOTICE)
        return self.vision_available

    def _reserve_slots(self, wanted: list) -> int:
        """How many of `wanted` fit; says which did not."""
        free = max(0, self.max_images - len(self.view.composer.tray.images()) - self._preparing)
        left_out = wanted[free:]
        if left_out:
            names = _names(left_out) if isinstance(left_out[0], Path) else left_out[0]
            self.view.notice.show_message(
                self.tr("A message can carry up to {limit} images; not added because they did not fit: {names}.")
                .format(limit=self.max_images, names=names),
                kind="warning", key=NOT_ADDED_NOTICE,
            )
        return min(free, len(wanted))

    def _finished_one(self) -> None:
        self._preparing = max(0, self._preparing - 1)

    def _prepared(self, image: PreparedImage) -> None:
        tray = self.view.composer.tray
        if len(tray.images()) >= self.max_images:
            self.view.notice.show_message(
                self.tr("A message can carry up to {limit} images; {name} was not added.")
                .format(limit=self.max_images, name=image.name), kind="warning", key=NOT_ADDED_NOTICE
            )
        elif not tray.add(image):
            self.view.notice.show_message(self.tr("{name} is already attached.").format(name=image.name), kind="info",
                                          key=NOT_ADDED_NOTICE)
        else:
            self.view.notice.clear(ATTACH_NOTICE)

    def use_preset(self, preset: str, language: str, send_now: bool) -> None:
        if not self.view.composer.tray.images():
            self.view.notice.show_message(
                self.tr("Attach an image first: drag it onto the window, paste it (Ctrl+V) or click Add image…"),
                kind="warning", key=ATTACH_NOTICE,
            )
            return
        settings = getattr(self.view, "settings", None)  # the window's SettingsModel
        in_ui_language = bool(settings and settings.current.appearance.prompts_in_ui_language)
        template = {"describe": DESCRIBE_IMAGE, "ocr": EXTRACT_TEXT}.get(preset, TRANSLATE_IMAGE_TEXT)
        prompt = preset_prompt(template, in_ui_language, language=language)
        if send_now:
            self.chat.send(prompt)
        else:
            self.view.composer.editor.setPlainText(prompt)
            self.view.composer.editor.setFocus()
