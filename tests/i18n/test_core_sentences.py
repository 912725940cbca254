"""Sentences the core raises for the window read in its language; the command line keeps English."""

from __future__ import annotations

import io

import numpy as np
import pytest
import soundfile

from app.ui.common.i18n import error_text


def _wav(samples: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, 16_000, format="WAV")
    return buffer.getvalue()


@pytest.mark.parametrize("language", ["de", "zh_CN"])
def test_a_recording_refused_in_a_message_reads_in_the_window_language(ui_language, language):
    from app.core.chat.audio_clips import AudioClipError, prepare_audio

    ui_language(language)
    with pytest.raises(AudioClipError) as silent:
        prepare_audio(_wav(np.zeros(16_000, dtype=np.float32)), "memo.wav")
    assert str(silent.value) == "memo.wav is silent: there is nothing in it to listen to."
    assert "memo.wav" in error_text(silent.value) and "silent" not in error_text(silent.value)

    with pytest.raises(AudioClipError) as too_long:
        prepare_audio(_wav(np.full(11 * 60 * 16_000, 0.1, dtype=np.float32)), "talk.wav")
    assert str(too_long.value).startswith("talk.wav is 11 minutes long; a recording in a message can be at most 10")
    assert "11" in error_text(too_long.value) and "minutes long" not in error_text(too_long.value)


def test_a_chat_that_could_not_be_exported_says_so_in_the_window_language(ui_language, tmp_path):
    from app.core.chat.export import ChatExportError, export_chat

    ui_language("de")
    target = tmp_path / "missing-folder" / "chat.md"
    (tmp_path / "missing-folder").write_text("a file where the folder should be")
    with pytest.raises(ChatExportError) as caught:
        export_chat(target, "Notes", [])
    assert str(caught.value).startswith(f"Could not write the chat to {target}: ")
    assert str(target) in error_text(caught.value) and "Could not write" not in error_text(caught.value)


def test_a_damaged_settings_file_is_reported_in_the_window_language(ui_language, tmp_path, qtbot):
    from app.ui.common.notices import Notices
    from PySide6.QtWidgets import QWidget

    from app.ui.settings.settings_controller import SETTINGS_NOTICE, SettingsController
    from app.ui.settings.settings_model import SettingsModel

    ui_language("de")
    path = tmp_path / "settings.json"
    path.write_text('{"generation": {"temperature": 5}, "appearance": 3}', encoding="utf-8")
    settings = SettingsModel(path)
    assert [str(w) for w in settings.warnings] == [
        "settings.json: generation.temperature must be between 0 and 2, got 5; using 1.0.",
        "settings.json: appearance must be an object; using the defaults for it.",
    ]
    notices = Notices()
    parent = QWidget()
    qtbot.addWidget(parent)
    SettingsController(settings, loader=None, notice=notices, parent=parent)
    assert notices.key == SETTINGS_NOTICE
    assert "settings.json" in notices.text and "using the defaults" not in notices.text
    assert "must be between" not in notices.text, "the value's own problem is translated too"


def test_settings_that_could_not_be_saved_are_reported_in_the_window_language(ui_language, tmp_path):
    from app.ui.settings.settings_model import SettingsModel

    ui_language("de")
    (tmp_path / "blocked").write_text("a file where the settings folder should be")
    settings = SettingsModel(tmp_path / "blocked" / "settings.json")
    said = []
    settings.saveFailed.connect(said.append)
    settings.update(settings.current)
    assert len(said) == 1 and "blocked" in said[0] and "Could not save" not in said[0]


def test_a_projector_left_out_is_explained_in_the_window_language(ui_language, tmp_path):
    from app.core.engine.options import LoadOptions
    from app.core.models.containment import vet_for_loading
    from app.core.models.demo import demo_model_path

    model = demo_model_path()
    if model is None:
        pytest.skip("the demo model is not installed")
    ui_language("de")
    # A language model chosen as the projector (the most common mix-up).
    vetted = vet_for_loading(LoadOptions(model_path=model, projector_path=model), projector_optional=True,
                             cache_path=tmp_path / "verdicts.json")
    assert vetted.options.projector_path is None
    assert str(vetted.projector_problem).startswith("The projector was left out, so the model answers text only: ")
    shown = error_text(vetted.projector_problem)
    assert model.name in shown and "was left out" not in shown and "not a vision/audio projector" not in shown


def test_a_model_file_that_is_missing_or_a_folder_is_reported_in_the_window_language(ui_language, tmp_path):
    from app.core.models.gguf_file import ModelFileError, inspect_model

    ui_language("de")
    missing = tmp_path / "gone" / "model.gguf"
    with pytest.raises(ModelFileError) as gone:
        inspect_model(missing)
    assert str(gone.value) == f"{missing} does not exist."
    assert str(missing) in error_text(gone.value) and "does not exist" not in error_text(gone.value)

    folder = tmp_path / "folder.gguf"
    folder.mkdir()
    with pytest.raises(ModelFileError) as not_a_file:
        inspect_model(folder)
    assert str(not_a_file.value) == f"{folder} is a folder, not a GGUF model file."
    assert "is a folder" not in error_text(not_a_file.value) and "GGUF model file" not in error_text(not_a_file.value)


def test_a_file_in_the_model_list_that_cannot_be_used_says_why_in_the_window_language(ui_language, tmp_path):
    from app.core.models.library import scan_models

    ui_language("de")
    (tmp_path / "notes.gguf").write_text("this is not a model")
    library = scan_models([tmp_path])
    reasons = {broken.path.name: broken.error for broken in library.broken}
    assert set(reasons) == {"notes.gguf"}
    assert "not a GGUF file" in str(reasons["notes.gguf"])
    assert "notes.gguf" in error_text(reasons["notes.gguf"]) and "not a GGUF file" not in error_text(reasons["notes.gguf"])


def test_an_audio_encoder_file_that_is_gone_is_reported_in_the_window_language(ui_language, tmp_path):
    from app.core.models.projector_file import ProjectorError, inspect_audio_encoder

    ui_language("de")
    for path, english in ((tmp_path / "gone.gguf", "does not exist"), (tmp_path, "is not a file")):
        with pytest.raises(ProjectorError) as caught:
            inspect_audio_encoder(path)
        assert str(caught.value) == f"{path} {english}."
        assert str(path) in error_text(caught.value) and english not in error_text(caught.value)


def test_a_damaged_image_of_an_earlier_message_is_explained_in_the_window_language(ui_language):
    from app.core.chat.chat_request import StoredImage
    from app.core.engine.engine_errors import MediaUnavailableError

    ui_language("de")
    image = StoredImage(lambda: b"not an image at all", "photo.png")
    with pytest.raises(MediaUnavailableError) as caught:
        image.prepared
    assert str(caught.value).startswith("photo.png could not be read: ")
    reason = str(caught.value).removeprefix("photo.png could not be read: ")
    assert "photo.png" in error_text(caught.value) and reason not in error_text(caught.value)


def test_the_audio_encoder_falling_back_to_numpy_is_told_in_the_window_language(ui_language, monkeypatch, tmp_path):
    from app.core.gemma3n_audio import choice, ggml_encoder
    from app.core.gemma3n_audio.ggml_api import GgmlUnavailable

    def unavailable(*args, **kwargs):
        raise GgmlUnavailable("no GPU backend")

    monkeypatch.setattr(ggml_encoder.GgmlAudioEncoder, "from_gguf", unavailable)
    monkeypatch.setattr(choice.Gemma3nAudioEncoder, "from_gguf", lambda *args, **kwargs: object())
    ui_language("de")
    chosen = choice.open_audio_encoder(tmp_path / "encoder.gguf", "gpu")
    assert str(chosen.fallback_reason) == (
        "Gemma 3n's audio encoder runs in numpy on the CPU: ggml cannot run it (no GPU backend).")
    assert "no GPU backend" in error_text(chosen.fallback_reason)
    assert "cannot run it" not in error_text(chosen.fallback_reason)
