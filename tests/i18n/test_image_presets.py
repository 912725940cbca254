"""The composer's image presets in a translated window: the target languages are named in the UI's
language while the model gets the English name; the prompt is English unless Settings say otherwise."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from app.core.chat.images import prepare_image
from app.core.storage.store import ConversationStore
from app.core.task_presets import DESCRIBE_IMAGE, translate_image_prompt
from app.ui.main_window import MainWindow


def png_bytes() -> bytes:
    image = QImage(32, 32, QImage.Format_RGB32)
    image.fill(QColor("teal"))
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def window_with_an_image(qtbot) -> MainWindow:
    window = MainWindow(ConversationStore.in_folder(Path(tempfile.mkdtemp(prefix="gemma-desk-i18n-"))))
    qtbot.addWidget(window)
    window.images.set_vision_available(True)
    window.composer.tray.add(prepare_image(png_bytes(), name="teal.png"))
    return window


def test_target_languages_are_shown_translated_and_sent_in_english(qtbot, ui_language):
    ui_language("de")
    window = window_with_an_image(qtbot)
    presets = window.composer.presets
    index = presets.language.findData("Japanese")
    assert presets.language.itemText(index) == "Japanisch"
    presets.language.setCurrentIndex(index)
    with qtbot.waitSignal(presets.presetChosen) as chosen:
        presets.translate_button.click()
    assert chosen.args[:2] == ["translate", "Japanese"]
    window.images.use_preset("translate", "Japanese", send_now=False)
    assert window.composer.editor.toPlainText() == translate_image_prompt("Japanese")


def test_presets_follow_the_ui_language_when_the_setting_asks(qtbot, ui_language):
    ui_language("zh_CN")
    window = window_with_an_image(qtbot)
    current = window.settings.current
    window.settings.update(replace(current, appearance=replace(current.appearance, prompts_in_ui_language=True)))
    window.images.use_preset("describe", "", send_now=False)
    shown = window.composer.editor.toPlainText()
    assert shown != DESCRIBE_IMAGE and any("\u4e00" <= c <= "\u9fff" for c in shown)
    window.images.use_preset("translate", "Japanese", send_now=False)
    assert "日语" in window.composer.editor.toPlainText()
