import json

import pytest

from app.core.remote.open_engine import server_from_settings
from app.core.remote.server_address import API_KEY_VARIABLE
from app.core.storage.settings import Settings, load_settings, save_settings
from app.core.storage.settings_rules import SettingsError, validate_value


def test_run_on_server_round_trips_without_any_key(tmp_path, monkeypatch):
    monkeypatch.setenv(API_KEY_VARIABLE, "sk-secret")
    settings = Settings()
    settings.model.run_on = "server"
    settings.model.server_url = "http://gpu-box.lan:8080"
    settings.model.server_model = "gemma-3n-E4B"
    path = save_settings(settings, tmp_path / "settings.json")
    text = path.read_text()
    assert "sk-secret" not in text and "key" not in text.lower()
    loaded, warnings = load_settings(path)
    assert warnings == []
    assert (loaded.model.run_on, loaded.model.server_url, loaded.model.server_model) == (
        "server", "http://gpu-box.lan:8080", "gemma-3n-E4B")
    server = server_from_settings(loaded.model)
    assert server.base_url == "http://gpu-box.lan:8080/v1" and server.model == "gemma-3n-E4B"
    assert server.api_key == "sk-secret"
    assert server_from_settings(loaded.model, api_key="sk-typed").api_key == "sk-typed"


def test_local_is_the_default_and_means_no_server():
    assert Settings().model.run_on == "local"
    assert server_from_settings(Settings().model) is None


@pytest.mark.parametrize(
    "name, value, words",
    [("run_on", "cloud", "must be one of local, server"), ("server_url", "ftp://x", "http:// or https://"),
     ("server_url", 8080, "must be text")],
)
def test_bad_values_are_refused_with_a_sentence(name, value, words):
    with pytest.raises(SettingsError, match=words):
        validate_value("model", name, value)


def test_a_bad_url_in_the_file_falls_back_with_a_warning(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"model": {"run_on": "server", "server_url": "gopher://old"}}))
    loaded, warnings = load_settings(path)
    assert loaded.model.server_url == "" and any("server_url" in str(w) for w in warnings)


def test_server_without_an_address_cannot_be_saved(tmp_path):
    settings = Settings()
    settings.model.run_on = "server"
    with pytest.raises(SettingsError, match="server_url is empty"):
        save_settings(settings, tmp_path / "settings.json")
