"""The dictation panel in the UI's language: translation targets named in it (stored in English),
and the task prompt to the model in English unless the user chose prompts in the UI language."""

from __future__ import annotations

import copy
from dataclasses import replace

import numpy as np

from app.core.speech.transcription import SpeechTask
from app.core.storage.settings import Settings
from app.core.storage.store import ConversationStore
from app.core.task_presets import speech_prompt
from app.ui.speech.dictation_controller import DictationController
from app.ui.speech.dictation_panel import DictationPanel
from tests.core.audio.fake_sounddevice import FakeSoundDevice


class Notices:
    def __init__(self) -> None:
        self.shown: list[str] = []

    def show_message(self, text: str, **_options) -> None:
        self.shown.append(text)


def make_dictation(qtbot, tmp_path, settings: Settings) -> DictationController:
    panel = DictationPanel()
    qtbot.addWidget(panel)
    store = ConversationStore.in_folder(tmp_path / "store")
    return DictationController(panel, None, store, Notices(), sounddevice=FakeSoundDevice([]), settings=settings)


def test_targets_are_named_in_the_ui_language_and_stored_in_english(qtbot, tmp_path, ui_language):
    ui_language("zh_CN")
    dictation = make_dictation(qtbot, tmp_path, Settings())
    combo = dictation.panel.task
    german = combo.findData("German")
    assert combo.itemText(german) == "翻译成德语"
    combo.setCurrentIndex(german)
    assert dictation.settings.speech.target_language == "German"
    dictation.refresh_devices()
    assert dictation.panel.device.itemText(0) == "没有麦克风"


def test_the_prompt_stays_english_unless_chosen(qtbot, tmp_path, ui_language):
    ui_language("de")
    settings = Settings()
    dictation = make_dictation(qtbot, tmp_path, settings)
    task = SpeechTask("French")
    assert dictation.prompt(task) == speech_prompt("French")
    assert dictation.prompt(SpeechTask(None)) == speech_prompt(None)
    in_german = copy.deepcopy(settings)
    in_german.appearance = replace(in_german.appearance, prompts_in_ui_language=True)
    dictation.apply_settings(in_german)
    prompt = dictation.prompt(task)
    assert "Französisch" in prompt and "French" not in prompt
    assert dictation.prompt(SpeechTask(None)) != speech_prompt(None)


def test_a_recording_is_titled_in_the_ui_language(qtbot, tmp_path, ui_language):
    ui_language("de")
    dictation = make_dictation(qtbot, tmp_path, Settings())
    assert dictation.session.record(SpeechTask(None)).title.startswith("Diktat ")


def test_a_recording_cut_short_by_quitting_says_so_in_the_ui_language(qtbot, tmp_path, ui_language):
    ui_language("de")
    dictation = make_dictation(qtbot, tmp_path, Settings())
    job = dictation.session.record(SpeechTask(None))
    seconds = np.arange(16_000 * 5) / 16_000
    job.feed((0.3 * np.sin(2 * np.pi * 440 * seconds)).astype(np.float32))
    dictation.shutdown()  # the window closes while recording
    [kept] = dictation.store.segments(job.transcription_id)
    assert kept.text.startswith("(nicht transkribiert") and kept.audio_sha256
