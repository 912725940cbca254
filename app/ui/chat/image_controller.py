"""Wires images in: drops, pastes and the file dialog fill the tray; presets ask about them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import QFileDialog

from app.core.chat.images import SUPPORTED_IMAGE_SUFFIXES, PreparedImage
from app.core.task_presets import DESCRIBE_IMAGE, EXTRACT_TEXT, translate_image_prompt
from app.ui.chat.image_attachments import ImageLoader
from app.ui.main_window_view import MainWindowView

# Notices about images, each taken down by the state that answers it.
VISION_NOTICE = "no-vision"  # cleared when a model that can see is loaded
ATTACH_NOTICE = "attach-image"  # cleared when an image lands in the tray
NO_PROJECTOR_HINT = (
    "This model has no vision projector. Put its mmproj-….gguf next to the model file, "
    "or choose it with File ▸ Open projector…"
)


class ImageController(QObject):
    def __init__(self, view: MainWindowView, chat, max_images: int = 4) -> None:
        super().__init__(view)
        self.view = view
        self.chat = chat
        self.max_images = max_images
        self.vision_available = False
        self.loader = ImageLoader(self)
        self.loader.prepared.connect(self._prepared)
        self.loader.failed.connect(lambda message: self.view.notice.show_message(message))
        composer = view.composer
        composer.editor.imagesOffered.connect(self.offer)
        composer.presets.add_image_button.clicked.connect(self.pick_files)
        composer.presets.presetChosen.connect(self.use_preset)
        self.set_vision_available(False)

    def set_vision_available(self, available: bool) -> None:
        self.vision_available = available
        self.view.composer.presets.set_vision_available(available, NO_PROJECTOR_HINT)
        if available:
            self.view.notice.clear(VISION_NOTICE)
        else:
            self.view.composer.tray.take_all()

    def offer(self, mime: QMimeData) -> bool:
        """Take images from a drop or a paste. Returns whether any were accepted."""
        if not self.vision_available:
            self.view.notice.show_message(NO_PROJECTOR_HINT, kind="warning", key=VISION_NOTICE)
            return False
        return self.loader.load_mime(mime) > 0

    def pick_files(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_IMAGE_SUFFIXES))
        paths, _ = QFileDialog.getOpenFileNames(self.view, "Attach images", "", f"Images ({patterns})")
        for path in paths:
            self.loader.load_file(Path(path))

    def _prepared(self, image: PreparedImage) -> None:
        tray = self.view.composer.tray
        if len(tray.images()) >= self.max_images:
            self.view.notice.show_message(
                f"A message can carry up to {self.max_images} images; {image.name} was not added.", kind="warning"
            )
            return
        tray.add(image)
        self.view.notice.clear(ATTACH_NOTICE)

    def use_preset(self, preset: str, language: str, send_now: bool) -> None:
        if not self.view.composer.tray.images():
            self.view.notice.show_message(
                "Attach an image first: drag it onto the window, paste it (Ctrl+V) or click Add image…",
                kind="warning", key=ATTACH_NOTICE,
            )
            return
        prompt = {"describe": DESCRIBE_IMAGE, "ocr": EXTRACT_TEXT}.get(preset) or translate_image_prompt(language)
        if send_now:
            self.chat.send(prompt)
        else:
            self.view.composer.editor.setPlainText(prompt)
            self.view.composer.editor.setFocus()
