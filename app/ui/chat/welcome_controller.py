"""Wires the welcome panel's example cards: a chat prompt fills the box, the image card asks for
an image, the dictation card opens Dictation."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.ui.chat.image_controller import no_projector_hint


class WelcomeController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        window.chat_view.welcome.exampleChosen.connect(self.use_example)

    def use_example(self, kind: str, prompt: str) -> None:
        window = self.window
        if kind == "dictation":
            window.dictation_panel.show()
            window.dictation_panel.raise_()
            return
        if kind == "image" and not window.images.vision_available:
            window.notice.show_message(no_projector_hint(), kind="warning")
            return
        window.composer.editor.setPlainText(prompt)
        window.composer.editor.setFocus()
        if kind == "image":
            window.images.pick_files()
