"""Task presets reach the model in English unless the user asks for the UI's language."""

from __future__ import annotations

from app.core.task_presets import DESCRIBE_IMAGE, TRANSLATE_AUDIO, speech_prompt
from app.ui.common.i18n import language_label, preset_prompt


def test_presets_stay_english_by_default_in_a_translated_window(ui_language):
    ui_language("de")
    assert preset_prompt(DESCRIBE_IMAGE, in_ui_language=False) == "Describe this image in detail."
    assert preset_prompt(TRANSLATE_AUDIO, False, language="German") == speech_prompt("German")


def test_presets_in_the_ui_language_when_asked(ui_language):
    ui_language("de")
    assert preset_prompt(DESCRIBE_IMAGE, in_ui_language=True) == "Beschreibe dieses Bild ausführlich."
    ui_language("zh_CN")
    assert preset_prompt(TRANSLATE_AUDIO, True, language="German") == "将这段音频中所说的内容翻译成德语。只回复译文。"


def test_translation_targets_are_named_in_the_ui_language(ui_language):
    ui_language("zh_CN")
    assert language_label("Japanese") == "日语"
    ui_language("de")
    assert language_label("Japanese") == "Japanisch"
    ui_language("en")
    assert language_label("Japanese") == "Japanese"
