"""Settings are evented: whoever changes them goes through the SettingsModel, and the chat, the
loader and the look follow by subscription; nobody writes into the chat's fields."""

from __future__ import annotations

import json

from app.core.storage.settings import load_settings
from app.ui.settings.settings_model import SettingsModel


def test_a_change_reaches_the_chat_by_subscription_and_is_saved(qtbot, make_window, tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"generation": {"temperature": 0.7, "system_prompt": "Be kind."}}))
    window = make_window(load=False, settings=SettingsModel(path))
    assert (window.chat.sampling.temperature, window.chat.system_prompt) == (0.7, "Be kind.")
    bias = dict(window.chat.sampling.logit_bias)
    assert bias, "the tests' window bans end-of-turn through the chat's own logit bias"

    changed = window.settings.current
    changed.generation.temperature, changed.generation.top_k = 0.2, 12
    changed.generation.system_prompt = "Answer in one sentence."
    with qtbot.waitSignal(window.settings.changed) as emitted:
        window.settings.update(changed)
    old, new = emitted.args
    assert (old.generation.temperature, new.generation.temperature) == (0.7, 0.2)
    sampling = window.chat.sampling
    assert (sampling.temperature, sampling.top_k, sampling.logit_bias) == (0.2, 12, bias)
    assert window.chat.system_prompt == "Answer in one sentence."
    assert load_settings(path)[0].generation.system_prompt == "Answer in one sentence."


def test_current_is_a_copy_so_only_update_changes_the_settings(tmp_path):
    settings = SettingsModel(tmp_path / "settings.json")
    edited = settings.current
    edited.generation.temperature = 0.1
    assert settings.current.generation.temperature == 1.0
    assert not (tmp_path / "settings.json").exists()


def test_a_settings_file_that_cannot_be_written_is_said_and_the_change_holds(qtbot, make_window, tmp_path):
    from tests.ui.settings_support import window_with_settings

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the settings folder should be")
    window, _controller = window_with_settings(make_window, blocked / "settings.json")
    changed = window.settings.current
    changed.generation.temperature = 0.3
    window.settings.update(changed)
    assert window.notice.isVisible() and "settings" in window.notice.label.text().lower()
    assert window.chat.sampling.temperature == 0.3, "the change holds for this session"
