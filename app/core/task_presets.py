"""One-click task prompts for images and speech. The user can always edit them.

The prompts are marked for translation but reach the model in English unless the user asks for
prompts in the UI language (Settings ▸ Appearance): Gemma answers best to the wording it was
trained on. The window picks the wording through `app.ui.common.i18n.preset_prompt`."""

from __future__ import annotations

from app.core.i18n import QT_TRANSLATE_NOOP

PRESET_CONTEXT = "TaskPreset"
LANGUAGE_CONTEXT = "Language"

# English names: what the model is asked for and what settings store; the window shows them
# translated (`app.ui.common.i18n.language_label`).
LANGUAGES = (
    QT_TRANSLATE_NOOP("Language", "English"), QT_TRANSLATE_NOOP("Language", "Spanish"),
    QT_TRANSLATE_NOOP("Language", "French"), QT_TRANSLATE_NOOP("Language", "German"),
    QT_TRANSLATE_NOOP("Language", "Italian"), QT_TRANSLATE_NOOP("Language", "Portuguese"),
    QT_TRANSLATE_NOOP("Language", "Dutch"), QT_TRANSLATE_NOOP("Language", "Polish"),
    QT_TRANSLATE_NOOP("Language", "Russian"), QT_TRANSLATE_NOOP("Language", "Ukrainian"),
    QT_TRANSLATE_NOOP("Language", "Turkish"), QT_TRANSLATE_NOOP("Language", "Arabic"),
    QT_TRANSLATE_NOOP("Language", "Hindi"), QT_TRANSLATE_NOOP("Language", "Bengali"),
    QT_TRANSLATE_NOOP("Language", "Chinese"), QT_TRANSLATE_NOOP("Language", "Japanese"),
    QT_TRANSLATE_NOOP("Language", "Korean"), QT_TRANSLATE_NOOP("Language", "Vietnamese"),
    QT_TRANSLATE_NOOP("Language", "Indonesian"), QT_TRANSLATE_NOOP("Language", "Thai"),
    QT_TRANSLATE_NOOP("Language", "Swahili"),
)

DESCRIBE_IMAGE = QT_TRANSLATE_NOOP("TaskPreset", "Describe this image in detail.")
EXTRACT_TEXT = QT_TRANSLATE_NOOP(
    "TaskPreset", "Extract all the text in this image. Reply with the text only, keeping its line breaks."
)
TRANSLATE_IMAGE_TEXT = QT_TRANSLATE_NOOP(
    "TaskPreset", "Translate the text in this image to {language}. Reply with the translation only."
)

TRANSCRIBE_AUDIO = QT_TRANSLATE_NOOP(
    "TaskPreset",
    "Transcribe this audio exactly, in the language that is spoken. Reply with the transcript only.",
)
TRANSLATE_AUDIO = QT_TRANSLATE_NOOP(
    "TaskPreset", "Translate what is said in this audio to {language}. Reply with the translation only."
)


def translate_image_prompt(language: str) -> str:
    return TRANSLATE_IMAGE_TEXT.format(language=language)


def speech_prompt(target_language: str | None) -> str:
    return TRANSLATE_AUDIO.format(language=target_language) if target_language else TRANSCRIBE_AUDIO
