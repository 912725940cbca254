"""Core errors stay English on the command line and speak the UI's language in the window."""

from __future__ import annotations

import pytest

from app.core.errors import UserError
from app.core.hub.downloads import DownloadError
from app.core.storage.settings_rules import SettingsError, validate_value
from app.ui.common.i18n import error_text

TRANSLATED_ERROR = "{label} must not be empty"


def test_str_of_a_user_error_is_the_english_sentence():
    error = SettingsError(TRANSLATED_ERROR, label="speech.target_language")
    assert str(error) == "speech.target_language must not be empty"
    assert error.template == TRANSLATED_ERROR
    assert error.arguments == {"label": "speech.target_language"}


def test_a_message_without_arguments_is_taken_literally():
    assert str(UserError("Braces {stay} as typed.")) == "Braces {stay} as typed."
    assert error_text(UserError("Braces {stay} as typed.")) == "Braces {stay} as typed."


def test_a_real_core_error_carries_its_template():
    with pytest.raises(SettingsError) as caught:
        validate_value("appearance", "theme", "purple")
    assert caught.value.template and "{" in caught.value.template
    assert str(caught.value) == caught.value.template.format(**caught.value.arguments)


@pytest.mark.parametrize("language", ["de", "zh_CN"])
def test_the_window_shows_a_core_error_in_its_language(ui_language, language, monkeypatch):
    ui_language(language)
    # A translated entry of the UserError context, filled with the error's own arguments.
    from PySide6.QtCore import QCoreApplication
    error = SettingsError(TRANSLATED_ERROR, label="speech.target_language")
    translated = QCoreApplication.translate("UserError", TRANSLATED_ERROR)
    assert translated != TRANSLATED_ERROR, "translate the UserError context first"
    assert error_text(error) == translated.format(label="speech.target_language")
    assert "speech.target_language" in error_text(error)


def test_a_translation_that_does_not_fit_its_arguments_falls_back_to_english(monkeypatch):
    from PySide6.QtCore import QCoreApplication
    monkeypatch.setattr(QCoreApplication, "translate", staticmethod(lambda context, text, *rest: "{missing}"))
    error = DownloadError("Cannot create {folder}.", folder="/x")
    assert error_text(error) == "Cannot create /x."


def test_an_error_that_is_not_a_user_error_is_shown_as_is():
    assert error_text(OSError("disk on fire")) == "disk on fire"


@pytest.mark.parametrize("language", ["de", "zh_CN"])
def test_a_refusal_of_the_hub_reads_in_the_window_language(ui_language, language):
    import httpx
    from huggingface_hub import errors

    from app.core.hub.downloads import hub_error, kept_after_failure

    ui_language(language)
    error = hub_error(errors.GatedRepoError("401", response=httpx.Response(401, request=httpx.Request("GET", "https://hf.co"))), "google/gemma-3n-E2B-it", "model.safetensors", "https://hf.co")
    assert "google/gemma-3n-E2B-it" in error_text(error)
    assert "is gated" in str(error) and "is gated" not in error_text(error)
    kept = kept_after_failure(error, 10_000_000, 20_000_000)
    assert str(kept).startswith(str(error)) and error_text(kept).startswith(error_text(error))
    assert "is kept" not in error_text(kept)
