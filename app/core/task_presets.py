"""One-click task prompts for images and speech. The user can always edit them."""

from __future__ import annotations

LANGUAGES = (
    "English", "Spanish", "French", "German", "Italian", "Portuguese", "Dutch", "Polish", "Russian",
    "Ukrainian", "Turkish", "Arabic", "Hindi", "Bengali", "Chinese", "Japanese", "Korean",
    "Vietnamese", "Indonesian", "Thai", "Swahili",
)

DESCRIBE_IMAGE = "Describe this image in detail."
EXTRACT_TEXT = "Extract all the text in this image. Reply with the text only, keeping its line breaks."
TRANSLATE_IMAGE_TEXT = "Translate the text in this image to {language}. Reply with the translation only."

TRANSCRIBE_AUDIO = "Transcribe this audio exactly, in the language that is spoken. Reply with the transcript only."
TRANSLATE_AUDIO = "Translate what is said in this audio to {language}. Reply with the translation only."


def translate_image_prompt(language: str) -> str:
    return TRANSLATE_IMAGE_TEXT.format(language=language)


def speech_prompt(target_language: str | None) -> str:
    return TRANSLATE_AUDIO.format(language=target_language) if target_language else TRANSCRIBE_AUDIO
